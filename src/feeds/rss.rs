//! RSS 2.0 through the `rss` crate (rust-syndication), which escapes every text and
//! splits CDATA sections around `]]>`. Authors go in `dc:creator` (RSS's own `<author>`
//! must be an e-mail address); the feed's own URL in `atom:link rel="self"`. The plain
//! summary goes in `description` HTML-escaped, the full text in `content:encoded`.
//! The lead picture's copy is both an `enclosure` (with its byte size, as RSS asks)
//! and a Media RSS `media:content` with its size in pixels, which readers that show
//! thumbnails look for.

use super::Head;
use super::item::Item;
use crate::text::xml_safe;
use ::rss::extension::atom::{AtomExtension, Link};
use ::rss::extension::dublincore::DublinCoreExtension;
use ::rss::extension::{Extension, ExtensionMap};
use ::rss::{Category, Channel, Enclosure, Guid};
use std::collections::BTreeMap;

/// The Media RSS namespace (<https://www.rssboard.org/media-rss>).
const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// The RSS 2.0 document for `items` under `head`.
pub(super) fn write(head: &Head, items: &[&Item]) -> String {
    // RSS requires a description; the title stands in when the site has none.
    let description = if head.description.is_empty() { head.title } else { head.description };
    let channel = Channel {
        title: xml_safe(head.title),
        link: head.home.clone(),
        description: xml_safe(description),
        language: Some(head.language.to_string()),
        generator: Some("Broadsheet".into()),
        docs: Some("https://www.rssboard.org/rss-specification".into()),
        last_build_date: head.updated.map(|d| d.rfc2822.clone()),
        atom_ext: Some(AtomExtension {
            links: vec![Link {
                href: head.self_url.clone(),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Link::default()
            }],
        }),
        items: items.iter().map(|it| item(it)).collect(),
        namespaces: if items.iter().any(|it| it.image.is_some()) {
            BTreeMap::from([("media".to_string(), MEDIA_NS.to_string())])
        } else {
            BTreeMap::new()
        },
        ..Channel::default()
    };
    let bytes = channel.write_to(Vec::new()).expect("writing XML into memory cannot fail");
    String::from_utf8(bytes).expect("the rss crate writes UTF-8")
}

/// RSS readers take `description` as HTML; summaries are plain text, so `<` stays text.
fn escaped_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    crate::markdown::escape(&mut html, text);
    html
}

fn item(it: &Item) -> ::rss::Item {
    let creators: Vec<String> = it.authors.iter().map(|a| xml_safe(&a.name)).collect();
    ::rss::Item {
        title: Some(it.title.clone()),
        link: Some(it.url.clone()),
        description: Some(escaped_html(&it.summary)),
        content: it.content.clone(),
        guid: Some(Guid { value: it.id.clone(), permalink: false }),
        pub_date: Some(it.published.rfc2822.clone()),
        categories: it.tags.iter().map(|t| Category { name: xml_safe(t), domain: None }).collect(),
        dublin_core_ext: (!creators.is_empty())
            .then(|| DublinCoreExtension { creators, ..DublinCoreExtension::default() }),
        enclosure: it.enclosure.as_ref().and_then(|e| {
            let length = e.length?.to_string();
            Some(Enclosure { url: e.url.clone(), length, mime_type: e.mime.into() })
        }),
        extensions: media(it),
        ..::rss::Item::default()
    }
}

/// `media:content` for the lead picture: the copy with its type, size and pixels, or
/// a picture the site makes no copies of by its URL alone.
fn media(it: &Item) -> ExtensionMap {
    let mut attrs = BTreeMap::from([("medium".to_string(), "image".to_string())]);
    match (&it.enclosure, &it.image) {
        (Some(e), _) => {
            attrs.insert("url".into(), e.url.clone());
            attrs.insert("type".into(), e.mime.into());
            attrs.insert("width".into(), e.width.to_string());
            attrs.insert("height".into(), e.height.to_string());
            if let Some(length) = e.length {
                attrs.insert("fileSize".into(), length.to_string());
            }
        }
        (None, Some(url)) => {
            attrs.insert("url".into(), url.clone());
        }
        (None, None) => return ExtensionMap::default(),
    }
    let content = Extension { name: "media:content".into(), attrs, ..Extension::default() };
    BTreeMap::from([("media".into(), BTreeMap::from([("content".into(), vec![content])]))])
}
