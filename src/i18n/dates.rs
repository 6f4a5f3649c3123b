//! Days and months in the language's own words, from CLDR through ICU4X's
//! `icu_datetime` (compiled data): "4 December 2026", "4 décembre 2026", "2026年12月4日",
//! "décembre 2026". Always the Gregorian calendar, which news dates are kept in; the
//! locale's digits (Arabic-Indic for `ar`) as CLDR gives them.

use icu_calendar::Gregorian;
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::input::Date;
use icu_datetime::pattern::FixedCalendarDateTimeNames;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_locale_core::Locale;

/// The day and month formatters of one language.
#[derive(Debug)]
pub(super) struct Dates {
    day: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    month: Option<FixedCalendarDateTimeFormatter<Gregorian, YM>>,
}

impl Dates {
    /// The formatters for `language` (a BCP 47 tag). English with no region writes
    /// dates the international way (CLDR's `en-001`: "4 December 2026"); `en-US` writes
    /// "December 4, 2026".
    pub(super) fn new(language: &str) -> Dates {
        let tag = match language.to_ascii_lowercase().as_str() {
            "en" => "en-001",
            _ => language,
        };
        let locale: Option<Locale> = tag.parse().ok();
        let Some(locale) = locale else { return Dates { day: None, month: None } };
        let prefs = DateTimeFormatterPreferences::from(&locale);
        Dates { day: formatter(prefs, YMD::long()), month: formatter(prefs, YM::long()) }
    }

    /// A calendar day: "12 April 2025".
    pub(super) fn day(&self, date: jiff::civil::Date) -> String {
        let (y, m, d) = (i32::from(date.year()), date.month() as u8, date.day() as u8);
        match (&self.day, Date::try_new_gregorian(y, m, d)) {
            (Some(f), Ok(day)) => f.format(&day).to_string(),
            _ => date.to_string(),
        }
    }

    /// A month: "April 2025".
    pub(super) fn month(&self, year: i16, month: i8) -> String {
        match (&self.month, Date::try_new_gregorian(i32::from(year), month as u8, 1)) {
            (Some(f), Ok(first)) => f.format(&first).to_string(),
            _ => format!("{year}-{month:02}"),
        }
    }
}

/// A formatter for `fields` that always carries the language's digits. ICU4X 2.4 leaves
/// them out of Portuguese months ("dezembro de 2025"), whose year then fails to write.
fn formatter<F>(
    prefs: DateTimeFormatterPreferences,
    fields: F,
) -> Option<FixedCalendarDateTimeFormatter<Gregorian, F>>
where
    F: icu_datetime::scaffold::DateTimeMarkers
        + icu_datetime::scaffold::GetField<icu_datetime::fieldsets::enums::CompositeFieldSet>
        + Copy,
    icu_datetime::provider::Baked: icu_datetime::scaffold::AllFixedCalendarPatternDataMarkers<Gregorian, F>
        + icu_datetime::scaffold::AllFixedCalendarFormattingDataMarkers<Gregorian, F>,
    F::D: icu_datetime::scaffold::TypedDateDataMarkers<Gregorian>,
    F::T: icu_datetime::scaffold::TimeMarkers,
    F::Z: icu_datetime::scaffold::ZoneMarkers,
{
    let first = FixedCalendarDateTimeFormatter::try_new(prefs, fields).ok()?;
    let mut names = FixedCalendarDateTimeNames::from_formatter(prefs, first);
    names.include_decimal_formatter().ok()?;
    names.try_into_formatter(fields).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_days_and_months_as_cldr_does() {
        let d = jiff::civil::date(2026, 12, 4);
        let day = |lang: &str| Dates::new(lang).day(d);
        assert_eq!(day("en"), "4 December 2026");
        assert_eq!(day("en-US"), "December 4, 2026");
        assert_eq!(day("fr"), "4 décembre 2026");
        assert_eq!(day("de"), "4. Dezember 2026");
        assert_eq!(day("es"), "4 de diciembre de 2026");
        assert_eq!(day("pt-BR"), "4 de dezembro de 2026");
        assert_eq!(day("pt"), "4 de dezembro de 2026");
        assert_eq!(day("pl"), "4 grudnia 2026");
        assert_eq!(day("zh"), "2026年12月4日");
        assert_eq!(day("ja"), "2026年12月4日");
        assert_eq!(Dates::new("fr").month(2026, 12), "décembre 2026");
        assert_eq!(Dates::new("en").month(2025, 4), "April 2025");
        assert_eq!(Dates::new("pt").month(2025, 12), "dezembro de 2025");
        assert_eq!(Dates::new("pt-PT").month(2025, 12), "dezembro de 2025");
        // Each language's digits: Arabic-Indic in Egypt, Persian's own.
        assert_eq!(day("ar-EG"), "٤ ديسمبر ٢٠٢٦");
        assert_eq!(day("fa"), "۴ دسامبر ۲۰۲۶");
    }
}
