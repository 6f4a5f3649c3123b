//! The headers each object gets: `Content-Type` from the shared media-type table, and
//! `Cache-Control` by kind of file (long and `immutable` for files named by their
//! content, short for pages, feeds and sitemaps, an hour for other assets), both
//! overridable per glob in `[deploy.headers]`.

use crate::config::deploy::HeaderRule;
use std::collections::BTreeMap;

/// Files whose names change whenever their bytes do: cached for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages, feeds and sitemaps: they change with every edition.
const SHORT: &str = "public, max-age=300";
/// Other assets (the stylesheet, scripts, the favicon): stable names, rare changes.
const ASSET: &str = "public, max-age=3600";

/// Folders of files named by their content: picture copies and Pagefind's chunks.
const CONTENT_NAMED: &[&str] =
    &["images/", "pagefind/fragment/", "pagefind/index/", "pagefind/filter/"];
/// Extensions of pages and of the documents that change with them.
const SHORT_LIVED: &[&str] = &["html", "htm", "xml", "rss", "atom", "json", "txt", "webmanifest"];

/// The headers one object is uploaded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Headers {
    pub(crate) content_type: String,
    pub(crate) cache_control: String,
}

impl Headers {
    /// One line that changes when either header does (kept in the deploy manifest).
    pub(crate) fn fingerprint(&self) -> String {
        format!("{}\n{}", self.content_type, self.cache_control)
    }
}

/// The `[deploy.headers]` overrides, longest pattern first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    globs: Vec<(glob::Pattern, HeaderRule)>,
}

impl Rules {
    /// The rules of `[deploy.headers]` (patterns were checked when site.toml was read).
    pub(crate) fn new(headers: &BTreeMap<String, HeaderRule>) -> Rules {
        let mut globs: Vec<_> = headers
            .iter()
            .filter_map(|(glob, rule)| Some((glob::Pattern::new(glob).ok()?, rule.clone())))
            .collect();
        globs.sort_by_key(|(p, _)| std::cmp::Reverse(p.as_str().len()));
        Rules { globs }
    }

    /// The headers of the output path `path`.
    pub(crate) fn headers(&self, path: &str) -> Headers {
        let options = glob::MatchOptions { require_literal_separator: true, ..Default::default() };
        let rule = self.globs.iter().find(|(p, _)| p.matches_with(path, options)).map(|(_, r)| r);
        let content_type = rule.and_then(|r| r.content_type.clone());
        let cache_control = rule.and_then(|r| r.cache_control.clone());
        Headers {
            content_type: content_type.unwrap_or_else(|| crate::media_type::content_type(path)),
            cache_control: cache_control.unwrap_or_else(|| cache_control_of(path).into()),
        }
    }
}

/// The default `Cache-Control` of the output path `path`.
fn cache_control_of(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    if CONTENT_NAMED.iter().any(|dir| path.starts_with(dir)) {
        IMMUTABLE
    } else if SHORT_LIVED.contains(&ext.as_str()) {
        SHORT
    } else {
        ASSET
    }
}

/// True for pages, which go up after every asset they might link to.
pub(crate) fn is_page(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_named_files_are_immutable_and_pages_short() {
        let rules = Rules::default();
        assert_eq!(rules.headers("images/a-640.k2x.webp").cache_control, IMMUTABLE);
        assert_eq!(rules.headers("articles/a.html").cache_control, SHORT);
        assert_eq!(rules.headers("feed.xml").cache_control, SHORT);
        assert_eq!(rules.headers("assets/style.css").cache_control, ASSET);
        assert_eq!(rules.headers("index.html").content_type, "text/html; charset=utf-8");
    }

    #[test]
    fn the_longest_matching_glob_overrides() {
        let rule = |cc: &str| HeaderRule { cache_control: Some(cc.into()), content_type: None };
        let table = BTreeMap::from([
            ("**/*.html".to_string(), rule("no-cache")),
            ("archive/**/*.html".to_string(), rule("max-age=86400")),
            (
                "*.pdf".to_string(),
                HeaderRule { cache_control: None, content_type: Some("x/y".into()) },
            ),
        ]);
        let rules = Rules::new(&table);
        assert_eq!(rules.headers("index.html").cache_control, "no-cache");
        assert_eq!(rules.headers("a/b.html").cache_control, "no-cache");
        assert_eq!(rules.headers("archive/2025/index.html").cache_control, "max-age=86400");
        let pdf = rules.headers("r.pdf");
        assert_eq!((pdf.content_type.as_str(), pdf.cache_control.as_str()), ("x/y", ASSET));
        assert_eq!(rules.headers("docs/r.pdf").content_type, "application/pdf");
    }
}
