//! The old site's section pages (Zola's and Hugo's `_index.md`) as `[redirects]`: each
//! section's old URL leads on to where its `redirect_to` leads (Zola), followed to the
//! page at the end, or else to the section's page of the new site (every section with
//! an `_index.md` that is no draft and not headless has one), when no page has taken the
//! old URL.

use super::crosslinks::{Target, Targets, url_key};
use super::permalinks;
use super::plan::{Doc, section_url};
use super::sources::Item;
use crate::content::extra::Node;
use crate::site::pagemap;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// (old path, target) pairs for site.toml, and a line for the report for each
/// `redirect_to` that leads to no page carried over.
pub(super) fn redirects(
    items: &[Item],
    docs: &[Option<Doc>],
    t: &Targets,
    taxonomies: &[String],
) -> (Vec<(String, String)>, Vec<String>) {
    let taken = taken(items, docs, t);
    let sections: Vec<(&Item, &Doc)> = items
        .iter()
        .zip(docs)
        .filter_map(|(item, doc)| Some((item, doc.as_ref()?)))
        .filter(|(item, doc)| has_page(item, doc, taxonomies))
        .collect();
    let onward = onward(&sections, &t.base_url);
    let (mut out, mut unled) = (Vec::new(), Vec::new());
    for (item, doc) in &sections {
        let from = item.in_folder(&section_url(item.rel()));
        let Some(key) = url_key(&from, &t.base_url).filter(|k| !taken.contains(k)) else {
            continue;
        };
        // A page of the new site's own is there already (tabi's `/archive/`: ours), in
        // the language's folder (`/ar/archive/`) too.
        let own = pagemap::alias(&section_url(item.rel()));
        if own.is_some_and(|p| pagemap::taken_by_the_site(&p)) {
            continue;
        }
        let leads_on = doc.front.get("redirect_to").is_some();
        // The build gives every section with an `_index.md` its page, articles or not
        // (Hugo's `/functions/`, whose articles are all in sections below it).
        let draft = doc.front.get("draft") == Some(&Node::Bool(true));
        let to = if leads_on {
            followed(key, &onward, t)
        } else {
            (!draft).then(|| own_page(item, t)).flatten()
        };
        match to {
            Some(Target::Site(to)) => out.push((from, item.in_folder(&to))),
            Some(to) => out.push((from, to.written())),
            None if leads_on => unled.push(format!(
                "{}: `redirect_to` leads to no page carried over; its old URL {from} is not kept",
                item.from.display()
            )),
            None => {}
        }
    }
    (out, unled)
}

/// The old URLs pages have taken as their own (declared or made from their path): as
/// on the peers, a section's page wins over another page's alias (hugoDocs'
/// `time.AsTime` lists `/functions/time` among its `aliases`).
fn taken(items: &[Item], docs: &[Option<Doc>], t: &Targets) -> HashSet<String> {
    items
        .iter()
        .zip(docs)
        .filter_map(|(item, d)| Some((item, d.as_ref()?)))
        .flat_map(|(item, d)| {
            let urls = d.alias.iter().cloned().chain(permalinks::own(&d.front));
            urls.map(|url| item.in_folder(&url))
        })
        .filter_map(|url| url_key(&url, &t.base_url))
        .collect()
}

/// A section the old site served a page for: not the site's root, not Hugo's headless
/// sections (`_common/`, `headless = true`), not a taxonomy's term (Hugo's
/// `authors/ana/_index.md`: the build writes its own authors' and tags' pages).
fn has_page(item: &Item, doc: &Doc, taxonomies: &[String]) -> bool {
    let rel = item.rel();
    let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy());
    if top.is_some_and(|top| taxonomies.iter().any(|t| *t == top)) {
        return false;
    }
    let hidden = rel
        .parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('_')));
    crate::content::is_section_index(rel)
        && rel.parent() != Some(Path::new(""))
        && !hidden
        && !crate::content::headless_front(&doc.front)
}

/// Each section's old URL key -> its `redirect_to`'s key, to follow chains.
fn onward(sections: &[(&Item, &Doc)], base_url: &str) -> HashMap<String, String> {
    sections
        .iter()
        .filter_map(|(item, doc)| {
            let Some(Node::Text(to)) = doc.front.get("redirect_to") else { return None };
            let from = url_key(&section_url(item.rel()), base_url)?;
            Some((from, url_key(&format!("/{}", to.trim_start_matches('/')), base_url)?))
        })
        .collect()
}

/// The page at the end of a chain of `redirect_to`s starting at `key`.
fn followed(mut key: String, onward: &HashMap<String, String>, t: &Targets) -> Option<Target> {
    for _ in 0..8 {
        match onward.get(&key) {
            Some(next) => key = next.clone(),
            None => return t.by_url.get(&key).cloned(),
        }
    }
    None
}

/// The section page of the `_index.md` `item`, as the targets name it.
fn own_page(item: &Item, t: &Targets) -> Option<Target> {
    t.by_source.get(&item.rel().to_string_lossy().replace('\\', "/")).cloned()
}
