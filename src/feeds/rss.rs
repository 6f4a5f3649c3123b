//! RSS 2.0 through the `rss` crate (rust-syndication), which escapes every text and
//! splits CDATA sections around `]]>`. Authors go in `dc:creator` (RSS's own `<author>`
//! must be an e-mail address); the feed's own URL in `atom:link rel="self"`. The plain
//! summary goes in `description` HTML-escaped, the full text in `content:encoded`.

use super::Head;
use super::item::Item;
use crate::text::xml_safe;
use ::rss::extension::atom::{AtomExtension, Link};
use ::rss::extension::dublincore::DublinCoreExtension;
use ::rss::{Category, Channel, Guid};

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
        ..::rss::Item::default()
    }
}
