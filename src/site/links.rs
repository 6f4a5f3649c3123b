//! Links inside article bodies: to other seed files (`other.md`, `@/dir/other.txt`),
//! to site pages (`/tags/index.html`), and to files beside the article, which are
//! copied next to its page. Nothing outside seeds/ is ever copied.

use super::Asset;
use crate::content::Article;
use crate::markdown::Relink;
use crate::urls::{OutPath, Urls};
use crate::warnings::Warnings;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Where every seed file is published, by its path relative to seeds/.
pub(super) struct Index {
    seeds: PathBuf,
    pages: HashMap<PathBuf, OutPath>,
    inside: crate::containment::Folder,
}

impl Index {
    /// Indexes `articles` (whose paths are shown relative to the site root).
    pub(super) fn new(seeds: &Path, articles: &[Article], slugs: &[String]) -> Index {
        let mut pages = HashMap::new();
        for (a, slug) in articles.iter().zip(slugs) {
            let file = a.dir.join(a.path.file_name().unwrap_or_default());
            if let Ok(rel) = file.strip_prefix(seeds) {
                pages.insert(rel.to_path_buf(), super::pagemap::article(slug));
            }
        }
        Index { seeds: seeds.to_path_buf(), pages, inside: crate::containment::Folder::new(seeds) }
    }
}

/// Rewrites the links of one article.
pub(super) struct Linker<'a> {
    index: &'a Index,
    article: &'a Article,
    page: OutPath,
    slug: &'a str,
    urls: &'a Urls,
    assets: RefCell<Vec<Asset>>,
    warnings: RefCell<Warnings>,
    looked_around: std::cell::Cell<bool>,
}

impl<'a> Linker<'a> {
    /// A linker for `article`, published under `slug`.
    pub(super) fn new(
        index: &'a Index,
        article: &'a Article,
        slug: &'a str,
        urls: &'a Urls,
    ) -> Linker<'a> {
        Linker {
            index,
            article,
            page: super::pagemap::article(slug),
            slug,
            urls,
            assets: RefCell::default(),
            warnings: RefCell::default(),
            looked_around: std::cell::Cell::new(false),
        }
    }

    /// The href of the lead image named in front matter.
    pub(super) fn image(&self, src: &str) -> String {
        self.relink(src).unwrap_or_else(|| src.to_string())
    }

    /// True when a link named another page or file of the site: then the body depends
    /// on more than its own text (see `cache::Bodies`).
    pub(super) fn looked_around(&self) -> bool {
        self.looked_around.get()
    }

    /// The files to copy and the warnings found.
    pub(super) fn finish(self) -> (Vec<Asset>, Warnings) {
        (self.assets.into_inner(), self.warnings.into_inner())
    }

    fn warn(&self, message: String) {
        self.warnings.borrow_mut().file(&self.article.path, message);
    }

    /// The seeds-relative path `dest` names, if it stays inside seeds/.
    fn inside_seeds(&self, dest: &str) -> Option<PathBuf> {
        let (base, rest) = match dest.strip_prefix("@/") {
            Some(rest) => (PathBuf::new(), rest),
            None => (self.article.dir.strip_prefix(&self.index.seeds).ok()?.to_path_buf(), dest),
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
        Some(path)
    }
}

impl Linker<'_> {
    /// The link to the file `rel` (under seeds/) that `dest` names, copied beside the
    /// page; `None`, with a warning, when it is a seed, missing, or leads outside.
    fn file(&self, dest: &str, rel: &Path) -> Option<String> {
        let source = self.index.seeds.join(rel);
        let is_seed =
            matches!(rel.extension().and_then(|e| e.to_str()), Some("md" | "txt" | "markdown"));
        if is_seed || !source.is_file() {
            self.warn(format!("link `{dest}` names no article or file in seeds/; left as written"));
            return None;
        }
        if !self.index.inside.holds(&source) {
            self.warn(format!(
                "link `{dest}` is a symbolic link leading outside seeds/; left as written"
            ));
            return None;
        }
        let name = rel.file_name()?.to_string_lossy().to_string();
        let to = super::pagemap::article_file(self.slug, &name)?;
        let href = self.urls.href(&self.page, &to);
        self.assets.borrow_mut().push(Asset { from: source, to });
        Some(href)
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
            let target = OutPath::checked(if site_path.is_empty() {
                super::pagemap::FRONT
            } else {
                site_path
            })?;
            return Some(format!("{}{fragment}", self.urls.href(&self.page, &target)));
        }
        let Some(rel) = self.inside_seeds(path) else {
            self.warn(format!("link `{dest}` points outside seeds/; left as written"));
            return None;
        };
        if let Some(target) = self.index.pages.get(&rel) {
            return Some(format!("{}{fragment}", self.urls.href(&self.page, target)));
        }
        let href = self.file(dest, &rel)?;
        Some(format!("{href}{fragment}"))
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
