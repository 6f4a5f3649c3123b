//! OPML, the list of feeds readers export: every `<outline xmlUrl=…>` at any depth,
//! with its `title` (else `text`) as the source's name. Read with quick-xml, which
//! expands no entities a document declares (no billion laughs).

use quick_xml::events::Event;

/// A feed an OPML file lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    pub(crate) url: String,
    pub(crate) name: Option<String>,
}

/// True when `bytes` look like an OPML document rather than a feed.
pub(crate) fn is_opml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    String::from_utf8_lossy(head).to_ascii_lowercase().contains("<opml")
}

/// The feeds `bytes` lists, or what is wrong with it.
pub(crate) fn feeds(bytes: &[u8]) -> Result<Vec<Listed>, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"outline" => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
                        .and_then(|a| {
                            a.decoded_and_normalized_value(
                                quick_xml::XmlVersion::Implicit1_0,
                                reader.decoder(),
                            )
                            .ok()
                            .map(|v| v.trim().to_string())
                        })
                        .filter(|v| !v.is_empty())
                };
                if let Some(url) = attr(b"xmlUrl") {
                    out.push(Listed { url, name: attr(b"title").or_else(|| attr(b"text")) });
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "not a valid OPML file ({e}) at byte {}",
                    reader.buffer_position()
                ));
            }
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nested_outlines_with_their_names() {
        let opml = br#"<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="News"><outline type="rss" text="Ars" title="Ars Technica" xmlUrl="https://arstechnica.com/feed/"/></outline>
            <outline text="Blog" xmlUrl="feeds/blog.xml"/><outline text="folder only"/></body></opml>"#;
        assert!(is_opml(opml));
        let listed = feeds(opml).unwrap();
        assert_eq!(
            listed,
            vec![
                Listed {
                    url: "https://arstechnica.com/feed/".into(),
                    name: Some("Ars Technica".into())
                },
                Listed { url: "feeds/blog.xml".into(), name: Some("Blog".into()) },
            ]
        );
    }
}
