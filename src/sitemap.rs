//! Sitemaps for search engines. `sitemap.xml` lists every page a reader may land on (an
//! index of `sitemap-N.xml` parts beyond 50,000 URLs); `news-sitemap.xml` lists, for
//! Google News, the articles of the two days before the reference time (parts beyond
//! 1,000), and is written even when empty; `robots.txt` names both. Which pages exist is
//! `render::pages`'s business, and dates are `feeds::item`'s: this module lists and writes.

use crate::error::Result;
use crate::output::Output;
use crate::site::{Site, pagemap};
use crate::text::xml_safe;
use crate::urls::{OutPath, Urls};
use crate::views::{item, languages};
use std::collections::HashMap;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub(crate) const MAX_URLS: usize = 50_000;
/// The most articles one Google News sitemap may hold.
pub(crate) const MAX_NEWS: usize = 1_000;
/// How far back the news sitemap looks from the reference time.
pub(crate) const NEWS_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_hours(48);

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Which sitemap: every page, or Google News.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `sitemap.xml`: every page.
    Pages,
    /// `news-sitemap.xml`: recent articles, with `<news:news>`.
    News,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Pages => "sitemap",
            Kind::News => "news-sitemap",
        }
    }
}

/// One `<url>` of a sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loc {
    /// Absolute URL.
    pub url: String,
    /// Last modification (W3C datetime), for articles.
    pub lastmod: Option<String>,
    /// The Google News block, in a news sitemap.
    pub news: Option<News>,
    /// The page's versions in other languages, as `hreflang` and absolute URL (this
    /// one and `x-default` included); empty with one language.
    pub alternates: Vec<(String, String)>,
}

/// The `<news:news>` block of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct News {
    /// The publication's name.
    pub name: String,
    /// ISO 639 language code (`zh-cn`, `zh-tw` for Chinese).
    pub language: String,
    /// Publication date, W3C datetime.
    pub date: String,
    /// The headline.
    pub title: String,
}

/// Writes the sitemaps and robots.txt. Returns how many files were written.
pub(crate) fn write_all(site: &Site, output: &Output) -> Result<usize> {
    let mut files = split(Kind::Pages, &pages(site), MAX_URLS, &site.urls);
    files.extend(split(Kind::News, &news(site), MAX_NEWS, &site.urls));
    if let Some(robots) = robots_of(site) {
        files.push((pagemap::path(pagemap::ROBOTS), robots));
    }
    for (path, text) in &files {
        output.write(path, text.as_bytes())?;
    }
    Ok(files.len())
}

/// Every listed page (all but `404.html` and redirects), articles with their `lastmod`.
pub(crate) fn pages(site: &Site) -> Vec<Loc> {
    let articles: HashMap<&OutPath, usize> =
        site.entries.iter().enumerate().map(|(i, e)| (&e.out, i)).collect();
    crate::site::pagemap::listed(site)
        .iter()
        .map(|path| {
            let entry = articles.get(path).copied();
            let versions = languages::versions(site, path, entry);
            let alternates = languages::alternates(site, &versions);
            Loc {
                url: site.urls.absolute(path),
                lastmod: entry
                    .map(|i| &site.entries[i])
                    .and_then(|e| item::modified(e).or_else(|| e.date.clone()).map(|d| d.iso)),
                news: None,
                alternates: alternates.into_iter().map(|a| (a.hreflang, a.href)).collect(),
            }
        })
        .collect()
}

/// Where the news window opens for the reference time `now`: articles dated after it
/// (and not after `now`) are news.
pub(crate) fn news_since(now: jiff::Timestamp) -> jiff::Timestamp {
    now.checked_sub(NEWS_WINDOW).unwrap_or(now)
}

/// The articles published in the 48 hours up to the reference time, newest first.
/// Republished stories are left out: their pages tell Googlebot-News not to index them.
pub(crate) fn news(site: &Site) -> Vec<Loc> {
    let since = news_since(site.now);
    site.entries
        .iter()
        .filter(|e| !e.article.meta.republished)
        .filter_map(|e| {
            let at = e.article.meta.date.as_ref()?.at.timestamp();
            (at > since && at <= site.now).then(|| Loc {
                url: site.urls.absolute(&e.out),
                lastmod: None,
                alternates: Vec::new(),
                news: Some(News {
                    name: site.config.title.clone(),
                    language: news_language(
                        e.article.meta.lang.as_deref().unwrap_or(&site.config.language),
                    ),
                    date: e.date.as_ref().map(|d| d.iso.clone()).unwrap_or_default(),
                    title: e.article.meta.title.clone(),
                }),
            })
        })
        .collect()
}

/// The language code Google News wants: ISO 639, but `zh-cn` and `zh-tw` for Chinese.
pub(crate) fn news_language(tag: &str) -> String {
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("en").to_string();
    if primary != "zh" {
        return primary;
    }
    let traditional = parts.any(|p| matches!(p, "hant" | "tw" | "hk" | "mo"));
    if traditional { "zh-tw".into() } else { "zh-cn".into() }
}

/// `sitemap.xml` (or `news-sitemap.xml`) as one `<urlset>` when `locs` fit in `per_file`;
/// else parts `sitemap-1.xml`, `sitemap-2.xml`… and `sitemap.xml` as the index naming them.
pub(crate) fn split(
    kind: Kind,
    locs: &[Loc],
    per_file: usize,
    urls: &Urls,
) -> Vec<(OutPath, String)> {
    let (name, news) = (kind.name(), kind == Kind::News);
    let main = pagemap::sitemap(name, None);
    if locs.len() <= per_file {
        return vec![(main, urlset(locs, news))];
    }
    let mut parts = Vec::new();
    for (k, chunk) in locs.chunks(per_file.max(1)).enumerate() {
        parts.push((pagemap::sitemap(name, Some(k + 1)), urlset(chunk, news)));
    }
    let index: Vec<String> = parts.iter().map(|(path, _)| urls.absolute(path)).collect();
    let mut files = vec![(main, sitemap_index(&index))];
    files.extend(parts);
    files
}

fn esc(text: &str) -> String {
    quick_xml::escape::escape(xml_safe(text)).into_owned()
}

fn urlset(locs: &[Loc], news: bool) -> String {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{NS}\"");
    if news {
        xml.push_str(&format!(" xmlns:news=\"{NEWS_NS}\""));
    }
    if locs.iter().any(|loc| !loc.alternates.is_empty()) {
        xml.push_str(&format!(" xmlns:xhtml=\"{XHTML_NS}\""));
    }
    xml.push_str(">\n");
    for loc in locs {
        xml.push_str(&format!("<url><loc>{}</loc>", esc(&loc.url)));
        if let Some(lastmod) = &loc.lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", esc(lastmod)));
        }
        for (hreflang, url) in &loc.alternates {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                esc(hreflang),
                esc(url)
            ));
        }
        if let Some(n) = &loc.news {
            xml.push_str(&format!(
                "<news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news>",
                esc(&n.name),
                esc(&n.language),
                esc(&n.date),
                esc(&n.title)
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn sitemap_index(urls: &[String]) -> String {
    let mut xml =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{NS}\">\n");
    for url in urls {
        xml.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", esc(url)));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// robots.txt, at the publication's root only: with languages, it names every
/// language's sitemaps.
fn robots_of(site: &Site) -> Option<String> {
    let Some(placement) = &site.placement else { return Some(robots(&site.urls)) };
    if !placement.language.prefix.is_empty() {
        return None;
    }
    let mut text = robots(&site.urls);
    for language in placement.all.iter().filter(|l| !l.prefix.is_empty()) {
        let base = format!("{}{}", placement.root, language.prefix);
        text.push_str(&format!("Sitemap: {base}sitemap.xml\nSitemap: {base}news-sitemap.xml\n"));
    }
    Some(text)
}

/// robots.txt: everything may be crawled; both sitemaps named. Crawlers read it only at
/// a domain's root, so under a `/<repo>/` subpath it is informative only.
pub(crate) fn robots(urls: &Urls) -> String {
    let base = urls.base();
    format!(
        "User-agent: *\nDisallow:\n\nSitemap: {base}sitemap.xml\nSitemap: {base}news-sitemap.xml\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(n: usize) -> Loc {
        let url = format!("https://x.org/d/articles/{n}.html");
        Loc { url, lastmod: None, news: None, alternates: Vec::new() }
    }

    #[test]
    fn one_file_while_the_urls_fit() {
        let files = split(Kind::Pages, &[loc(1), loc(2)], 2, &Urls::new("https://x.org/d/"));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0.as_str(), "sitemap.xml");
        assert_eq!(files[0].1.matches("<url>").count(), 2);
    }

    #[test]
    fn an_index_and_parts_beyond_the_limit() {
        let locs: Vec<Loc> = (0..5).map(loc).collect();
        let files = split(Kind::Pages, &locs, 2, &Urls::new("https://x.org/d/"));
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0].1.contains("<loc>https://x.org/d/sitemap-3.xml</loc>"));
        let counts: Vec<usize> =
            files[1..].iter().map(|(_, x)| x.matches("<url>").count()).collect();
        assert_eq!(counts, [2, 2, 1]);
    }

    #[test]
    fn news_sitemaps_split_under_their_own_name() {
        let locs: Vec<Loc> = (0..3).map(loc).collect();
        let files = split(Kind::News, &locs, 2, &Urls::new("https://x.org/"));
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["news-sitemap.xml", "news-sitemap-1.xml", "news-sitemap-2.xml"]);
        assert!(files[0].1.contains("<loc>https://x.org/news-sitemap-2.xml</loc>"));
        assert!(files[1].1.contains("xmlns:news="));
    }

    #[test]
    fn an_empty_news_sitemap_is_still_a_news_urlset() {
        let files = split(Kind::News, &[], MAX_NEWS, &Urls::new("https://x.org/"));
        assert_eq!(files.len(), 1);
        assert!(files[0].1.contains(&format!("xmlns:news=\"{NEWS_NS}\"")));
        assert!(!files[0].1.contains("<url>"));
    }

    #[test]
    fn escapes_headlines() {
        let news = News {
            name: "A & B".into(),
            language: "en".into(),
            date: "2025-01-01T00:00:00+00:00".into(),
            title: "<script> ]]> \u{1}".into(),
        };
        let xml = urlset(&[Loc { news: Some(news), ..loc(1) }], true);
        assert!(xml.contains("<news:title>&lt;script&gt; ]]&gt; </news:title>"), "{xml}");
        assert!(xml.contains("<news:name>A &amp; B</news:name>"), "{xml}");
    }

    #[test]
    fn news_languages_are_iso_639_with_the_chinese_exceptions() {
        assert_eq!(news_language("en-GB"), "en");
        assert_eq!(news_language("zh"), "zh-cn");
        assert_eq!(news_language("zh-Hant-TW"), "zh-tw");
        assert_eq!(news_language("zh_TW"), "zh-tw");
    }
}
