//! Every URL comes from here: output paths, page-relative hrefs that work from
//! `file://`, at a domain root and under a `/<repo>/` subpath, and absolute URLs
//! for the places a standard demands them (canonical, feeds, sitemaps).

use serde::Serialize;

/// A path inside the output folder, `/`-separated, never starting with `/`,
/// every component checked (no `..`, no empty parts), e.g. `articles/talks.html`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OutPath(String);

impl OutPath {
    /// Builds a path from components that the caller made safe (slugs, fixed names).
    pub fn new(path: impl Into<String>) -> OutPath {
        let path = path.into();
        debug_assert!(is_safe(&path), "unsafe output path {path}");
        OutPath(path)
    }

    /// Checks an untrusted path (an alias, a user-given file name); `None` if unsafe.
    pub fn checked(path: &str) -> Option<OutPath> {
        let path = path.trim().trim_start_matches('/');
        is_safe(path).then(|| OutPath(path.to_string()))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How many folders lie between this page and the output root.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }

    /// The path as a relative file-system path.
    pub fn to_fs(&self) -> std::path::PathBuf {
        self.0.split('/').collect()
    }
}

impl std::fmt::Display for OutPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// True when every component is an ordinary, portable name.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && !part.contains(['\\', ':', '\0', '%', '?', '#', '*', '"', '<', '>', '|'])
                && !part.chars().any(char::is_control)
                && !crate::slugs::is_reserved_name(part)
        })
}

/// Makes URLs for one site.
#[derive(Debug, Clone)]
pub struct Urls {
    base_url: String,
}

impl Urls {
    /// `base_url` must end with `/` (the config guarantees it).
    pub fn new(base_url: &str) -> Urls {
        Urls { base_url: base_url.to_string() }
    }

    /// The link from page `from` to `to`, relative to `from`'s folder, naming the file
    /// so that it works from disk.
    pub fn href(&self, from: &OutPath, to: &OutPath) -> String {
        // Folders `from` and `to` share, then one `../` per folder of `from` left.
        let from_dir = from.0.rfind('/').map_or("", |i| &from.0[..i]);
        let mut shared = 0; // bytes of `to` inside the shared folders, with their `/`
        for (a, b) in from_dir.split('/').zip(to.0.split('/')) {
            let rest = &to.0[shared..];
            if from_dir.is_empty() || a != b || rest.len() == b.len() {
                break;
            }
            shared += b.len() + 1;
        }
        let shared_dirs = to.0[..shared].matches('/').count();
        let from_dirs = if from_dir.is_empty() { 0 } else { from_dir.matches('/').count() + 1 };
        let up = from_dirs - shared_dirs;
        let mut out = String::with_capacity(3 * up + to.0.len() - shared);
        for _ in 0..up {
            out.push_str("../");
        }
        out.push_str(&to.0[shared..]);
        out
    }

    /// The prefix that leads from page `from` to the output root (`""` or `../…`).
    pub fn root(&self, from: &OutPath) -> String {
        "../".repeat(from.depth())
    }

    /// The absolute URL of `to`, for canonical links, feeds and sitemaps.
    pub fn absolute(&self, to: &OutPath) -> String {
        if to.0 == "index.html" {
            return self.base_url.clone();
        }
        format!("{}{}", self.base_url, to.0.strip_suffix("index.html").unwrap_or(&to.0))
    }

    /// The site's base URL, ending in `/`.
    pub fn base(&self) -> &str {
        &self.base_url
    }

    /// The path part of the base URL, e.g. `/digest/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OutPath {
        OutPath::new(s)
    }

    #[test]
    fn links_between_pages_relative_to_the_page() {
        let u = Urls::new("https://x.org/d/");
        assert_eq!(u.href(&p("index.html"), &p("articles/a.html")), "articles/a.html");
        assert_eq!(u.href(&p("articles/a.html"), &p("articles/b.html")), "b.html");
        assert_eq!(u.href(&p("articles/a.html"), &p("index.html")), "../index.html");
        assert_eq!(u.href(&p("tags/x/page/2.html"), &p("tags/y.html")), "../../y.html");
        assert_eq!(u.href(&p("articles/a.html"), &p("articles/a/img.png")), "a/img.png");
        assert_eq!(u.href(&p("index.html"), &p("index.html")), "index.html");
        assert_eq!(u.href(&p("tags/x.html"), &p("tags/x/page/2.html")), "x/page/2.html");
        assert_eq!(u.href(&p("tags/x/page/2.html"), &p("tags/x.html")), "../../x.html");
        assert_eq!(u.href(&p("a/b/c.html"), &p("a/b")), "../b");
        assert_eq!(u.href(&p("ab/c.html"), &p("a/c.html")), "../a/c.html");
    }

    #[test]
    fn absolute_urls_drop_index_html() {
        let u = Urls::new("https://x.org/d/");
        assert_eq!(u.absolute(&p("index.html")), "https://x.org/d/");
        assert_eq!(u.absolute(&p("articles/a.html")), "https://x.org/d/articles/a.html");
        assert_eq!(u.absolute(&p("tags/index.html")), "https://x.org/d/tags/");
        assert_eq!(u.base_path(), "/d/");
    }

    #[test]
    fn rejects_unsafe_paths() {
        for bad in ["../x", "a/../../x", "a\\b", "C:/x", "a/%2e%2e/b", "a//b", "con", "x\0y"] {
            assert!(OutPath::checked(bad).is_none(), "{bad}");
        }
        assert_eq!(OutPath::checked("/old/page.html").unwrap().as_str(), "old/page.html");
    }
}
