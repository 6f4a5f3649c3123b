//! Atom 1.0 through the `atom_syndication` crate (rust-syndication), which escapes every
//! text. Dates come from the article's RFC 3339 form, offset kept. The feed's author is
//! the publisher, so every entry has one even when the article names nobody. The lead
//! picture is a `rel="enclosure"` link, with its type and byte size when the site
//! made a copy of it.

use super::Head;
use super::item::Item;
use crate::text::xml_safe;
use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};

/// The Atom 1.0 document for `items` under `head`.
pub(super) fn write(head: &Head, items: &[&Item]) -> String {
    let feed = Feed {
        title: Text::plain(xml_safe(head.title)),
        id: head.home.clone(),
        updated: head.updated.map(|d| date(&d.iso)).unwrap_or_default(),
        authors: vec![Person {
            name: xml_safe(head.publisher),
            uri: Some(head.base.to_string()),
            ..Person::default()
        }],
        generator: Some(Generator { value: "Broadsheet".into(), ..Generator::default() }),
        links: vec![
            link(&head.home, "alternate", "text/html"),
            link(&head.self_url, "self", "application/atom+xml"),
        ],
        subtitle: (!head.description.is_empty()).then(|| Text::plain(xml_safe(head.description))),
        lang: Some(head.language.to_string()),
        entries: items.iter().map(|it| entry(it)).collect(),
        ..Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: None };
    let bytes =
        feed.write_with_config(Vec::new(), config).expect("writing XML into memory cannot fail");
    String::from_utf8(bytes).expect("the atom_syndication crate writes UTF-8")
}

fn entry(it: &Item) -> Entry {
    Entry {
        title: Text::plain(it.title.clone()),
        id: it.id.clone(),
        updated: date(&it.updated().iso),
        published: Some(date(&it.published.iso)),
        authors: it
            .authors
            .iter()
            .map(|a| Person { name: xml_safe(&a.name), uri: a.url.clone(), ..Person::default() })
            .collect(),
        categories: it
            .tags
            .iter()
            .map(|t| Category { term: xml_safe(t), ..Category::default() })
            .collect(),
        links: std::iter::once(link(&it.url, "alternate", "text/html"))
            .chain(enclosure(it))
            .collect(),
        summary: Some(Text::plain(it.summary.clone())),
        content: it.content.as_deref().map(|html| Content {
            value: Some(html.to_string()),
            content_type: Some("html".into()),
            lang: Some(it.lang.to_string()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// The lead picture as an enclosure link.
fn enclosure(it: &Item) -> Option<Link> {
    match (&it.enclosure, &it.image) {
        (Some(e), _) => Some(Link {
            length: e.length.map(|l| l.to_string()),
            ..link(&e.url, "enclosure", e.mime)
        }),
        (None, Some(url)) => {
            Some(Link { href: url.clone(), rel: "enclosure".into(), ..Link::default() })
        }
        (None, None) => None,
    }
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Link::default()
    }
}

/// Our dates are RFC 3339 by construction (`DateView::iso`).
fn date(iso: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(iso).expect("DateView::iso is RFC 3339")
}
