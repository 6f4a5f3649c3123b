//! One feed entry (feed-rs's model) turned into the fields of a seed: text titles and
//! summaries, absolute http(s) links only, authors, tags, an image, and, with `--full`,
//! the item's HTML sanitised by the same rules as raw HTML in Markdown. What the seed
//! file looks like is `seed`'s business.

use feed_rs::model::{Entry, Text};
use url::Url;

/// What a feed item says, checked and made safe.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Item {
    /// The feed's id (guid) for the item, else its link.
    pub(crate) id: String,
    pub(crate) title: String,
    /// Published, else updated, as `2025-04-12T10:00:00Z`; `None` when the feed has none.
    pub(crate) date: Option<String>,
    /// Updated, when the item was published and updated later.
    pub(crate) updated: Option<String>,
    pub(crate) authors: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) summary: Option<String>,
    pub(crate) link: Option<String>,
    pub(crate) image: Option<String>,
    /// The image's file beside the seed (`--images`); not part of what the feed said.
    pub(crate) local_image: Option<String>,
    /// Its content (else its summary) as sanitised HTML on one line.
    pub(crate) body: Option<String>,
}

/// The item `entry` of a feed whose relative links resolve against `feed_base`.
pub(crate) fn from_entry(entry: &Entry, feed_base: Option<&Url>) -> Item {
    let base = entry.base.as_deref().and_then(|b| join(feed_base, b)).or(feed_base.cloned());
    let base = base.as_ref();
    let link = link_of(entry, base);
    let date = entry.published.or(entry.updated);
    let updated = match (entry.published, entry.updated) {
        (Some(p), Some(u)) if u > p => Some(u),
        _ => None,
    };
    let id = Some(entry.id.trim()).filter(|i| !i.is_empty()).map(String::from);
    Item {
        id: id.or_else(|| link.clone()).unwrap_or_default(),
        title: entry.title.as_ref().map(text_of).filter(|t| !t.is_empty()).unwrap_or_default(),
        date: date.map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        updated: updated.map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        authors: authors(entry),
        tags: tags(entry),
        summary: entry.summary.as_ref().map(text_of).filter(|s| !s.is_empty()),
        image: image(entry, base),
        body: body(entry, base),
        link,
        local_image: None,
    }
}

/// A JSON Feed's items' pictures (`image`, else `banner_image`), by item id: feed-rs
/// does not read them. Empty for any other feed.
pub(crate) fn json_images(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    #[derive(serde::Deserialize)]
    struct JsonFeed {
        #[serde(default)]
        items: Vec<JsonItem>,
    }
    #[derive(serde::Deserialize)]
    struct JsonItem {
        id: Option<serde_json::Value>,
        image: Option<String>,
        banner_image: Option<String>,
    }
    let Ok(feed) = serde_json::from_slice::<JsonFeed>(bytes) else { return Default::default() };
    let id = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(), // JSON Feed 1.0 allowed numbers
    };
    feed.items.into_iter().filter_map(|i| Some((id(i.id?), i.image.or(i.banner_image)?))).collect()
}

/// `href` made absolute against `base`, kept only when it is http(s).
pub(crate) fn join(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim();
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(_) => base?.join(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Text for a title or summary: markup dropped, entities decoded, spaces squashed,
/// control characters gone.
pub(crate) fn text_of(text: &Text) -> String {
    let subtype = text.content_type.subty().as_str();
    // Feeds put markup in titles marked as text too (RSS has no type): text is wanted.
    let plain = if subtype == "html" || subtype == "xhtml" || text.content.contains('<') {
        plain_text(&text.content)
    } else {
        text.content.clone()
    };
    let cleaned: String = plain.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    crate::text::squash_spaces(cleaned.trim())
}

/// The text of an HTML fragment.
pub(crate) fn plain_text(html: &str) -> String {
    let capped = crate::nesting::cap(html, crate::nesting::MAX_HTML_DEPTH);
    scraper::Html::parse_fragment(&capped).root_element().text().collect()
}

fn link_of(entry: &Entry, base: Option<&Url>) -> Option<String> {
    let alternate =
        entry.links.iter().find(|l| matches!(l.rel.as_deref(), None | Some("alternate")));
    let link = alternate.or(entry.links.first())?;
    join(base, &link.href).map(String::from)
}

fn authors(entry: &Entry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for person in &entry.authors {
        let Some(name) = person.name.as_deref() else { continue };
        // RSS's `<author>` is "email (Name)".
        let name = match (name.find('('), name.rfind(')')) {
            (Some(open), Some(close)) if name.contains('@') && open < close => {
                &name[open + 1..close]
            }
            _ => name,
        };
        let name = name.trim();
        let name = name.strip_prefix('(').and_then(|n| n.strip_suffix(')')).unwrap_or(name);
        let name = crate::text::squash_spaces(name.trim());
        if !name.is_empty() && !name.contains('@') && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn tags(entry: &Entry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for category in &entry.categories {
        let tag =
            crate::text::squash_spaces(category.label.as_deref().unwrap_or(&category.term).trim());
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    out
}

/// The first image among the item's media, thumbnails and enclosure links.
fn image(entry: &Entry, base: Option<&Url>) -> Option<String> {
    let is_image = |kind: Option<&str>, href: &str| match kind {
        Some(kind) => kind.starts_with("image/"),
        None => {
            let path = href.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
            [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|e| path.ends_with(e))
        }
    };
    let media = entry.media.iter().flat_map(|m| {
        let content = m.content.iter().filter_map(|c| {
            let url = c.url.as_ref()?;
            is_image(c.content_type.as_ref().map(|t| t.as_str()), url.as_str())
                .then(|| url.to_string())
        });
        content.chain(m.thumbnails.iter().map(|t| t.image.uri.clone()))
    });
    let links = entry
        .links
        .iter()
        .filter(|l| {
            l.rel.as_deref() == Some("enclosure") && is_image(l.media_type.as_deref(), &l.href)
        })
        .map(|l| l.href.clone());
    media.chain(links).find_map(|href| join(base, &href)).map(String::from)
}

/// The item's HTML (its content, else its summary) sanitised, links made absolute, on
/// one line so that Markdown reads it as one HTML block.
fn body(entry: &Entry, base: Option<&Url>) -> Option<String> {
    let html = match entry.content.as_ref().and_then(|c| c.body.as_deref()) {
        Some(html) => html.to_string(),
        None => {
            let summary = entry.summary.as_ref()?;
            match summary.content_type.subty().as_str() {
                "html" | "xhtml" => summary.content.clone(),
                _ => format!("<p>{}</p>", pulldown_cmark_escape_text(&summary.content)),
            }
        }
    };
    let mut rules = crate::markdown::sanitizer();
    if let Some(base) = base {
        rules.url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()));
    } else {
        rules.url_relative(ammonia::UrlRelative::Deny);
    }
    let capped = crate::nesting::cap(&html, crate::nesting::MAX_HTML_DEPTH);
    let clean = rules.clean(&capped).to_string();
    let clean = clean.trim();
    if clean.is_empty() {
        return None;
    }
    Some(format!("<div class=\"republished\">{}</div>", clean.replace(['\r', '\n'], "&#10;")))
}

fn pulldown_cmark_escape_text(text: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(feed: &str) -> Item {
        let parsed = feed_rs::parser::parse(feed.as_bytes()).unwrap();
        let base = Url::parse("https://news.example/").unwrap();
        from_entry(&parsed.entries[0], Some(&base))
    }

    #[test]
    fn drops_javascript_and_data_links_everywhere() {
        let item = first(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title>\
             <link>javascript:alert(1)</link><enclosure url=\"data:image/png;base64,AA\" type=\"image/png\"/>\
             <description>&lt;a href=\"javascript:alert(2)\"&gt;a&lt;/a&gt;&lt;img src=\"data:image/png;base64,AA\"&gt;</description>\
             </item></channel></rss>",
        );
        assert_eq!(item.link, None);
        assert_eq!(item.image, None);
        let body = item.body.unwrap();
        assert!(!body.contains("javascript:") && !body.contains("data:"), "{body}");
    }

    #[test]
    fn titles_and_summaries_are_text_and_authors_names() {
        let item = first(
            "<rss version=\"2.0\"><channel><title>T</title><item>\
             <title>&lt;em&gt;Big&lt;/em&gt;   news &amp;amp; more</title>\
             <author>desk@news.example (Ana Ruiz)</author>\
             <description>&lt;p&gt;One &lt;b&gt;two&lt;/b&gt;&lt;/p&gt;</description></item></channel></rss>",
        );
        assert_eq!(item.title, "Big news & more");
        assert_eq!(item.summary.as_deref(), Some("One two"));
        assert_eq!(item.authors, ["Ana Ruiz"]);
    }

    #[test]
    fn relative_links_resolve_and_the_body_is_one_html_line() {
        let item = first(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>e1</id>\
             <title>x</title><link href=\"/a/b\"/><published>2025-01-02T03:04:05+01:00</published>\
             <content type=\"html\">&lt;p&gt;a\n\n&lt;img src=\"p.jpg\"&gt;&lt;/p&gt;</content></entry></feed>",
        );
        assert_eq!(item.link.as_deref(), Some("https://news.example/a/b"));
        assert_eq!(item.date.as_deref(), Some("2025-01-02T02:04:05Z"));
        let body = item.body.unwrap();
        assert!(
            !body.contains('\n') && body.contains("src=\"https://news.example/p.jpg\""),
            "{body}"
        );
    }
}
