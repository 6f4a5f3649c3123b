//! schema.org JSON-LD: `NewsArticle` on articles; `WebSite` with an `ItemList` on the
//! front page and list pages. Written from typed views straight to text (no JSON tree
//! is built: this runs for every page), fields in alphabetical order, empty ones left
//! out, and escaped so that it can sit inside `<script>`. Values come from the site
//! model, dates and ids from `feeds::item`.

use crate::site::{Entry, Site};
use crate::views::PageView;
use crate::views::item;
use serde::Serialize;

/// Serde's test for the fields JSON-LD leaves out: empty text.
fn blank(s: &&str) -> bool {
    s.is_empty()
}

/// Empty text, or none.
fn none_or_blank<T: AsRef<str>>(s: &Option<T>) -> bool {
    s.as_ref().is_none_or(|s| s.as_ref().is_empty())
}

#[derive(Serialize)]
struct Typed<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "none_or_blank")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "none_or_blank")]
    url: Option<&'a str>,
}

use super::organization::Organization as Publisher;

#[derive(Serialize)]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date: String,
    text: &'a str,
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "blank")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "abstract", skip_serializing_if = "none_or_blank")]
    dek: Option<&'a str>,
    #[serde(rename = "alternativeHeadline", skip_serializing_if = "none_or_blank")]
    subhead: Option<&'a str>,
    #[serde(rename = "articleSection", skip_serializing_if = "none_or_blank")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<super::webpage::PersonLd<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
    #[serde(rename = "dateModified", skip_serializing_if = "none_or_blank")]
    modified: Option<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "none_or_blank")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "blank")]
    description: &'a str,
    #[serde(skip_serializing_if = "blank")]
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[ImageObject; 1]>,
    #[serde(rename = "inLanguage", skip_serializing_if = "blank")]
    language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    source: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity: Typed<'a>,
    publisher: Publisher<'a>,
    #[serde(skip_serializing_if = "blank")]
    url: &'a str,
    #[serde(rename = "wordCount")]
    words: usize,
}

/// A schema.org `ImageObject`: the lead image's copy for sharing, with its size.
#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

/// An article's schema.org `NewsArticle`, ready to print inside `<script>`.
pub(crate) fn article_jsonld(site: &Site, i: usize, page: &PageView) -> String {
    let e = &site.entries[i];
    let m = &e.article.meta;
    let published = e.date.as_ref().map(|d| d.iso.as_str());
    let authors = item::authors(site, e);
    let source_name = crate::site::source_name(&e.article);
    let article = NewsArticle {
        context: "https://schema.org",
        id: &page.canonical,
        kind: "NewsArticle",
        dek: m.dek.as_deref(),
        subhead: m.subhead.as_deref(),
        section: site.section_name(e),
        author: authors.iter().map(super::webpage::PersonLd::of).collect(),
        correction: corrections(e),
        modified: item::modified(e).map(|d| d.iso).or(published.map(String::from)),
        published,
        description: &page.description,
        headline: &m.title,
        image: item::social_image(site, e).map(|(url, size)| {
            let (width, height) = (size.map(|s| s.0), size.map(|s| s.1));
            [ImageObject { kind: "ImageObject", url, width, height }]
        }),
        language: &page.lang,
        source: m.source.as_ref().map(|s| Named {
            kind: "CreativeWork",
            name: source_name.as_deref(),
            url: s.url.as_deref(),
        }),
        keywords: site.tag_names(e),
        main_entity: Typed { id: &page.canonical, kind: "WebPage" },
        publisher: publisher(site),
        url: &page.canonical,
        words: e.body.words,
    };
    script_json(&article)
}

fn corrections(e: &Entry) -> Vec<Correction<'_>> {
    let corrections = e.article.meta.corrections.iter();
    corrections
        .map(|c| Correction { kind: "CorrectionComment", date: c.date.view().iso, text: &c.note })
        .collect()
}

fn publisher(site: &Site) -> Publisher<'_> {
    super::organization::publisher(site)
}

#[derive(Serialize)]
struct ListPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: (WebSite<'a>, ItemList<'a>),
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "blank")]
    description: &'a str,
    #[serde(rename = "inLanguage", skip_serializing_if = "blank")]
    language: &'a str,
    #[serde(skip_serializing_if = "blank")]
    name: &'a str,
    publisher: Publisher<'a>,
    #[serde(skip_serializing_if = "blank")]
    url: &'a str,
}

#[derive(Serialize)]
struct ItemList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    elements: Vec<ListItem<'a>>,
    name: &'a str,
    #[serde(rename = "numberOfItems")]
    count: usize,
    url: &'a str,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    position: usize,
    url: &'a str,
}

/// The front page's or a list page's `WebSite` and `ItemList`; `list` holds each listed
/// page's absolute URL and name, in order.
pub(crate) fn list_jsonld(site: &Site, page: &PageView, list: &[(String, String)]) -> String {
    let elements: Vec<ListItem> = list
        .iter()
        .enumerate()
        .map(|(k, (url, title))| ListItem { kind: "ListItem", name: title, position: k + 1, url })
        .collect();
    let base = site.urls.base();
    let website = WebSite {
        id: format!("{base}#website"),
        kind: "WebSite",
        description: &site.config.description,
        language: &site.config.language,
        name: &site.config.title,
        publisher: publisher(site),
        url: base,
    };
    let items = ItemList {
        kind: "ItemList",
        count: elements.len(),
        elements,
        name: &page.title,
        url: &page.canonical,
    };
    script_json(&ListPage { context: "https://schema.org", graph: (website, items) })
}

/// JSON that cannot end its `<script>` block: `<`, `>` and `&` (and the JavaScript line
/// separators) are written as `\u` escapes, which every JSON parser reads back as is.
pub(crate) fn script_json(value: &impl Serialize) -> String {
    let text = serde_json::to_string(value).expect("these views always serialise");
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
    use serde_json::{Value, json};

    #[test]
    fn script_json_cannot_close_the_script_block() {
        let text = script_json(&json!({ "headline": "</script><script>alert(1)</script> & <!--" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & <!--");
    }

    #[test]
    fn empty_fields_are_left_out() {
        let person = Named { kind: "Person", name: Some(""), url: None };
        assert_eq!(script_json(&person), r#"{"@type":"Person"}"#);
        let person = Named { kind: "Person", name: Some("Ana"), url: Some("https://x/") };
        assert_eq!(script_json(&person), r#"{"@type":"Person","name":"Ana","url":"https://x/"}"#);
    }
}
