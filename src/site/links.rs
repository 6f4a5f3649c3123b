//! Links inside the bodies of articles and pages: to other documents (`other.md`,
//! `@/dir/other.txt` under seeds/, `../pages/about.md`), to site pages
//! (`/tags/index.html`), and to files beside the document, which are copied next to its
//! page. Nothing outside the content folders (seeds/, pages/) is ever copied.

use super::bodies::Renderer;
use super::pictures::{Picture, markup};
use super::{Asset, Lead};
use crate::content::Article;
use crate::markdown::Relink;
use crate::urls::{OutPath, Urls};
use crate::warnings::Warnings;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The content folders links may name, relative to the site root: articles' and
/// pages'. `@/` links start in the first.
pub(crate) const CONTENT: [&str; 3] = ["seeds", "pages", "authors"];

/// Where every document is published, by its path relative to the site root
/// (`seeds/talks.md`, `pages/about.md`).
pub(super) struct Index {
    root: PathBuf,
    pages: HashMap<PathBuf, OutPath>,
    inside: Vec<crate::containment::Folder>,
    /// The other languages' documents, from the publication's root.
    elsewhere: super::Elsewhere,
}

/// The file of `a` as links name it: its path from the site root (`seeds/story.md`).
pub(crate) fn file_of(root: &Path, a: &Article) -> Option<PathBuf> {
    let file = a.dir.join(a.path.file_name().unwrap_or_default());
    file.strip_prefix(root).ok().map(Path::to_path_buf)
}

impl Index {
    /// Indexes the documents `docs`, published at `outs`, of the site at `root`.
    pub(super) fn new<'a>(
        root: &Path,
        docs: impl IntoIterator<Item = (&'a Article, &'a OutPath)>,
        elsewhere: super::Elsewhere,
    ) -> Index {
        let mut pages = HashMap::new();
        for (a, out) in docs {
            if let Some(rel) = file_of(root, a) {
                pages.insert(rel, out.clone());
            }
        }
        let inside = CONTENT.iter().map(|c| crate::containment::Folder::new(&root.join(c)));
        Index { root: root.to_path_buf(), pages, inside: inside.collect(), elsewhere }
    }

    /// True when `source` lies inside one of the content folders, links followed.
    fn holds(&self, source: &Path) -> bool {
        self.inside.iter().any(|f| f.holds(source))
    }
}

/// Rewrites the links of one article.
pub(super) struct Linker<'a> {
    index: &'a Index,
    article: &'a Article,
    page: OutPath,
    urls: &'a Urls,
    with: &'a Renderer<'a>,
    assets: RefCell<Vec<Asset>>,
    pictures: RefCell<Vec<Arc<Picture>>>,
    warnings: RefCell<Warnings>,
    looked_around: std::cell::Cell<bool>,
}

impl<'a> Linker<'a> {
    /// A linker for `article`, published at `page`, by the body renderer `with`.
    pub(super) fn new(with: &'a Renderer<'a>, article: &'a Article, page: &OutPath) -> Linker<'a> {
        Linker {
            index: with.index,
            article,
            page: page.clone(),
            urls: with.urls,
            with,
            assets: RefCell::default(),
            pictures: RefCell::default(),
            warnings: RefCell::default(),
            looked_around: std::cell::Cell::new(false),
        }
    }

    /// The lead image named in front matter: its copies when it is a local picture.
    pub(super) fn lead(&self, src: &str) -> Lead {
        let size = match self.find_picture(src) {
            Some(Found::Resized(picture)) => {
                let href = self.urls.href(&self.page, &picture.fallback().path);
                let size = Some((picture.probe.width, picture.probe.height));
                self.pictures.borrow_mut().push(picture.clone());
                return Lead { href, picture: Some(picture), size };
            }
            Some(Found::AsIs(w, h)) => Some((w, h)),
            None if self.is_missing(src) => {
                let folder = self.folder();
                self.warn(format!(
                    "lead image `{src}` names no file in {folder}; linked as written"
                ));
                return Lead { href: src.to_string(), picture: None, size: None };
            }
            None => None,
        };
        Lead { href: self.relink(src).unwrap_or_else(|| src.to_string()), picture: None, size }
    }

    /// True when a link named another page or file of the site: then the body depends
    /// on more than its own text (see `cache::Bodies`).
    pub(super) fn looked_around(&self) -> bool {
        self.looked_around.get()
    }

    /// The files to copy, the pictures to make copies of, and the warnings found.
    pub(super) fn finish(self) -> (Vec<Asset>, Vec<Arc<Picture>>, Warnings) {
        (self.assets.into_inner(), self.pictures.into_inner(), self.warnings.into_inner())
    }

    /// The content folder the document is in, as messages name it (`seeds/`).
    fn folder(&self) -> String {
        let first = self.article.path.components().next();
        format!("{}/", first.map_or("seeds".into(), |c| c.as_os_str().to_string_lossy()))
    }

    fn warn(&self, message: String) {
        self.warnings.borrow_mut().file(&self.article.path, message);
    }

    /// The root-relative path `dest` names, if it stays inside a content folder.
    fn inside_seeds(&self, dest: &str) -> Option<PathBuf> {
        let (base, rest) = match dest.strip_prefix("@/") {
            Some(rest) => (PathBuf::from(CONTENT[0]), rest),
            None => (self.article.dir.strip_prefix(&self.index.root).ok()?.to_path_buf(), dest),
        };
        let decoded = percent_decode(rest);
        let mut path = base;
        for part in Path::new(&decoded).components() {
            match part {
                Component::Normal(p) => path.push(p),
                Component::CurDir => {}
                Component::ParentDir if path.pop() => {}
                _ => return None,
            }
        }
        let first = path.components().next().and_then(|c| c.as_os_str().to_str());
        first.is_some_and(|f| CONTENT.contains(&f)).then_some(path)
    }
}

impl Linker<'_> {
    /// The link to the file `rel` (under a content folder) that `dest` names, copied
    /// beside the page; `None`, with a warning, when it is a seed, missing, or leads
    /// outside.
    fn file(&self, dest: &str, rel: &Path) -> Option<String> {
        let source = self.index.root.join(rel);
        let is_seed =
            matches!(rel.extension().and_then(|e| e.to_str()), Some("md" | "txt" | "markdown"));
        if is_seed || !source.is_file() {
            self.warn(format!("link `{dest}` names no article, page or file; left as written"));
            return None;
        }
        if !self.index.holds(&source) {
            let folder = self.folder();
            self.warn(format!(
                "link `{dest}` is a symbolic link leading outside {folder}; left as written"
            ));
            return None;
        }
        let name = rel.file_name()?.to_string_lossy().to_string();
        let to = super::pagemap::file_beside(&self.page, &name)?;
        let href = self.urls.href(&self.page, &to);
        self.assets.borrow_mut().push(Asset { from: source, to });
        Some(href)
    }
}

/// What a local picture turned out to be.
enum Found {
    /// A picture the site makes copies of.
    Resized(Arc<Picture>),
    /// A picture published as it is, with its size.
    AsIs(u32, u32),
}

impl Linker<'_> {
    /// The path under seeds/ that the relative link `dest` names, its query and
    /// fragment dropped; `None` for anchors, site-rooted and remote links, and paths
    /// leading outside seeds/.
    fn seeds_path(&self, dest: &str) -> Option<PathBuf> {
        if dest.is_empty() || dest.starts_with(['#', '/']) || has_scheme(dest) {
            return None;
        }
        self.inside_seeds(dest.split(['#', '?']).next().unwrap_or(dest))
    }

    /// The file under seeds/ that `dest` names, when it is one (not a page or a seed).
    fn local_file(&self, dest: &str) -> Option<PathBuf> {
        let rel = self.seeds_path(dest)?;
        let source = self.index.root.join(&rel);
        let is_seed =
            matches!(rel.extension().and_then(|e| e.to_str()), Some("md" | "txt" | "markdown"));
        let usable = !is_seed && source.is_file() && self.index.holds(&source);
        usable.then_some(source)
    }

    /// The picture `dest` names, probed (through the memo) and planned; a picture that
    /// cannot be read is `None`, with a warning naming it.
    fn find_picture(&self, dest: &str) -> Option<Found> {
        let source = self.local_file(dest)?;
        self.looked_around.set(true);
        let memo = self.with.memo;
        let probe = match memo.picture(&source, &|| crate::pictures::probe(&source)) {
            Ok(probe) => probe,
            Err(problem) => {
                self.warn(format!("image `{dest}` {problem}; linked as it is"));
                return None;
            }
        };
        let config = self.with.images;
        if let Some(reason) = super::pictures::as_is_reason(&probe, config) {
            self.warn(format!("image `{dest}` {reason}"));
        }
        let (w, h) = (probe.width, probe.height);
        let article = self.article.path.clone();
        match Picture::plan(source, article, dest, probe, config) {
            Some(picture) => Some(Found::Resized(Arc::new(picture))),
            None => Some(Found::AsIs(w, h)),
        }
    }

    /// True when `dest` is a relative path naming no file (a missing picture).
    /// A folder's index page, as the site's own links name it (so that it opens from
    /// disk too), for a site path that names a folder: `tags/`, `tags`, or the root; a
    /// name without an extension is a folder unless `static/` holds a file of that name.
    fn folder_page(&self, site_path: &str) -> Option<String> {
        let last = site_path.rsplit('/').next().unwrap_or("");
        let folder = site_path.is_empty()
            || site_path.ends_with('/')
            || (!last.contains('.') && !self.index.root.join("static").join(site_path).is_file());
        let slash = if site_path.is_empty() || site_path.ends_with('/') { "" } else { "/" };
        folder.then(|| format!("{site_path}{slash}{}", super::pagemap::FRONT))
    }

    fn is_missing(&self, dest: &str) -> bool {
        self.seeds_path(dest).is_some_and(|rel| !self.index.root.join(rel).exists())
    }
}

impl Relink for Linker<'_> {
    fn relink(&self, dest: &str) -> Option<String> {
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return None;
        }
        self.looked_around.set(true);
        let (path, fragment) = match dest.find(['#', '?']) {
            Some(i) => dest.split_at(i),
            None => (dest, ""),
        };
        if let Some(site_path) = path.strip_prefix('/') {
            let folder_page = self.folder_page(site_path);
            let target = OutPath::checked(folder_page.as_deref().unwrap_or(site_path))?;
            // A page is the language's own (`/sections/blog.html` in its folder); a file
            // of `static/` is the publication's, at its root, whatever the language.
            let prefix = &self.index.elsewhere.prefix;
            let shared =
                !prefix.is_empty() && self.index.root.join("static").join(site_path).is_file();
            let here = match shared {
                true => OutPath::new(format!("{prefix}{}", self.page)),
                false => self.page.clone(),
            };
            return Some(format!("{}{fragment}", self.urls.href(&here, &target)));
        }
        let Some(rel) = self.inside_seeds(path) else {
            let folder = self.folder();
            self.warn(format!("link `{dest}` points outside {folder}; left as written"));
            return None;
        };
        if let Some(target) = self.index.pages.get(&rel) {
            return Some(format!("{}{fragment}", self.urls.href(&self.page, target)));
        }
        if let Some(target) = self.index.elsewhere.pages.get(&rel) {
            // Another language's version: both paths from the publication's root.
            let here = OutPath::new(format!("{}{}", self.index.elsewhere.prefix, self.page));
            return Some(format!("{}{fragment}", self.urls.href(&here, target)));
        }
        let href = self.file(dest, &rel)?;
        Some(format!("{href}{fragment}"))
    }

    fn picture(&self, dest: &str, alt: &str, title: &str) -> Option<String> {
        let sizes = &self.with.images.sizes;
        let at = markup::Placing { alt, title, sizes };
        if self.is_missing(dest) {
            self.looked_around.set(true);
            let folder = self.folder();
            self.warn(format!("image `{dest}` names no file in {folder}; left as written"));
            return Some(markup::plain(dest, None, &at));
        }
        match self.find_picture(dest)? {
            Found::Resized(picture) => {
                let href = |to: &OutPath| self.urls.href(&self.page, to);
                let html = markup::picture(&picture, &at, &href);
                self.pictures.borrow_mut().push(picture);
                Some(html)
            }
            Found::AsIs(w, h) => Some(markup::plain(&self.relink(dest)?, Some((w, h)), &at)),
        }
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            dest[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) && i > 0
        }
        None => false,
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_schemes() {
        assert!(has_scheme("https://x.org"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("a/b.md"));
        assert!(!has_scheme("./x:y"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b%2e%2E"), "a b..");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
