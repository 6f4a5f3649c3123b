//! `[languages.<code>]`: the languages one publication is written in. Each has its
//! own title, description, labels, menus and URL prefix; the site's `language` is
//! published at the root, the others under `/<code>/` unless a `prefix` says where.
//! This file checks the settings and derives each language's own `SiteConfig`;
//! `site::languages` splits the documents between them and links translations.
//!
//! Codes are BCP 47 tags checked and written in canonical case by `icu_locale_core`
//! (ICU4X, already in the build through `url`'s IDNA support): `pt-br` reads as `pt-BR`.

use super::SiteConfig;
use super::menus::MenusConfig;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One `[languages.<code>]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The publication's name in this language (default: the site's `title`).
    #[serde(default)]
    pub title: Option<String>,
    /// One sentence about the publication in this language.
    #[serde(default)]
    pub description: Option<String>,
    /// The language's name in itself, for the language switcher (default: a built-in
    /// name for common languages, else the code).
    #[serde(default)]
    pub name: Option<String>,
    /// The folder the language's pages go to: `""` is the root (default: the root for
    /// the site's `language`, the code for the others).
    #[serde(default)]
    pub prefix: Option<String>,
    /// Overrides for built-in page text in this language, by label key.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// `[[languages.<code>.menu.main]]`, `.footer`: this language's menus (default: the
    /// site's).
    #[serde(default)]
    pub menu: Option<MenusConfig>,
    /// `[languages.<code>.terms]`: tags and sections named in this language, a term as
    /// another language writes it -> its name here (`economy = "Économie"`).
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
}

/// One language of the site, checked: its code, where its pages go, its name, and the
/// settings its pages are built with.
#[derive(Debug, Clone)]
pub struct Language {
    /// The canonical BCP 47 code, e.g. `fr`, `pt-BR`.
    pub code: String,
    /// The folder of its pages, ending in `/`, or empty for the root.
    pub prefix: String,
    /// Its name in itself, e.g. `Français`.
    pub name: String,
}

/// The canonical form of the BCP 47 tag `code`, or `None` when it is not one.
pub fn canonical(code: &str) -> Option<String> {
    icu_locale_core::LanguageIdentifier::try_from_str(code.trim()).ok().map(|l| l.to_string())
}

const HINT: &str = "(use a BCP 47 tag such as `fr`, `pt-BR` or `zh-Hant`)";

/// Checks one `[languages.<code>]` table; its canonical code.
fn check_one(
    code: &str,
    lang: &LanguageConfig,
) -> std::result::Result<String, (&'static str, String)> {
    let Some(canon) = canonical(code) else {
        let message = format!("`[languages.{code}]`: `{code}` is not a language tag {HINT}");
        return Err(("languages", message));
    };
    if let Some(bad) = lang.labels.keys().find(|k| !known_label(k)) {
        return Err(("labels", format!("`[languages.{code}.labels]`: unknown label `{bad}`")));
    }
    let slug = |t: &str| crate::slugs::slugify(t, 60);
    if let Some((from, to)) =
        lang.terms.iter().find(|(k, v)| slug(k).is_empty() || slug(v).is_empty())
    {
        let message = format!(
            "`[languages.{code}.terms]`: `{from} = \"{to}\"` names no term (both sides need letters or digits)"
        );
        return Err(("terms", message));
    }
    if let Some(menu) = &lang.menu {
        menu.check().map_err(|(_, m)| ("menu", format!("`[languages.{code}]`: {m}")))?;
    }
    Ok(canon)
}

impl SiteConfig {
    /// Checks `[languages]`: codes, prefixes, labels. Keys become canonical codes, and
    /// the site's `language` is always among them.
    pub(super) fn check_languages(&mut self) -> std::result::Result<(), (&'static str, String)> {
        if self.languages.is_empty() {
            return Ok(());
        }
        let Some(default) = canonical(&self.language) else {
            let message = format!("`language` `{}` is not a language tag {HINT}", self.language);
            return Err(("language", message));
        };
        let mut checked = BTreeMap::new();
        for (code, lang) in std::mem::take(&mut self.languages) {
            let canon = check_one(&code, &lang)?;
            if checked.insert(canon.clone(), lang).is_some() {
                return Err(("languages", format!("`[languages]` names `{canon}` twice")));
            }
        }
        checked.entry(default.clone()).or_default();
        self.language = default;
        self.languages = checked;
        self.check_prefixes()
    }

    /// Each language publishes in a folder of its own.
    fn check_prefixes(&self) -> std::result::Result<(), (&'static str, String)> {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for lang in self.language_list() {
            let folder = lang.prefix.trim_end_matches('/');
            if !folder.is_empty() && crate::urls::OutPath::checked(folder).is_none() {
                let message = format!(
                    "`[languages.{}]`: `prefix` `{folder}` is not a folder name",
                    lang.code
                );
                return Err(("prefix", message));
            }
            if let Some(other) = seen.insert(lang.prefix.clone(), lang.code.clone()) {
                let at = if folder.is_empty() { "the root".into() } else { format!("`{folder}`") };
                let message = format!(
                    "`[languages.{other}]` and `[languages.{}]` both publish at {at}",
                    lang.code
                );
                return Err(("prefix", message));
            }
        }
        Ok(())
    }

    /// Notes the line of each language's menu entries: the line of its
    /// `[[languages.<code>.menu.<name>]]` header.
    pub(super) fn find_language_menu_lines(&mut self, text: &str) {
        for (code, lang) in &mut self.languages {
            let Some(menu) = &mut lang.menu else { continue };
            let headers = |name: &str| {
                let header = format!("[[languages.{code}.menu.{name}]]").to_ascii_lowercase();
                let lines = text.lines().enumerate();
                let found = lines.filter(|(_, l)| l.trim().to_ascii_lowercase() == header);
                found.map(|(i, _)| i + 1).collect::<Vec<_>>()
            };
            let (main, footer) = (headers("main"), headers("footer"));
            for (entry, line) in menu.main.iter_mut().flatten().zip(main) {
                entry.line = line;
            }
            for (entry, line) in menu.footer.iter_mut().zip(footer) {
                entry.line = line;
            }
        }
    }

    /// The site's languages, the site's `language` first, then by code; empty when
    /// site.toml has no `[languages]`.
    pub fn language_list(&self) -> Vec<Language> {
        let first = self.languages.get_key_value(&self.language);
        let rest = self.languages.iter().filter(|(code, _)| **code != self.language);
        first.into_iter().chain(rest).map(|(code, lang)| self.language_of(code, lang)).collect()
    }

    fn language_of(&self, code: &str, lang: &LanguageConfig) -> Language {
        let prefix = match &lang.prefix {
            Some(p) => p.trim_matches('/').to_string(),
            None if code == self.language => String::new(),
            None => code.to_string(),
        };
        let prefix = if prefix.is_empty() { prefix } else { format!("{prefix}/") };
        let name = lang.name.clone().unwrap_or_else(|| endonym(code).unwrap_or(code).to_string());
        Language { code: code.to_string(), prefix, name }
    }

    /// The `[redirects]` a language writes: those from a page in its folder to a page
    /// in its folder (`"/fr/blog/" = "/fr/sections/blog.html"`), made relative to it;
    /// the site's language writes every other one, as a site of one language does.
    fn redirects_of(&self, language: &Language) -> Vec<super::redirects::Redirect> {
        let list = self.language_list();
        let inside = |path: &str, prefix: &str| {
            !prefix.is_empty() && path.trim_start_matches('/').starts_with(prefix)
        };
        let home = |r: &super::redirects::Redirect| {
            list.iter().find(|l| inside(&r.from, &l.prefix) && inside(&r.to, &l.prefix))
        };
        let mine = |r: &&super::redirects::Redirect| match home(r) {
            Some(l) => l.code == language.code,
            None => language.code == self.language,
        };
        let strip = |path: &str| match inside(path, &language.prefix) {
            true => format!("/{}", &path.trim_start_matches('/')[language.prefix.len()..]),
            false => path.to_string(),
        };
        let own = self.redirects.0.iter().filter(mine);
        own.map(|r| {
            let mut r = r.clone();
            if home(&r).is_some() {
                r.from = strip(&r.from);
                r.to = strip(&r.to);
            }
            r
        })
        .collect()
    }

    /// The settings the pages in `code` are built with: the site's, with the
    /// language's title, description, labels and menus, and the base URL of its folder.
    pub fn for_language(&self, language: &Language) -> SiteConfig {
        let lang = self.languages.get(&language.code).cloned().unwrap_or_default();
        let mut config = self.clone();
        config.language = language.code.clone();
        config.base_url = format!("{}{}", self.base_url, language.prefix);
        config.title = lang.title.unwrap_or(config.title);
        config.description = lang.description.unwrap_or(config.description);
        config.labels = self.labels_for(&language.code, &lang.labels);
        config.redirects.0 = self.redirects_of(language);
        if let Some(menu) = lang.menu {
            config.menu = menu;
        }
        config.term_names = lang.terms;
        config
    }
}

fn known_label(key: &str) -> bool {
    crate::i18n::Labels::is_key(key)
}

/// The name of a common language in itself, by primary subtag.
fn endonym(code: &str) -> Option<&'static str> {
    let primary = code.split('-').next().unwrap_or(code);
    let name = match primary {
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "pt" => "Português",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "ru" => "Русский",
        "uk" => "Українська",
        "tr" => "Türkçe",
        "ar" => "العربية",
        "he" => "עברית",
        "fa" => "فارسی",
        "ur" => "اردو",
        "hi" => "हिन्दी",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "sw" => "Kiswahili",
        "ca" => "Català",
        "eu" => "Euskara",
        "gl" => "Galego",
        "sv" => "Svenska",
        "da" => "Dansk",
        "nb" | "no" => "Norsk",
        "fi" => "Suomi",
        "cs" => "Čeština",
        "el" => "Ελληνικά",
        "hu" => "Magyar",
        "ro" => "Română",
        "id" => "Bahasa Indonesia",
        "vi" => "Tiếng Việt",
        "th" => "ไทย",
        "bn" => "বাংলা",
        _ => return None,
    };
    Some(name)
}

#[cfg(test)]
mod tests {
    use crate::config::SiteConfig;
    use std::path::Path;

    #[test]
    fn a_language_is_named_in_itself_by_its_primary_subtag() {
        // tabi's Catalan showed as "ca" in the language switcher.
        assert_eq!(super::endonym("ca"), Some("Català"));
        assert_eq!(super::endonym("pt-br"), Some("Português"));
        assert_eq!(super::endonym("tlh"), None);
    }

    fn parse(extra: &str) -> crate::Result<SiteConfig> {
        let text = format!("title = \"T\"\nbase_url = \"https://x.org/\"\n{extra}");
        SiteConfig::from_toml(Path::new("site.toml"), text.as_bytes())
    }

    #[test]
    fn default_language_goes_to_the_root_and_the_others_under_their_code() {
        let c = parse("[languages.fr]\ntitle = \"Le T\"\n[languages.pt-br]\n").unwrap();
        let list = c.language_list();
        let got: Vec<(&str, &str, &str)> =
            list.iter().map(|l| (l.code.as_str(), l.prefix.as_str(), l.name.as_str())).collect();
        assert_eq!(
            got,
            [("en", "", "English"), ("fr", "fr/", "Français"), ("pt-BR", "pt-BR/", "Português")]
        );
        let fr = c.for_language(&list[1]);
        assert_eq!((fr.title.as_str(), fr.base_url.as_str()), ("Le T", "https://x.org/fr/"));
    }

    #[test]
    fn rejects_a_code_that_is_no_language_tag() {
        let err = parse("[languages.french_FR]\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "site.toml:1: `[languages.french_FR]`: `french_FR` is not a language tag (use a BCP 47 tag such as `fr`, `pt-BR` or `zh-Hant`)"
        );
    }

    #[test]
    fn a_redirect_within_a_languages_folder_is_that_languages() {
        let c = parse(
            "[languages.fr]\n[redirects]\n\"/fr/blog/\" = \"/fr/sections/blog.html\"\n\"/fr/ancien/\" = \"seeds/market.md\"\n\"/french/\" = \"/fr/index.html\"\n",
        )
        .unwrap();
        let list = c.language_list();
        let pairs = |k: usize| -> Vec<(String, String)> {
            let config = c.for_language(&list[k]);
            config.redirects.0.into_iter().map(|r| (r.from, r.to)).collect()
        };
        assert_eq!(pairs(1), [("/blog/".to_string(), "/sections/blog.html".to_string())]);
        let english = pairs(0);
        assert_eq!(english.len(), 2, "{english:?}");
        assert!(english.contains(&("/fr/ancien/".into(), "seeds/market.md".into())));
        assert!(english.contains(&("/french/".into(), "/fr/index.html".into())));
    }

    #[test]
    fn rejects_two_languages_at_one_prefix() {
        let err = parse("[languages.fr]\nprefix = \"\"\n").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("`[languages.en]` and `[languages.fr]` both publish at the root"),
            "{err}"
        );
    }

    #[test]
    fn rejects_an_unknown_label_of_a_language() {
        let err = parse("[languages.fr.labels]\nsearh = \"Chercher\"\n").unwrap_err();
        assert!(
            err.to_string().ends_with("`[languages.fr.labels]`: unknown label `searh`"),
            "{err}"
        );
    }

    #[test]
    fn no_languages_is_no_list() {
        assert!(parse("").unwrap().language_list().is_empty());
    }
}
