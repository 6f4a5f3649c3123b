//! Which Pagefind bundle each article is indexed in. Bundles are rebuilt whole, so they
//! are cut where news changes, and kept small enough to build in bounded memory:
//!
//! - the newest month of publication has a bundle of its own (`2025-04`): new stories and
//!   edits to this month's re-index it alone;
//! - every year before, and the rest of the newest month's year, has one (`2025`,
//!   `2024`), unless it holds more than `[search] bundle_size` articles: then its months
//!   are cut into runs of about equal size, each named by its first month (`2024-01`,
//!   `2024-07`);
//! - undated articles have `undated`.
//!
//! Names sort newest first, and that is the order the search page opens them in.

use crate::site::{Site, pagemap};
use std::collections::BTreeMap;

/// The bundle of undated articles.
pub(crate) const UNDATED: &str = "undated";

/// Each article's bundle, by its index in `Site::entries`.
pub(crate) fn assign(site: &Site) -> Vec<String> {
    let newest = site.entries.iter().filter_map(|e| month(e)).max();
    let mut years: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for m in site.entries.iter().filter_map(|e| month(e)).filter(|&m| Some(m) != newest) {
        *years.entry(&m[..4]).or_default().entry(m).or_default() += 1;
    }
    let cap = site.config.search.bundle_size.max(1);
    let mut named: BTreeMap<&str, String> = BTreeMap::new();
    for (year, months) in &years {
        let total: usize = months.values().sum();
        let parts = total.div_ceil(cap);
        let (mut before, mut part, mut name) = (0, None, year.to_string());
        for (&m, &count) in months {
            if parts > 1 {
                // Which of `parts` equal slices of the year this month begins in.
                let starts = (before * parts / total).min(parts - 1);
                if part != Some(starts) {
                    (part, name) = (Some(starts), m.to_string());
                }
            }
            named.insert(m, name.clone());
            before += count;
        }
    }
    site.entries
        .iter()
        .map(|e| match month(e) {
            None => UNDATED.to_string(),
            Some(m) if Some(m) == newest => m.to_string(),
            Some(m) => named[m].clone(),
        })
        .collect()
}

/// The site's bundles, newest first, undated last.
pub(crate) fn names(site: &Site) -> Vec<String> {
    let mut names = assign(site);
    if !site.pages.is_empty() {
        names.push(UNDATED.to_string()); // pages are undated
    }
    names.sort_unstable_by(|a, b| (a == UNDATED).cmp(&(b == UNDATED)).then(b.cmp(a)));
    names.dedup();
    names
}

/// An entry's month of publication, `YYYY-MM`.
fn month(e: &crate::site::Entry) -> Option<&str> {
    e.date.as_ref()?.day.get(..7)
}
/// The module of the bundle `shard`, from the site root.
pub(crate) fn module(shard: &str) -> String {
    format!("{}pagefind.js", pagemap::pagefind_bundle(shard))
}
