//! The fallback index: one small script, `assets/search-index.js`, that assigns every
//! article's headline, link, date, summary, filter values and distinct words to a global.
//! The search page loads it with a plain `<script>` tag when opened from disk, where
//! browsers refuse the `fetch` and module imports Pagefind needs. Built from the site
//! model, in article order, so it is as reproducible as the pages.

use crate::i18n::Labels;
use crate::render::pages::edition_title;
use crate::render::views::Viewer;
use crate::site::{Entry, Site, source_name};
use serde::Serialize;
use std::collections::HashSet;

/// The global the script assigns; `assets/search.js` reads it.
pub const GLOBAL: &str = "broadsheetSearchIndex";

/// One article in the fallback index.
#[derive(Serialize)]
struct Record<'a> {
    title: &'a str,
    /// Output path from the site root; the search page sits at the root too.
    url: &'a str,
    date: Option<&'a str>,
    shown: Option<String>,
    section: Option<&'a str>,
    summary: &'a str,
    lang: Option<&'a str>,
    filters: Filters<'a>,
    /// Distinct lower-case words of the headline, standfirst, body and terms.
    words: String,
}

/// The same filter values Pagefind reads from the article page.
#[derive(Serialize)]
struct Filters<'a> {
    tag: Vec<&'a str>,
    author: Vec<&'a str>,
    source: Vec<String>,
    edition: Vec<String>,
}

/// The fallback index as a script: `window.broadsheetSearchIndex = [...];`.
pub fn script(site: &Site) -> String {
    let labels = Labels::new(&site.config.language, &site.config.labels);
    let viewer = Viewer { site, labels: &labels };
    let records: Vec<Record> =
        (0..site.entries.len()).map(|i| record(site, &viewer, &labels, i)).collect();
    let json = serde_json::to_string(&records).expect("the index is plain strings and lists");
    format!("window.{GLOBAL} = {json};\n")
}

fn record<'a>(site: &'a Site, viewer: &Viewer<'a>, labels: &Labels, i: usize) -> Record<'a> {
    let e = &site.entries[i];
    let m = &e.article.meta;
    let authors = viewer.authors_of(e);
    let edition = site.edition_of[i].map(|k| edition_title(&site.editions[k], labels));
    let filters = Filters {
        tag: m.tags.iter().map(String::as_str).collect(),
        author: authors.clone(),
        source: source_name(&e.article).into_iter().collect(),
        edition: edition.into_iter().collect(),
    };
    Record {
        title: &m.title,
        url: e.out.as_str(),
        date: e.date.as_ref().map(|d| d.iso.as_str()),
        shown: e.date.as_ref().map(|d| crate::render::views::DateShown::new(d, labels).shown),
        section: m.section.as_deref(),
        summary: m.dek.as_deref().or(m.summary.as_deref()).unwrap_or(&e.body.summary),
        lang: m.lang.as_deref(),
        words: words_of(e, &authors),
        filters,
    }
}

/// Every distinct word of the article, lower case, in order of first use.
fn words_of(e: &Entry, authors: &[&str]) -> String {
    let m = &e.article.meta;
    let mut text = String::new();
    for part in [Some(&m.title), m.dek.as_ref(), m.subhead.as_ref(), m.section.as_ref()] {
        text.extend(part.map(|p| format!("{p} ")));
    }
    text.push_str(&strip_tags(&e.body.html));
    for term in m.tags.iter().map(String::as_str).chain(authors.iter().copied()) {
        text.push(' ');
        text.push_str(term);
    }
    distinct_words(&text)
}

/// The text of an HTML fragment: tags and character references become spaces, which is
/// all word splitting needs (our HTML writes non-ASCII text as UTF-8, not as references).
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_ref = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            '&' if !in_tag => in_ref = true,
            ';' if in_ref => {
                in_ref = false;
                text.push(' ');
            }
            c if in_ref && !c.is_ascii_alphanumeric() && c != '#' => {
                in_ref = false;
                text.push(c);
            }
            _ if in_tag || in_ref => {}
            c => text.push(c),
        }
    }
    text
}

/// Lower-case words (runs of letters and digits), each once, space separated.
pub fn distinct_words(text: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        if seen.insert(word.clone()) {
            out.push(word);
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_references() {
        assert_eq!(
            strip_tags("<p>Fish &amp; chips<br>at <a href=\"x\">the quay</a></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Fish", "chips", "at", "the", "quay"]
        );
    }

    #[test]
    fn keeps_a_lone_ampersand() {
        assert_eq!(strip_tags("R & D").split_whitespace().collect::<Vec<_>>(), ["R", "D"]);
    }

    #[test]
    fn words_are_lower_case_and_distinct_in_first_use_order() {
        assert_eq!(
            distinct_words("Harbor bridge: the Bridge, the harbor’s café"),
            "harbor bridge the s café"
        );
    }

    #[test]
    fn non_latin_words_survive() {
        assert_eq!(distinct_words("حديقة مجتمعية — 北京 2025"), "حديقة مجتمعية 北京 2025");
    }
}
