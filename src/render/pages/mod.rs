//! Which pages a site has, and the context each is rendered with. Pages are planned
//! as small jobs (`plan`), then rendered in parallel; each is written as soon as it is
//! ready. The contexts are built in `lists` (front page, topics, editions), `archive` and
//! `single` (articles, redirects, the 404 and search pages); `paging` numbers lists.

mod archive;
mod lists;
mod paging;
mod single;

use super::Templates;
use super::context::PageContext;
use super::jsonld;
use crate::digest::Digest;
use crate::error::Result;
use crate::i18n::{Labels, direction};
use crate::output::Output;
use crate::site::pagemap::{self, Page, older_entries};
use crate::site::{Site, Taxonomy};
use crate::urls::OutPath;
use crate::views::channels::site_links;
use crate::views::search::Search;
use crate::views::{
    DateShown, ItemParts, ItemView, Link, NavLinks, PageView, SiteView, Viewer, edition_title, meta,
};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

struct Ctx<'a> {
    site: &'a Site,
    labels: &'a Labels,
    /// Whether the search page runs Pagefind (else only the fallback index).
    pagefind: bool,
    /// Dated entries not shown in full on the front page, computed once per build.
    older: Vec<usize>,
    /// Each entry's list-view parts that no page changes, computed once per build.
    parts: Vec<ItemParts>,
    /// Each entry's list view from the site root, digested (see `Item`).
    roots: Vec<Option<Digest>>,
}

/// An article in a list, as a page's context holds it. Tera sees the list view; the
/// page's digest sees a digest that stands for it: that of the entry's view from the
/// site root (with its image's link as written), computed once per entry, and of the
/// folder of the page. A view differs from page to page only by its links, which are
/// made relative to the page's folder from the root view's links and the image's own,
/// so equal digests mean equal views. A page whose context is built only for its
/// digest (an incremental build's probe) then builds no views for its items.
pub(super) enum Item<'a> {
    /// The view, and its digest when it has one.
    View(Box<ItemView<'a>>, Option<Digest>),
    /// The digest alone, in a context built for its digest.
    Digest(Digest),
}

impl Serialize for Item<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        // The digest's serialiser (postcard) is the only one that is not human-readable;
        // Tera's is, and it is never handed an `Item::Digest` (digest-only contexts make
        // no Tera values).
        match self {
            Item::View(_, Some(digest)) if !s.is_human_readable() => digest.serialize(s),
            Item::View(view, _) => view.serialize(s),
            Item::Digest(digest) => digest.serialize(s),
        }
    }
}

/// Renders every page of the site.
pub(crate) fn render_all(
    site: &Site,
    templates: &mut Templates,
    output: &Output,
    shown: &Path,
    search: Search,
) -> Result<usize> {
    let labels = Labels::new(&site.config.language, &site.config.labels);
    let view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        dir: direction(&site.config.language),
        base_url: site.urls.base(),
        publisher: site.config.publisher_name(),
        labels: &labels.map,
        search: search.enabled,
    };
    let global = global_key(templates, &view);
    templates.set_global("site", &view);
    let templates: &Templates = templates;
    let viewer = Viewer { site, labels: &labels };
    let parts: Vec<ItemParts> =
        (0..site.entries.len()).into_par_iter().map(|i| viewer.parts(i)).collect();
    let pagefind = search.pagefind;
    let roots = (0..site.entries.len()).into_par_iter().map(|i| root_digest(&viewer, &parts, i));
    let roots = roots.collect();
    let ctx = Ctx { site, labels: &labels, pagefind, older: older_entries(site), parts, roots };
    let pages = pagemap::pages(site);
    pages.par_iter().try_for_each(|page| {
        if output.is_incremental() {
            let mut probe = PageContext::digest_only();
            let (out, template) = ctx.context(page, &mut probe);
            if probe.key(global, template).is_some_and(|key| output.reuse(&out, key)) {
                return Ok(());
            }
        }
        let mut c = PageContext::full();
        let (out, template) = ctx.context(page, &mut c);
        let html = templates.render(template, c.tera(), shown)?;
        output.write_page(&out, html.as_bytes(), c.key(global, template))
    })?;
    Ok(pages.len())
}

/// The digest of entry `i`'s list view from the site root and of its image's link as
/// written (see `Item`); `None` if it cannot be digested.
fn root_digest(viewer: &Viewer, parts: &[ItemParts], i: usize) -> Option<Digest> {
    let e = &viewer.site.entries[i];
    let mut h = crate::digest::Hasher::default();
    let view = viewer.item_from(&pagemap::path(pagemap::FRONT), i, &parts[i]);
    let image = e.article.meta.image.as_ref().map(|img| &img.src);
    let exact = h.value(&view) && h.value(&(&e.image_href, image));
    exact.then(|| h.finish())
}

/// What every page's output depends on besides its own context: the templates, the
/// site view and the binary.
fn global_key(templates: &Templates, view: &SiteView) -> Digest {
    let mut h = crate::digest::Hasher::default();
    h.bytes(&templates.digest().to_le_bytes());
    h.bytes(&crate::ident::binary().to_le_bytes());
    h.value(view);
    h.finish()
}

#[derive(Serialize)]
struct Named {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct TermView {
    name: String,
    href: String,
    count: usize,
}

impl<'a> Ctx<'a> {
    fn viewer(&self) -> Viewer<'a> {
        Viewer { site: self.site, labels: self.labels }
    }

    fn href(&self, from: &OutPath, to: &OutPath) -> String {
        self.site.urls.href(from, to)
    }

    fn page(
        &self,
        out: &OutPath,
        kind: &'static str,
        title: String,
        description: String,
    ) -> PageView {
        let site = self.site;
        let links = |to: &str| self.href(out, &pagemap::path(to));
        let dated = !site.editions.is_empty();
        let tagged = site.taxonomy("tags").is_some_and(|t| !t.terms.is_empty());
        let mut page = PageView {
            path: out.to_string(),
            canonical: site.urls.absolute(out),
            kind,
            title,
            description,
            lang: site.config.language.clone(),
            dir: direction(&site.config.language),
            links: NavLinks {
                home: links(pagemap::FRONT),
                editions: dated.then(|| links(pagemap::EDITIONS)),
                archive: dated.then(|| links(pagemap::ARCHIVE)),
                tags: tagged.then(|| self.href(out, &pagemap::terms("tags"))),
                search: links(pagemap::SEARCH),
                css: links(pagemap::STYLE),
                favicon: links(pagemap::FAVICON),
                feeds: site_links(site, |to| self.href(out, to)),
            },
            feeds: Vec::new(),
            meta: Vec::new(),
            jsonld: String::new(),
        };
        page.meta = meta::page_tags(site, &page);
        page
    }

    /// Entries as a JSON-LD list: absolute URL and headline.
    fn listed(&self, entries: impl IntoIterator<Item = usize>) -> Vec<(String, String)> {
        let site = self.site;
        entries
            .into_iter()
            .map(|i| {
                (
                    site.urls.absolute(&site.entries[i].out),
                    site.entries[i].article.meta.title.clone(),
                )
            })
            .collect()
    }

    /// Pages as a JSON-LD list: absolute URL and name.
    fn listed_pages<'p>(
        &self,
        pages: impl IntoIterator<Item = (&'p OutPath, String)>,
    ) -> Vec<(String, String)> {
        pages.into_iter().map(|(out, name)| (self.site.urls.absolute(out), name)).collect()
    }

    /// The entries `list` as items of the page `out`; digests alone when `probe`.
    fn items(&self, out: &OutPath, list: &[usize], probe: bool) -> Vec<Item<'a>> {
        list.iter().map(|&i| self.item(out, i, probe)).collect()
    }

    /// Entry `i` as an item of the page `out`; its digest alone when `probe`.
    fn item(&self, out: &OutPath, i: usize, probe: bool) -> Item<'a> {
        let digest = self.roots[i].map(|root| {
            let mut h = crate::digest::Hasher::default();
            h.bytes(&root.to_le_bytes());
            h.bytes(out.as_str().rsplit_once('/').map_or("", |(folder, _)| folder).as_bytes());
            h.finish()
        });
        match digest {
            Some(digest) if probe => Item::Digest(digest),
            digest => Item::View(Box::new(self.viewer().item_from(out, i, &self.parts[i])), digest),
        }
    }

    fn edition_title(&self, e: &crate::site::Edition) -> String {
        edition_title(e, self.labels)
    }

    fn context(&self, page: &Page, c: &mut PageContext) -> (OutPath, &'static str) {
        match page {
            Page::Front(n) => self.front(*n, c),
            Page::Article(i) => self.article(*i, c),
            Page::Terms(t) => self.terms(&self.site.taxonomies[*t], c),
            Page::Term(t, i, n) => self.term(&self.site.taxonomies[*t], *i, *n, c),
            Page::Edition(i) => self.edition(*i, c),
            Page::Editions(n) => self.editions(*n, c),
            Page::Archive => self.archive(c),
            Page::Year(y) => self.year(*y, c),
            Page::Month(y, m) => self.month(*y, *m, c),
            Page::NotFound => self.not_found(c),
            Page::Alias(i, path) => self.alias(*i, path, c),
            Page::Search => self.search(c),
        }
    }
}
