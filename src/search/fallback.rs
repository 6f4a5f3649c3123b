//! The fallback index: one small script, `assets/search-index.js`, that assigns every
//! article's headline, link, date, summary, filter values and distinct words to a global.
//! The search page loads it with a plain `<script>` tag when opened from disk, where
//! browsers refuse the `fetch` and module imports Pagefind needs. Built from the articles'
//! search records, in article order, so it is as reproducible as the pages.

use super::record::{Filters, Record};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

/// The global the script assigns; `assets/search.js` reads it.
pub(crate) const GLOBAL: &str = "broadsheetSearchIndex";

/// One article in the fallback index: its record, less the text, plus its words.
#[derive(Serialize)]
struct Entry<'a> {
    #[serde(skip_serializing_if = "is_article")]
    kind: &'static str,
    title: &'a str,
    /// Output path from the site root; the search page sits at the root too.
    url: &'a str,
    date: Option<&'a str>,
    shown: &'a Option<String>,
    section: Option<&'a str>,
    summary: &'a str,
    lang: Option<&'a str>,
    filters: &'a Filters<'a>,
    /// Distinct lower-case words of the headline, standfirst, body and terms.
    words: String,
}

/// The fallback index as a script: `window.broadsheetSearchIndex = [...];`.
/// Articles are the rule: only pages say what they are.
fn is_article(kind: &&'static str) -> bool {
    *kind == "article"
}

pub(crate) fn script(records: &[Record]) -> String {
    let entries: Vec<Entry> = records.par_iter().map(entry).collect();
    let json = serde_json::to_string(&entries).expect("the index is plain strings and lists");
    format!("window.{GLOBAL} = {json};\n")
}

fn entry<'a>(r: &'a Record<'a>) -> Entry<'a> {
    let terms = r.section.iter().chain(&r.filters.tag).chain(&r.filters.author);
    let words = distinct_words([r.text.as_str()].into_iter().chain(terms.copied()));
    Entry {
        kind: r.kind,
        title: r.title,
        url: r.url,
        date: r.date,
        shown: &r.shown,
        section: r.section,
        summary: r.summary,
        lang: r.lang,
        filters: &r.filters,
        words,
    }
}

/// Lower-case words (runs of letters and digits) of all `texts`, each once, space
/// separated, in order of first use. Runs once per article on every build that has a
/// search page: the set uses a fast non-cryptographic hash (`rustc-hash`, the compiler's
/// own), and words need no lower-casing unless they hold a capital.
pub(crate) fn distinct_words<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let mut seen: rustc_hash::FxHashSet<Cow<str>> = rustc_hash::FxHashSet::default();
    let mut out = String::new();
    let words = texts.into_iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric()));
    for word in words.filter(|w| !w.is_empty()) {
        let capital = match word.is_ascii() {
            true => word.bytes().any(|b| b.is_ascii_uppercase()),
            false => word.chars().any(char::is_uppercase),
        };
        let word = match capital {
            true => Cow::Owned(word.to_lowercase()),
            false => Cow::Borrowed(word),
        };
        if !seen.contains(&word) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
            seen.insert(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_and_distinct_in_first_use_order() {
        assert_eq!(
            distinct_words(["Harbor bridge: the Bridge, the harbor’s café"]),
            "harbor bridge the s café"
        );
    }

    #[test]
    fn non_latin_words_survive() {
        assert_eq!(distinct_words(["حديقة مجتمعية — 北京 2025"]), "حديقة مجتمعية 北京 2025");
    }

    #[test]
    fn words_of_several_texts_are_distinct_across_them() {
        assert_eq!(
            distinct_words(["Harbor bridge", "harbor", "Transport"]),
            "harbor bridge transport"
        );
    }
}
