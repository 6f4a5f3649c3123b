//! The built-in page text in the site's language, from the theme's message catalogs
//! (`catalogs.rs`: English, French, German, Spanish, Portuguese, Arabic, Chinese and
//! Japanese), overridable by a site's own `i18n/<code>.toml` and label by label in
//! site.toml's `[labels]`; counted labels in the language's CLDR plural forms
//! (`plural.rs`) and dates in its CLDR words (`dates.rs`).

use std::collections::BTreeMap;
use std::sync::Arc;

mod catalogs;
#[cfg(test)]
mod cldr_check;
mod dates;
mod plural;

pub(crate) use catalogs::Catalog;

/// The page text of one site.
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    /// The language's CLDR plural rules, for counted labels.
    plurals: Option<Arc<icu_plurals::PluralRules>>,
    /// The language's CLDR day and month formats.
    dates: Arc<dates::Dates>,
    /// Label key -> text, after overrides.
    pub map: BTreeMap<String, String>,
}

impl Labels {
    /// Labels for `language`: the theme's catalog for its primary subtag over English
    /// (a language with no catalog reads English), with `overrides` (the site's
    /// `i18n/<code>.toml` and `[labels]`) applied.
    pub(crate) fn new(language: &str, overrides: &BTreeMap<String, String>) -> Labels {
        let mut map = catalogs::english().clone();
        if let Some(own) = catalogs::built_in(&primary(language)) {
            layer(&mut map, own);
        }
        layer(&mut map, overrides);
        let plurals = plural::rules(language).map(Arc::new);
        Labels { plurals, dates: Arc::new(dates::Dates::new(language)), map }
    }

    /// Keys a `[labels]` table may set, besides the plural forms `is_key` accepts.
    pub(crate) fn keys() -> impl Iterator<Item = &'static str> {
        catalogs::english().keys().map(String::as_str)
    }

    /// Whether `[labels]` may set `key`: a label, or a plural form of a counted one
    /// (`articles_count_one`, `min_read_few`).
    pub(crate) fn is_key(key: &str) -> bool {
        catalogs::english().contains_key(key) || is_plural_form(key)
    }

    /// One counted label in the form the language gives `n` (CLDR plural rules:
    /// `articles_count_one` for 1 in English), with `{n}` (and `{total}`) filled in.
    pub(crate) fn count(&self, key: &str, n: usize, total: usize) -> String {
        let form = plural::form(self.plurals.as_deref(), n);
        let formed = (form != "other").then(|| format!("{key}_{form}"));
        let text = formed.and_then(|k| self.map.get(&k)).or_else(|| self.map.get(key));
        text.map_or(String::new(), |t| {
            t.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
        })
    }

    /// A calendar day as the language writes it ("12 April 2025").
    pub(crate) fn day(&self, date: jiff::civil::Date) -> String {
        self.dates.day(date)
    }

    /// A month as the language writes it ("April 2025").
    pub(crate) fn month(&self, year: i16, month: i8) -> String {
        self.dates.month(year, month)
    }
}

/// Lays `over` on `map`. A counted label it sets brings its own plural forms: the
/// forms below it that `over` does not set go, so a German `articles_count` is never
/// read with the English `articles_count_one`.
fn layer(map: &mut BTreeMap<String, String>, over: &BTreeMap<String, String>) {
    for (k, v) in over {
        map.insert(k.clone(), v.clone());
        for form in plural::FORMS {
            let key = format!("{k}_{form}");
            if !over.contains_key(&key) {
                map.remove(&key);
            }
        }
    }
}

/// `articles_count_one`, `min_read_few`: a plural form of a counted label.
pub(crate) fn is_plural_form(key: &str) -> bool {
    let counted = |base: &str| catalogs::english().get(base).is_some_and(|v| v.contains("{n}"));
    plural::FORMS
        .iter()
        .any(|f| key.strip_suffix(f).and_then(|b| b.strip_suffix('_')).is_some_and(counted))
}

/// The labels a page in `language` shows in English because neither the theme nor
/// `overrides` has them in that language: empty for the languages the theme has
/// catalogs for.
pub(crate) fn untranslated(
    language: &str,
    overrides: &BTreeMap<String, String>,
) -> Vec<&'static str> {
    let lang = primary(language);
    if lang == "en" || catalogs::built_in(&lang).is_some() {
        return Vec::new();
    }
    Labels::keys().filter(|k| !is_plural_form(k) && !overrides.contains_key(*k)).collect()
}

/// `rtl` for languages written right to left, else `ltr`.
pub(crate) fn direction(language: &str) -> &'static str {
    match primary(language).as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

/// How many of the units `markdown::count_words` counts a reader gets through in a
/// minute of a text in `language`. Chinese and Japanese are counted a character at a
/// time: 255 characters a minute in Chinese and 357 in Japanese, the means the IReST
/// study measured (Trauzettel-Klosinski & Dietz, IOVS 53(9), 2012). Languages written
/// with spaces are counted in words: 230 a minute, a little under the 238 Brysbaert's
/// meta-analysis gives for silent reading of English non-fiction (J. Mem. Lang., 2019).
/// Thai, Lao, Khmer and Burmese are counted in the words ICU4X's dictionary finds, at
/// that rate: Brysbaert finds rates across languages follow the words a text needs, and
/// no published rate per character was found for these scripts.
pub(crate) fn reading_rate(language: &str) -> usize {
    match primary(language).as_str() {
        "zh" | "yue" => 255,
        "ja" => 357,
        _ => 230,
    }
}

fn primary(language: &str) -> String {
    language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reading_time_follows_the_script() {
        use crate::views::minutes;
        // 500 units: 2 minutes of Chinese characters, 3 of English words.
        assert_eq!((minutes(500, "zh"), minutes(500, "zh-Hant-TW"), minutes(500, "en")), (2, 2, 3));
        // 700 Japanese characters read in 2 minutes, Chinese ones in 3.
        assert_eq!((minutes(700, "ja"), minutes(700, "zh")), (2, 3));
        assert_eq!(minutes(0, "fr"), 1);
    }

    use super::*;

    #[test]
    fn prints_days_per_language() {
        let none = BTreeMap::new();
        let d = jiff::civil::date(2025, 4, 12);
        assert_eq!(Labels::new("en", &none).day(d), "12 April 2025");
        assert_eq!(Labels::new("es-MX", &none).day(d), "12 de abril de 2025");
        assert_eq!(Labels::new("zh", &none).day(d), "2025年4月12日");
        assert_eq!(Labels::new("de", &none).month(2025, 4), "April 2025");
    }

    #[test]
    fn overrides_win() {
        let mut o = BTreeMap::new();
        o.insert("home".to_string(), "Today".to_string());
        assert_eq!(Labels::new("fr", &o).map["home"], "Today");
        assert_eq!(Labels::new("fr", &o).count("page_of", 2, 5), "Page 2 sur 5");
    }

    #[test]
    fn counts_in_the_languages_plural_forms() {
        let none = BTreeMap::new();
        let en = Labels::new("en-GB", &none);
        assert_eq!(en.count("articles_count", 1, 0), "1 article");
        assert_eq!(en.count("articles_count", 0, 0), "0 articles");
        assert_eq!(en.count("min_read", 1, 0), "1 min read");
        let ar = Labels::new("ar", &none);
        assert_eq!(ar.count("articles_count", 2, 0), "مقالان");
        assert_eq!(ar.count("articles_count", 5, 0), "5 مقالات");
        assert_eq!(ar.count("articles_count", 12, 0), "12 مقالًا");
        assert_eq!(ar.count("articles_count", 100, 0), "100 مقال");
        // German has no `_one` form of its own: the English one does not leak in.
        assert_eq!(Labels::new("de", &none).count("articles_count", 1, 0), "1 Artikel");
        // Overriding a counted label drops the built-in forms it does not set too.
        let mut o = BTreeMap::new();
        o.insert("articles_count".to_string(), "{n} stories".to_string());
        assert_eq!(Labels::new("en", &o).count("articles_count", 1, 0), "1 stories");
        o.insert("articles_count_one".to_string(), "one story".to_string());
        assert_eq!(Labels::new("en", &o).count("articles_count", 1, 0), "one story");
        assert!(Labels::is_key("min_read_few") && !Labels::is_key("home_one"));
        assert!(Labels::is_key("search_result_one") && !is_plural_form("search_result_one"));
    }

    #[test]
    fn names_what_a_language_without_a_catalog_shows_in_english() {
        let none = BTreeMap::new();
        assert!(untranslated("fr-CA", &none).is_empty());
        let mut pl = BTreeMap::new();
        pl.insert("home".to_string(), "Strona główna".to_string());
        let missing = untranslated("pl", &pl);
        assert!(missing.contains(&"latest") && !missing.contains(&"home"));
        assert!(!missing.contains(&"articles_count_one"));
    }

    #[test]
    fn knows_right_to_left_languages() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("he-IL"), "rtl");
        assert_eq!(direction("en"), "ltr");
    }
}
