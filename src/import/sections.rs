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
use std::path::{Path, PathBuf};

/// (old path, target) pairs for site.toml, and a line for the report for each
/// `redirect_to` that leads to no page carried over.
pub(super) fn redirects(
    items: &[Item],
    docs: &[Option<Doc>],
    t: &Targets,
    shown: &Shown<'_>,
) -> (Vec<(String, String)>, Vec<String>) {
    let taken = taken(items, docs, t);
    let sections: Vec<(&Item, &Doc)> = items
        .iter()
        .zip(docs)
        .filter_map(|(item, doc)| Some((item, doc.as_ref()?)))
        .filter(|(item, doc)| shown.has_page(item, doc))
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
        let to = if leads_on { followed(key, &onward, t) } else { own_page(item, t) };
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

/// Which files the build reads and which sections it writes a page for, decided as the
/// build decides them (`content/headless.rs`), so that no redirect leads to a page the
/// build does not write.
pub(super) struct Shown<'a> {
    taxonomies: &'a [String],
    /// The folders of `_index.md` files whose `cascade` makes what is below headless.
    headless: Vec<PathBuf>,
}

impl<'a> Shown<'a> {
    pub(super) fn new(items: &[Item], docs: &[Option<Doc>], taxonomies: &'a [String]) -> Self {
        let headless = items
            .iter()
            .zip(docs)
            .filter(|(i, d)| {
                crate::content::is_section_index(i.rel())
                    && d.as_ref().is_some_and(|d| crate::content::cascades_headless(&d.front))
            })
            .filter_map(|(i, _)| i.rel().parent().map(Path::to_path_buf))
            .collect();
        Shown { taxonomies, headless }
    }

    /// True when the build publishes the file: not headless itself, nor below an
    /// `_index.md` whose cascade makes it so (that `_index.md` says for itself).
    pub(super) fn built(&self, item: &Item, doc: &Doc) -> bool {
        let rel = item.rel();
        let own = |f: &PathBuf| crate::content::is_section_index(rel) && rel.parent() == Some(f);
        !crate::content::headless_front(&doc.front)
            && !self.headless.iter().any(|f| rel.starts_with(f) && !own(f))
    }

    /// A section the new site has a page for, which the old site served: not the
    /// site's root, not a draft, not headless (`_common/`), not a taxonomy's term
    /// (Hugo's `authors/ana/_index.md`: the build writes its own authors' and tags'
    /// pages).
    pub(super) fn has_page(&self, item: &Item, doc: &Doc) -> bool {
        let rel = item.rel();
        let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy());
        if top.is_some_and(|top| self.taxonomies.iter().any(|t| *t == top)) {
            return false;
        }
        let hidden = rel.parent().is_some_and(|p| {
            p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('_'))
        });
        crate::content::is_section_index(rel)
            && rel.parent() != Some(Path::new(""))
            && !hidden
            && doc.front.get("draft") != Some(&Node::Bool(true))
            && self.built(item, doc)
    }
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

/// Hugo's pages that are listed but never rendered (a section's `cascade` of
/// `build: {render: never, list: local}`, hugoDocs' glossary): the peer's section
/// template shows them in full on the section's page, so the import does too, each as
/// an entry (`<dt id>`) that links to the page now lead to.
#[derive(Debug, Default)]
pub(super) struct Listing {
    /// Each section `_index.md` (by item) with the items it shows, in order.
    pub by_index: HashMap<usize, Vec<usize>>,
    /// Each shown item with its section's item and its entry's id, in item order.
    pub entry: std::collections::BTreeMap<usize, (usize, String)>,
}

impl Listing {
    pub(super) fn new(items: &[Item], docs: &[Option<Doc>], shown: &Shown<'_>) -> Self {
        let mut out = Listing::default();
        for (i, (item, doc)) in items.iter().zip(docs).enumerate() {
            let Some(doc) = doc else { continue };
            // Only a cascade that keeps the pages below from pages of their own, and
            // lists them.
            let cascade = doc.front.get("cascade");
            let listing =
                crate::content::cascades_headless(&doc.front) && cascade.is_some_and(lists);
            if !shown.has_page(item, doc) || !listing {
                continue;
            }
            let folder = item.rel().parent().unwrap_or(Path::new(""));
            let mut shown_here: Vec<usize> = items
                .iter()
                .zip(docs)
                .enumerate()
                .filter(|(_, (child, d))| {
                    d.as_ref().is_some_and(|d| {
                        !shown.built(child, d)
                            && lists(&d.front)
                            && d.front.get("draft") != Some(&Node::Bool(true))
                    }) && child.prefix == item.prefix
                        && is_child(child.rel(), folder)
                })
                .map(|(j, _)| j)
                .collect();
            shown_here.sort_by_cached_key(|&j| order(&items[j], docs[j].as_ref()));
            let mut taken = HashSet::new();
            for &j in &shown_here {
                // Two files of one name (`x.md`, `X.md`) are two entries.
                let base = entry_id(&items[j]);
                let (mut id, mut n) = (base.clone(), 1);
                while !taken.insert(id.clone()) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                out.entry.insert(j, (i, id));
            }
            if !shown_here.is_empty() {
                out.by_index.insert(i, shown_here);
            }
        }
        out
    }
}

/// A page file directly in `folder` (`folder/x.md`; a bundle's `folder/x/index.md`,
/// whose pictures and links are named from its own folder, stays a file of its own).
fn is_child(rel: &Path, folder: &Path) -> bool {
    rel.parent() == Some(folder) && !crate::content::is_section_index(rel)
}

/// The entry's id on its section page: the page's file (or bundle) name, as a heading
/// id is made (hugoDocs' glossary links `content-dimension.md` as `#content-dimension`).
pub(super) fn entry_id(item: &Item) -> String {
    let under = Path::new("content").join(item.rel());
    crate::slugs::slugify(crate::content::unlanguaged(crate::content::bundle_stem(&under)), 100)
}

/// Hugo's default order: by weight (unweighted last), then title.
fn order(item: &Item, doc: Option<&Doc>) -> (bool, i64, String) {
    let front = doc.map(|d| &d.front);
    let weight = match front.and_then(|f| f.get("weight")) {
        Some(Node::Int(w)) if *w != 0 => Some(*w),
        _ => None,
    };
    let title = front.and_then(|f| f.get("title")).and_then(Node::as_text).map(str::to_lowercase);
    (weight.is_none(), weight.unwrap_or(0), title.unwrap_or_else(|| entry_id(item)))
}

/// True unless the table's (or a cascade list's) `build.list` is `never` (or `false`),
/// or it says `headless = true` (never listed, in Hugo).
fn lists(front: &Node) -> bool {
    match front {
        Node::List(tables) => tables.iter().all(lists),
        table if table.get("headless") == Some(&Node::Bool(true)) => false,
        table => match table.get("build").and_then(|b| b.get("list")) {
            Some(Node::Bool(listed)) => *listed,
            Some(Node::Text(how)) => !how.eq_ignore_ascii_case("never"),
            _ => true,
        },
    }
}
