//! site.toml -> `SiteConfig`: the digest's settings, checked once so later
//! stages can trust them. Reading the file is `load`'s only job; parsing and
//! checking work on text so tests can feed literals.

pub mod build;
pub mod catalogs;
pub mod deploy;
pub mod email;
pub mod images;
pub mod languages;
pub mod menus;
pub mod placement;
pub mod publisher;
pub mod redirects;

use crate::error::{Error, Result};
use crate::text::line_of;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The checked settings of one site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The digest's name, shown in every page header and in feeds.
    pub title: String,
    /// One sentence about the digest, for the front page and feeds.
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://example.github.io/digest/`; always ends in `/`.
    pub base_url: String,
    /// The site's language as a BCP 47 tag, e.g. `en`, `es`, `ar`.
    #[serde(default = "default_language")]
    pub language: String,
    /// IANA time zone name; dates without an offset are read in it, and editions follow its days.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// The output folder, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Byline used for articles that name no author.
    #[serde(default)]
    pub author: Option<String>,
    /// The publisher: a name (feeds, metadata; defaults to the title), or a
    /// `[publisher]` table with its details and policies.
    #[serde(default, deserialize_with = "publisher::deserialize")]
    pub publisher: Option<publisher::Publisher>,
    /// `[[menu.main]]`, `[[menu.footer]]`: the header's and footer's menus.
    #[serde(default)]
    pub menu: menus::MenusConfig,
    /// `[redirects]`: old paths that lead on to a page of the site or elsewhere.
    #[serde(default)]
    pub redirects: redirects::Redirects,
    /// Items per page on paginated lists.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// Entries of the output folder that a build keeps (never deletes).
    #[serde(default = "default_keep")]
    pub keep: Vec<String>,
    /// How Markdown bodies are read.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// How articles are grouped into editions.
    #[serde(default)]
    pub editions: EditionsConfig,
    /// Which feeds are written.
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// Full-text search.
    #[serde(default)]
    pub search: SearchConfig,
    /// Related-articles lists on article pages.
    #[serde(default)]
    pub related: RelatedConfig,
    /// The date archive's pages.
    #[serde(default)]
    pub archive: ArchiveConfig,
    /// Extra taxonomies beyond tags, authors and sources, e.g. `["sections"]`.
    #[serde(default)]
    pub taxonomies: Vec<String>,
    /// Overrides for built-in page text, by label key.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    /// The encoding seed files that are not UTF-8 are read in, e.g. `windows-1252`.
    #[serde(default)]
    pub encoding: Option<String>,
    /// The e-mail edition and `send`.
    #[serde(default)]
    pub email: email::EmailConfig,
    /// `[images]`: resized copies of pictures.
    #[serde(default)]
    pub images: images::ImagesConfig,
    /// `[[import]]`: feeds that `broadsheet import` with no argument refreshes.
    #[serde(default)]
    pub import: Vec<ImportFeed>,
    /// `[build]`: what a seed file that cannot be read does to the build.
    #[serde(default)]
    pub build: build::BuildConfig,
    /// `[deploy]`: where `broadsheet deploy` publishes the site.
    #[serde(default)]
    pub deploy: deploy::DeployConfig,
    /// `[languages.<code>]`: the languages the site is published in (empty: one, the
    /// site's `language`).
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, languages::LanguageConfig>,
    /// The site's own catalogs (`i18n/<code>.toml`), by language code, with their paths.
    #[serde(skip)]
    pub catalogs: std::collections::BTreeMap<String, (PathBuf, crate::i18n::Catalog)>,
    /// site.toml's `[labels]` as written; `labels` has the catalog under them.
    #[serde(skip)]
    pub own_labels: std::collections::BTreeMap<String, String>,
    /// How this language names topics (`[languages.<code>.terms]`): a term as the
    /// other languages write it -> its name here. Empty for a one-language site.
    #[serde(skip)]
    pub term_names: std::collections::BTreeMap<String, String>,
}

/// One `[[import]]` entry: another publication's feed taken into seeds/.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportFeed {
    /// The feed's URL, or a file relative to the site root.
    pub url: String,
    /// The source's name, credited on every item (default: the feed's own title).
    #[serde(default)]
    pub name: Option<String>,
    /// Tags added to every item, besides the item's own categories.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The section every item is filed under.
    #[serde(default)]
    pub section: Option<String>,
}

/// What to do with raw HTML inside Markdown bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Pass it through untouched (only for copy you fully trust).
    Allow,
    /// Keep safe markup, drop scripts, styles, event handlers and unsafe links.
    #[default]
    Sanitize,
    /// Show it as text.
    Escape,
}

/// `[markdown]`: how bodies are read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML policy.
    #[serde(default)]
    pub raw_html: RawHtml,
    /// Curly quotes, dashes and ellipses.
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig { raw_html: RawHtml::default(), smart_punctuation: true }
    }
}

/// How long one edition lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One edition per calendar day in the site time zone.
    #[default]
    Day,
    /// One edition per ISO week (Monday to Sunday).
    Week,
}

/// `[editions]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionsConfig {
    /// `day` or `week`.
    #[serde(default)]
    pub period: Period,
    /// How many of the latest editions the front page shows in full.
    #[serde(default = "one")]
    pub front_page: usize,
}

impl Default for EditionsConfig {
    fn default() -> Self {
        EditionsConfig { period: Period::Day, front_page: 1 }
    }
}

/// `[feeds]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedsConfig {
    /// Which formats: any of `rss`, `atom`, `json`.
    #[serde(default = "all_formats")]
    pub formats: Vec<String>,
    /// A feed per tag.
    #[serde(default = "yes")]
    pub per_tag: bool,
    /// A feed per edition. Off by default: a past edition never changes, and at
    /// newsroom scale edition feeds would be a large share of the site.
    #[serde(default)]
    pub per_edition: bool,
    /// Most items in one feed.
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Full article text in feeds (else the summary).
    #[serde(default = "yes")]
    pub full_content: bool,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            formats: all_formats(),
            per_tag: true,
            per_edition: false,
            limit: default_limit(),
            full_content: true,
        }
    }
}

/// `[search]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Build a search page and index.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Index only each article's first this many words (standfirst, subhead, then body;
    /// headlines always); 0 indexes them all.
    #[serde(default)]
    pub words: usize,
    /// The most articles a Pagefind bundle holds before its year is cut into runs of
    /// months: building a bundle takes memory in proportion to its articles.
    #[serde(default = "bundle_size")]
    pub bundle_size: usize,
    /// Which index: Pagefind's, the sharded one, or `auto` (Pagefind up to
    /// [`SHARDS_ABOVE`] articles, the sharded index above).
    #[serde(default)]
    pub index: SearchIndex,
}

/// Above this many articles, `index = "auto"` builds the sharded index.
pub const SHARDS_ABOVE: usize = 20_000;

/// `[search] index`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchIndex {
    /// Pagefind up to [`SHARDS_ABOVE`] articles, the sharded index above.
    #[default]
    Auto,
    /// Pagefind's index, in bundles (the `search` cargo feature; else the fallback index).
    Pagefind,
    /// The sharded index: a search loads only the files its words need.
    Shards,
}

fn bundle_size() -> usize {
    3000
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            words: 0,
            bundle_size: bundle_size(),
            index: SearchIndex::Auto,
        }
    }
}

/// `[related]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedConfig {
    /// Show related articles.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// How many at most.
    #[serde(default = "five")]
    pub count: usize,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig { enabled: true, count: 5 }
    }
}

/// `[archive]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveConfig {
    /// Headlines listed per month on a year page (the month's page lists them all);
    /// 0 lists them all there too.
    #[serde(default = "thirty")]
    pub year_headlines: usize,
}

impl Default for ArchiveConfig {
    fn default() -> Self {
        ArchiveConfig { year_headlines: thirty() }
    }
}

fn thirty() -> usize {
    30
}
fn yes() -> bool {
    true
}
fn one() -> usize {
    1
}
fn five() -> usize {
    5
}
fn default_limit() -> usize {
    20
}
fn all_formats() -> Vec<String> {
    vec!["rss".into(), "atom".into(), "json".into()]
}
fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
fn default_per_page() -> usize {
    10
}
fn default_keep() -> Vec<String> {
    vec![".git".into(), "CNAME".into()]
}

/// Reads and checks `path` (normally `<root>/site.toml`). `shown` is the name used in messages.
/// A missing file, or a missing folder, is reported with the folder that was searched.
pub fn load(path: &Path, shown: &Path) -> Result<SiteConfig> {
    match crate::fs::read_if_exists(path)? {
        Some(bytes) => {
            let mut config = SiteConfig::from_toml(shown, &bytes)?;
            config.read_catalogs(path.parent().unwrap_or(Path::new(".")))?;
            Ok(config)
        }
        None => {
            let dir = path.parent().unwrap_or(Path::new("."));
            Err(Error::NoSite { dir: dir.to_path_buf(), exists: dir.is_dir() })
        }
    }
}

impl SiteConfig {
    /// Parses and checks site.toml text; `path` is only for messages. An error about a
    /// top-level key that was written below a table says so, at that key's line.
    pub fn from_toml(path: &Path, bytes: &[u8]) -> Result<SiteConfig> {
        Self::parse(path, bytes).map_err(|err| match err {
            Error::Config { path, line, message } => {
                let text = String::from_utf8_lossy(bytes);
                let fields = placement::fields_of::<SiteConfig>();
                let (line, message) =
                    placement::explain(&text, fields, &message).unwrap_or((line, message));
                Error::Config { path, line, message }
            }
            other => other,
        })
    }

    fn parse(path: &Path, bytes: &[u8]) -> Result<SiteConfig> {
        let at = |line: usize, message: String| Error::Config { path: path.into(), line, message };
        let text = std::str::from_utf8(bytes)
            .map_err(|e| at(line_of(bytes, e.valid_up_to()), "site.toml is not UTF-8".into()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text.as_bytes(), s.start));
            let open =
                e.message().contains("array").then(|| crate::text::list_left_open(text, line));
            match open.flatten() {
                Some(opened) => {
                    let detail = e.message().trim();
                    at(opened, format!("{}; {detail}", crate::text::LIST_LEFT_OPEN))
                }
                None => at(line, explain_toml(e.message())),
            }
        })?;
        config.check().map_err(|(key, message)| at(check_line(text, key, &message), message))?;
        config.own_labels = config.labels.clone();
        config.deploy.check().map_err(|(key, message)| at(key_line(text, &key), message))?;
        config.menu.find_lines(text);
        config.redirects.find_lines(text);
        config.find_language_menu_lines(text);
        if let Some(p) = &mut config.publisher {
            p.lines = publisher::POLICIES.iter().map(|(k, _)| (*k, key_line(text, k))).collect();
            p.lines.insert("logo", key_line(text, "logo"));
        }
        config.menu.check().map_err(|(line, message)| at(line, message))?;
        if let Some(method) = Some(&config.email.signup.method)
            .filter(|m| !["post", "get"].contains(&m.to_ascii_lowercase().as_str()))
        {
            let message = format!("`method` must be `post` or `get`, got `{method}`");
            return Err(at(key_line(text, "method"), message));
        }
        Ok(config)
    }

    /// Checks values serde cannot; returns the offending key and a message.
    fn check(&mut self) -> std::result::Result<(), (&'static str, String)> {
        let url = self.base_url.trim().to_string();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
            return Err((
                "base_url",
                format!("`base_url` must be an absolute http(s) URL, got `{url}`"),
            ));
        }
        self.base_url = if url.ends_with('/') { url } else { format!("{url}/") };
        self.check_values()?;
        self.check_names()?;
        self.check_languages()
    }

    /// The time zone and numbers serde reads but cannot judge.
    fn check_values(&self) -> std::result::Result<(), (&'static str, String)> {
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            return Err((
                "timezone",
                format!(
                    "unknown time zone `{}` (use an IANA name such as `Europe/London`)",
                    self.timezone
                ),
            ));
        }
        if self.per_page == 0 {
            return Err(("per_page", "`per_page` must be at least 1".into()));
        }
        self.images.check()
    }

    /// Names that must be among the ones Broadsheet knows: taxonomies, labels, feed
    /// formats, encodings.
    fn check_names(&self) -> std::result::Result<(), (&'static str, String)> {
        if let Some(bad) = self.taxonomies.iter().find(|t| t.as_str() != "sections") {
            return Err((
                "taxonomies",
                format!(
                    "unknown taxonomy `{bad}`: tags, authors and sources are always built; `sections` (from each article's `section`) can be added"
                ),
            ));
        }
        if let Some(bad) = self.labels.keys().find(|k| !crate::i18n::Labels::is_key(k)) {
            return Err(("labels", unknown_label(bad)));
        }
        if let Some(bad) =
            self.feeds.formats.iter().find(|f| !["rss", "atom", "json"].contains(&f.as_str()))
        {
            return Err((
                "formats",
                format!("unknown feed format `{bad}` (use rss, atom or json)"),
            ));
        }
        if let Some(label) = &self.encoding
            && crate::encoding::fallback(label).is_none()
        {
            return Err((
                "encoding",
                format!(
                    "unknown encoding `{label}` (use a label such as `windows-1252`, `iso-8859-15` or `shift_jis`)"
                ),
            ));
        }
        Ok(())
    }

    /// The fallback encoding for seed files that are not UTF-8, if site.toml names one.
    pub fn fallback_encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.encoding.as_deref().and_then(crate::encoding::fallback)
    }

    /// The same settings with another base URL (from `--base-url`), checked.
    pub fn with_base_url(mut config: SiteConfig, url: &str) -> Result<SiteConfig> {
        config.base_url = url.to_string();
        config.check().map_err(|(_, message)| Error::Usage(format!("--base-url: {message}")))?;
        Ok(config)
    }

    /// The site's time zone (checked at load).
    pub fn tz(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone)
            .expect("time zone checked when the config was loaded")
    }

    /// The publisher's name.
    pub fn publisher_name(&self) -> &str {
        self.publisher.as_ref().and_then(|p| p.name.as_deref()).unwrap_or(&self.title)
    }
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into a hint naming
/// the nearest known key; other messages pass through.
pub fn explain_toml(message: &str) -> String {
    let message = message.trim();
    let Some(rest) = message.strip_prefix("unknown field `") else { return message.to_string() };
    let Some((key, expected)) = rest.split_once('`') else { return message.to_string() };
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match nearest(key, &known) {
        Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
        None => format!("unknown key `{key}`; known keys: {}", known.join(", ")),
    }
}

/// "unknown label `x`", with the label it likely meant, else the setting (a setting
/// misspelt below `[labels]` lands in it).
fn unknown_label(bad: &str) -> String {
    let known: Vec<&str> = crate::i18n::Labels::keys().collect();
    let label = nearest(bad, &known).map(|n| format!("; did you mean `{n}`?"));
    let setting = || {
        let fields = placement::fields_of::<SiteConfig>();
        nearest(bad, fields).map(|f| {
            format!(
                "; if you meant the setting `{f}`, move it above the first table: a key below `[labels]` is a label"
            )
        })
    };
    format!("unknown label `{bad}`{}", label.or_else(setting).unwrap_or_default())
}

/// The known name closest to `key`, if any is close enough to be a likely typo.
pub fn nearest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The line a failed check points at: for a table of free keys (`labels`), the line of
/// the key the message names inside that table; else the line of `key = …`.
/// A message naming a table first (`` `[languages.fr.terms]`: `ferries = "!!"` … ``)
/// points at that key inside that table.
fn check_line(text: &str, key: &str, message: &str) -> usize {
    let mut quoted = message.split('`').skip(1).step_by(2);
    let named = quoted.next().unwrap_or_default();
    let in_named_table = named.strip_prefix('[').and_then(|t| t.strip_suffix(']')).and_then(|t| {
        let inner = quoted.next()?.split('=').next()?.trim();
        placement::line_in_table(text, t, inner)
    });
    in_named_table
        .or_else(|| placement::line_in_table(text, key, named))
        .unwrap_or_else(|| key_line(text, key))
}

/// The 1-based line where `key = …` first appears, else 1.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig> {
        SiteConfig::from_toml(Path::new("site.toml"), text.as_bytes())
    }

    #[test]
    fn reads_minimal_config_with_defaults() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/d\"\n").unwrap();
        assert_eq!(c.base_url, "https://x.org/d/");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
        assert_eq!(c.keep, vec![".git", "CNAME"]);
    }

    #[test]
    fn rejects_unknown_key_naming_the_nearest() {
        let err =
            parse("title = \"T\"\nbase_url = \"https://x.org/\"\ntimezon = \"UTC\"\n").unwrap_err();
        assert_eq!(err.to_string(), "site.toml:3: unknown key `timezon`; did you mean `timezone`?");
    }

    #[test]
    fn rejects_unknown_key_in_a_table() {
        let err = parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[markdown]\nraw_htm = \"allow\"\n",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "site.toml:4: unknown key `raw_htm`; did you mean `raw_html`?");
    }

    #[test]
    fn rejects_unknown_time_zone() {
        let err = parse("title = \"T\"\nbase_url = \"https://x.org/\"\ntimezone = \"Mars/Base\"\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("site.toml:3: unknown time zone `Mars/Base`"), "{err}");
    }

    #[test]
    fn names_the_line_of_a_bad_deploy_setting() {
        let text = "title = \"T\"\nbase_url = \"https://x.org/\"\n[deploy]\ntarget = \"s3://b\"\nprune_limit = \"many\"\n";
        let err = parse(text).unwrap_err();
        assert!(err.to_string().starts_with("site.toml:5: `prune_limit` must be"), "{err}");
        let err = parse(&text.replace("prune_limit", "prune_limt")).unwrap_err();
        assert!(err.to_string().starts_with("site.toml:5: unknown key `prune_limt`"), "{err}");
    }

    #[test]
    fn rejects_relative_base_url() {
        let err = parse("title = \"T\"\nbase_url = \"/digest/\"\n").unwrap_err();
        assert!(err.to_string().contains("absolute http(s) URL"), "{err}");
    }
}
