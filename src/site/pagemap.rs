//! The page map: every page and file the site writes and the path it goes to. The
//! site model takes its pages' paths from here (articles, taxonomies, editions,
//! archive), the writers ask it where their files go (pages, feeds, sitemaps, search,
//! assets), the alias check asks it which paths the site keeps for itself, and the
//! sitemap asks it which pages exist. No other module spells an output path.
//!
//! Layout: `index.html` and `page/<n>.html`; `articles/<slug>.html`;
//! `<taxonomy>/index.html`, `<taxonomy>/<slug>.html` and `<taxonomy>/<slug>/page/<n>.html`;
//! `editions/<key>.html` and `editions/index.html`; `archive/index.html`,
//! `archive/<yyyy>.html`, `archive/<yyyy>-<mm>.html`; `search.html`, `404.html`; feeds at
//! the root (`feed.xml`, `atom.xml`, `feed.json`) and beside a tag or edition page
//! (`tags/<slug>.xml`, `.atom`, `.json`); `sitemap.xml`, `news-sitemap.xml` (split into
//! `-<n>.xml` parts when large) and `robots.txt`; `assets/`, `pagefind/`, `.nojekyll`;
//! the e-mail edition's `email/<key>.html` and `email/<key>.txt` (and `email/latest.*`);
//! resized pictures in `images/<name>-<width>.<tag>.<ext>`.
//!
//! With `[languages]`, each language's site has this layout inside its own folder
//! (`fr/index.html`, `fr/articles/<slug>.html`; the default language at the root):
//! `site::languages` places the sites and `Output::enter` takes writes into the folder.

use super::Site;
use crate::urls::OutPath;

/// The front page.
pub(crate) const FRONT: &str = "index.html";
/// The "not found" page GitHub Pages serves for a missing path.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The search page.
pub(crate) const SEARCH: &str = "search.html";
/// The built-in sign-up page (unless a page of the editor's takes its path).
pub(crate) const SUBSCRIBE: &str = "subscribe.html";
/// The list of editions.
pub(crate) const EDITIONS: &str = "editions/index.html";
/// The archive's front page.
pub(crate) const ARCHIVE: &str = "archive/index.html";
/// The stylesheet.
pub(crate) const STYLE: &str = "assets/style.css";
/// The favicon.
pub(crate) const FAVICON: &str = "assets/favicon.svg";
/// The search page's script, the same for every site.
pub(crate) const SEARCH_SCRIPT: &str = "assets/search.js";
/// The fallback search index, loaded with a plain `<script>` tag.
pub(crate) const SEARCH_FALLBACK: &str = "assets/search-index.js";
/// The sharded search index's entry (the index when `[search] index` picks it).
pub(crate) const SEARCH_SHARDS: &str = "assets/search/meta.js";
/// The folder of the sharded search index (`meta.js`, `t/<n>.js`, `d/<n>.js`).
const SEARCH_SHARDS_FOLDER: &str = "assets/search/";
/// The folder of the Pagefind bundles.
pub(crate) const PAGEFIND: &str = "pagefind";
/// Tells GitHub Pages not to run Jekyll over the site.
pub(crate) const NOJEKYLL: &str = ".nojekyll";
/// Crawlers' rules.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The site-wide feeds: RSS, Atom, JSON Feed.
pub(crate) const SITE_FEEDS: [&str; 3] = ["feed.xml", "atom.xml", "feed.json"];

/// The name the newest edition's e-mail also goes by (`email/latest.html`).
pub(crate) const EMAIL_LATEST: &str = "latest";

/// Folders the site fills itself, besides `articles/` (where only the article pages
/// themselves are taken, so that a renamed article can redirect from its old path).
const SITE_FOLDERS: &[&str] = &[
    "assets", "tags", "authors", "sources", "sections", "editions", "archive", "page", "email",
    "images",
];

/// A path of the map, as an output path.
pub(crate) fn path(of: &str) -> OutPath {
    OutPath::new(of)
}

/// An article's page.
pub(crate) fn article(slug: &str) -> OutPath {
    OutPath::new(format!("articles/{slug}.html"))
}

/// A file a body refers to, copied beside its page: `articles/<slug>/<name>` for
/// `articles/<slug>.html`, `policies/ethics/<name>` for `policies/ethics.html`.
pub(crate) fn file_beside(page: &OutPath, name: &str) -> Option<OutPath> {
    let stem = page.as_str().strip_suffix(".html").unwrap_or(page.as_str());
    OutPath::checked(&format!("{stem}/{name}"))
}

/// A standalone page: `pages/about.md` (`about`) goes to `about.html`,
/// `pages/policies/corrections.md` to `policies/corrections.html`.
pub(crate) fn standalone(rel: &str) -> Option<OutPath> {
    OutPath::checked(&format!("{rel}.html"))
}

/// A resized copy of a picture: `images/<stem>-<width>.<tag>.<ext>`, where the tag is
/// a digest of the source's bytes and the settings the copy was made with.
pub(crate) fn picture(stem: &str, width: u32, tag: &str, ext: &str) -> OutPath {
    OutPath::new(format!("images/{stem}-{width}.{tag}.{ext}"))
}

/// A taxonomy's index page (`tags/index.html`).
pub(crate) fn terms(taxonomy: &str) -> OutPath {
    OutPath::new(format!("{taxonomy}/index.html"))
}

/// A term's page (`tags/harbor.html`).
pub(crate) fn term(taxonomy: &str, slug: &str) -> OutPath {
    OutPath::new(format!("{taxonomy}/{slug}.html"))
}

/// An edition's page (`editions/2025-04-21.html`, `editions/2025-W16.html`).
pub(crate) fn edition(key: &str) -> OutPath {
    OutPath::new(format!("editions/{key}.html"))
}

/// An edition's e-mail, HTML (`email/2025-04-21.html`, `email/latest.html`).
pub(crate) fn email(key: &str) -> OutPath {
    OutPath::new(format!("email/{key}.html"))
}

/// An edition's e-mail, the text part (`email/2025-04-21.txt`).
pub(crate) fn email_text(key: &str) -> OutPath {
    OutPath::new(format!("email/{key}.txt"))
}

/// A year of the archive.
pub(crate) fn year(year: i16) -> OutPath {
    OutPath::new(format!("archive/{year:04}.html"))
}

/// A month of the archive.
pub(crate) fn month(year: i16, month: i8) -> OutPath {
    OutPath::new(format!("archive/{year:04}-{month:02}.html"))
}

/// Page `n` (1-based) of a list whose first page is `first`: `page/2.html` for the
/// front page, `editions/page/2.html`, `tags/x/page/3.html`.
pub(crate) fn page(first: &OutPath, n: usize) -> OutPath {
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

/// Number of pages for `len` items (0 for an empty list).
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1))
}

/// The feed beside the page `page` (a tag or an edition), with `extension`.
pub(crate) fn feed_beside(page: &OutPath, extension: &str) -> OutPath {
    OutPath::new(format!("{}.{extension}", page.as_str().trim_end_matches(".html")))
}

/// A sitemap (`sitemap.xml`, `news-sitemap.xml`), or part `n` of one when split.
pub(crate) fn sitemap(name: &str, part: Option<usize>) -> OutPath {
    match part {
        None => OutPath::new(format!("{name}.xml")),
        Some(n) => OutPath::new(format!("{name}-{n}.xml")),
    }
}

/// The folder of Pagefind bundle `shard`, with its final `/`.
pub(crate) fn pagefind_bundle(shard: &str) -> String {
    format!("{PAGEFIND}/{shard}/")
}

/// A file of the sharded search index, e.g. `t/3.js`.
pub(crate) fn search_shard_file(file: &str) -> OutPath {
    OutPath::new(format!("{SEARCH_SHARDS_FOLDER}{file}"))
}

/// A file of Pagefind bundle `shard`.
pub(crate) fn pagefind_file(shard: &str, file: &str) -> OutPath {
    OutPath::new(format!("{}{file}", pagefind_bundle(shard)))
}

/// The output path an alias names: `old/x.html` as is, `old/x/` or `old/x` as
/// `old/x/index.html`; `None` when it is not a safe path inside the site.
pub(crate) fn alias(alias: &str) -> Option<OutPath> {
    let alias = alias.trim().trim_start_matches('/');
    let path = if alias.ends_with(".html") || alias.ends_with(".htm") {
        alias.to_string()
    } else {
        format!("{}/index.html", alias.trim_end_matches('/'))
    };
    OutPath::checked(&path)
}

/// True when `path` lies where the site writes its own pages and files.
pub(crate) fn taken_by_the_site(path: &OutPath) -> bool {
    let first = path.as_str().split('/').next().unwrap_or("");
    let nested = path.as_str().contains('/');
    let sitemap = (first.starts_with("sitemap") || first.starts_with("news-sitemap"))
        && first.ends_with(".xml");
    let root_files = [FRONT, NOT_FOUND, SEARCH, ROBOTS, SUBSCRIBE].into_iter().chain(SITE_FEEDS);
    // `page/` holds only the numbered later pages of the front list (`page/2.html`), so a
    // peer's own `page/about/` section (Hugo's examples have one) stays free.
    let numbered =
        |rest: &str| rest.strip_suffix(".html").is_some_and(|n| n.parse::<u32>().is_ok());
    let folder = match path.as_str().split_once('/') {
        Some(("page", rest)) => numbered(rest),
        _ => nested && SITE_FOLDERS.contains(&first),
    };
    folder || root_files.into_iter().any(|f| f == first) || sitemap
}

/// The kept or hidden entry of the output folder that `path` would replace, if any
/// (`.git`, `CNAME`, any hidden entry).
pub(crate) fn taken_by_the_user<'a>(path: &'a OutPath, keep: &'a [String]) -> Option<&'a str> {
    let first = path.as_str().split('/').next().unwrap_or("");
    if let Some(hidden) = path.as_str().split('/').find(|part| part.starts_with('.')) {
        return Some(hidden);
    }
    keep.iter()
        .map(|k| k.trim_matches('/'))
        .find(|k| k.split('/').next() == Some(first))
        .map(|_| first)
}

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Page {
    /// Page `n` of the front page.
    Front(usize),
    /// Entry `i`'s article page.
    Article(usize),
    /// Taxonomy `t`'s index.
    Terms(usize),
    /// Page `n` of term `i` of taxonomy `t`.
    Term(usize, usize, usize),
    /// Edition `k`.
    Edition(usize),
    /// Page `n` of the list of editions.
    Editions(usize),
    /// The archive's front page.
    Archive,
    /// Year `y` of the archive.
    Year(usize),
    /// Month `m` of year `y`.
    Month(usize, usize),
    /// The 404 page.
    NotFound,
    /// The search page.
    Search,
    /// Standalone page `i` (from pages/).
    Standalone(usize),
    /// The built-in sign-up page.
    Subscribe,
    /// A redirect to standalone page `i` from an old path.
    StandaloneAlias(usize, OutPath),
    /// A redirect to entry `i` from an old path.
    Alias(usize, OutPath),
    /// Redirect `i` of `[redirects]`.
    Redirect(usize),
}

/// Every page the site has, in a stable order.
pub(crate) fn pages(site: &Site) -> Vec<Page> {
    let per = site.config.per_page;
    let mut pages: Vec<Page> = (0..site.entries.len()).map(Page::Article).collect();
    pages.extend((1..=page_count(older_entries(site).len(), per).max(1)).map(Page::Front));
    for (t, tax) in site.taxonomies.iter().enumerate().filter(|(_, tax)| !tax.terms.is_empty()) {
        pages.push(Page::Terms(t));
        for (i, term) in tax.terms.iter().enumerate() {
            // A term with no entries (a section with only its `_index.md`) has one page.
            let count = page_count(term.entries.len(), per).max(1);
            pages.extend((1..=count).map(|n| Page::Term(t, i, n)));
        }
    }
    pages.extend((0..site.editions.len()).map(Page::Edition));
    pages.extend((1..=page_count(site.editions.len(), per)).map(Page::Editions));
    if !site.archive.years.is_empty() {
        pages.push(Page::Archive);
    }
    for (y, year) in site.archive.years.iter().enumerate() {
        pages.push(Page::Year(y));
        pages.extend((0..year.months.len()).map(|m| Page::Month(y, m)));
    }
    pages.push(Page::NotFound);
    if site.config.search.enabled {
        pages.push(Page::Search);
    }
    pages.extend((0..site.pages.len()).map(Page::Standalone));
    if site.subscribe {
        pages.push(Page::Subscribe);
    }
    pages.extend(site.aliases.iter().map(|(path, i)| Page::Alias(*i, path.clone())));
    pages.extend(site.page_aliases.iter().map(|(path, i)| Page::StandaloneAlias(*i, path.clone())));
    pages.extend((0..site.redirects.len()).map(Page::Redirect));
    pages
}

/// Where `page` goes.
pub(crate) fn path_of(site: &Site, page: &Page) -> OutPath {
    match page {
        Page::Front(n) => self::page(&path(FRONT), *n),
        Page::Article(i) => site.entries[*i].out.clone(),
        Page::Terms(t) => site.taxonomies[*t].index.clone(),
        Page::Term(t, i, n) => self::page(&site.taxonomies[*t].terms[*i].out, *n),
        Page::Edition(k) => site.editions[*k].out.clone(),
        Page::Editions(n) => self::page(&path(EDITIONS), *n),
        Page::Archive => path(ARCHIVE),
        Page::Year(y) => site.archive.years[*y].out.clone(),
        Page::Month(y, m) => site.archive.years[*y].months[*m].out.clone(),
        Page::NotFound => path(NOT_FOUND),
        Page::Search => path(SEARCH),
        Page::Standalone(i) => site.pages[*i].out.clone(),
        Page::Subscribe => path(SUBSCRIBE),
        Page::Alias(_, path) | Page::StandaloneAlias(_, path) => path.clone(),
        Page::Redirect(i) => site.redirects[*i].from.clone(),
    }
}

/// The pages a sitemap lists, in map order: every page but `404.html` and redirects.
pub(crate) fn listed(site: &Site) -> Vec<OutPath> {
    let listed = |page: &Page| {
        !matches!(
            page,
            Page::NotFound | Page::Alias(..) | Page::StandaloneAlias(..) | Page::Redirect(_)
        )
    };
    pages(site).iter().filter(|page| listed(page)).map(|page| path_of(site, page)).collect()
}

/// Dated entries not shown in full in the front page's latest editions: the ones the
/// front page's later pages list.
pub(crate) fn older_entries(site: &Site) -> Vec<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OutPath {
        OutPath::new(s)
    }

    #[test]
    fn a_peer_page_section_is_free_beside_the_numbered_pages() {
        assert!(taken_by_the_site(&p("page/2.html")));
        assert!(!taken_by_the_site(&p("page/about/index.html")));
        assert!(taken_by_the_site(&p("tags/about/index.html")));
    }

    #[test]
    fn alias_paths_are_checked() {
        assert_eq!(alias("/old/x.html").unwrap().as_str(), "old/x.html");
        assert_eq!(alias("old/x/").unwrap().as_str(), "old/x/index.html");
        assert!(alias("../../etc/x.html").is_none());
    }

    #[test]
    fn later_pages_of_a_list_go_under_its_stem() {
        assert_eq!(page(&p("index.html"), 2).as_str(), "page/2.html");
        assert_eq!(page(&p("index.html"), 1).as_str(), "index.html");
        assert_eq!(page(&p("tags/x.html"), 3).as_str(), "tags/x/page/3.html");
        assert_eq!(page(&p(EDITIONS), 2).as_str(), "editions/page/2.html");
        assert_eq!(page_count(0, 10), 0);
        assert_eq!(page_count(11, 10), 2);
    }

    #[test]
    fn site_pages_are_taken_but_old_article_urls_are_free() {
        let taken = ["index.html", "404.html", "tags/x.html", "page/2.html", "feed.xml/index.html"];
        for taken in taken.into_iter().chain(["sitemap-2.xml", "robots.txt/index.html"]) {
            assert!(taken_by_the_site(&p(taken)), "{taken}");
        }
        for free in ["articles/old.html", "2019/05/story.html", "tags.html", "news/index.html"] {
            assert!(!taken_by_the_site(&p(free)), "{free}");
        }
    }

    #[test]
    fn kept_and_hidden_entries_are_the_users() {
        let keep = vec![".git".to_string(), "CNAME".to_string(), "docs/extra".to_string()];
        assert_eq!(taken_by_the_user(&p(".git/config.html"), &keep), Some(".git"));
        assert_eq!(taken_by_the_user(&p("CNAME/index.html"), &keep), Some("CNAME"));
        assert_eq!(taken_by_the_user(&p("a/.well-known/x.html"), &keep), Some(".well-known"));
        assert_eq!(taken_by_the_user(&p("docs/index.html"), &keep), Some("docs"));
        assert_eq!(taken_by_the_user(&p("old/x.html"), &keep), None);
    }
}
