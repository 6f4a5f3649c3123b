//! Counted labels — "1 article", "2 articles", and Arabic's six forms — chosen by the
//! CLDR plural rules of the language (ICU4X's `icu_plurals`, with its compiled CLDR
//! data). A counted label's key names its `other` form; `<key>_one`, `_two`, `_few`,
//! `_many` and `_zero` name the others, each set (in the catalogs) only where the
//! language has it.

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The forms besides `other`, as label-key suffixes.
pub(crate) const FORMS: [&str; 5] = ["zero", "one", "two", "few", "many"];

/// The CLDR plural rules for `language` (a BCP 47 tag); the root rules (every number
/// `other`) for a tag CLDR does not know.
pub(super) fn rules(language: &str) -> Option<PluralRules> {
    let locale: Locale = language.parse().ok()?;
    PluralRules::try_new((&locale).into(), Default::default()).ok()
}

/// The form `n` takes: `one`, `few`, …, or `other`.
pub(super) fn form(rules: Option<&PluralRules>, n: usize) -> &'static str {
    match rules.map(|r| r.category_for(n)) {
        Some(PluralCategory::Zero) => "zero",
        Some(PluralCategory::One) => "one",
        Some(PluralCategory::Two) => "two",
        Some(PluralCategory::Few) => "few",
        Some(PluralCategory::Many) => "many",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_follow_cldr() {
        let en = rules("en");
        assert_eq!(form(en.as_ref(), 1), "one");
        assert_eq!(form(en.as_ref(), 0), "other");
        let fr = rules("fr-CA");
        assert_eq!(form(fr.as_ref(), 0), "one");
        let ar = rules("ar");
        let got: Vec<&str> = [0, 1, 2, 3, 11, 100].map(|n| form(ar.as_ref(), n)).to_vec();
        assert_eq!(got, ["zero", "one", "two", "few", "many", "other"]);
        let pl = rules("pl");
        assert_eq!([1, 2, 5, 22].map(|n| form(pl.as_ref(), n)), ["one", "few", "many", "few"]);
        assert_eq!(form(rules("zh-Hant").as_ref(), 1), "other");
    }
}
