//! Which pages a site has, and the context each is rendered with. Pages are planned
//! as small jobs, then rendered in parallel; each is written as soon as it is ready.

use super::Templates;
use super::context::PageContext;
use super::meta;
use super::views::{DateShown, ItemParts, ItemView, Link, NavLinks, PageView, SiteView, Viewer};
use crate::digest::Digest;
use crate::error::Result;
use crate::i18n::{Labels, direction};
use crate::output::Output;
use crate::search::Search;
use crate::site::{Site, Taxonomy};
use crate::urls::OutPath;
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

/// One page to render.
enum Job {
    Front(usize),
    Article(usize),
    Terms(usize),
    Term(usize, usize, usize),
    Edition(usize),
    Editions(usize),
    Archive,
    Year(usize),
    Month(usize, usize),
    NotFound,
    Alias(usize, OutPath),
    Search,
}

/// A page of a paginated list.
#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    label: String,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    n: usize,
    href: String,
    current: bool,
    /// Stands for the pages left out between two links ("…").
    gap: bool,
}

/// Pages linked from page `n` of `total`: the first, the last and two either side of
/// `n`, with a gap (0) where pages are left out. A bounded window keeps each page's
/// size, and so a list's cost, linear in its length rather than quadratic.
pub fn page_window(n: usize, total: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = Vec::new();
    for k in [1, n.saturating_sub(2), n.saturating_sub(1), n, n + 1, n + 2, total] {
        if (1..=total).contains(&k) && !shown.contains(&k) {
            shown.push(k);
        }
    }
    shown.sort_unstable();
    let mut out = Vec::with_capacity(shown.len() + 2);
    for (i, &k) in shown.iter().enumerate() {
        if i > 0 && k > shown[i - 1] + 1 {
            out.push(0);
        }
        out.push(k);
    }
    out
}

/// The output path of page `n` (1-based) of a list whose first page is `first`.
pub fn page_path(first: &OutPath, n: usize) -> OutPath {
    if n <= 1 {
        return first.clone();
    }
    let stem = first
        .as_str()
        .strip_suffix("index.html")
        .map(|s| s.trim_end_matches('/'))
        .unwrap_or_else(|| first.as_str().strip_suffix(".html").unwrap_or(first.as_str()));
    if stem.is_empty() {
        OutPath::new(format!("page/{n}.html"))
    } else {
        OutPath::new(format!("{stem}/page/{n}.html"))
    }
}

/// An edition's name: its day, or "Edition 2025-W16" for weekly editions.
pub fn edition_title(e: &crate::site::Edition, labels: &Labels) -> String {
    match e.period {
        crate::config::Period::Day => labels.day(e.first_day),
        crate::config::Period::Week => format!("{} {}", labels.map["edition"], e.key),
    }
}

/// Number of pages for `len` items (0 for an empty list).
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1))
}

struct Ctx<'a> {
    site: &'a Site,
    labels: &'a Labels,
    /// Whether the search page runs Pagefind (else only the fallback index).
    pagefind: bool,
    /// Dated entries not shown in full on the front page, computed once per build.
    older: Vec<usize>,
    /// Each entry's list-view parts that no page changes, computed once per build.
    parts: Vec<ItemParts>,
}

/// Renders every page of the site.
pub fn render_all(
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
    let parts = (0..site.entries.len()).into_par_iter().map(|i| viewer.parts(i)).collect();
    let pagefind = search.pagefind;
    let ctx = Ctx { site, labels: &labels, pagefind, older: older_entries(site), parts };
    let jobs = plan(site, search.enabled);
    jobs.par_iter().try_for_each(|job| {
        if output.is_incremental() {
            let mut probe = PageContext::digest_only();
            let (out, template) = ctx.context(job, &mut probe);
            if probe.key(global, template).is_some_and(|key| output.reuse(&out, key)) {
                return Ok(());
            }
        }
        let mut c = PageContext::full();
        let (out, template) = ctx.context(job, &mut c);
        let html = templates.render(template, c.tera(), shown)?;
        output.write_page(&out, html.as_bytes(), c.key(global, template))
    })?;
    Ok(jobs.len())
}

/// What every page's output depends on besides its own context: the templates, the
/// site view and the binary.
fn global_key(templates: &Templates, view: &SiteView) -> Digest {
    let mut h = crate::digest::Hasher::default();
    h.bytes(&templates.digest().to_le_bytes());
    h.bytes(&crate::cache::binary_id().to_le_bytes());
    h.value(view);
    h.finish()
}

fn plan(site: &Site, search: bool) -> Vec<Job> {
    let per = site.config.per_page;
    let mut jobs: Vec<Job> = (0..site.entries.len()).map(Job::Article).collect();
    let older = older_entries(site).len();
    jobs.extend((1..=page_count(older, per).max(1)).map(Job::Front));
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.terms.is_empty() {
            continue;
        }
        jobs.push(Job::Terms(t));
        for (i, term) in tax.terms.iter().enumerate() {
            jobs.extend((1..=page_count(term.entries.len(), per)).map(|n| Job::Term(t, i, n)));
        }
    }
    jobs.extend((0..site.editions.len()).map(Job::Edition));
    jobs.extend((1..=page_count(site.editions.len(), per)).map(Job::Editions));
    if !site.archive.years.is_empty() {
        jobs.push(Job::Archive);
    }
    for (y, year) in site.archive.years.iter().enumerate() {
        jobs.push(Job::Year(y));
        jobs.extend((0..year.months.len()).map(|m| Job::Month(y, m)));
    }
    jobs.push(Job::NotFound);
    if search {
        jobs.push(Job::Search);
    }
    jobs.extend(site.aliases.iter().map(|(path, i)| Job::Alias(*i, path.clone())));
    jobs
}

/// The pages a sitemap lists, in plan order: every page but `404.html` and redirects.
pub fn listed_pages(site: &Site) -> Vec<OutPath> {
    plan(site, site.config.search.enabled).iter().filter_map(|job| listed_path(site, job)).collect()
}

/// Where a job's page goes, for the pages a sitemap lists.
fn listed_path(site: &Site, job: &Job) -> Option<OutPath> {
    Some(match job {
        Job::Front(n) => page_path(&OutPath::new("index.html"), *n),
        Job::Article(i) => site.entries[*i].out.clone(),
        Job::Terms(t) => site.taxonomies[*t].index.clone(),
        Job::Term(t, i, n) => page_path(&site.taxonomies[*t].terms[*i].out, *n),
        Job::Edition(k) => site.editions[*k].out.clone(),
        Job::Editions(n) => page_path(&OutPath::new("editions/index.html"), *n),
        Job::Archive => OutPath::new("archive/index.html"),
        Job::Year(y) => site.archive.years[*y].out.clone(),
        Job::Month(y, m) => site.archive.years[*y].months[*m].out.clone(),
        Job::Search => OutPath::new(crate::search::PAGE),
        Job::NotFound | Job::Alias(..) => return None,
    })
}

/// The output path an alias names: `old/x.html` as is, `old/x/` or `old/x` as `old/x/index.html`.
pub fn alias_path(alias: &str) -> Option<OutPath> {
    let alias = alias.trim().trim_start_matches('/');
    let path = if alias.ends_with(".html") || alias.ends_with(".htm") {
        alias.to_string()
    } else {
        format!("{}/index.html", alias.trim_end_matches('/'))
    };
    OutPath::checked(&path)
}

/// Dated entries not shown in full in the front page's latest editions.
fn older_entries(site: &Site) -> Vec<usize> {
    let shown: std::collections::HashSet<usize> = site
        .editions
        .iter()
        .take(site.config.editions.front_page)
        .flat_map(|e| e.entries.iter().copied())
        .collect();
    (0..site.entries.len())
        .filter(|i| site.entries[*i].date.is_some() && !shown.contains(i))
        .collect()
}

#[derive(Serialize)]
struct Group<'a> {
    title: String,
    href: Option<String>,
    key: String,
    items: Vec<ItemView<'a>>,
}

/// A month on a year page: its newest headlines, and how many it has in all.
#[derive(Serialize)]
struct MonthGroup<'a> {
    title: String,
    href: String,
    key: String,
    count: usize,
    items: Vec<ItemView<'a>>,
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

#[derive(Serialize)]
struct ThreadItem {
    title: String,
    href: String,
    date: Option<DateShown>,
    current: bool,
}

#[derive(Serialize)]
struct SourceView {
    name: Option<String>,
    url: Option<String>,
    /// The source's page on this site (everything from it).
    href: Option<String>,
}

#[derive(Serialize)]
struct CorrectionView {
    date: DateShown,
    note: String,
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
        let links = |to: &str| self.href(out, &OutPath::new(to));
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
                home: links("index.html"),
                editions: dated.then(|| links("editions/index.html")),
                archive: dated.then(|| links("archive/index.html")),
                tags: tagged.then(|| links("tags/index.html")),
                search: links("search.html"),
                css: links("assets/style.css"),
                favicon: links("assets/favicon.svg"),
                feeds: crate::feeds::site_links(site, |to| self.href(out, to)),
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

    fn items(&self, out: &OutPath, list: &[usize]) -> Vec<ItemView<'a>> {
        let v = self.viewer();
        list.iter().map(|&i| v.item_from(out, i, &self.parts[i])).collect()
    }

    fn pagination(
        &self,
        out: &OutPath,
        first: &OutPath,
        n: usize,
        total: usize,
    ) -> Option<Pagination> {
        if total <= 1 {
            return None;
        }
        let link = |k: usize| self.href(out, &page_path(first, k));
        Some(Pagination {
            current: n,
            total,
            label: self.labels.count("page_of", n, total),
            prev: (n > 1).then(|| link(n - 1)),
            next: (n < total).then(|| link(n + 1)),
            pages: page_window(n, total)
                .into_iter()
                .map(|k| PageLink {
                    n: k,
                    href: if k == 0 { String::new() } else { link(k) },
                    current: k == n,
                    gap: k == 0,
                })
                .collect(),
        })
    }

    fn edition_title(&self, e: &crate::site::Edition) -> String {
        edition_title(e, self.labels)
    }

    fn context(&self, job: &Job, c: &mut PageContext) -> (OutPath, &'static str) {
        match job {
            Job::Front(n) => self.front(*n, c),
            Job::Article(i) => self.article(*i, c),
            Job::Terms(t) => self.terms(&self.site.taxonomies[*t], c),
            Job::Term(t, i, n) => self.term(&self.site.taxonomies[*t], *i, *n, c),
            Job::Edition(i) => self.edition(*i, c),
            Job::Editions(n) => self.editions(*n, c),
            Job::Archive => self.archive(c),
            Job::Year(y) => self.year(*y, c),
            Job::Month(y, m) => self.month(*y, *m, c),
            Job::NotFound => self.not_found(c),
            Job::Alias(i, path) => self.alias(*i, path, c),
            Job::Search => self.search(c),
        }
    }

    fn front(&self, n: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let site = self.site;
        let first = OutPath::new("index.html");
        let out = page_path(&first, n);
        let older = &self.older;
        let per = site.config.per_page;
        let total = page_count(older.len(), per).max(1);
        let slice = &older[((n - 1) * per).min(older.len())..(n * per).min(older.len())];
        let title =
            if n == 1 { site.config.title.clone() } else { self.labels.count("page_of", n, total) };
        let mut page = self.page(&out, "front", title, site.config.description.clone());
        let latest: Vec<Group> = if n == 1 {
            site.editions
                .iter()
                .take(site.config.editions.front_page)
                .map(|e| Group {
                    title: self.edition_title(e),
                    href: Some(self.href(&out, &e.out)),
                    key: e.key.clone(),
                    items: self.items(&out, &e.entries),
                })
                .collect()
        } else {
            Vec::new()
        };
        c.insert("latest", &latest);
        c.insert("older", &self.by_day(&out, slice));
        let undated: Vec<usize> = if n == 1 {
            (0..site.entries.len()).filter(|&i| site.entries[i].date.is_none()).collect()
        } else {
            Vec::new()
        };
        c.insert("undated", &self.items(&out, &undated));
        let shown =
            site.editions.iter().take(if n == 1 { site.config.editions.front_page } else { 0 });
        let shown = shown.flat_map(|e| e.entries.iter().copied()).chain(slice.iter().copied());
        page.jsonld =
            meta::list_jsonld(site, &page, &self.listed(shown.chain(undated.iter().copied())));
        c.insert("page", &page);
        c.insert("pagination", &self.pagination(&out, &first, n, total));
        (out, "index.html")
    }

    /// Entries grouped by day (they arrive newest first).
    fn by_day(&self, out: &OutPath, list: &[usize]) -> Vec<Group<'a>> {
        let mut groups: Vec<Group> = Vec::new();
        for &i in list {
            let e = &self.site.entries[i];
            let Some(date) = &e.date else { continue };
            let item = self.viewer().item_from(out, i, &self.parts[i]);
            match groups.last_mut() {
                Some(g) if g.key == date.day => g.items.push(item),
                _ => {
                    let day =
                        jiff::civil::Date::strptime("%Y-%m-%d", &date.day).unwrap_or_default();
                    let edition = self.site.edition_of[i].map(|k| &self.site.editions[k]);
                    groups.push(Group {
                        title: self.labels.day(day),
                        href: edition.map(|ed| self.href(out, &ed.out)),
                        key: date.day.clone(),
                        items: vec![item],
                    })
                }
            }
        }
        groups
    }

    fn article(&self, i: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let site = self.site;
        let e = &site.entries[i];
        let m = &e.article.meta;
        let out = e.out.clone();
        let item = self.viewer().item_from(&out, i, &self.parts[i]);
        let mut page = self.page(
            &out,
            "article",
            m.title.clone(),
            m.dek.clone().unwrap_or_else(|| item.summary.to_string()),
        );
        if let Some(lang) = &m.lang {
            page.lang = lang.clone();
            page.dir = direction(lang);
        }
        page.meta = meta::article_tags(site, i, &page);
        page.jsonld = meta::article_jsonld(site, i, &page);
        c.insert("page", &page);
        c.insert("article", &item);
        c.insert("html", &e.body.html);
        c.insert("subhead", &m.subhead);
        c.insert(
            "source",
            &m.source.as_ref().map(|s| {
                let name = crate::site::source_name(&e.article);
                let term = name.as_deref().and_then(|n| site.taxonomy("sources")?.term(n));
                SourceView { href: term.map(|t| self.href(&out, &t.out)), name, url: s.url.clone() }
            }),
        );
        c.insert("updated", &e.updated.as_ref().map(|d| DateShown::new(d, self.labels)));
        let corrections: Vec<CorrectionView> = m
            .corrections
            .iter()
            .map(|k| CorrectionView {
                date: DateShown::new(&k.date.view(), self.labels),
                note: k.note.clone(),
            })
            .collect();
        c.insert("corrections", &corrections);
        let named = |j: usize| Named {
            title: site.entries[j].article.meta.title.clone(),
            href: self.href(&out, &site.entries[j].out),
        };
        c.insert("newer", &i.checked_sub(1).map(named));
        c.insert("older", &(i + 1 < site.entries.len()).then(|| named(i + 1)));
        c.insert("related", &self.items(&out, &site.related[i]));
        let thread: Vec<ThreadItem> = m
            .thread
            .as_ref()
            .and_then(|k| site.threads.get(k))
            .filter(|members| members.len() > 1)
            .map(|members| {
                members
                    .iter()
                    .map(|&j| ThreadItem {
                        title: site.entries[j].article.meta.title.clone(),
                        href: self.href(&out, &site.entries[j].out),
                        date: site.entries[j].date.as_ref().map(|d| DateShown::new(d, self.labels)),
                        current: j == i,
                    })
                    .collect()
            })
            .unwrap_or_default();
        c.insert("thread", &thread);
        let edition = site.edition_of[i].map(|k| &site.editions[k]);
        c.insert(
            "edition",
            &edition
                .map(|ed| Named { title: self.edition_title(ed), href: self.href(&out, &ed.out) }),
        );
        (out, "article.html")
    }

    fn taxonomy_label(&self, tax: &Taxonomy) -> String {
        self.labels.map.get(&tax.name).cloned().unwrap_or_else(|| tax.name.clone())
    }

    fn terms(&self, tax: &Taxonomy, c: &mut PageContext) -> (OutPath, &'static str) {
        let out = tax.index.clone();
        let title = self.taxonomy_label(tax);
        let mut page = self.page(&out, "terms", title.clone(), title.clone());
        c.insert("taxonomy", &Named { title, href: self.href(&out, &tax.index) });
        let mut terms: Vec<TermView> = tax
            .terms
            .iter()
            .map(|t| TermView {
                name: t.name.clone(),
                href: self.href(&out, &t.out),
                count: t.entries.len(),
            })
            .collect();
        terms.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        c.insert("terms", &terms);
        let mut by_use: Vec<&crate::site::Term> = tax.terms.iter().collect();
        by_use.sort_by_key(|t| std::cmp::Reverse(t.entries.len())); // stable: ties keep name order
        let list = self.listed_pages(by_use.iter().map(|t| (&t.out, t.name.clone())));
        page.jsonld = meta::list_jsonld(self.site, &page, &list);
        c.insert("page", &page);
        (out, "terms.html")
    }

    fn term(
        &self,
        tax: &Taxonomy,
        i: usize,
        n: usize,
        c: &mut PageContext,
    ) -> (OutPath, &'static str) {
        let term = &tax.terms[i];
        let out = page_path(&term.out, n);
        let per = self.site.config.per_page;
        let total = page_count(term.entries.len(), per);
        let slice = &term.entries[(n - 1) * per..(n * per).min(term.entries.len())];
        let mut title = format!("{}: {}", self.taxonomy_label(tax), term.name);
        if n > 1 {
            title = format!("{title} ({})", self.labels.count("page_of", n, total));
        }
        let mut page = self.page(
            &out,
            "term",
            title,
            self.labels.count("articles_count", term.entries.len(), 0),
        );
        if tax.name == "tags" {
            page.feeds = crate::feeds::tag_links(self.site, term, |to| self.href(&out, to));
        }
        page.jsonld = meta::list_jsonld(self.site, &page, &self.listed(slice.iter().copied()));
        c.insert("page", &page);
        c.insert(
            "taxonomy",
            &Named { title: self.taxonomy_label(tax), href: self.href(&out, &tax.index) },
        );
        c.insert(
            "term",
            &TermView {
                name: term.name.clone(),
                href: self.href(&out, &term.out),
                count: term.entries.len(),
            },
        );
        c.insert("items", &self.items(&out, slice));
        c.insert("pagination", &self.pagination(&out, &term.out, n, total));
        (out, "term.html")
    }

    fn edition(&self, k: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let site = self.site;
        let ed = &site.editions[k];
        let out = ed.out.clone();
        let title = self.edition_title(ed);
        let count = self.labels.count("articles_count", ed.entries.len(), 0);
        let mut page = self.page(&out, "edition", title.clone(), count);
        page.feeds = crate::feeds::edition_links(site, ed, self.labels, |to| self.href(&out, to));
        page.jsonld = meta::list_jsonld(site, &page, &self.listed(ed.entries.iter().copied()));
        c.insert("page", &page);
        c.insert(
            "edition",
            &Group { title, href: None, key: ed.key.clone(), items: self.items(&out, &ed.entries) },
        );
        let named = |j: usize| Named {
            title: self.edition_title(&site.editions[j]),
            href: self.href(&out, &site.editions[j].out),
        };
        c.insert("newer_edition", &k.checked_sub(1).map(named));
        c.insert("older_edition", &(k + 1 < site.editions.len()).then(|| named(k + 1)));
        c.insert("all_editions", &self.href(&out, &OutPath::new("editions/index.html")));
        (out, "edition.html")
    }

    fn editions(&self, n: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let site = self.site;
        let first = OutPath::new("editions/index.html");
        let out = page_path(&first, n);
        let per = site.config.per_page;
        let total = page_count(site.editions.len(), per);
        let slice = &site.editions[(n - 1) * per..(n * per).min(site.editions.len())];
        let mut page = self.page(
            &out,
            "editions",
            self.labels.map["editions"].clone(),
            site.config.description.clone(),
        );
        let listed = self.listed_pages(slice.iter().map(|ed| (&ed.out, self.edition_title(ed))));
        page.jsonld = meta::list_jsonld(site, &page, &listed);
        c.insert("page", &page);
        let list: Vec<Group> = slice
            .iter()
            .map(|ed| Group {
                title: self.edition_title(ed),
                href: Some(self.href(&out, &ed.out)),
                key: ed.key.clone(),
                items: self.items(&out, &ed.entries[..ed.entries.len().min(3)]),
            })
            .collect();
        c.insert("editions", &list);
        c.insert("pagination", &self.pagination(&out, &first, n, total));
        (out, "editions.html")
    }

    fn archive(&self, c: &mut PageContext) -> (OutPath, &'static str) {
        #[derive(Serialize)]
        struct YearView {
            title: String,
            href: String,
            count: usize,
            months: Vec<TermView>,
        }
        let out = OutPath::new("archive/index.html");
        let (title, description) =
            (self.labels.map["archive"].clone(), self.site.config.description.clone());
        let mut page = self.page(&out, "archive", title, description);
        let years = self.site.archive.years.iter().map(|y| (&y.out, y.year.to_string()));
        page.jsonld = meta::list_jsonld(self.site, &page, &self.listed_pages(years));
        c.insert("page", &page);
        let years: Vec<YearView> = self
            .site
            .archive
            .years
            .iter()
            .map(|y| YearView {
                title: y.year.to_string(),
                href: self.href(&out, &y.out),
                count: y.months.iter().map(|m| m.entries.len()).sum(),
                months: y
                    .months
                    .iter()
                    .map(|m| TermView {
                        name: self.labels.month(m.year, m.month),
                        href: self.href(&out, &m.out),
                        count: m.entries.len(),
                    })
                    .collect(),
            })
            .collect();
        c.insert("years", &years);
        (out, "archive.html")
    }

    fn year(&self, y: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let year = &self.site.archive.years[y];
        let out = year.out.clone();
        let mut page =
            self.page(&out, "year", year.year.to_string(), self.site.config.description.clone());
        // Each month's newest headlines; its own page lists them all.
        let cap = match self.site.config.archive.year_headlines {
            0 => usize::MAX,
            n => n,
        };
        let shown = |m: &'a crate::site::editions::Month| &m.entries[..m.entries.len().min(cap)];
        let entries = year.months.iter().flat_map(|m| shown(m).iter().copied());
        page.jsonld = meta::list_jsonld(self.site, &page, &self.listed(entries));
        c.insert("page", &page);
        let months: Vec<MonthGroup> = year
            .months
            .iter()
            .map(|m| MonthGroup {
                title: self.labels.month(m.year, m.month),
                href: self.href(&out, &m.out),
                key: format!("{:04}-{:02}", m.year, m.month),
                count: m.entries.len(),
                items: self.items(&out, shown(m)),
            })
            .collect();
        c.insert("months", &months);
        c.insert("archive", &self.href(&out, &OutPath::new("archive/index.html")));
        (out, "year.html")
    }

    fn month(&self, y: usize, m: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let year = &self.site.archive.years[y];
        let month = &year.months[m];
        let out = month.out.clone();
        let title = self.labels.month(month.year, month.month);
        let mut page = self.page(&out, "month", title, self.site.config.description.clone());
        page.jsonld =
            meta::list_jsonld(self.site, &page, &self.listed(month.entries.iter().copied()));
        c.insert("page", &page);
        c.insert("days", &self.by_day(&out, &month.entries));
        c.insert("year", &Named { title: year.year.to_string(), href: self.href(&out, &year.out) });
        (out, "month.html")
    }

    fn not_found(&self, c: &mut PageContext) -> (OutPath, &'static str) {
        let out = OutPath::new("404.html");
        let mut page =
            self.page(&out, "not_found", self.labels.map["not_found"].clone(), String::new());
        // GitHub Pages serves 404.html at any depth: links start from the base path.
        let rooted = |to: &str| format!("{}{to}", self.site.urls.base_path());
        page.links = NavLinks {
            home: rooted(""),
            editions: page.links.editions.as_ref().map(|_| rooted("editions/")),
            archive: page.links.archive.as_ref().map(|_| rooted("archive/")),
            tags: page.links.tags.as_ref().map(|_| rooted("tags/")),
            search: rooted("search.html"),
            css: rooted("assets/style.css"),
            favicon: rooted("assets/favicon.svg"),
            feeds: crate::feeds::site_links(self.site, |to| rooted(to.as_str())),
        };
        c.insert("page", &page);
        (out, "404.html")
    }

    fn search(&self, c: &mut PageContext) -> (OutPath, &'static str) {
        let out = OutPath::new(crate::search::PAGE);
        let title = self.labels.map["search"].clone();
        c.insert("page", &self.page(&out, "search", title, self.site.config.description.clone()));
        c.insert("search", &crate::search::page::view(self.site, self.labels, &out, self.pagefind));
        (out, "search.html")
    }

    fn alias(&self, i: usize, path: &OutPath, c: &mut PageContext) -> (OutPath, &'static str) {
        let e = &self.site.entries[i];
        let mut page = self.page(path, "redirect", e.article.meta.title.clone(), String::new());
        page.canonical = self.site.urls.absolute(&e.out);
        c.insert("page", &page);
        c.insert(
            "target",
            &Link { name: e.article.meta.title.clone(), href: Some(self.href(path, &e.out)) },
        );
        (path.clone(), "redirect.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_live_under_the_list() {
        assert_eq!(page_path(&OutPath::new("index.html"), 2).as_str(), "page/2.html");
        assert_eq!(page_path(&OutPath::new("index.html"), 1).as_str(), "index.html");
        assert_eq!(page_path(&OutPath::new("tags/x.html"), 3).as_str(), "tags/x/page/3.html");
        assert_eq!(
            page_path(&OutPath::new("editions/index.html"), 2).as_str(),
            "editions/page/2.html"
        );
    }

    #[test]
    fn pagination_links_a_window_with_gaps() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 50), [1, 2, 3, 0, 50]);
        assert_eq!(page_window(25, 50), [1, 0, 23, 24, 25, 26, 27, 0, 50]);
        assert_eq!(page_window(4, 50), [1, 2, 3, 4, 5, 6, 0, 50]);
        assert_eq!(page_window(50, 50), [1, 0, 48, 49, 50]);
    }

    #[test]
    fn counts_pages() {
        assert_eq!(page_count(0, 10), 0);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
    }

    #[test]
    fn alias_paths_are_checked() {
        assert_eq!(alias_path("/old/x.html").unwrap().as_str(), "old/x.html");
        assert_eq!(alias_path("old/x/").unwrap().as_str(), "old/x/index.html");
        assert!(alias_path("../../etc/x.html").is_none());
    }
}
