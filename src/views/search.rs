//! What the search page's template sees beyond `site` and `page`: the script and index
//! links, and the filter choices (topics, authors, sources, editions), listed at build
//! time so the page needs no extra request to offer them.

use super::edition_title;
use crate::i18n::Labels;
use crate::site::Site;
use crate::site::pagemap;
use crate::urls::OutPath;
use serde::Serialize;

/// The search page's own variables.
#[derive(Serialize)]
pub(crate) struct SearchView {
    /// `assets/search.js`, relative to the page.
    pub script: String,
    /// The modules of the Pagefind bundles, newest first, space-separated, when
    /// the index was built with Pagefind.
    pub pagefind: Option<String>,
    /// The fallback index script.
    pub fallback: String,
    /// The sharded index's `meta.js`, when the site has that index.
    pub shards: Option<String>,
    /// The filters, in the order shown.
    pub filters: Vec<Filter>,
}

/// One filter: a Pagefind filter name, its label and its values.
#[derive(Serialize)]
pub(crate) struct Filter {
    /// Its name in the index and in the page's address (`tag`, `author`…).
    pub name: &'static str,
    /// Its label in the site language.
    pub label: String,
    /// The values to choose from.
    pub values: Vec<String>,
}

/// What the pages need to know of search.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    /// The site has a search page (`[search] enabled`).
    pub enabled: bool,
    /// Its index is Pagefind's (the `search` feature), else only the fallback index.
    pub pagefind: bool,
    /// Its index is the sharded one (`[search] index`), which serves from disk too.
    pub shards: bool,
}

impl Search {
    /// Search as `site` has it.
    pub fn of(site: &Site) -> Search {
        use crate::config::SearchIndex;
        let enabled = site.config.search.enabled;
        let shards = enabled
            && match site.config.search.index {
                SearchIndex::Shards => true,
                SearchIndex::Pagefind => false,
                SearchIndex::Auto => site.entries.len() > crate::config::SHARDS_ABOVE,
            };
        Search { enabled, pagefind: enabled && !shards && cfg!(feature = "search"), shards }
    }
}

/// The view for the search page at `out`.
pub(crate) fn view(site: &Site, labels: &Labels, out: &OutPath, search: Search) -> SearchView {
    let href = |to: &str| site.urls.href(out, &pagemap::path(to));
    let terms = |tax: &str| -> Vec<String> {
        let mut names: Vec<String> = site
            .taxonomy(tax)
            .map(|t| t.terms.iter().map(|term| term.name.clone()).collect())
            .unwrap_or_default();
        names.sort_by_key(|n| n.to_lowercase());
        names
    };
    let editions = site.editions.iter().map(|e| edition_title(e, labels)).collect();
    let label = |key: &str| labels.map.get(key).cloned().unwrap_or_default();
    let filters = vec![
        Filter { name: "tag", label: label("tags"), values: terms("tags") },
        Filter { name: "author", label: label("authors"), values: terms("authors") },
        Filter { name: "source", label: label("sources"), values: terms("sources") },
        Filter { name: "edition", label: label("editions"), values: editions },
    ];
    SearchView {
        script: href(pagemap::SEARCH_SCRIPT),
        pagefind: search
            .pagefind
            .then(|| {
                super::bundles::names(site)
                    .iter()
                    .map(|s| href(&super::bundles::module(s)))
                    .collect()
            })
            .filter(|modules: &Vec<String>| !modules.is_empty())
            .map(|modules| modules.join(" ")),
        fallback: href(pagemap::SEARCH_FALLBACK),
        shards: search.shards.then(|| href(pagemap::SEARCH_SHARDS)),
        filters: filters.into_iter().filter(|f| !f.values.is_empty()).collect(),
    }
}
