//! Bounds on what one article's front matter may ask of the site, applied after
//! `meta` has checked the types. Each breach is a warning and a sensible page:
//! at most `MAX_TERMS` tags and authors (each term gets pages that list the article
//! with all its terms, so 10,000 tags would cost 10,000² links), no control
//! characters (pages and XML feeds cannot carry them), and no `javascript:`,
//! `vbscript:` or `data:` URL in `source` or `image`.

use super::article::Meta;
use super::meta::Place;
use crate::text::key_line;
use crate::warnings::Warnings;

/// The most tags (or authors) one article keeps.
pub(super) const MAX_TERMS: usize = 100;

/// Applies every bound to `meta`, warning about each breach at its key's line.
pub(super) fn apply(mut meta: Meta, place: &Place, warn: &mut Warnings) -> Meta {
    let mut at = |key: &str, message: String| {
        let line = place.first_line + key_line(place.text, key).unwrap_or(1) - 1;
        warn.at(place.path, line, message);
    };
    cap(&mut meta.tags, "tags", &mut at);
    cap(
        &mut meta.authors,
        if key_line(place.text, "authors").is_some() { "authors" } else { "author" },
        &mut at,
    );
    if strip_controls(&mut meta) {
        at("title", "control characters removed from front matter values".into());
    }
    if let Some(source) = &mut meta.source
        && source.url.as_deref().is_some_and(crate::markdown::is_unsafe_url)
    {
        let url = source.url.take().unwrap_or_default();
        at("source", format!("source URL `{}` is not a web address; dropped", shorten(&url)));
    }
    if meta.image.as_ref().is_some_and(|i| crate::markdown::is_unsafe_url(&i.src)) {
        let src = meta.image.take().map(|i| i.src).unwrap_or_default();
        at("image", format!("image `{}` is not a file or web address; dropped", shorten(&src)));
    }
    meta
}

fn cap(list: &mut Vec<String>, key: &str, at: &mut impl FnMut(&str, String)) {
    if list.len() > MAX_TERMS {
        at(key, format!("{} {key}; only the first {MAX_TERMS} are kept", list.len()));
        list.truncate(MAX_TERMS);
    }
}

fn shorten(text: &str) -> String {
    crate::text::cut_at_word(text, 40)
}

/// Removes control characters from every text field; true when any was found.
fn strip_controls(meta: &mut Meta) -> bool {
    let mut found = false;
    for text in text_fields(meta) {
        if text.contains(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            text.retain(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
            found = true;
        }
    }
    found
}

/// Every text field of `meta` (destructured whole, so a new field must be placed).
// One line per field of `Meta` is the point of this function: its length follows Meta's.
#[allow(clippy::too_many_lines)]
fn text_fields(meta: &mut Meta) -> Vec<&mut String> {
    let Meta {
        title,
        date: _,
        updated: _,
        dek,
        subhead,
        summary,
        authors,
        tags,
        source,
        slug,
        draft: _,
        lang,
        translation_key,
        image,
        lead: _,
        thread,
        section,
        republished: _,
        aliases,
        corrections,
        expires: _,
        extra: _,
        quiet: _,
        headless: _,
        headless_below: _,
        weight: _,
        template,
        menus,
        profile,
    } = meta;
    let mut texts: Vec<&mut String> = vec![title];
    texts.extend(
        [dek, subhead, summary, lang, translation_key, thread, section].into_iter().flatten(),
    );
    texts.extend(authors.iter_mut().chain(tags).chain(aliases).chain(menus));
    texts.extend(template.as_mut());
    if let Some(p) = profile {
        texts.extend([&mut p.role, &mut p.email].into_iter().flatten());
        texts.extend(p.links.iter_mut().flat_map(|(name, url)| [name, url]));
    }
    texts.extend(slug.as_mut().map(|(s, _)| s));
    if let Some(s) = source {
        texts.extend([&mut s.name, &mut s.url].into_iter().flatten());
    }
    if let Some(i) = image {
        texts.push(&mut i.src);
        texts.extend([&mut i.alt, &mut i.caption, &mut i.credit].into_iter().flatten());
    }
    texts.extend(corrections.iter_mut().map(|c| &mut c.note));
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::article::{Image, Source};
    use std::path::Path;

    fn bounded(meta: Meta, text: &str) -> (Meta, Vec<String>) {
        let place = Place { path: Path::new("seeds/a.md"), text, first_line: 2 };
        let mut warn = Warnings::default();
        let meta = apply(meta, &place, &mut warn);
        (meta, warn.0)
    }

    #[test]
    fn keeps_the_first_hundred_tags() {
        let tags: Vec<String> = (0..10_000).map(|i| format!("t{i}")).collect();
        let (meta, warn) = bounded(Meta { tags, ..Meta::default() }, "title = \"A\"\ntags = []\n");
        assert_eq!(meta.tags.len(), MAX_TERMS);
        assert_eq!(meta.tags[99], "t99");
        assert_eq!(warn, ["seeds/a.md:3: 10000 tags; only the first 100 are kept"]);
    }

    #[test]
    fn removes_control_characters_from_every_value() {
        let meta = Meta {
            title: "A\u{7}B".into(),
            tags: vec!["x\u{1b}[31m".into()],
            corrections: Vec::new(),
            ..Meta::default()
        };
        let (meta, warn) = bounded(meta, "title = \"A\\u0007B\"\n");
        assert_eq!(meta.title, "AB");
        assert_eq!(meta.tags, ["x[31m"]);
        assert_eq!(warn, ["seeds/a.md:2: control characters removed from front matter values"]);
    }

    #[test]
    fn drops_script_urls_from_source_and_image() {
        let meta = Meta {
            title: "A".into(),
            source: Some(Source {
                name: Some("S".into()),
                url: Some(" JavaScript:alert(1)".into()),
            }),
            image: Some(Image {
                src: "data:text/html,x".into(),
                alt: None,
                caption: None,
                credit: None,
            }),
            ..Meta::default()
        };
        let (meta, warn) = bounded(meta, "title = \"A\"\nsource = 1\nimage = 2\n");
        assert_eq!(meta.source.unwrap(), Source { name: Some("S".into()), url: None });
        assert!(meta.image.is_none());
        assert_eq!(
            warn,
            [
                "seeds/a.md:3: source URL ` JavaScript:alert(1)` is not a web address; dropped",
                "seeds/a.md:4: image `data:text/html,x` is not a file or web address; dropped"
            ]
        );
    }
}
