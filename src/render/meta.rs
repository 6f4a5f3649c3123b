//! Page metadata for search engines and link previews: Open Graph and Twitter/X `<meta>`
//! tags, and schema.org JSON-LD (`NewsArticle` on articles; `WebSite` with an `ItemList`
//! on the front page and list pages). Values come from the site model, dates and ids from
//! `feeds::item`; the JSON is built with serde_json and escaped so that it can sit inside
//! `<script>`. Templates only print `page.meta` and `page.jsonld`.

use super::views::PageView;
use crate::feeds::item;
use crate::site::{Entry, Site};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// One `<meta {attr}="{key}" content="{content}">` tag.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct MetaTag {
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
pub fn page_tags(site: &Site, page: &PageView) -> Vec<MetaTag> {
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

/// An article's Open Graph `article`, Twitter card and Googlebot-News tags.
pub fn article_tags(site: &Site, i: usize, page: &PageView) -> Vec<MetaTag> {
    let e = &site.entries[i];
    let m = &e.article.meta;
    let image = item::image_url(site, e);
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
    }
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

/// An article's schema.org `NewsArticle`, ready to print inside `<script>`.
pub fn article_jsonld(site: &Site, i: usize, page: &PageView) -> String {
    let e = &site.entries[i];
    let m = &e.article.meta;
    let published = e.date.as_ref().map(|d| d.iso.clone());
    let authors: Vec<Value> = item::authors(site, e)
        .into_iter()
        .map(|p| compact(json!({ "@type": "Person", "name": p.name, "url": p.url })))
        .collect();
    let value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": page.canonical,
        "mainEntityOfPage": { "@type": "WebPage", "@id": page.canonical },
        "url": page.canonical,
        "headline": m.title,
        "abstract": m.dek,
        "alternativeHeadline": m.subhead,
        "description": page.description,
        "datePublished": published,
        "dateModified": item::modified(e).map(|d| d.iso).or(published),
        "author": authors,
        "publisher": publisher(site),
        "image": item::image_url(site, e).map(|src| vec![src]),
        "articleSection": site.section_name(e),
        "keywords": site.tag_names(e),
        "wordCount": e.body.words,
        "inLanguage": page.lang,
        "isBasedOn": source(e),
        "correction": corrections(e),
    });
    script_json(&compact(value))
}

/// The front page's or a list page's `WebSite` and `ItemList`; `list` holds each listed
/// page's absolute URL and name, in order.
pub fn list_jsonld(site: &Site, page: &PageView, list: &[(String, String)]) -> String {
    let elements: Vec<Value> = list
        .iter()
        .enumerate()
        .map(|(k, (url, title))| {
            json!({ "@type": "ListItem", "position": k + 1, "url": url, "name": title })
        })
        .collect();
    let base = site.urls.base();
    let website = compact(json!({
        "@type": "WebSite",
        "@id": format!("{base}#website"),
        "url": base,
        "name": site.config.title,
        "description": site.config.description,
        "inLanguage": site.config.language,
        "publisher": publisher(site),
    }));
    let value = json!({
        "@context": "https://schema.org",
        "@graph": [website, {
            "@type": "ItemList",
            "url": page.canonical,
            "name": page.title,
            "numberOfItems": elements.len(),
            "itemListElement": elements,
        }],
    });
    script_json(&value)
}

fn publisher(site: &Site) -> Value {
    json!({ "@type": "Organization", "name": site.config.publisher_name(), "url": site.urls.base() })
}

fn source(e: &Entry) -> Value {
    let Some(s) = &e.article.meta.source else { return Value::Null };
    compact(json!({
        "@type": "CreativeWork",
        "name": crate::site::source_name(&e.article),
        "url": s.url,
    }))
}

fn corrections(e: &Entry) -> Vec<Value> {
    e.article
        .meta
        .corrections
        .iter()
        .map(|c| {
            json!({ "@type": "CorrectionComment", "text": c.note, "datePublished": c.date.view().iso })
        })
        .collect()
}

/// `value` without its null, empty-text and empty-list fields.
fn compact(value: Value) -> Value {
    let Value::Object(map) = value else { return value };
    let kept: Map<String, Value> = map
        .into_iter()
        .filter(|(_, v)| match v {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        })
        .collect();
    Value::Object(kept)
}

/// JSON that cannot end its `<script>` block: `<`, `>` and `&` (and the JavaScript line
/// separators) are written as `\u` escapes, which every JSON parser reads back as is.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values always serialise");
    // U+2028 and U+2029 are the only characters encoded starting with byte 0xE2 that
    // need escaping; without them and `<`, `>`, `&`, the text is already safe.
    if !text.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_block() {
        let text = script_json(&json!({ "headline": "</script><script>alert(1)</script> & <!--" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & <!--");
    }

    #[test]
    fn compact_drops_empty_fields_only() {
        let v = compact(json!({ "a": null, "b": "", "c": [], "d": 0, "e": "x", "f": false }));
        assert_eq!(v, json!({ "d": 0, "e": "x", "f": false }));
    }
}
