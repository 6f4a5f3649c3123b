//! Which pages a site has, and the context each is rendered with. Pages are planned
//! as small jobs (`plan`), then rendered in parallel; each is written as soon as it is
//! ready. The contexts are built in `lists` (front page, topics, editions), `archive` and
//! `single` (articles, redirects, the 404 and search pages); `paging` numbers lists.

mod archive;
mod contexts;
mod lists;
mod paging;
mod single;
mod standalone;

use super::Templates;
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
use contexts::*;
use rayon::prelude::*;
use std::path::Path;

struct Ctx<'a> {
    site: &'a Site,
    labels: &'a Labels,
    /// Which index the search page runs.
    search: Search,
    /// Dated entries not shown in full on the front page, computed once per build.
    older: Vec<usize>,
    /// Each entry's list-view parts that no page changes, computed once per build.
    parts: Vec<ItemParts<'a>>,
    /// Each entry's list view from the site root, digested (see `contexts::Slot`).
    roots: Vec<Option<Digest>>,
}

/// A page's output path, its template and its context.
type Made<'a> = (OutPath, &'a str, Context<'a, Slot>);

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
    check_templates(site, templates)?;
    let global = global_key(templates, &view);
    templates.set_global("site", &view);
    let templates: &Templates = templates;
    let viewer = Viewer { site, labels: &labels };
    let parts: Vec<ItemParts> =
        (0..site.entries.len()).into_par_iter().map(|i| viewer.parts(i)).collect();
    let roots = (0..site.entries.len()).into_par_iter().map(|i| root_digest(&viewer, &parts, i));
    let roots = roots.collect();
    let ctx = Ctx { site, labels: &labels, search, older: older_entries(site), parts, roots };
    let pages = pagemap::pages(site);
    pages.par_iter().try_for_each(|page| {
        // The key first, from the context with its slots (no item views yet).
        let slots = Slots::new(&ctx);
        let (out, template, context) = ctx.context(page, &slots);
        let key = contexts::key(&context, slots.exact.get(), global, template);
        if output.is_incremental() && key.is_some_and(|key| output.reuse(&out, key)) {
            return Ok(());
        }
        let viewer = ctx.viewer();
        let shown_context =
            context.map_items(|slot| viewer.item_from(&out, slot.entry, &ctx.parts[slot.entry]));
        let tera = tera::Context::from_serialize(&shown_context)
            .map_err(|e| crate::error::Error::Template { message: format!("{out}: {e}") })?;
        let html = templates.render(template, &tera, shown)?;
        output.write_page(&out, html.as_bytes(), key)
    })?;
    Ok(pages.len())
}

/// Every page's own `template` exists: an error naming the page's file otherwise.
fn check_templates(site: &Site, templates: &Templates) -> Result<()> {
    let missing = site.pages.iter().filter_map(|e| {
        let name = e.article.meta.template.as_deref()?;
        (!templates.has(name)).then(|| crate::error::Error::Article {
            path: e.article.path.clone(),
            line: 1,
            message: format!("template `{name}` is neither in templates/ nor built in"),
        })
    });
    crate::error::Error::collect(missing.collect())
}

/// The digest of entry `i`'s list view from the site root and of its image's link as
/// written (see `contexts::Slot`); `None` if it cannot be digested.
fn root_digest(viewer: &Viewer, parts: &[ItemParts<'_>], i: usize) -> Option<Digest> {
    let e = &viewer.site.entries[i];
    let mut h = crate::digest::Hasher::default();
    let view = viewer.item_from(&pagemap::path(pagemap::FRONT), i, &parts[i]);
    let image = e.article.meta.image.as_ref().map(|img| &img.src);
    let exact = h.value(&view) && h.value(&(e.image.as_ref().map(|l| &l.href), image));
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
            menus: crate::views::menus::view(site, self.labels, out, &|to| self.href(out, to)),
            feeds: Vec::new(),
            meta: Vec::new(),
            jsonld: String::new(),
            alternates: Vec::new(),
            languages: Vec::new(),
        };
        self.versions(&mut page, out, None);
        page.meta = meta::page_tags(site, &page);
        page
    }

    /// The page's other languages: its `hreflang` links and the switcher, when the
    /// site has versions of it (`entry`: the article it shows).
    fn versions(&self, page: &mut PageView, out: &OutPath, entry: Option<usize>) {
        use crate::views::languages;
        let versions = languages::versions(self.site, out, entry);
        page.alternates = languages::alternates(self.site, &versions);
        page.languages = languages::switcher(self.site, out, &versions);
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

    /// The entries `list` as items of the page `out`.
    fn items(&self, m: &Slots<'_, 'a>, out: &OutPath, list: &[usize]) -> Vec<Slot> {
        list.iter().map(|&i| m.item(out, i)).collect()
    }

    fn edition_title(&self, e: &crate::site::Edition) -> String {
        edition_title(e, self.labels)
    }

    /// The context of `page`, its listed entries as slots made by `m`.
    fn context(&self, page: &Page, m: &Slots<'_, 'a>) -> Made<'a> {
        match page {
            Page::Front(n) => self.front(*n, m),
            Page::Article(i) => self.article(*i, m),
            Page::Terms(t) => self.terms(&self.site.taxonomies[*t]),
            Page::Term(t, i, n) => self.term(&self.site.taxonomies[*t], (*i, *n), m),
            Page::Edition(i) => self.edition(*i, m),
            Page::Editions(n) => self.editions(*n, m),
            Page::Archive => self.archive(),
            Page::Year(y) => self.year(*y, m),
            Page::Month(y, mo) => self.month((*y, *mo), m),
            Page::NotFound => self.not_found(),
            Page::Alias(i, path) => self.alias(*i, path),
            Page::Search => self.search(),
            Page::Standalone(i) => self.standalone(*i),
            Page::Subscribe => self.subscribe(),
            Page::StandaloneAlias(i, path) => self.page_alias(*i, path),
            Page::Redirect(i) => self.redirect(*i),
        }
    }
}
