//! Taxonomies: tags, authors, sources, and any the site declares (e.g. `sections`).
//! Terms are keyed by slug, so `U.S.` and `US` are one term; the page shows the
//! spelling most articles use (the newest article's on a tie).

use super::Entry;
use crate::slugs::slugify;
use crate::urls::OutPath;
use std::collections::{BTreeMap, HashMap};

/// One taxonomy and its terms.
#[derive(Debug)]
pub struct Taxonomy {
    /// Its name in URLs and templates: `tags`, `authors`, `sources`, `sections`, …
    pub name: String,
    /// Its index page, e.g. `tags/index.html`.
    pub index: OutPath,
    /// Terms, sorted by slug.
    pub terms: Vec<Term>,
    slugs: HashMap<String, usize>,
    /// Every spelling seen, so that lookups for list items need no slugify.
    spellings: HashMap<String, usize>,
}

/// One term of a taxonomy.
#[derive(Debug)]
pub struct Term {
    /// The spelling shown on pages.
    pub name: String,
    /// The URL slug.
    pub slug: String,
    /// Its first page, e.g. `tags/transport.html`.
    pub out: OutPath,
    /// Entries carrying it, newest first (indices into `Site::entries`).
    pub entries: Vec<usize>,
}

impl Taxonomy {
    /// Builds a taxonomy from the terms `terms_of` finds on each entry.
    pub fn build(
        name: &str,
        entries: &[Entry],
        terms_of: impl Fn(&Entry) -> Vec<String>,
    ) -> Taxonomy {
        let mut by_slug: BTreeMap<String, (Vec<usize>, Vec<String>)> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let mut seen = Vec::new();
            for term in terms_of(entry) {
                let slug = slugify(&term, 60);
                if slug.is_empty() || seen.contains(&slug) {
                    continue;
                }
                seen.push(slug.clone());
                let slot = by_slug.entry(slug).or_default();
                slot.0.push(i);
                slot.1.push(term);
            }
        }
        let mut spelled = HashMap::new();
        let terms: Vec<Term> = by_slug
            .into_iter()
            .enumerate()
            .map(|(i, (slug, (entries, spellings)))| {
                let shown = most_common(&spellings);
                spelled.extend(spellings.into_iter().map(|s| (s, i)));
                let out = super::pagemap::term(name, &slug);
                Term { name: shown, out, slug, entries }
            })
            .collect();
        let slugs = terms.iter().enumerate().map(|(i, t)| (t.slug.clone(), i)).collect();
        Taxonomy {
            name: name.to_string(),
            index: super::pagemap::terms(name),
            terms,
            slugs,
            spellings: spelled,
        }
    }

    /// The term a spelling belongs to.
    pub fn term(&self, spelling: &str) -> Option<&Term> {
        let found = self.spellings.get(spelling).copied();
        found.or_else(|| self.slugs.get(&slugify(spelling, 60)).copied()).map(|i| &self.terms[i])
    }
}

/// The most frequent spelling; the first seen (newest article) wins a tie.
fn most_common(spellings: &[String]) -> String {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for s in spellings {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts.iter().find(|(_, n)| *n == best).map(|(k, _)| (*k).clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_most_common_spelling() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(most_common(&s(&["US", "U.S.", "U.S."])), "U.S.");
        assert_eq!(most_common(&s(&["US", "U.S."])), "US");
    }
}
