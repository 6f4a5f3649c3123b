//! Taxonomies: tags, authors, sources, and any the site declares (e.g. `sections`).
//! Terms are keyed by slug, so `U.S.` and `US` are one term; the page shows the
//! spelling most articles use (the newest article's on a tie). In a site of several
//! languages, `[languages.<code>.terms]` names a term in the language (`economy` is
//! shown and filed as `Économie`), and every term keeps the `key` that links its
//! page to the same term's page in the other languages.

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
    /// The slug the term has before a term map names it in this language: the same
    /// in every language's site.
    pub key: String,
    /// Its first page, e.g. `tags/transport.html`.
    pub out: OutPath,
    /// Entries carrying it, newest first (indices into `Site::entries`).
    pub entries: Vec<usize>,
}

impl Taxonomy {
    /// Builds a taxonomy from the terms `terms_of` finds on each entry, named as
    /// `names` says (a term as written -> its name in this language; may be empty).
    pub fn build(
        name: &str,
        entries: &[Entry],
        names: &TermNames,
        terms_of: impl Fn(&Entry) -> Vec<String>,
    ) -> Taxonomy {
        Taxonomy::build_with(name, entries, names, terms_of, &[])
    }

    /// As `build`, with a term of no entries for each of `also` that no entry carries
    /// (a section with only its `_index.md`).
    pub fn build_with(
        name: &str,
        entries: &[Entry],
        names: &TermNames,
        terms_of: impl Fn(&Entry) -> Vec<String>,
        also: &[&String],
    ) -> Taxonomy {
        Taxonomy::assemble(name, gather(entries.iter().map(terms_of), names, also))
    }

    fn assemble(name: &str, by_slug: BTreeMap<String, Found>) -> Taxonomy {
        let mut spelled = HashMap::new();
        let terms: Vec<Term> = by_slug
            .into_iter()
            .enumerate()
            .map(|(i, (slug, found))| {
                let shown = most_common(&found.shown);
                spelled.extend(found.written.into_iter().map(|s| (s, i)));
                let out = super::pagemap::term(name, &slug);
                let key = found.key.unwrap_or_else(|| slug.clone());
                Term { name: shown, out, slug, key, entries: found.entries }
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

/// Each term's slug in this language -> what its entries (each entry's terms, in
/// order) say of it, and a term of no entries for each of `also` none carries.
fn gather(
    per_entry: impl Iterator<Item = Vec<String>>,
    names: &TermNames,
    also: &[&String],
) -> BTreeMap<String, Found> {
    let mut by_slug: BTreeMap<String, Found> = BTreeMap::new();
    for (i, terms) in per_entry.enumerate() {
        let mut seen = Vec::new();
        for term in terms {
            let (key, shown) = names.name(&term);
            let slug = slugify(&shown, 60);
            if slug.is_empty() || seen.contains(&slug) {
                continue;
            }
            seen.push(slug.clone());
            let slot = by_slug.entry(slug).or_default();
            slot.entries.push(i);
            slot.shown.push(shown);
            slot.written.push(term);
            slot.key.get_or_insert(key);
        }
    }
    for &term in also {
        let (key, shown) = names.name(term);
        let slug = slugify(&shown, 60);
        if !slug.is_empty() && !by_slug.contains_key(&slug) {
            let written = vec![term.clone()];
            let found = Found { shown: vec![shown], written, key: Some(key), ..Found::default() };
            by_slug.insert(slug, found);
        }
    }
    by_slug
}

/// What one term gathered while a taxonomy is built.
#[derive(Default)]
struct Found {
    entries: Vec<usize>,
    /// Its names as shown in this language, one per entry.
    shown: Vec<String>,
    /// Its spellings as the entries write them.
    written: Vec<String>,
    key: Option<String>,
}

/// A language's names for terms: the slug of a term as any language writes it ->
/// (its key, its name in this language).
#[derive(Debug, Default)]
pub struct TermNames(HashMap<String, (String, String)>);

impl TermNames {
    /// From `[languages.<code>.terms]` (a term as written -> its name here): both the
    /// term and its name lead to the name, keyed by the term.
    pub fn new(map: &BTreeMap<String, String>) -> TermNames {
        let mut names = HashMap::new();
        for (from, to) in map {
            let key = slugify(from, 60);
            names.insert(slugify(to, 60), (key.clone(), to.clone()));
            names.insert(key.clone(), (key, to.clone()));
        }
        TermNames(names)
    }

    /// `term` as written -> its key and its name in this language.
    fn name(&self, term: &str) -> (String, String) {
        let written = slugify(term, 60);
        match self.0.get(&written) {
            Some((key, named)) => (key.clone(), named.clone()),
            None => (written, term.to_string()),
        }
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
    fn a_term_map_names_a_term_in_the_language_and_keeps_its_key() {
        let map = BTreeMap::from([("economy".to_string(), "Économie".to_string())]);
        let names = TermNames::new(&map);
        assert_eq!(names.0.get("economie"), Some(&("economy".into(), "Économie".into())));
        assert_eq!(names.0.get("economy"), Some(&("economy".into(), "Économie".into())));
        assert!(TermNames::new(&BTreeMap::new()).0.is_empty());
    }

    #[test]
    fn empty_sections_are_added_by_their_name_in_the_language_and_never_twice() {
        // One article filed under `sport`, which the map calls `Sports FR` in this
        // language, and three sections named by their `_index.md` alone.
        let map = BTreeMap::from([("sport".to_string(), "Sports FR".to_string())]);
        let names = TermNames::new(&map);
        let intros = ["sport".to_string(), "about".to_string(), "zz".to_string()];
        let also: Vec<&String> = intros.iter().collect();
        let gathered = gather([vec!["sport".to_string()]].into_iter(), &names, &also);
        let tax = Taxonomy::assemble("sections", gathered);
        let slugs: Vec<&str> = tax.terms.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["about", "sports-fr", "zz"]);
        assert_eq!(tax.term("sport").map(|t| t.entries.as_slice()), Some(&[0][..]));
        assert_eq!(tax.term("Sports FR").map(|t| t.slug.as_str()), Some("sports-fr"));
        assert_eq!(tax.term("about").map(|t| t.entries.len()), Some(0));
        assert_eq!(tax.term("zz").map(|t| t.out.as_str()), Some("sections/zz.html"));
    }

    #[test]
    fn picks_the_most_common_spelling() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(most_common(&s(&["US", "U.S.", "U.S."])), "U.S.");
        assert_eq!(most_common(&s(&["US", "U.S."])), "US");
    }
}
