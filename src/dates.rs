//! Publication dates: reading the forms editors write, in the site's time zone,
//! and printing them for pages, feeds and metadata.

use jiff::{Timestamp, ZonedDateTime as Zoned, civil, tz::TimeZone};
use serde::Serialize;

/// A moment an article was published or updated, in the site's time zone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Published {
    /// The moment, in the site time zone.
    pub at: Zoned,
    /// False when only a day was given: pages then print no time of day.
    pub has_time: bool,
}

const HOW: &str = "write it as YYYY-MM-DD, optionally with a time (2025-04-12T09:30:00) and an offset (+02:00 or Z)";

/// Reads a date as written in front matter, a sidecar or a file name prefix.
/// No offset means the site's time zone.
pub(crate) fn parse(text: &str, tz: &TimeZone) -> Result<Published, String> {
    let text = text.trim();
    let bad = |why: &str| format!("cannot read date `{text}`: {why}");
    if text.is_empty() {
        return Err(bad(HOW));
    }
    let shape_ok = text.len() >= 10
        && text.as_bytes()[4] == b'-'
        && text.as_bytes()[7] == b'-'
        && text[..4].bytes().all(|b| b.is_ascii_digit());
    if !shape_ok {
        return Err(bad(HOW));
    }
    if text.len() == 10 {
        let date: civil::Date = text.parse().map_err(|_| bad("no such day in the calendar"))?;
        let at = date.to_zoned_datetime(tz.clone()).map_err(|e| bad(&e.to_string()))?;
        return Ok(Published { at, has_time: false });
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(Published { at: ts.to_zoned_datetime(tz.clone()), has_time: true });
    }
    match text.parse::<civil::DateTime>() {
        Ok(dt) => Ok(Published { at: local(dt, tz).map_err(|why| bad(&why))?, has_time: true }),
        Err(_) if text[..10].parse::<civil::Date>().is_err() => {
            Err(bad("no such day in the calendar"))
        }
        Err(_) => Err(bad(HOW)),
    }
}

/// A wall-clock time in `tz`; a time the clocks skip or show twice (daylight saving)
/// is refused, since only an offset can say which moment was meant.
fn local(dt: civil::DateTime, tz: &TimeZone) -> Result<Zoned, String> {
    use jiff::tz::AmbiguousOffset::{Fold, Gap, Unambiguous};
    let zone = tz.iana_name().unwrap_or("the site time zone");
    let ambiguous = tz.to_ambiguous_zoned_datetime(dt);
    match ambiguous.offset() {
        Unambiguous { .. } => ambiguous.unambiguous().map_err(|e| e.to_string()),
        Gap { before, after } => Err(format!(
            "{zone} skips this time when the clocks change; add the offset meant ({} or {})",
            hh_mm(before),
            hh_mm(after)
        )),
        Fold { before, after } => Err(format!(
            "this time happens twice in {zone} when the clocks change; add the offset meant ({} or {})",
            hh_mm(before),
            hh_mm(after)
        )),
    }
}

/// An offset as front matter writes it: `+01:00`.
fn hh_mm(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The `YYYY-MM-DD` prefix of a file name, if it has one that is a real day.
pub(crate) fn from_file_name(stem: &str, tz: &TimeZone) -> Option<Published> {
    let prefix = stem.get(..10)?;
    let rest = &stem[10..];
    if !(rest.is_empty() || rest.starts_with(['-', '_', ' ', '.'])) {
        return None;
    }
    parse(prefix, tz).ok()
}

/// Date forms that pages, feeds and metadata need, computed once per article.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// RFC 3339 with offset, for `<time datetime>`, JSON-LD, Atom, JSON Feed.
    pub iso: String,
    /// RFC 2822, for RSS.
    pub rfc2822: String,
    /// The calendar day, `YYYY-MM-DD`.
    pub day: String,
    /// `HH:MM` in the site time zone, when a time was given.
    pub time: Option<String>,
    /// Seconds since the epoch, for sorting in templates.
    pub epoch: i64,
}

impl Published {
    /// The forms templates and feeds print.
    pub fn view(&self) -> DateView {
        DateView {
            iso: self.at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            rfc2822: jiff::fmt::rfc2822::to_string(&self.at).unwrap_or_default(),
            day: self.at.date().to_string(),
            time: self.has_time.then(|| self.at.strftime("%H:%M").to_string()),
            epoch: self.at.timestamp().as_second(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> TimeZone {
        TimeZone::get("Europe/London").unwrap()
    }

    #[test]
    fn reads_a_day_in_the_site_zone() {
        let p = parse("2025-04-12", &london()).unwrap();
        assert!(!p.has_time);
        assert_eq!(p.view().iso, "2025-04-12T00:00:00+01:00");
    }

    #[test]
    fn reads_datetimes_with_and_without_offsets() {
        assert_eq!(
            parse("2025-04-12T09:30:00", &london()).unwrap().view().iso,
            "2025-04-12T09:30:00+01:00"
        );
        assert_eq!(
            parse("2025-04-12 09:30", &london()).unwrap().view().iso,
            "2025-04-12T09:30:00+01:00"
        );
        assert_eq!(
            parse("2025-04-12T09:30:00Z", &london()).unwrap().view().iso,
            "2025-04-12T10:30:00+01:00"
        );
        assert_eq!(
            parse("2025-04-12T09:30:00+04:00", &london()).unwrap().view().time.unwrap(),
            "06:30"
        );
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        assert_eq!(
            parse("2025-02-30", &london()).unwrap_err(),
            "cannot read date `2025-02-30`: no such day in the calendar"
        );
        assert!(parse("04/05/2025", &london()).unwrap_err().contains("write it as YYYY-MM-DD"));
        assert!(parse("2025-13-01T10:00:00", &london()).unwrap_err().contains("no such day"));
    }

    #[test]
    fn refuses_times_the_clocks_skip_or_repeat() {
        assert_eq!(
            parse("2025-03-30T01:30:00", &london()).unwrap_err(),
            "cannot read date `2025-03-30T01:30:00`: Europe/London skips this time when the clocks change; add the offset meant (+00:00 or +01:00)"
        );
        assert_eq!(
            parse("2025-10-26T01:30:00", &london()).unwrap_err(),
            "cannot read date `2025-10-26T01:30:00`: this time happens twice in Europe/London when the clocks change; add the offset meant (+01:00 or +00:00)"
        );
        assert_eq!(
            parse("2025-10-26T01:30:00+00:00", &london()).unwrap().view().time.unwrap(),
            "01:30"
        );
    }

    #[test]
    fn reads_file_name_prefixes() {
        assert!(from_file_name("2025-04-12-talks", &london()).is_some());
        assert!(from_file_name("2025-04-12", &london()).is_some());
        assert!(from_file_name("2025-04-123", &london()).is_none());
        assert!(from_file_name("000_388b9ae6836e88b8", &london()).is_none());
    }

    #[test]
    fn prints_rss_dates_with_the_right_weekday() {
        let p = parse("2025-04-12T18:00:00", &london()).unwrap();
        assert_eq!(p.view().rfc2822, "Sat, 12 Apr 2025 18:00:00 +0100");
    }
}
