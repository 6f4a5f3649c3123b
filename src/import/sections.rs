//! The old site's section pages (Zola's and Hugo's `_index.md`) as `[redirects]`: each
//! section's old URL leads on to where its `redirect_to` leads (Zola), followed to the
//! page at the end, or else to the section's page of the new site, when it has one (an
//! article is in the section) and no page has taken the old URL.

use super::crosslinks::{Target, Targets, url_key};
use super::permalinks;
use super::plan::{Doc, section_url, target};
use super::sources::{Item, Kind};
use crate::content::extra::Node;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// (old path, target) pairs for site.toml, and a line for the report for each
/// `redirect_to` that leads to no page carried over.
pub(super) fn redirects(
    items: &[Item],
    docs: &[Option<Doc>],
    t: &Targets,
) -> (Vec<(String, String)>, Vec<String>) {
    let taken: HashSet<String> = items
        .iter()
        .zip(docs)
        .filter_map(|(item, d)| Some((item, d.as_ref()?)))
        .flat_map(|(item, d)| {
            let urls = d.alias.iter().cloned().chain(permalinks::declared(&d.front));
            urls.map(|url| item.in_folder(&url))
        })
        .filter_map(|url| url_key(&url, &t.base_url))
        .collect();
    let sections: Vec<(&Item, &Doc)> = items
        .iter()
        .zip(docs)
        .filter_map(|(item, doc)| Some((item, doc.as_ref()?)))
        .filter(|(item, doc)| has_page(item, doc))
        .collect();
    let onward = onward(&sections, &t.base_url);
    let (mut out, mut unled) = (Vec::new(), Vec::new());
    for (item, doc) in &sections {
        let from = item.in_folder(&section_url(item.rel()));
        let Some(key) = url_key(&from, &t.base_url).filter(|k| !taken.contains(k)) else {
            continue;
        };
        let leads_on = doc.front.get("redirect_to").is_some();
        let to = if leads_on { followed(key, &onward, t) } else { own_page(item, items) };
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

/// A section the old site served a page for: not the site's root, not Hugo's headless
/// sections (`_common/`, `headless = true`).
fn has_page(item: &Item, doc: &Doc) -> bool {
    let rel = item.rel();
    let hidden = rel
        .parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('_')));
    let headless = matches!(doc.front.get("headless"), Some(Node::Bool(true)));
    crate::content::is_section_index(rel)
        && rel.parent() != Some(Path::new(""))
        && !hidden
        && !headless
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

/// The section's own page, when an article of its language is in it (and in no
/// section of its language below it).
fn own_page(section: &Item, items: &[Item]) -> Option<Target> {
    let folder = section.rel().parent().unwrap_or(Path::new(""));
    let folders: Vec<&Path> = items
        .iter()
        .filter(|i| i.prefix == section.prefix && crate::content::is_section_index(i.rel()))
        .filter_map(|i| i.rel().parent())
        .collect();
    let nearest = |rel: &Path| {
        folders.iter().filter(|f| rel.starts_with(f)).max_by_key(|f| f.as_os_str().len()).copied()
    };
    let filled = items.iter().any(|i| {
        i.kind == Kind::Post
            && i.prefix == section.prefix
            && !crate::content::is_section_index(i.rel())
            && nearest(i.rel()) == Some(folder)
    });
    filled.then(|| target(section))
}
