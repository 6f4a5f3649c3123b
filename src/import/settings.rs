//! A peer site's configuration, read for the few settings a digest carries over:
//! title, base URL, language, time zone and the permalink patterns its pages were
//! published under. Everything else in it is named as left behind.

use super::Peer;
use crate::content::extra::{Loose, Node};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// What the peer's configuration says that Broadsheet can use.
#[derive(Debug, Default)]
pub struct Settings {
    /// The file it came from, relative to the peer site.
    pub file: Option<PathBuf>,
    /// The site's title.
    pub title: Option<String>,
    /// Where it was published, ending in `/`.
    pub base_url: Option<String>,
    /// Its language (`en`, `en-us`).
    pub language: Option<String>,
    /// Its IANA time zone (Jekyll's `timezone`).
    pub timezone: Option<String>,
    /// Permalink patterns: (section or `""` for every post, pattern).
    pub permalinks: Vec<(String, String)>,
    /// Top-level keys that have no Broadsheet setting.
    pub unused: Vec<String>,
    /// Jekyll's collections other than `posts` (`docs`, `tutorials`).
    pub collections: Vec<String>,
    /// Jekyll's `exclude` list.
    pub exclude: Vec<String>,
    /// Hugo's and Zola's content folder (Hugo's default language's `contentDir`, or the
    /// folder mounted as `content`).
    pub content_dir: String,
    /// Scalar values pages may name: Jekyll's `site.X`, Hugo's `params.X`.
    pub values: Vec<(String, String)>,
    /// Menu entries the configuration declares.
    pub menus: Vec<MenuEntry>,
    /// Every language of a multilingual site, the default first (empty for one).
    pub languages: Vec<super::languages::PeerLanguage>,
    /// The taxonomies' folders (Hugo's `[taxonomies]`, `tags` and `categories` when it
    /// declares none; Zola's `taxonomies` names): an `_index.md` there describes a term,
    /// not a section.
    pub taxonomies: Vec<String>,
}

/// One entry of a peer's menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    /// `main`, `footer`.
    pub menu: String,
    /// The old URL or content path it links to.
    pub target: String,
    /// Its order.
    pub weight: i64,
}

impl Settings {
    /// The old site's time zone (UTC when it names none, or one unknown here).
    pub(super) fn time_zone(&self) -> jiff::tz::TimeZone {
        let named = self.timezone.as_deref().and_then(|t| jiff::tz::TimeZone::get(t).ok());
        named.unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

/// The configuration files each peer reads, in its order of preference.
fn candidates(peer: Peer) -> &'static [&'static str] {
    match peer {
        Peer::Jekyll => &["_config.yml", "_config.yaml", "_config.toml"],
        Peer::Hugo => &["hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml"],
        Peer::Zola => &["config.toml"],
    }
}

/// Reads the peer site's configuration at `src`; an absent one gives no settings.
pub fn read(peer: Peer, src: &Path) -> Result<Settings> {
    for name in candidates(peer) {
        let path = src.join(name);
        if let Some(bytes) = crate::fs::read_if_exists(&path)? {
            let text = String::from_utf8_lossy(&bytes);
            let table = parse(&path, &text)?;
            let mut settings = from_table(peer, &table);
            settings.file = Some(PathBuf::from(name));
            return Ok(settings);
        }
    }
    Ok(Settings { content_dir: "content".into(), ..Settings::default() })
}

fn parse(path: &Path, text: &str) -> Result<Node> {
    let bad = |message: String| Error::Article { path: path.into(), line: 1, message };
    let loose: Loose = if path.extension().is_some_and(|e| e == "toml") {
        toml::from_str(text).map_err(|e| bad(format!("invalid TOML: {}", e.message())))?
    } else if text.trim().is_empty() {
        Loose(Node::default())
    } else {
        serde_saphyr::from_str(text).map_err(|e| bad(format!("invalid YAML: {e}")))?
    };
    Ok(loose.0)
}

fn text(table: &Node, key: &str) -> Option<String> {
    table
        .get(key)
        .and_then(Node::as_text)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
}

/// A peer's config keys this import carries over, for the "not carried over" list.
const JEKYLL_KEYS: &[&str] = &[
    "exclude",
    "title",
    "name",
    "url",
    "baseurl",
    "lang",
    "locale",
    "timezone",
    "permalink",
    "collections",
    "description",
];
const HUGO_KEYS: &[&str] = &[
    "title",
    "baseURL",
    "languageCode",
    "defaultContentLanguage",
    "permalinks",
    "timeZone",
    "menu",
    "menus",
    "params",
    "module",
    "languages",
    "contentDir",
    "defaultContentLanguageInSubdir",
];
const ZOLA_KEYS: &[&str] = &["title", "base_url", "default_language", "description", "languages"];

/// A peer's title, base URL and language, as its config spells them.
fn named(peer: Peer, table: &Node) -> (Option<String>, Option<String>, Option<String>) {
    match peer {
        Peer::Jekyll => {
            let url = text(table, "url").unwrap_or_default();
            let base = text(table, "baseurl").unwrap_or_default();
            let joined = format!("{}/{}", url.trim_end_matches('/'), base.trim_matches('/'));
            let base_url = (!url.is_empty()).then_some(joined);
            let lang = text(table, "lang").or_else(|| text(table, "locale"));
            (text(table, "title").or_else(|| text(table, "name")), base_url, lang)
        }
        Peer::Hugo => {
            let lang =
                text(table, "languageCode").or_else(|| text(table, "defaultContentLanguage"));
            (text(table, "title"), text(table, "baseURL"), lang)
        }
        Peer::Zola => {
            (text(table, "title"), text(table, "base_url"), text(table, "default_language"))
        }
    }
}

fn from_table(peer: Peer, table: &Node) -> Settings {
    let (title, base_url, language) = named(peer, table);
    // A multilingual site's language is the code its files and folders are named by.
    let (default, languages) = super::languages::read(peer, table);
    let language = default.or(language);
    let used = match peer {
        Peer::Jekyll => JEKYLL_KEYS,
        Peer::Hugo => HUGO_KEYS,
        Peer::Zola => ZOLA_KEYS,
    };
    let unused = match table {
        Node::Table(entries) => {
            entries.iter().map(|(k, _)| k.clone()).filter(|k| !used.contains(&k.as_str())).collect()
        }
        _ => Vec::new(),
    };
    Settings {
        file: None,
        title,
        base_url: base_url.map(|u| format!("{}/", u.trim_end_matches('/'))),
        language: language.map(|l| l.replace('_', "-").to_ascii_lowercase()),
        timezone: text(table, "timezone").or_else(|| text(table, "timeZone")),
        permalinks: permalinks(peer, table),
        unused,
        collections: collections(peer, table),
        exclude: list(table.get("exclude")),
        content_dir: content_dir(peer, table),
        values: values(peer, table),
        menus: menus(table),
        languages,
        taxonomies: taxonomies(peer, table),
    }
}

/// The folders the peer's taxonomies are served from (`Settings::taxonomies`).
fn taxonomies(peer: Peer, table: &Node) -> Vec<String> {
    match (peer, table.get("taxonomies")) {
        (Peer::Hugo, Some(Node::Table(declared))) => {
            declared.iter().filter_map(|(_, plural)| plural.as_text()).map(String::from).collect()
        }
        (Peer::Hugo, _) => vec!["tags".into(), "categories".into()],
        (Peer::Zola, Some(Node::List(declared))) => declared
            .iter()
            .filter_map(|t| t.get("name").and_then(Node::as_text))
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

fn list(node: Option<&Node>) -> Vec<String> {
    match node {
        Some(Node::List(items)) => {
            items.iter().filter_map(Node::as_text).map(String::from).collect()
        }
        _ => Vec::new(),
    }
}

/// Jekyll's `collections:` names (a table or a list), `posts` left out.
fn collections(peer: Peer, table: &Node) -> Vec<String> {
    let names = match (peer, table.get("collections")) {
        (Peer::Jekyll, Some(Node::Table(entries))) => {
            entries.iter().map(|(k, _)| k.clone()).collect()
        }
        (Peer::Jekyll, other) => list(other),
        _ => Vec::new(),
    };
    names.into_iter().filter(|n| n != "posts").collect()
}

/// The folder the default language's content is served from.
fn content_dir(peer: Peer, table: &Node) -> String {
    if peer != Peer::Hugo {
        return "content".into();
    }
    let lang = text(table, "defaultContentLanguage").unwrap_or_else(|| "en".into());
    let by_language =
        table.get("languages").and_then(|l| l.get(&lang)).and_then(|l| l.get("contentDir"));
    let mounted = match table.get("module").and_then(|m| m.get("mounts")) {
        Some(Node::List(mounts)) => mounts
            .iter()
            .find(|m| m.get("target").and_then(Node::as_text) == Some("content"))
            .and_then(|m| m.get("source")),
        _ => None,
    };
    let dir = by_language.or(mounted).or_else(|| table.get("contentDir")).and_then(Node::as_text);
    dir.unwrap_or("content").trim_matches('/').to_string()
}

/// Scalar top-level values (Jekyll's `site.X`) and Hugo's `params` (`params.X`).
fn values(peer: Peer, table: &Node) -> Vec<(String, String)> {
    let scalars = |node: Option<&Node>, prefix: &str| -> Vec<(String, String)> {
        let Some(Node::Table(entries)) = node else { return Vec::new() };
        let text = |n: &Node| match n {
            Node::Text(t) => Some(t.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        entries.iter().filter_map(|(k, v)| Some((format!("{prefix}{k}"), text(v)?))).collect()
    };
    match peer {
        Peer::Jekyll => scalars(Some(table), "site."),
        Peer::Hugo => scalars(table.get("params"), ""),
        Peer::Zola => scalars(table.get("extra"), "config.extra."),
    }
}

/// Hugo's `[[menu.main]]` / `[[menus.main]]` entries (`pageRef` or `url`, `weight`).
fn menus(table: &Node) -> Vec<MenuEntry> {
    let mut out = Vec::new();
    for key in ["menu", "menus"] {
        let Some(Node::Table(menus)) = table.get(key) else { continue };
        for (menu, entries) in menus {
            let Node::List(entries) = entries else { continue };
            for (i, e) in entries.iter().enumerate() {
                let target = e.get("pageRef").or_else(|| e.get("url")).and_then(Node::as_text);
                let weight = match e.get("weight") {
                    Some(Node::Int(w)) => *w,
                    _ => i as i64 + 1,
                };
                if let Some(target) = target {
                    out.push(MenuEntry { menu: menu.clone(), target: target.to_string(), weight });
                }
            }
        }
    }
    out
}

/// Jekyll's `permalink` (and `collections.posts.permalink`), Hugo's `[permalinks]`.
fn permalinks(peer: Peer, table: &Node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match peer {
        Peer::Jekyll => {
            let posts = table.get("collections").and_then(|c| c.get("posts"));
            let pattern = posts
                .and_then(|p| p.get("permalink"))
                .or_else(|| table.get("permalink"))
                .and_then(Node::as_text);
            out.push((String::new(), pattern.unwrap_or("date").to_string()));
            for name in collections(peer, table) {
                let own = table
                    .get("collections")
                    .and_then(|c| c.get(&name))
                    .and_then(|c| c.get("permalink"));
                let pattern =
                    own.and_then(Node::as_text).unwrap_or("/:collection/:path:output_ext");
                out.push((name, pattern.to_string()));
            }
        }
        Peer::Hugo => {
            if let Some(Node::Table(entries)) = table.get("permalinks") {
                for (section, pattern) in entries {
                    match pattern {
                        Node::Text(p) => out.push((section.clone(), p.clone())),
                        // Hugo 0.112's `[permalinks.page]` form.
                        Node::Table(kinds) if section == "page" => out.extend(
                            kinds
                                .iter()
                                .filter_map(|(s, p)| Some((s.clone(), p.as_text()?.to_string()))),
                        ),
                        _ => {}
                    }
                }
            }
        }
        Peer::Zola => {}
    }
    out
}

/// The site.toml a digest of these settings starts with.
/// `sections`: the site has section front pages (`_index.md`), kept as section pages.
pub fn site_toml(settings: &Settings, sections: bool) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let title = settings.title.as_deref().unwrap_or("My digest");
    let base = settings.base_url.as_deref().unwrap_or("https://example.github.io/digest/");
    let mut out = format!("title = {}\nbase_url = {}\n", quoted(title), quoted(base));
    if let Some(lang) = &settings.language {
        out.push_str(&format!("language = {}\n", quoted(lang)));
    }
    let tz = settings.timezone.as_deref().filter(|tz| jiff::tz::TimeZone::get(tz).is_ok());
    out.push_str(&format!("timezone = {}\n", quoted(tz.unwrap_or("UTC"))));
    if sections {
        out.push_str("taxonomies = [\"sections\"]\n");
    }
    out.push_str(&super::languages::site_toml(&settings.languages));
    out
}

/// A `[redirects]` table of (old path, target) pairs; empty when there are none.
pub fn redirects_table(redirects: &[(String, String)]) -> String {
    if redirects.is_empty() {
        return String::new();
    }
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::from(
        "\n# The old site's section pages: each old path leads on to its page here.\n[redirects]\n",
    );
    for (from, to) in redirects {
        out.push_str(&format!("{} = {}\n", quoted(from), quoted(to)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_jekyll_settings() {
        let table = parse(
            Path::new("_config.yml"),
            "title: Blog\nurl: https://a.org\nbaseurl: /b\nlang: en_US\ntimezone: Europe/Paris\npermalink: pretty\ntheme: minima\n",
        )
        .unwrap();
        let s = from_table(Peer::Jekyll, &table);
        assert_eq!(s.base_url.as_deref(), Some("https://a.org/b/"));
        assert_eq!(s.language.as_deref(), Some("en-us"));
        assert_eq!(s.permalinks, [(String::new(), "pretty".to_string())]);
        assert_eq!(s.unused, ["theme"]);
        assert!(site_toml(&s, false).contains("timezone = \"Europe/Paris\""));
    }

    #[test]
    fn reads_hugo_permalinks() {
        let table = parse(
            Path::new("hugo.toml"),
            "baseURL = 'https://h.org/'\ntitle = 'H'\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
        )
        .unwrap();
        let s = from_table(Peer::Hugo, &table);
        assert_eq!(s.permalinks, [("posts".to_string(), "/:year/:month/:slug/".to_string())]);
        assert_eq!(
            site_toml(&s, false),
            "title = \"H\"\nbase_url = \"https://h.org/\"\ntimezone = \"UTC\"\n"
        );
    }
}
