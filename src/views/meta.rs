//! Page metadata for search engines and link previews: Open Graph and Twitter/X `<meta>`
//! tags (the JSON-LD is `jsonld`'s). Values come from the site model, dates and ids from
//! `views::item`. Templates only print `page.meta` and `page.jsonld`.

use super::PageView;
use super::item;
use crate::site::Site;
use serde::Serialize;

/// One `<meta {attr}="{key}" content="{content}">` tag.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct MetaTag {
    /// `property` (Open Graph) or `name` (Twitter, robots).
    pub attr: &'static str,
    /// The property or name.
    pub key: &'static str,
    /// The value, as text (templates escape it).
    pub content: String,
}

fn property(key: &'static str, content: impl Into<String>) -> MetaTag {
    MetaTag { attr: "property", key, content: content.into() }
}

fn name(key: &'static str, content: impl Into<String>) -> MetaTag {
    MetaTag { attr: "name", key, content: content.into() }
}

/// What every page gets: an Open Graph `website` and a summary card.
pub(crate) fn page_tags(site: &Site, page: &PageView) -> Vec<MetaTag> {
    let mut tags = vec![
        property("og:type", "website"),
        property("og:site_name", &site.config.title),
        property("og:title", &page.title),
        property("og:url", &page.canonical),
    ];
    if !page.description.is_empty() {
        tags.push(property("og:description", &page.description));
    }
    tags.push(name("twitter:card", "summary"));
    tags
}

/// The Open Graph `article:` facts of an entry: dates, authors, section, tags.
fn article_facts(site: &Site, e: &crate::site::Entry) -> Vec<MetaTag> {
    let mut tags = Vec::new();
    if let Some(date) = &e.date {
        tags.push(property("article:published_time", &date.iso));
    }
    if let Some(date) = item::modified(e) {
        tags.push(property("article:modified_time", date.iso));
    }
    for person in item::authors(site, e) {
        tags.push(property("article:author", person.url.unwrap_or(person.name)));
    }
    if let Some(section) = site.section_name(e) {
        tags.push(property("article:section", section));
    }
    tags.extend(site.tag_names(e).into_iter().map(|t| property("article:tag", t)));
    tags
}

/// An article's Open Graph `article`, Twitter card and Googlebot-News tags.
pub(crate) fn article_tags(site: &Site, i: usize, page: &PageView) -> Vec<MetaTag> {
    let e = &site.entries[i];
    let m = &e.article.meta;
    let shared = item::social_image(site, e);
    let image = shared.as_ref().map(|(url, _)| url.clone());
    let alt = m.image.as_ref().and_then(|img| img.alt.clone()).unwrap_or_default();
    let mut tags = vec![
        property("og:type", "article"),
        property("og:site_name", &site.config.title),
        property("og:title", &m.title),
        property("og:url", &page.canonical),
    ];
    if !page.description.is_empty() {
        tags.push(property("og:description", &page.description));
    }
    if let Some(src) = &image {
        tags.extend([property("og:image", src), property("og:image:alt", &alt)]);
        if let Some((_, Some((w, h)))) = &shared {
            tags.extend([
                property("og:image:width", w.to_string()),
                property("og:image:height", h.to_string()),
            ]);
        }
    }
    tags.extend(article_facts(site, e));
    let card = if image.is_some() { "summary_large_image" } else { "summary" };
    tags.extend([name("twitter:card", card), name("twitter:title", &m.title)]);
    if !page.description.is_empty() {
        tags.push(name("twitter:description", &page.description));
    }
    if let Some(src) = image {
        tags.extend([name("twitter:image", src), name("twitter:image:alt", alt)]);
    }
    if m.republished {
        // Someone else's story in full: keep it out of Google News, credit the source.
        tags.push(name("Googlebot-News", "noindex"));
    }
    tags
}
