//! The syndication view of one article: what feeds, the sitemaps and page metadata say
//! about it. Stable ids, the modification date, absolute URLs for the page and its image,
//! and the body with every link made absolute. Writing any format is left to others.

use crate::dates::DateView;
use crate::i18n::Labels;
use crate::site::{Entry, Site};
use crate::text::xml_safe;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters escaped in the seed path of a `tag:` id (RFC 4151 allows unreserved and `/`).
const TAG_PATH: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// An author, with the absolute URL of their page.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// The byline name.
    pub name: String,
    /// Their author page, when it is built.
    pub url: Option<String>,
    /// Their role, from their profile.
    pub job_title: Option<String>,
    /// Their photo's absolute URL, from their profile.
    pub image: Option<String>,
    /// Their pages elsewhere, from their profile.
    pub same_as: Vec<String>,
}

/// The person named `name`, with their author page and what their profile says.
pub(crate) fn person(site: &Site, name: &str) -> Person {
    let term = site.taxonomy("authors").and_then(|t| t.term(name));
    let url = term.map(|t| site.urls.absolute(&t.out));
    let profile = term.and_then(|t| site.profile(&t.slug));
    let details = profile.and_then(|p| p.article.meta.profile.as_deref());
    Person {
        name: name.to_string(),
        url,
        job_title: details.and_then(|d| d.role.clone()),
        image: profile.and_then(|p| social_image(site, p)).map(|(url, _)| url),
        same_as: details
            .map(|d| d.links.iter().map(|(_, url)| url.clone()).collect())
            .unwrap_or_default(),
    }
}

/// One article as feeds see it. Only dated articles are syndicated.
#[derive(Debug)]
pub(crate) struct Item<'a> {
    /// The stable id: a `tag:` URI from the host and the seed file (see `stable_id`).
    pub id: String,
    /// The article page's absolute URL.
    pub url: String,
    /// The headline. Text here is stripped of the control characters XML cannot hold,
    /// so every format carries the same words.
    pub title: String,
    /// Plain-text summary: the dek, else the summary.
    pub summary: String,
    /// The body with absolute links, the lead image first and the source credit last;
    /// `None` when feeds carry summaries only.
    pub content: Option<String>,
    /// Publication date.
    pub published: &'a DateView,
    /// The latest of `updated` and the corrections, when later than publication.
    pub modified: Option<DateView>,
    /// Bylines (the site's default author when the article names none).
    pub authors: Vec<Person>,
    /// Tags, as the site names them.
    pub tags: Vec<&'a str>,
    /// The lead image's absolute URL.
    pub image: Option<String>,
    /// The lead picture's copy as feeds enclose it, when the site makes copies.
    pub enclosure: Option<Enclosure>,
    /// The article's language.
    pub lang: &'a str,
    /// The source story's URL.
    pub source_url: Option<&'a str>,
}

/// A picture copy a feed encloses (RSS `enclosure` and `media:content`, Atom's
/// `rel="enclosure"` link): its absolute URL, type and size.
#[derive(Debug, Clone)]
pub(crate) struct Enclosure {
    /// The copy's absolute URL.
    pub url: String,
    /// Its media type.
    pub mime: &'static str,
    /// Its width and height in pixels.
    pub width: u32,
    pub height: u32,
    /// Its output path, to look its byte size up by.
    pub path: String,
    /// Its size in bytes, once the copy is made (see `feeds::write_all`).
    pub length: Option<u64>,
}

impl Item<'_> {
    /// The date readers should sort by: the modification, else the publication.
    pub(crate) fn updated(&self) -> &DateView {
        self.modified.as_ref().unwrap_or(self.published)
    }
}

/// Builds the item for entry `i` (with its full text when `full`), or `None` when undated.
pub(crate) fn item<'a>(site: &'a Site, i: usize, labels: &Labels, full: bool) -> Option<Item<'a>> {
    let e = &site.entries[i];
    let published = e.date.as_ref()?;
    let m = &e.article.meta;
    let url = site.urls.absolute(&e.out);
    let image = image_url(site, e);
    let content = full.then(|| xml_safe(&full_text(e, &url, image.as_deref(), labels)));
    let summary = m.dek.as_deref().or(m.summary.as_deref()).unwrap_or(&e.body.summary);
    Some(Item {
        id: stable_id(site, e)?,
        url,
        title: xml_safe(&m.title),
        summary: xml_safe(summary),
        content,
        published,
        modified: modified(e),
        authors: authors(site, e),
        tags: site.tag_names(e),
        image,
        enclosure: enclosure(site, e),
        lang: m.lang.as_deref().unwrap_or(&site.config.language),
        source_url: m.source.as_ref().and_then(|s| s.url.as_deref()),
    })
}

/// The id that survives a new headline, slug or time of day:
/// `tag:<host>,<year>:<base path><file under seeds/>`, e.g.
/// `tag:example.github.io,2025:/digest/2025-04-12-talks.md`. `None` when undated.
pub(crate) fn stable_id(site: &Site, e: &Entry) -> Option<String> {
    let year = e.date.as_ref()?.day.get(..4)?.to_string();
    let base = url::Url::parse(site.urls.base()).ok()?;
    let host = base.host_str()?;
    let file = seed_path(&e.article.path);
    let file = utf8_percent_encode(&file, TAG_PATH);
    Some(format!("tag:{host},{year}:{}{file}", base.path()))
}

/// The file's path under `seeds/`, `/`-separated (the path is shown from the site root).
fn seed_path(path: &std::path::Path) -> String {
    let parts: Vec<String> =
        path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let start = usize::from(parts.first().is_some_and(|p| p == "seeds"));
    parts[start..].join("/")
}

/// The latest of `updated` and the correction dates, when any is given.
pub(crate) fn modified(e: &Entry) -> Option<DateView> {
    let corrections = e.article.meta.corrections.iter().map(|c| c.date.view());
    e.updated.iter().cloned().chain(corrections).max_by_key(|d| d.epoch)
}

/// The lead image's absolute URL: its copy for `og:image` (`[images] social_width`
/// wide) when the site makes copies of it.
pub(crate) fn image_url(site: &Site, e: &Entry) -> Option<String> {
    social_image(site, e).map(|(url, _)| url)
}

/// The lead image's absolute URL for sharing, with its size when known.
pub(crate) fn social_image(site: &Site, e: &Entry) -> Option<(String, Option<(u32, u32)>)> {
    let lead = e.image.as_ref();
    if let Some(p) = lead.and_then(|l| l.picture.as_deref()) {
        let v = p.social();
        return Some((site.urls.absolute(&v.path), Some((v.width, v.height))));
    }
    let src =
        lead.map(|l| l.href.as_str()).or(e.article.meta.image.as_ref().map(|i| i.src.as_str()))?;
    Some((resolve(&site.urls.absolute(&e.out), src)?, lead.and_then(|l| l.size)))
}

/// The lead picture's social copy (the one `image` names) as an enclosure.
fn enclosure(site: &Site, e: &Entry) -> Option<Enclosure> {
    let v = e.image.as_ref()?.picture.as_deref()?.social();
    Some(Enclosure {
        url: site.urls.absolute(&v.path),
        mime: v.kind.mime(),
        width: v.width,
        height: v.height,
        path: v.path.as_str().to_string(),
        length: None,
    })
}

/// `href` resolved against the absolute URL `base`.
pub(crate) fn resolve(base: &str, href: &str) -> Option<String> {
    url::Url::parse(base).and_then(|b| b.join(href)).ok().map(String::from)
}

/// Bylines with their author pages.
pub(crate) fn authors(site: &Site, e: &Entry) -> Vec<Person> {
    let names: Vec<&String> = if e.article.meta.authors.is_empty() {
        site.config.author.iter().collect()
    } else {
        e.article.meta.authors.iter().collect()
    };
    names.into_iter().map(|name| person(site, name)).collect()
}

/// The lead image, the body with absolute links, and the source credit.
fn full_text(e: &Entry, url: &str, image: Option<&str>, labels: &Labels) -> String {
    let mut html = String::new();
    if let Some(src) = image {
        let alt = e.article.meta.image.as_ref().and_then(|i| i.alt.as_deref());
        html.push_str(&figure(src, alt));
    }
    html.push_str(&super::content::absolute(&e.body.html.get(), url));
    if let Some(credit) = source_credit(e, labels) {
        html.push_str(&credit);
    }
    html
}

fn figure(src: &str, alt: Option<&str>) -> String {
    let mut html = String::from("<figure><img src=\"");
    crate::markdown::escape(&mut html, src);
    html.push_str("\" alt=\"");
    crate::markdown::escape(&mut html, alt.unwrap_or(""));
    html.push_str("\"></figure>\n");
    html
}

/// "<p>Source: <a href="…">name</a></p>", the credit a page shows under the story.
fn source_credit(e: &Entry, labels: &Labels) -> Option<String> {
    let source = e.article.meta.source.as_ref()?;
    let name = crate::site::source_name(&e.article)?;
    let mut html = String::from("<p>");
    crate::markdown::escape(&mut html, &labels.map["source"]);
    html.push_str(": ");
    match source.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
        Some(url) => {
            html.push_str("<a href=\"");
            crate::markdown::escape(&mut html, url);
            html.push_str("\">");
            crate::markdown::escape(&mut html, &name);
            html.push_str("</a>");
        }
        None => crate::markdown::escape(&mut html, &name),
    }
    html.push_str("</p>\n");
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn seed_paths_drop_the_seeds_folder() {
        assert_eq!(seed_path(Path::new("seeds/2025/a b.md")), "2025/a b.md");
        assert_eq!(seed_path(Path::new("other/a.md")), "other/a.md");
    }

    #[test]
    fn tag_paths_escape_what_a_uri_cannot_hold() {
        let file = utf8_percent_encode("2025/a b#ü.md", TAG_PATH).to_string();
        assert_eq!(file, "2025/a%20b%23%C3%BC.md");
    }

    #[test]
    fn resolves_relative_hrefs_against_the_page() {
        let page = "https://x.org/d/articles/a.html";
        assert_eq!(resolve(page, "a/cat.png").unwrap(), "https://x.org/d/articles/a/cat.png");
        assert_eq!(resolve(page, "../x.png").unwrap(), "https://x.org/d/x.png");
        assert_eq!(resolve(page, "https://cdn.org/y.png").unwrap(), "https://cdn.org/y.png");
    }
}
