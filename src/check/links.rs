//! Internal links of a built site: every `href` and `src` of every HTML page must name a
//! file of the site, and every `#anchor` an `id` (or `<a name>`) on the page it names.
//! Links are resolved as a browser would from disk, where Broadsheet promises they work;
//! root-relative ones (the 404 page's) must start with the site's base path.

use crate::error::Result;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// One link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Broken {
    /// The page holding it, relative to the output folder (`articles/a.html`).
    pub page: String,
    /// The link as written.
    pub link: String,
    /// The file it leads to, relative to the output folder (`../` when outside the site).
    pub target: String,
    /// What is missing.
    pub missing: Missing,
}

/// What a broken link lacks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Missing {
    /// No file at the path it names.
    File,
    /// The file exists, but holds no element with the anchor's id.
    Anchor(String),
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.missing {
            Missing::File => write!(f, "link `{}` leads to no file of the site", self.link),
            Missing::Anchor(id) => {
                write!(f, "link `{}` names no element with id `{id}` on its page", self.link)
            }
        }
    }
}

/// What one page holds: its ids, its links, its images without alt text.
#[derive(Debug, Default)]
struct Page {
    ids: BTreeSet<String>,
    links: Vec<String>,
    images_without_alt: Vec<String>,
}

/// What the link check found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Links that lead nowhere.
    pub broken: Vec<Broken>,
    /// `(page, src)` of every `<img>` with no `alt` attribute.
    pub images_without_alt: Vec<(String, String)>,
    /// How many pages were read.
    pub pages: usize,
    /// How many internal links were followed.
    pub links: usize,
}

/// Checks every link of the site built into `out`, served under `base_path` (`/d/`).
pub(crate) fn check(out: &Path, base_path: &str) -> Result<Report> {
    let pages = read_pages(out)?;
    let mut report = Report { pages: pages.len(), ..Report::default() };
    for (name, page) in &pages {
        for link in &page.links {
            let Some((target, anchor)) = target(name, link, base_path) else { continue };
            report.links += 1;
            if let Some(missing) = missing(out, &pages, &target, anchor) {
                let (page, link) = (name.clone(), link.clone());
                report.broken.push(Broken { page, link, target, missing });
            }
        }
        for src in &page.images_without_alt {
            report.images_without_alt.push((name.clone(), src.clone()));
        }
    }
    Ok(report)
}

/// Every HTML page under `out`, by path relative to it (`/`-separated).
fn read_pages(out: &Path) -> Result<BTreeMap<String, Page>> {
    let mut pages = BTreeMap::new();
    for entry in crate::fs::walk(out) {
        let entry = entry?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let name = path.strip_prefix(out).expect("walkdir stays under its root");
        let name = name.to_string_lossy().replace('\\', "/");
        pages.insert(name, parse(&String::from_utf8_lossy(&crate::fs::read(path)?)));
    }
    Ok(pages)
}

fn parse(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let select = |css| Selector::parse(css).expect("a constant, valid selector");
    let mut page = Page::default();
    for el in doc.select(&select("[id], a[name]")) {
        page.ids.extend(el.value().attr("id").or(el.value().attr("name")).map(String::from));
    }
    for el in doc.select(&select("[href], [src]")) {
        page.links.extend(el.value().attr("href").or(el.value().attr("src")).map(String::from));
    }
    for el in doc.select(&select("img:not([alt])")) {
        page.images_without_alt.push(el.value().attr("src").unwrap_or("").to_string());
    }
    page
}

/// Where an internal link leads, relative to the output folder, with its anchor; `None`
/// for external links. A path that climbs above the site or misses the base path is
/// kept as `../` so that it is reported.
fn target<'a>(page: &str, link: &'a str, base_path: &str) -> Option<(String, Option<&'a str>)> {
    let external = link.contains("://")
        || link.starts_with("//")
        || ["mailto:", "tel:", "data:", "javascript:"].iter().any(|s| link.starts_with(s));
    if external {
        return None;
    }
    let (path, fragment) = link.split_once('#').map_or((link, None), |(p, f)| (p, Some(f)));
    let path = path.split('?').next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let resolved = if path.is_empty() {
        Some(page.to_string())
    } else if let Some(absolute) = decoded.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        absolute.strip_prefix(base).map(String::from)
    } else {
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        normalize(&dir.join(decoded.as_ref()))
    };
    let Some(mut resolved) = resolved else { return Some(("../".to_string(), fragment)) };
    if resolved.is_empty() || resolved.ends_with('/') {
        resolved.push_str("index.html");
    }
    Some((resolved, fragment))
}

/// `path` with `.` and `..` worked out, `/`-separated; `None` if it climbs out.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Some(parts.join("/"))
}

fn missing(
    out: &Path,
    pages: &BTreeMap<String, Page>,
    target: &str,
    fragment: Option<&str>,
) -> Option<Missing> {
    let file = out.join(PathBuf::from(target));
    if target.starts_with("../") || !file.is_file() {
        return Some(Missing::File);
    }
    let id = fragment.filter(|f| !f.is_empty())?;
    let id = percent_encoding::percent_decode_str(id).decode_utf8_lossy().into_owned();
    let on = pages.get(target)?; // only HTML pages have anchors to check
    (!on.ids.contains(&id)).then_some(Missing::Anchor(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            crate::fs::write(&dir.path().join(path), text.as_bytes()).unwrap();
        }
        dir
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let dir = site(&[
            (
                "index.html",
                "<a href=\"articles/a.html#top\">a</a> <a href=\"articles/b.html\">b</a> <img src=\"x.png\" alt=\"\">",
            ),
            (
                "articles/a.html",
                "<h2 id=\"top\">A</h2><a href=\"../index.html#nowhere\">home</a><a href=\"#top\">up</a><img src=\"a.png\">",
            ),
            ("404.html", "<a href=\"/d/index.html\">home</a><a href=\"/elsewhere/\">x</a>"),
            ("x.png", ""),
        ]);
        let report = check(dir.path(), "/d/").unwrap();
        let found: Vec<(String, String)> =
            report.broken.iter().map(|b| (b.page.clone(), b.to_string())).collect();
        assert_eq!(
            found,
            [
                ("404.html".into(), "link `/elsewhere/` leads to no file of the site".into()),
                (
                    "articles/a.html".into(),
                    "link `../index.html#nowhere` names no element with id `nowhere` on its page"
                        .into()
                ),
                ("articles/a.html".into(), "link `a.png` leads to no file of the site".into()),
                ("index.html".into(), "link `articles/b.html` leads to no file of the site".into()),
            ]
        );
        assert_eq!(
            report.images_without_alt,
            [("articles/a.html".to_string(), "a.png".to_string())]
        );
        assert_eq!((report.pages, report.links), (3, 8));
    }

    #[test]
    fn skips_external_links_and_refuses_to_climb_out() {
        assert_eq!(target("a.html", "https://x.org/", "/"), None);
        assert_eq!(target("a.html", "mailto:a@b.c", "/"), None);
        assert_eq!(target("a/b.html", "../../x.html", "/").unwrap().0, "../");
        assert_eq!(target("a/b.html", "c%20d.html#x", "/"), Some(("a/c d.html".into(), Some("x"))));
        assert_eq!(target("a/b.html", "/d/tags/", "/d/").unwrap().0, "tags/index.html");
    }
}
