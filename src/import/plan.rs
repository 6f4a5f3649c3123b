//! Before anything is written: each carried-over Markdown file's front matter read
//! once, the URL it had on the old site worked out (`permalinks.rs`), and from all of
//! them the [`Targets`] every link is resolved against, with the plain includes and
//! the site's values. Menu entries are matched to the pages they name here too.

use super::Peer;
use super::crosslinks::{Target, Targets, url_key};
use super::permalinks::{self, Post};
use super::settings::{MenuEntry, Settings};
use super::sources::{Item, Kind};
use crate::content::extra::{Loose, Node};
use crate::content::front_matter::{self, Format};
use crate::error::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A Markdown file's front matter, parsed, and its old URL.
#[derive(Clone)]
pub(super) struct Doc {
    /// The front matter as a table (empty when there is none or it cannot be read).
    pub front: Node,
    /// True for TOML front matter.
    pub toml: bool,
    /// The old URL to add as an alias (none when the front matter names its own).
    pub alias: Option<String>,
    /// Menu and weight from the peer's menus.
    pub menu: Option<(String, i64)>,
    /// The first URL the front matter names itself (`permalink`, `url`).
    pub declared: Option<String>,
}

/// Reads `text`'s front matter and works out its old URL.
pub(super) fn doc(
    peer: Peer,
    item: &Item,
    text: &str,
    settings: &Settings,
    tz: &jiff::tz::TimeZone,
) -> Doc {
    let front = front_matter::split(text).ok().and_then(|s| s.front);
    let toml = front.as_ref().is_some_and(|f| f.format == Format::Toml);
    let table = match &front {
        Some(f) if toml => toml::from_str::<Loose>(f.text).ok().map(|l| l.0),
        Some(f) if !f.text.trim().is_empty() => {
            serde_saphyr::from_str::<Loose>(f.text).ok().map(|l| l.0)
        }
        _ => None,
    };
    let front = table.unwrap_or_default();
    let plain = item.plain_rel();
    let post = Post { rel: &plain, front: &front, patterns: &settings.permalinks, tz };
    let alias = match (item.kind, peer) {
        _ if crate::content::is_section_index(item.rel()) => None,
        (Kind::Page, _) => permalinks::page_url(peer, &post),
        (_, Peer::Jekyll) if item.collection != "posts" => {
            let pattern = settings.permalinks.iter().find(|(s, _)| *s == item.collection);
            pattern.and_then(|(c, p)| permalinks::collection_url(c, p, &post))
        }
        _ => permalinks::old_url(peer, &post),
    };
    let declared = permalinks::declared(&front).into_iter().next();
    Doc { front, toml, alias, menu: None, declared }
}

/// Every name a link may give each file: its old URLs, its paths, its name.
pub(super) fn targets(
    items: &[Item],
    docs: &[Option<Doc>],
    settings: &Settings,
    (shown, listing): (&super::sections::Shown<'_>, &super::sections::Listing),
) -> Targets {
    let mut t =
        Targets { base_url: settings.base_url.clone().unwrap_or_default(), ..Targets::default() };
    t.values = settings.values.iter().cloned().collect();
    let sections = section_names(items, docs, shown);
    for (i, (item, doc)) in items.iter().zip(docs).enumerate() {
        t.files.insert(item.rel().to_string_lossy().replace('\\', "/"));
        if let Ok(below) = item.to.strip_prefix("static") {
            t.statics.insert(below.to_string_lossy().replace('\\', "/"));
        }
        let Some(doc) = doc else { continue };
        let target = listed_target(i, items, listing, &sections);
        let rel = item.rel().to_string_lossy().replace('\\', "/");
        t.by_source.insert(item.from.to_string_lossy().replace('\\', "/"), target.clone());
        t.by_source.insert(rel.clone(), target.clone());
        let under = Path::new("content").join(item.rel());
        let name = crate::content::bundle_stem(&under);
        if !name.is_empty() && name != "_index" {
            t.by_name.entry(name.to_string()).or_insert_with(|| target.clone());
        }
        if let Some(own) = doc.alias.clone().or_else(|| permalinks::own(&doc.front))
            && let Some(key) = url_key(&item.in_folder(&own), &t.base_url)
        {
            t.owned.entry(key).or_insert_with(|| item.to.clone());
        }
        let section = crate::content::is_section_index(item.rel()).then(|| section_url(item.rel()));
        if let Some(url) = section.as_deref().filter(|_| shown.has_page(item, doc)) {
            own_section_url(&mut t, item, url);
        }
        // Old URLs in a language's folder: the worked-out ones are inside it, a declared
        // one (Hugo's `url`) too unless it names the folder (Zola's `path`).
        let urls = doc.alias.iter().cloned().chain(permalinks::declared(&doc.front)).chain(section);
        for url in urls.map(|url| item.in_folder(&url)) {
            if let Some(key) = url_key(&url, &t.base_url) {
                t.by_url.entry(key).or_insert_with(|| target.clone());
            }
        }
    }
    add_taxonomy_urls(&mut t, items, docs);
    t
}

/// The peer's taxonomy pages (`/tags/`, `/tags/rust/`) as old URLs of ours, in each
/// file's language; after every file's own URLs, so that a page of the peer's own at
/// `/tags/` keeps its address.
fn add_taxonomy_urls(t: &mut Targets, items: &[Item], docs: &[Option<Doc>]) {
    for (item, doc) in items.iter().zip(docs) {
        let Some(doc) = doc else { continue };
        for (url, page) in taxonomy_urls(&doc.front) {
            if let Some(key) = url_key(&item.in_folder(&url), &t.base_url) {
                t.by_url.entry(key).or_insert_with(|| Target::Site(page));
            }
        }
    }
}

/// The old URLs of the taxonomy pages a page's front matter names (`/tags/`,
/// `/categories/rust/`, jekyll-archives' `/tag/rust/`), each with the site path of the
/// page that now lists them: the build shows categories and other taxonomies as tags,
/// and authors as authors (sections have their own old URLs). Terms are split as the
/// build splits them; a term's old URL is tried as the peers slug it and as we do.
fn taxonomy_urls(front: &Node) -> Vec<(String, String)> {
    let mut named = vec![
        ("tags".to_string(), terms_of(front.get("tags"), false)),
        ("categories".to_string(), terms_of(front.get("categories"), true)),
    ];
    if let Some(Node::Table(declared)) = front.get("taxonomies") {
        named.extend(declared.iter().map(|(k, v)| (k.clone(), terms_of(Some(v), false))));
    }
    let mut out = Vec::new();
    for (name, terms) in named {
        let ours = match name.as_str() {
            _ if terms.is_empty() => continue,
            "section" | "sections" => continue,
            "authors" | "author" => "authors",
            _ => "tags",
        };
        let singular = match name.as_str() {
            "tags" => Some("tag"),
            "categories" => Some("category"),
            _ => None,
        };
        for folder in std::iter::once(name.as_str()).chain(singular) {
            out.push((format!("/{folder}/"), format!("/{}", crate::site::pagemap::terms(ours))));
            for term in &terms {
                let page = crate::site::pagemap::term(ours, &crate::slugs::slugify(term, 60));
                for slug in [peer_slug(term), crate::slugs::slugify(term, 200)] {
                    out.push((format!("/{folder}/{slug}/"), format!("/{page}")));
                }
            }
        }
    }
    out
}

/// The terms of one taxonomy, split as the build splits them: a list, or a string at
/// its commas or (`words`, Jekyll's `categories: release community`) at its spaces.
fn terms_of(node: Option<&Node>, words: bool) -> Vec<String> {
    match node {
        Some(Node::List(items)) => {
            items.iter().filter_map(Node::as_text).map(String::from).collect()
        }
        Some(Node::Text(one)) if one.contains(',') || !words => {
            one.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        }
        Some(Node::Text(one)) => one.split_whitespace().map(String::from).collect(),
        _ => Vec::new(),
    }
}

/// A term as the peers put it in a URL: lower case, every run of other characters
/// than letters and digits one `-` (`Don't` → `don-t`; letters beyond ASCII kept).
fn peer_slug(term: &str) -> String {
    let lower = term.to_lowercase();
    let words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    words.collect::<Vec<_>>().join("-")
}

/// Where a link to `item` now goes: the section page for a section's `_index.md`.
pub(super) fn target(item: &Item, sections: &HashMap<(String, PathBuf), String>) -> Target {
    let rel = item.rel();
    if crate::content::is_section_index(rel) {
        let under = Path::new("content").join(rel);
        let folder = crate::content::bundle_stem(&under);
        if crate::content::unlanguaged(folder) == "_index" {
            return Target::Site("/".into());
        }
        let key = |p: &Path| (item.prefix.clone(), p.to_path_buf());
        let name = rel.parent().and_then(|p| sections.get(&key(p))).map_or(folder, String::as_str);
        let page = crate::site::pagemap::term("sections", &crate::slugs::slugify(name, 60));
        return Target::Site(format!("/{}", page.as_str()));
    }
    Target::File(item.to.clone())
}

/// Where links to item `i` lead: a page its section shows in full, to its entry there.
fn listed_target(
    i: usize,
    items: &[Item],
    listing: &super::sections::Listing,
    sections: &HashMap<(String, PathBuf), String>,
) -> Target {
    match listing.entry.get(&i) {
        Some((section, id)) => {
            Target::Site(format!("{}#{id}", target(&items[*section], sections).written()))
        }
        None => target(&items[i], sections),
    }
}

/// A section's page keeps its old URL `url` over another page's alias, as on the peers
/// (the site's root is the front page's).
fn own_section_url(t: &mut Targets, item: &Item, url: &str) {
    if url == "/" {
        return;
    }
    if let Some(key) = url_key(&item.in_folder(url), &t.base_url) {
        t.owned.entry(key).or_insert_with(|| item.to.clone());
    }
}

/// Each section folder's name in the new site, by language folder, as the build names
/// it: among the sections of that language it publishes (the `_index.md` lands below
/// seeds/ as the folder below the content folder).
fn section_names(
    items: &[Item],
    docs: &[Option<Doc>],
    shown: &super::sections::Shown<'_>,
) -> HashMap<(String, PathBuf), String> {
    let mut by_language: HashMap<&str, Vec<&Path>> = HashMap::new();
    for (item, doc) in items.iter().zip(docs) {
        let Some(doc) = doc else { continue };
        if crate::content::is_section_index(item.rel()) && shown.built(item, doc) {
            let folder = item.rel().parent().unwrap_or(Path::new(""));
            by_language.entry(item.prefix.as_str()).or_default().push(folder);
        }
    }
    let mut out = HashMap::new();
    for (prefix, folders) in by_language {
        for (folder, name) in crate::content::section_names(folders) {
            out.insert((prefix.to_string(), folder), name);
        }
    }
    out
}

/// A section's old URL: its folder's path, lower-cased.
pub(super) fn section_url(rel: &Path) -> String {
    let folder = rel.parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    format!("/{}/", folder.to_lowercase())
}

/// A headless file's body (Hugo's `_common/x.md`, `headless: true`), by its path
/// without `.md`, for the `include` shortcodes that show it inside other pages.
pub(super) fn shared(item: &Item, doc: &Doc, text: &str) -> Option<(String, String)> {
    let rel = item.rel();
    let hidden = rel.components().any(|c| {
        c.as_os_str().to_str().is_some_and(|c| c.starts_with('_') && !c.starts_with("_index"))
    });
    let headless = matches!(doc.front.get("headless"), Some(Node::Bool(true)));
    if !(hidden || headless) {
        return None;
    }
    let body = front_matter::split(text).ok()?.body.trim().to_string();
    let name = rel.with_extension("").to_string_lossy().replace('\\', "/");
    Some((name, body))
}

/// The heading ids Zola gave the body of `text` (its `slugify_anchors = "on"`: every run
/// of other characters than letters and digits one `-`, `d'amplada` → `d-amplada`) that
/// differ from ours, each with ours, so links to them can be rewritten. Both number
/// repeats after every `{#id}` written; ours leave out a leading `# H1` the page's
/// `title` takes (as the build does).
pub(super) fn zola_anchors(text: &str, title: Option<&str>) -> HashMap<String, String> {
    let body = front_matter::split(text).map_or(text, |s| s.body);
    let (theirs_texts, own) = crate::markdown::headings(body);
    let title = title.map(crate::text::squash_spaces).unwrap_or_default();
    let ours_body = match crate::content::leading_h1(body) {
        Some((h1, rest, _)) if title.is_empty() || crate::text::squash_spaces(&h1) == title => rest,
        _ => body.to_string(),
    };
    let (ours_texts, _) = crate::markdown::headings(&ours_body);
    let skipped = theirs_texts.len() - ours_texts.len();
    let (mut ours_used, mut theirs_used) = (own.clone(), own);
    let theirs =
        theirs_texts.iter().map(|t| crate::markdown::unique_id(slug::slugify(t), &mut theirs_used));
    let theirs: Vec<String> = theirs.collect();
    let mut out = HashMap::new();
    for (heading, theirs) in ours_texts.iter().zip(&theirs[skipped..]) {
        let ours = crate::markdown::heading_id(heading, &mut ours_used);
        if !theirs.is_empty() && *theirs != ours {
            out.insert(theirs.clone(), ours);
        }
    }
    out
}

/// The plain files of Jekyll's `_includes/` (no Liquid in them), by name.
pub(super) fn includes(src: &Path) -> Result<Vec<(String, String)>> {
    let dir = src.join("_includes");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for rel in super::files(&dir)? {
        let text = String::from_utf8_lossy(&crate::fs::read(&dir.join(&rel))?).into_owned();
        if !text.contains("{%") && !text.contains("{{") {
            out.push((rel.to_string_lossy().replace('\\', "/"), text.trim_end().to_string()));
        }
    }
    Ok(out)
}

/// Every file below `src/assets` (Hugo's global resources), by path below it.
pub(super) fn assets(peer: Peer, src: &Path) -> Result<Vec<String>> {
    let dir = src.join("assets");
    if peer != Peer::Hugo || !dir.is_dir() {
        return Ok(Vec::new());
    }
    Ok(super::files(&dir)?.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect())
}

/// Jekyll's `_data/navigation.yml` (`- title: …, url: …`) as main-menu entries.
pub(super) fn jekyll_navigation(src: &Path) -> Result<Vec<MenuEntry>> {
    let Some(bytes) = crate::fs::read_if_exists(&src.join("_data/navigation.yml"))? else {
        return Ok(Vec::new());
    };
    let Ok(Loose(Node::List(entries))) =
        serde_saphyr::from_str::<Loose>(&String::from_utf8_lossy(&bytes))
    else {
        return Ok(Vec::new());
    };
    let url = |e: &Node| e.get("url").and_then(Node::as_text).map(String::from);
    let entry = |(i, e): (usize, &Node)| {
        Some(MenuEntry { menu: "main".into(), target: url(e)?, weight: i as i64 + 1 })
    };
    Ok(entries.iter().enumerate().filter_map(entry).collect())
}

/// Gives each page a menu entry names its menu and weight; entries naming no page
/// are returned, for the report.
pub(super) fn place_menus(
    menus: &[MenuEntry],
    items: &[Item],
    docs: &mut [Option<Doc>],
    targets: &Targets,
) -> Vec<String> {
    let mut unplaced = Vec::new();
    for entry in menus {
        let page = url_key(&entry.target, &targets.base_url)
            .and_then(|k| targets.by_url.get(&k))
            .or_else(|| targets.by_source.get(entry.target.trim_start_matches('/')))
            .or_else(|| targets.by_source.get(&format!("{}.md", entry.target.trim_matches('/'))))
            .or_else(|| {
                targets.by_source.get(&format!("{}/_index.md", entry.target.trim_matches('/')))
            });
        let found = items
            .iter()
            .position(|i| i.kind == Kind::Page && Some(&Target::File(i.to.clone())) == page);
        match found.and_then(|i| docs[i].as_mut()) {
            Some(doc) => doc.menu = Some((entry.menu.clone(), entry.weight)),
            None => unplaced.push(format!(
                "menu `{}` entry `{}`: names no standalone page; add it to [[menu.{}]] in site.toml",
                entry.menu, entry.target, entry.menu
            )),
        }
    }
    unplaced
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(toml: &str) -> Node {
        toml::from_str::<Loose>(toml).unwrap().0
    }

    #[test]
    fn zola_heading_ids_that_differ_from_ours() {
        let text = "+++\ntitle = \"x\"\n+++\n## Imatge d'amplada completa\n\n## Same words\n\n## Imatge d'amplada completa\n\n## Own {#mine}\n\n```\n## not a heading\n```\n";
        let ids = zola_anchors(text, Some("x"));
        let want = [
            ("imatge-d-amplada-completa", "imatge-damplada-completa"),
            ("imatge-d-amplada-completa-1", "imatge-damplada-completa-1"),
        ];
        let want: std::collections::HashMap<String, String> =
            want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn zola_ids_count_own_ids_and_the_title_heading() {
        // `{#intro}` is taken first, so Zola numbers the later `## Intro` as `intro-1`;
        // a leading `# Install` the title takes is not on our page, so Zola's
        // `install-1` is our `install`.
        let text = "+++\ntitle = \"Install\"\n+++\n# Install\n\n## Intro {#intro}\n\n## Intro\n\n## Install\n\n## ?\n";
        let ids = zola_anchors(text, Some("Install"));
        assert!(!ids.contains_key("intro-1"), "both name it intro-1: {ids:?}");
        assert_eq!(ids.get("install-1").map(String::as_str), Some("install"), "{ids:?}");
        assert!(!ids.contains_key(""), "{ids:?}");
    }

    #[test]
    fn taxonomy_pages_lead_to_ours() {
        let urls = taxonomy_urls(&front(
            "tags = [\"Rust Lang\"]\n[taxonomies]\ncategories = [\"FAQ\"]\nauthors = [\"Ana\"]\n",
        ));
        let has = |url: &str, page: &str| urls.contains(&(url.to_string(), page.to_string()));
        assert!(has("/tags/", "/tags/index.html"), "{urls:?}");
        assert!(has("/tags/rust-lang/", "/tags/rust-lang.html"), "{urls:?}");
        assert!(has("/categories/", "/tags/index.html"), "{urls:?}");
        assert!(has("/categories/faq/", "/tags/faq.html"), "{urls:?}");
        assert!(has("/authors/ana/", "/authors/ana.html"), "{urls:?}");
        assert!(has("/tag/rust-lang/", "/tags/rust-lang.html"), "{urls:?}");
        // Split as the build splits them: Jekyll's categories at spaces, tags at commas.
        let jekyll =
            taxonomy_urls(&front("categories = \"release community\"\ntags = \"a b, Don't\"\n"));
        let has = |url: &str, page: &str| jekyll.contains(&(url.to_string(), page.to_string()));
        assert!(has("/categories/release/", "/tags/release.html"), "{jekyll:?}");
        assert!(has("/category/community/", "/tags/community.html"), "{jekyll:?}");
        assert!(has("/tags/a-b/", "/tags/a-b.html"), "{jekyll:?}");
        assert!(has("/tags/don-t/", "/tags/dont.html"), "{jekyll:?}");
        let sections = taxonomy_urls(&front("[taxonomies]\nsection = [\"news\"]\n"));
        assert!(sections.is_empty(), "{sections:?}");
        assert!(taxonomy_urls(&front("title = \"x\"\n")).is_empty());
    }
}
