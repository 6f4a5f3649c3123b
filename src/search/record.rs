//! What the search indexes know of one article, taken from the site model rather than
//! from its rendered page: headline, link, dates, section, filter values and plain text.
//! Both the Pagefind index and the fallback index are built from these records, so they
//! find the same articles, and neither depends on how a template lays the page out.

use crate::i18n::Labels;
use crate::site::{Site, source_name};
use crate::views::edition_title;
use crate::views::{DateShown, Viewer};
use serde::Serialize;

/// One article as the search indexes see it.
#[derive(Serialize)]
pub(crate) struct Record<'a> {
    /// `article`, or `page` for a standalone page.
    pub kind: &'static str,
    /// Output path from the site root, e.g. `articles/<slug>.html`.
    pub url: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Publication date, ISO 8601, for sorting.
    pub date: Option<&'a str>,
    /// Publication date as printed on the page.
    pub shown: Option<String>,
    /// Section, if any.
    pub section: Option<&'a str>,
    /// Standfirst, else summary: the line shown under a result.
    pub summary: &'a str,
    /// The article's own language, when it differs from the site's.
    pub lang: Option<&'a str>,
    /// Filter values.
    pub filters: Filters<'a>,
    /// Standfirst, subhead and body as plain text, in reading order (only the first
    /// `[search] words` when set); the headline is `title`.
    pub text: String,
}

/// The values each filter of the search page offers.
#[derive(Serialize)]
pub(crate) struct Filters<'a> {
    /// Topics, by their names on the site (alike spellings merged).
    pub tag: Vec<&'a str>,
    /// Authors, likewise.
    pub author: Vec<&'a str>,
    /// Source, likewise.
    pub source: Vec<&'a str>,
    /// Edition, by title.
    pub edition: Vec<String>,
}

impl Filters<'_> {
    /// Filter names and values, for Pagefind.
    pub(crate) fn named(&self) -> Vec<(&'static str, Vec<String>)> {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        vec![
            ("tag", owned(&self.tag)),
            ("author", owned(&self.author)),
            ("source", owned(&self.source)),
            ("edition", self.edition.clone()),
        ]
    }
}

/// The record of article `i` (its index in `Site::entries`).
pub(crate) fn record<'a>(site: &'a Site, labels: &'a Labels, i: usize) -> Record<'a> {
    let viewer = Viewer { site, labels };
    let e = &site.entries[i];
    let m = &e.article.meta;
    let edition = site.edition_of[i].map(|k| edition_title(&site.editions[k], labels));
    let mut text = String::new();
    // The headline is the result's title: left out of the text, so that excerpts do not
    // repeat it. Standfirst and subhead end as sentences, so excerpts read as prose.
    for part in [m.dek.as_ref(), m.subhead.as_ref()].into_iter().flatten() {
        let part = part.trim();
        text.push_str(part);
        if !part.ends_with(['.', '!', '?', '…', ':', ';', '"', '”', '\'', '’', '»']) {
            text.push('.');
        }
        text.push(' ');
    }
    push_text(&mut text, &e.body.html.get());
    keep_words(&mut text, site.config.search.words);
    Record {
        kind: "article",
        url: e.out.as_str(),
        title: &m.title,
        date: e.date.as_ref().map(|d| d.iso.as_str()),
        shown: e.date.as_ref().map(|d| DateShown::new(d, labels).shown),
        section: site.section_name(e),
        summary: m.dek.as_deref().or(m.summary.as_deref()).unwrap_or(&e.body.summary),
        lang: m.lang.as_deref(),
        filters: Filters {
            tag: terms(site, "tags", &m.tags),
            author: terms(site, "authors", viewer.authors_of(e)),
            source: terms(site, "sources", source_name(&e.article)),
            edition: edition.into_iter().collect(),
        },
        text,
    }
}

/// The record of standalone page `i` (its index in `Site::pages`): no date and no
/// filters; its kicker says it is a page.
pub(crate) fn page_record<'a>(site: &'a Site, labels: &'a Labels, i: usize) -> Record<'a> {
    let e = &site.pages[i];
    let m = &e.article.meta;
    let mut text = String::new();
    if let Some(dek) = &m.dek {
        text.push_str(dek.trim());
        text.push(' ');
    }
    push_text(&mut text, &e.body.html.get());
    keep_words(&mut text, site.config.search.words);
    Record {
        kind: "page",
        url: e.out.as_str(),
        title: &m.title,
        date: None,
        shown: None,
        section: labels.map.get("page_kind").map(String::as_str),
        summary: m.dek.as_deref().or(m.summary.as_deref()).unwrap_or(&e.body.summary),
        lang: m.lang.as_deref(),
        filters: Filters {
            tag: Vec::new(),
            author: Vec::new(),
            source: Vec::new(),
            edition: Vec::new(),
        },
        text,
    }
}

/// The site's names for `spellings` in `taxonomy`, each once: spellings that slug alike
/// (`U.S.`, `US`) are one term, shown under one name, and that name is what the search
/// page's filters offer. Spellings without a term page are left out.
fn terms<'s>(
    site: &'s Site,
    taxonomy: &str,
    spellings: impl IntoIterator<Item = impl AsRef<str>>,
) -> Vec<&'s str> {
    let Some(tax) = site.taxonomy(taxonomy) else { return Vec::new() };
    let mut names: Vec<&str> = Vec::new();
    for term in spellings.into_iter().filter_map(|s| tax.term(s.as_ref())) {
        if !names.contains(&term.name.as_str()) {
            names.push(&term.name);
        }
    }
    names
}

/// Appends the text of an HTML fragment written by this program: tags become spaces,
/// the character references it writes become their characters (any other reference a
/// space), and runs of white space one space.
pub(crate) fn push_text(text: &mut String, html: &str) {
    let mut rest = html;
    let mut space = text.is_empty() || text.ends_with(char::is_whitespace);
    let mut push = |text: &mut String, c: char| {
        if c.is_whitespace() {
            if !space {
                text.push(' ');
                space = true;
            }
        } else {
            text.push(c);
            space = false;
        }
    };
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
                push(text, ' ');
            }
            '&' => match reference(rest) {
                Some((decoded, len)) => {
                    push(text, decoded);
                    rest = &rest[len..];
                }
                None => {
                    push(text, '&');
                    rest = &rest[1..];
                }
            },
            c => {
                push(text, c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

/// Cuts `text` after its first `max` words (runs of non-space); 0 keeps them all.
fn keep_words(text: &mut String, max: usize) {
    if max == 0 {
        return;
    }
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        match (c.is_whitespace(), in_word) {
            (false, false) if words == max => {
                text.truncate(at);
                text.truncate(text.trim_end().len());
                return;
            }
            (false, false) => {
                words += 1;
                in_word = true;
            }
            (true, true) => in_word = false,
            _ => {}
        }
    }
}

/// The character a reference at the start of `s` stands for, and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.get(..12.min(s.len())).unwrap_or(s).find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
            };
            match code {
                Some(code) => char::from_u32(code).unwrap_or(' '),
                None if name.chars().all(|c| c.is_ascii_alphanumeric()) => ' ',
                None => return None,
            }
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        let mut text = String::new();
        push_text(&mut text, html);
        text.trim().to_string()
    }

    #[test]
    fn tags_become_single_spaces() {
        assert_eq!(
            text_of("<p>Fish and chips</p>\n<p>at <a href=\"x\">the quay</a></p>"),
            "Fish and chips at the quay"
        );
    }

    #[test]
    fn references_become_characters() {
        assert_eq!(
            text_of("<p>Fish &amp; chips &lt;3 &#8212; &#x263A; &quot;ok&quot;</p>"),
            "Fish & chips <3 — ☺ \"ok\""
        );
    }

    #[test]
    fn unknown_references_become_spaces_and_lone_ampersands_stay() {
        assert_eq!(text_of("R & D&hellip;done"), "R & D done");
    }

    #[test]
    fn keeps_the_first_words_only_when_asked() {
        let cut = |max| {
            let mut text = "Harbour bridge\nreopens  after repairs".to_string();
            keep_words(&mut text, max);
            text
        };
        assert_eq!(cut(0), "Harbour bridge\nreopens  after repairs");
        assert_eq!(cut(3), "Harbour bridge\nreopens");
        assert_eq!(cut(4), "Harbour bridge\nreopens  after");
        assert_eq!(cut(9), "Harbour bridge\nreopens  after repairs");
    }

    #[test]
    fn a_tag_left_open_ends_the_text() {
        assert_eq!(text_of("before <a href="), "before");
    }
}
