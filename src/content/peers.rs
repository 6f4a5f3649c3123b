//! Front matter written for Jekyll, Hugo or Zola, read as ours: each of their names
//! for a field Broadsheet has is folded into our field (docs/pages/migrating.md's
//! table lists them), before `meta` checks the values. Only what has no field of ours is handed
//! on: the expiry date, the free-form `[extra]`/`params` table, and whether the file
//! is a headless include that no page should come from.

use super::extra::{Loose, Node};
use super::meta::Place;
use super::raw::{OneOrMany, RawDate, RawMeta};
use crate::warnings::Warnings;

/// What peer front matter says that has no field of ours.
#[derive(Debug, Default)]
pub(super) struct Peer {
    /// Hugo's `expiryDate`: left out of builds after it.
    pub expires: Option<RawDate>,
    /// Zola's `[extra]` and Hugo's `params`, merged (`extra` wins on a clash).
    pub extra: Node,
    /// `headless = true`, or Hugo's `build.render = "never"`: no page of its own.
    pub headless: bool,
    /// Hugo's `cascade.build.render = "never"` in an `_index.md`: no page for any
    /// file below it.
    pub headless_below: bool,
}

/// Moves every peer field of `raw` into ours, returning what is left over. Each peer
/// field is taken (left `None`), so later stages see only our own fields.
pub(super) fn fold(mut raw: RawMeta, place: &Place, warn: &mut Warnings) -> (RawMeta, Peer) {
    fold_summary_and_terms(&mut raw);
    fold_dates(&mut raw);
    fold_old_paths(&mut raw, place, warn);
    let (build, cascade) = (raw.build.take(), raw.cascade.take());
    let (build, cascade) = (build.as_ref().map(|b| &b.0), cascade.as_ref().map(|c| &c.0));
    let peer = Peer {
        expires: raw.expiry_date.take(),
        extra: merged(raw.extra.take(), raw.params.take()),
        headless: headless_by(raw.headless.take() == Some(true), build, cascade),
        headless_below: cascade.is_some_and(cascades_never),
    };
    (raw, peer)
}

/// `description`/`excerpt` -> summary; `category` -> section; `categories` and
/// `[taxonomies]` -> tags (authors and sections where the taxonomy says so).
fn fold_summary_and_terms(ours: &mut RawMeta) {
    let (description, excerpt) = (ours.description.take(), ours.excerpt.take());
    ours.summary = ours.summary.take().or(description).or(excerpt);
    ours.section = ours.section.take().or(ours.category.take());
    let mut tags = ours.tags.take().map(|t| t.0).unwrap_or_default();
    tags.extend(ours.categories.take().map(|c| c.0).unwrap_or_default());
    for (name, terms) in ours.taxonomies.take().unwrap_or_default() {
        match name.as_str() {
            "authors" | "author" => append(&mut ours.authors, terms.0),
            "section" | "sections" if ours.section.is_none() => {
                ours.section = terms.0.into_iter().next();
            }
            _ => tags.extend(terms.0),
        }
    }
    ours.tags = (!tags.is_empty()).then_some(OneOrMany(tags));
}

/// `published: false` -> draft; the date is the first of Hugo's chain that is given
/// and not empty: `date`, `publishDate` (`pubdate`, `published`); `lastmod`
/// (`modified`, `last_modified_at`) -> updated, which `meta` makes the date when
/// nothing else dates the page; `unpublishdate` -> `expiryDate`.
fn fold_dates(ours: &mut RawMeta) {
    let published = match ours.published.take().map(|p| p.0) {
        Some(Node::Bool(false)) => {
            ours.draft = Some(true);
            None
        }
        Some(Node::Text(day)) => Some(RawDate(day)),
        _ => None,
    };
    let given = |d: Option<RawDate>| d.filter(|d| !d.0.trim().is_empty());
    let publish = [ours.publish_date.take(), ours.pubdate.take(), published];
    let changed = [ours.lastmod.take(), ours.modified.take(), ours.last_modified_at.take()];
    let publish = publish.into_iter().find_map(given);
    let changed = changed.into_iter().find_map(given);
    ours.date = given(ours.date.take()).or(publish);
    ours.updated = ours.updated.take().or(changed);
    ours.expiry_date = ours.expiry_date.take().or(ours.unpublishdate.take());
}

/// `permalink`, `url`, `path` and `redirect_from` -> aliases, when they are paths.
fn fold_old_paths(ours: &mut RawMeta, place: &Place, warn: &mut Warnings) {
    let given = [ours.permalink.take(), ours.url.take(), ours.path.take()];
    let old = given.into_iter().flatten().map(|p| ("permalink", p));
    let redirects = ours.redirect_from.take().into_iter().flat_map(|r| r.0);
    for (key, link) in old.chain(redirects.map(|p| ("redirect_from", p))) {
        if link.contains(':') {
            let line = place.first_line + crate::text::key_line(place.text, key).unwrap_or(1) - 1;
            let why = "is a pattern or an address, not a path; no redirect page made";
            warn.at(place.path, line, format!("`{key}` `{link}` {why}"));
        } else {
            append(&mut ours.aliases, vec![link]);
        }
    }
}

fn append(list: &mut Option<OneOrMany>, items: Vec<String>) {
    list.get_or_insert_with(OneOrMany::default).0.extend(items);
}

/// `[extra]` entries, then the `params` entries `[extra]` does not have.
fn merged(extra: Option<Loose>, params: Option<Loose>) -> Node {
    let table = |t: Option<Loose>| match t.map(|l| l.0) {
        Some(Node::Table(entries)) => entries,
        _ => Vec::new(),
    };
    let mut out = table(extra);
    for (key, value) in table(params) {
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, value));
        }
    }
    Node::Table(out)
}

/// True when front matter `front` (a table) makes its file headless: no page of its own.
pub(crate) fn headless_front(front: &Node) -> bool {
    let headless = front.get("headless") == Some(&Node::Bool(true));
    headless_by(headless, front.get("build"), front.get("cascade"))
}

/// True when front matter `front` cascades headless to what is below its folder.
pub(crate) fn cascades_headless(front: &Node) -> bool {
    front.get("cascade").is_some_and(cascades_never)
}

/// `headless = true`, Hugo's `build.render = "never"`, or a cascade saying so: as in
/// Hugo, a cascade reaches the `_index.md` that sets it too, unless its own
/// `build.render` says otherwise (Hugo's glossary: `render: always` above pages that
/// are never rendered).
fn headless_by(headless: bool, build: Option<&Node>, cascade: Option<&Node>) -> bool {
    let own = build.and_then(|b| b.get("render")).is_some();
    headless || never_rendered(build) || (cascade.is_some_and(cascades_never) && !own)
}

/// Hugo's `build: { render: never }` (or the older `render: false`).
fn never_rendered(build: Option<&Node>) -> bool {
    match build.and_then(|b| b.get("render")) {
        Some(Node::Text(how)) => how.eq_ignore_ascii_case("never"),
        Some(Node::Bool(render)) => !render,
        _ => false,
    }
}

/// A `cascade` (a table, or a list of them) that sets `build.render = "never"` or
/// `headless = true` for what is below.
fn cascades_never(cascade: &Node) -> bool {
    match cascade {
        Node::List(items) => items.iter().any(cascades_never),
        table => {
            never_rendered(table.get("build")) || table.get("headless") == Some(&Node::Bool(true))
        }
    }
}

/// One line for the whole build naming the presentation keys of other generators
/// that seeds carry, which are accepted and unused.
pub(super) fn quiet_note(articles: &[super::Article], warn: &mut Warnings) {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for key in articles.iter().flat_map(|a| &a.meta.quiet) {
        *counts.entry(key).or_default() += 1;
    }
    if counts.is_empty() {
        return;
    }
    let keys: Vec<String> = counts.iter().map(|(k, n)| format!("`{k}` ({n})")).collect();
    warn.site(format!(
        "front matter keys other generators use for layout, accepted and unused: {}",
        keys.join(", ")
    ));
}
