//! People's profiles (`authors/<slug>.md`), each matched to the author page it belongs
//! on: the term whose slug is the file's name, or whose name is the profile's `name`.
//! A profile no article's byline uses is a warning (it would show nowhere).

use super::{Entry, Taxonomy, pagemap};
use crate::content::Article;
use crate::urls::OutPath;
use crate::warnings::Warnings;
use std::collections::BTreeMap;

/// The folder of profiles, beside seeds/.
pub(crate) const FOLDER: &str = "authors";

/// The page a profile's bio is shown on: its author page (`authors/<slug>.html`).
pub(super) fn out_of(profile: &Article) -> OutPath {
    pagemap::term(FOLDER, &slug_of(profile))
}

/// The slug of a profile's author page: its file's name.
fn slug_of(profile: &Article) -> String {
    let key = profile.meta.profile.as_ref().map_or("", |p| p.key.as_str());
    crate::slugs::slugify(key, 80)
}

/// Pairs each author page with its profile: term slug -> profile index.
pub(super) fn match_terms(
    profiles: &[Entry],
    taxonomies: &[Taxonomy],
    warnings: &mut Warnings,
) -> BTreeMap<String, usize> {
    let authors = taxonomies.iter().find(|t| t.name == FOLDER);
    let mut found = BTreeMap::new();
    for (i, p) in profiles.iter().enumerate() {
        let by_name = crate::slugs::slugify(&p.article.meta.title, 80);
        let term = authors.and_then(|t| {
            t.terms.iter().find(|term| term.slug == slug_of(&p.article) || term.slug == by_name)
        });
        match term {
            Some(term) => {
                found.insert(term.slug.clone(), i);
            }
            None => warnings.file(
                &p.article.path,
                format!(
                    "no article's byline names `{}`: this profile is shown nowhere",
                    p.article.meta.title
                ),
            ),
        }
    }
    found
}
