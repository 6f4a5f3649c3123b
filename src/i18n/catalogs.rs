//! The theme's message catalogs: one TOML file per language below `catalogs/`, built
//! into the binary, each a flat table of label keys (plural forms as `<key>_one`, …).
//! TOML rather than Fluent: editors already write these keys in site.toml's `[labels]`
//! and in a site's own `i18n/<code>.toml`, in the one syntax they know, and the CLDR
//! plural categories Fluent would select on are the key suffixes here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A catalog: label key -> text.
pub(crate) type Catalog = BTreeMap<String, String>;

/// The built-in catalogs, by primary language subtag, as written in the files.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!("catalogs/en.toml")),
    ("fr", include_str!("catalogs/fr.toml")),
    ("de", include_str!("catalogs/de.toml")),
    ("es", include_str!("catalogs/es.toml")),
    ("ca", include_str!("catalogs/ca.toml")),
    ("pt", include_str!("catalogs/pt.toml")),
    ("ar", include_str!("catalogs/ar.toml")),
    ("zh", include_str!("catalogs/zh.toml")),
    ("ja", include_str!("catalogs/ja.toml")),
];

fn parsed() -> &'static BTreeMap<&'static str, Catalog> {
    static PARSED: OnceLock<BTreeMap<&'static str, Catalog>> = OnceLock::new();
    PARSED.get_or_init(|| {
        FILES
            .iter()
            // The files are tested below: each parses and fills every English key.
            .map(|(lang, text)| (*lang, toml::from_str::<Catalog>(text).unwrap_or_default()))
            .collect()
    })
}

/// The built-in catalog for a primary language subtag, if the theme has one.
pub(crate) fn built_in(lang: &str) -> Option<&'static Catalog> {
    parsed().get(lang)
}

/// The English catalog: every key there is.
pub(crate) fn english() -> &'static Catalog {
    &parsed()["en"]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalog_parses_and_fills_every_english_key() {
        for (lang, text) in FILES {
            let catalog: Catalog = toml::from_str(text).unwrap_or_else(|e| panic!("{lang}: {e}"));
            for key in english().keys().filter(|k| !super::super::is_plural_form(k)) {
                assert!(catalog.contains_key(key), "catalogs/{lang}.toml misses `{key}`");
            }
            for key in catalog.keys() {
                assert!(super::super::Labels::is_key(key), "catalogs/{lang}.toml: `{key}`?");
            }
        }
    }
}
