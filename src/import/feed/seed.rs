//! The seed file an item becomes, and what a seed written earlier says about itself.
//! Front matter is TOML with one `import = { id, item, file }` line last: the item's
//! id (guid, else link), a digest of what the feed said and a digest of the file as
//! written (without that line), so a later import, even from a fresh clone, knows the
//! item, sees whether the source changed it, and whether the editor did.

use super::item::Item;
use crate::digest::{Hasher, of_bytes};

/// How an item is filed: who to credit, and what the feed's settings add.
pub(crate) struct Filing<'a> {
    pub(crate) source: &'a str,
    pub(crate) tags: &'a [String],
    pub(crate) section: Option<&'a str>,
    /// Take the item's content (`--full`), marked `republished = true`.
    pub(crate) full: bool,
}

/// The digest of what the feed said about an item.
pub(crate) fn item_digest(item: &Item) -> String {
    let mut h = Hasher::default();
    let Item {
        id,
        title,
        date,
        updated,
        authors,
        tags,
        summary,
        link,
        image,
        body,
        local_image: _,
    } = item;
    for field in [id, title].into_iter().chain(authors).chain(tags) {
        h.bytes(field.as_bytes());
    }
    for field in [date, updated, summary, link, image, body] {
        h.bytes(field.as_deref().unwrap_or("\u{0}").as_bytes());
    }
    format!("{:032x}", h.finish())
}

/// The seed file for `item`, dated `date` (the item's, else the one given).
pub(crate) fn text(item: &Item, filing: &Filing, date: &str, updated: Option<&str>) -> String {
    let mut front = front_matter(item, filing, date, updated);
    let body = match (&item.body, &item.link) {
        (Some(html), _) if filing.full => {
            front += "republished = true\n";
            format!("{html}\n")
        }
        (_, Some(url)) => {
            format!("[Read it at {}](<{}>)\n", escaped(filing.source), url.replace('>', "%3E"))
        }
        (_, None) => String::new(),
    };
    let without = format!("+++\n{front}+++\n{body}");
    let file = format!("{:032x}", of_bytes(without.as_bytes()));
    let import = format!(
        "import = {{ id = {}, item = {}, file = {} }}\n",
        quoted(&item.id),
        quoted(&item_digest(item)),
        quoted(&file)
    );
    format!("+++\n{front}{import}+++\n{body}")
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The front matter lines but `republished` and `import`.
fn front_matter(item: &Item, filing: &Filing, date: &str, updated: Option<&str>) -> String {
    let q = quoted;
    let list = |v: &[String]| v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let mut tags: Vec<String> = filing.tags.to_vec();
    tags.extend(item.tags.iter().filter(|t| !filing.tags.contains(t)).cloned());
    let source = match &item.link {
        Some(url) => format!("{{ name = {}, url = {} }}", q(filing.source), q(url)),
        None => format!("{{ name = {} }}", q(filing.source)),
    };
    let lines = [
        ("title", Some(q(&item.title))),
        ("date", Some(q(date))),
        ("updated", updated.or(item.updated.as_deref()).map(q)),
        ("authors", (!item.authors.is_empty()).then(|| format!("[{}]", list(&item.authors)))),
        ("tags", (!tags.is_empty()).then(|| format!("[{}]", list(&tags)))),
        ("section", filing.section.map(q)),
        ("summary", item.summary.as_deref().map(q)),
        ("image", item.local_image.as_deref().or(item.image.as_deref()).map(q)),
        ("source", Some(source)),
    ];
    lines.iter().filter_map(|(key, value)| Some(format!("{key} = {}\n", value.as_ref()?))).collect()
}

/// `text` with Markdown's punctuation escaped, to read as written.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What a seed written by an import says about itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Written {
    pub(crate) id: String,
    pub(crate) item: String,
    /// True when the file is as the import wrote it (the editor has not changed it).
    pub(crate) untouched: bool,
    pub(crate) date: Option<String>,
    pub(crate) link: Option<String>,
}

/// The import record of a seed's `text`, or `None` for a seed no import wrote.
pub(crate) fn written(text: &str) -> Option<Written> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++\n").map(|e| e + 1)?;
    let front: toml::Table = toml::from_str(&rest[..end]).ok()?;
    let import = front.get("import")?.as_table()?;
    let field = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(String::from);
    let line_at = text.find("\nimport = {")? + 1;
    let line_end = line_at + text[line_at..].find('\n')? + 1;
    let without = format!("{}{}", &text[..line_at], &text[line_end..]);
    let file = format!("{:032x}", of_bytes(without.as_bytes()));
    let source = front.get("source").and_then(|s| s.as_table());
    Some(Written {
        id: field(import, "id")?,
        item: field(import, "item").unwrap_or_default(),
        untouched: field(import, "file").as_deref() == Some(file.as_str()),
        date: field(&front, "date"),
        link: source.and_then(|s| field(s, "url")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> Item {
        Item {
            id: "urn:x:1".into(),
            title: "A \"quoted\" title".into(),
            date: Some("2025-04-12T10:00:00Z".into()),
            link: Some("https://news.example/a".into()),
            summary: Some("Short.".into()),
            body: Some("<div class=\"republished\"><p>Hi</p></div>".into()),
            ..Item::default()
        }
    }

    const FILING: Filing = Filing { source: "The Example", tags: &[], section: None, full: true };

    #[test]
    fn a_written_seed_knows_its_item_and_that_it_is_untouched() {
        let text = text(&item(), &FILING, "2025-04-12T10:00:00Z", None);
        let w = written(&text).expect("an import record");
        assert_eq!(w.id, "urn:x:1");
        assert_eq!(w.item, item_digest(&item()));
        assert!(w.untouched);
        assert_eq!(w.link.as_deref(), Some("https://news.example/a"));
        assert!(text.contains("republished = true\n"));
        assert!(
            text.contains(
                "source = { name = \"The Example\", url = \"https://news.example/a\" }\n"
            )
        );
    }

    #[test]
    fn an_edited_seed_is_no_longer_untouched() {
        let text = text(&item(), &FILING, "2025-04-12T10:00:00Z", None).replace("Hi", "Hello");
        assert!(!written(&text).unwrap().untouched);
    }

    #[test]
    fn a_seed_no_import_wrote_has_no_record() {
        assert_eq!(written("+++\ntitle = \"x\"\n+++\nbody\n"), None);
    }
}
