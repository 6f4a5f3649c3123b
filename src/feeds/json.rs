//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>) through serde: the structs below
//! are the spec's fields, and serde_json does the escaping. Empty optional fields are
//! left out, as the spec asks.

use super::Head;
use super::item::Item;
use serde::Serialize;

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "<[&str]>::is_empty")]
    tags: &'a [&'a str],
    language: &'a str,
}

/// The JSON Feed 1.1 document for `items` under `head`.
pub(super) fn write(head: &Head, items: &[&Item]) -> String {
    let feed = Feed {
        version: VERSION,
        title: head.title,
        home_page_url: &head.home,
        feed_url: &head.self_url,
        description: head.description,
        language: head.language,
        authors: vec![Author { name: head.publisher, url: Some(head.base) }],
        items: items.iter().map(|it| item(it)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&feed).expect("feed structs always serialise");
    text.push('\n');
    text
}

fn item<'a>(it: &'a Item) -> JsonItem<'a> {
    JsonItem {
        id: &it.id,
        url: &it.url,
        external_url: it.source_url,
        title: &it.title,
        content_html: it.content.as_deref(),
        // Every item needs content: the summary stands in when feeds carry no full text.
        content_text: it.content.is_none().then_some(it.summary.as_str()),
        summary: &it.summary,
        image: it.image.as_deref(),
        date_published: &it.published.iso,
        date_modified: it.modified.as_ref().map(|d| d.iso.as_str()),
        authors: it
            .authors
            .iter()
            .map(|a| Author { name: &a.name, url: a.url.as_deref() })
            .collect(),
        tags: &it.tags,
        language: it.lang,
    }
}
