//! `broadsheet import feed FEED…` (and `broadsheet import` for the `[[import]]` feeds of
//! site.toml): other publications' items taken into `seeds/<source>/` as seeds that
//! credit their source. FEED is a URL or a file: RSS, Atom, JSON Feed, or OPML listing
//! feeds. An item is imported once (by its id, else its link); a later change at the
//! source is taken only with `--update`, and never over a seed the editor changed.
//! HTTP validators live in the work folder; everything else in the seeds themselves.
//! Fetching is `fetch`'s, items `item`'s, the seed file `seed`'s, OPML `opml`'s.

mod fetch;
mod images;
mod item;
mod opml;
mod seed;
mod state;
mod store;

pub use fetch::Limits;

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A feed to import and how to file its items.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    /// A URL, or a file path (absolute, or relative to the current folder).
    pub url: String,
    /// The name credited on every item; default the feed's title.
    pub name: Option<String>,
    /// Tags added to every item.
    pub tags: Vec<String>,
    /// The section every item is filed under.
    pub section: Option<String>,
}

/// How an import runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Take each item's content (marked `republished = true`), not only its summary.
    pub full: bool,
    /// Rewrite seeds whose item changed at the source (never one changed by hand).
    pub update: bool,
    /// Fetch each item's image and keep it beside its seed.
    pub images: bool,
    /// Time and size limits of one feed.
    pub limits: Limits,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    /// Seeds written, relative to the site root.
    pub written: Vec<PathBuf>,
    /// Seeds rewritten because their item changed (`--update`).
    pub updated: Vec<PathBuf>,
    /// Feeds the server said had not changed (304).
    pub unchanged: Vec<String>,
    /// Items already imported and unchanged.
    pub known: usize,
    /// What the editor should know, one line each.
    pub notes: Vec<String>,
}

/// The `[[import]]` feeds of the site at `root` (files relative to it).
pub fn configured(root: &Path) -> Result<Vec<Feed>> {
    let config = crate::config::load(&root.join("site.toml"), Path::new("site.toml"))?;
    if config.import.is_empty() {
        return Err(Error::Usage(
            "site.toml has no [[import]] feeds: name one (`broadsheet import feed URL`) or add \
             `[[import]]` with `url = \"…\"` to site.toml"
                .into(),
        ));
    }
    let feeds = config.import.into_iter().map(|f| Feed {
        url: if fetch::is_url(&f.url) { f.url } else { root.join(&f.url).display().to_string() },
        name: f.name,
        tags: f.tags,
        section: f.section,
    });
    Ok(feeds.collect())
}

/// Imports `feeds` into the seeds of the site at `root`. Every feed is tried; the
/// problems of those that failed are returned together after the others are written.
pub fn import(root: &Path, feeds: &[Feed], options: Options) -> Result<Report> {
    let work = work_dir(root);
    let mut validators = state::load(&work);
    let feeds = expand(feeds, options.limits)?;
    let fetched = fetch_all(&feeds, &validators, options.limits);
    let seeds = root.join("seeds");
    let mut store = store::Store::open(&seeds, options)?;
    let mut report = Report::default();
    let mut errors = Vec::new();
    for (feed, fetched) in feeds.iter().zip(fetched) {
        match fetched {
            Ok(fetch::Fetched::Unchanged) => report.unchanged.push(feed.url.clone()),
            Ok(fetch::Fetched::Fresh { bytes, validators: v }) => {
                match store.take(feed, &bytes, &mut report) {
                    Ok(()) => {
                        validators.insert(feed.url.clone(), v);
                    }
                    Err(why) => errors.push(failed(feed, &why)),
                }
            }
            Err(why) => errors.push(failed(feed, &why)),
        }
    }
    state::save(&work, &validators)?;
    let root_rel = |p: &PathBuf| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p.clone());
    report.written = report.written.iter().map(root_rel).collect();
    report.updated = report.updated.iter().map(root_rel).collect();
    Error::collect(errors)?;
    Ok(report)
}

fn failed(feed: &Feed, why: &str) -> Error {
    Error::Feed { feed: feed.url.clone(), message: why.to_string() }
}

/// The work folder of the site at `root` (where its build keeps its own).
fn work_dir(root: &Path) -> PathBuf {
    let output = crate::config::load(&root.join("site.toml"), Path::new("site.toml"))
        .map(|c| root.join(c.output_dir))
        .unwrap_or_else(|_| root.join("public"));
    crate::output::work_dir(root, &output)
}

/// `feeds` with every OPML file among them replaced by the feeds it lists.
fn expand(feeds: &[Feed], limits: Limits) -> Result<Vec<Feed>> {
    let mut out = Vec::new();
    for feed in feeds {
        let local_opml = || {
            !fetch::is_url(&feed.url)
                && crate::fs::read(Path::new(&feed.url)).is_ok_and(|b| opml::is_opml(&b))
        };
        if !feed.url.to_ascii_lowercase().ends_with(".opml") && !local_opml() {
            out.push(feed.clone());
            continue;
        }
        let bytes = match fetch::fetch(&feed.url, None, limits).map_err(|why| failed(feed, &why))? {
            fetch::Fetched::Fresh { bytes, .. } => bytes,
            fetch::Fetched::Unchanged => continue,
        };
        let listed = opml::feeds(&bytes).map_err(|why| failed(feed, &why))?;
        for l in listed {
            let url = relative_to(&feed.url, &l.url);
            out.push(Feed { url, name: l.name, ..feed.clone() });
        }
    }
    Ok(out)
}

/// `href` as listed in the OPML file at `list`: URLs as they are, files beside it.
fn relative_to(list: &str, href: &str) -> String {
    if fetch::is_url(href) {
        return href.to_string();
    }
    if fetch::is_url(list) {
        return item::join(url::Url::parse(list).ok().as_ref(), href)
            .map(String::from)
            .unwrap_or(href.into());
    }
    Path::new(list).parent().unwrap_or(Path::new("")).join(href).display().to_string()
}

/// The most feeds fetched at once.
const AT_ONCE: usize = 4;

/// Every feed's bytes, fetched a few at a time, in the order given.
fn fetch_all(
    feeds: &[Feed],
    known: &state::Known,
    limits: Limits,
) -> Vec<std::result::Result<fetch::Fetched, String>> {
    let mut out = Vec::with_capacity(feeds.len());
    for chunk in feeds.chunks(AT_ONCE) {
        std::thread::scope(|scope| {
            let running: Vec<_> = chunk
                .iter()
                .map(|f| scope.spawn(move || fetch::fetch(&f.url, known.get(&f.url), limits)))
                .collect();
            for handle in running {
                out.push(handle.join().unwrap_or_else(|_| Err("the fetch failed".into())));
            }
        });
    }
    out
}
