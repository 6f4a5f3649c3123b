//! The headers each object gets: `Content-Type` from the shared media-type table, and
//! `Cache-Control` by kind of file (long and `immutable` for files named by their
//! content, short for pages, feeds and sitemaps, an hour for other assets), both
//! overridable per glob in `[deploy.headers]`; `Content-Encoding: gzip` for text files
//! when `[deploy] compress` is on; and, for a redirect page, the address it sends
//! readers to (`x-amz-website-redirect-location`, which S3's website endpoints answer
//! with a 301; stores without it serve the page itself, which redirects too).

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
/// Extensions of text files worth compressing (pictures and Pagefind's chunks are
/// compressed already).
const TEXT: &[&str] =
    &["html", "htm", "xml", "rss", "atom", "json", "txt", "webmanifest", "css", "js", "mjs", "svg"];

/// The headers one object is uploaded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Headers {
    pub(crate) content_type: String,
    pub(crate) cache_control: String,
    /// Sent gzipped, with `Content-Encoding: gzip`.
    pub(crate) gzip: bool,
    /// For a redirect page, where it sends readers: an absolute URL, or a path from the
    /// site's root starting with `/` (the deploy puts the prefix before it).
    pub(crate) redirect: Option<String>,
}

impl Headers {
    /// Text that changes when any header does (kept in the deploy manifest). The first
    /// two lines are what deploys before `gzip` and `redirect` wrote, so their
    /// manifests still match.
    pub(crate) fn fingerprint(&self) -> String {
        let mut text = format!("{}\n{}", self.content_type, self.cache_control);
        if self.gzip {
            text.push_str("\ngzip");
        }
        if let Some(to) = &self.redirect {
            text.push_str("\nredirect ");
            text.push_str(to);
        }
        text
    }
}

/// The `[deploy.headers]` overrides, longest pattern first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    globs: Vec<(glob::Pattern, HeaderRule)>,
    compress: bool,
}

impl Rules {
    /// The rules of `[deploy.headers]` (patterns were checked when site.toml was read).
    pub(crate) fn new(headers: &BTreeMap<String, HeaderRule>, compress: bool) -> Rules {
        let mut globs: Vec<_> = headers
            .iter()
            .filter_map(|(glob, rule)| Some((glob::Pattern::new(glob).ok()?, rule.clone())))
            .collect();
        globs.sort_by_key(|(p, _)| std::cmp::Reverse(p.as_str().len()));
        Rules { globs, compress }
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
            gzip: self.compress && TEXT.contains(&extension(path).as_str()),
            redirect: None,
        }
    }
}

/// The default `Cache-Control` of the output path `path`.
fn cache_control_of(path: &str) -> &'static str {
    let ext = extension(path);
    if CONTENT_NAMED.iter().any(|dir| path.starts_with(dir)) {
        IMMUTABLE
    } else if SHORT_LIVED.contains(&ext.as_str()) {
        SHORT
    } else {
        ASSET
    }
}

/// The lower-case extension of the output path `path` (empty when none).
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase()
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
        let rules = Rules::new(&table, false);
        assert_eq!(rules.headers("index.html").cache_control, "no-cache");
        assert_eq!(rules.headers("a/b.html").cache_control, "no-cache");
        assert_eq!(rules.headers("archive/2025/index.html").cache_control, "max-age=86400");
        let pdf = rules.headers("r.pdf");
        assert_eq!((pdf.content_type.as_str(), pdf.cache_control.as_str()), ("x/y", ASSET));
        assert_eq!(rules.headers("docs/r.pdf").content_type, "application/pdf");
    }

    #[test]
    fn compress_gzips_text_only() {
        let rules = Rules::new(&BTreeMap::new(), true);
        assert!(rules.headers("index.html").gzip);
        assert!(rules.headers("assets/style.css").gzip);
        assert!(!rules.headers("images/a-640.k2x.webp").gzip);
        assert!(!rules.headers("pagefind/index/en_1.pf_index").gzip);
        assert!(!Rules::default().headers("index.html").gzip);
        let plain = Rules::default().headers("a.html");
        assert_eq!(plain.fingerprint(), "text/html; charset=utf-8\npublic, max-age=300");
    }
}
