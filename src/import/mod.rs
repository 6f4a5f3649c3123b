//! `broadsheet import jekyll|hugo|zola SRC`: a peer site carried over whole. Posts and
//! collections go into `seeds/` (folders and co-located files kept), standalone pages
//! into `pages/` (with the peer's menus as `menu`/`weight`), static files into
//! `static/` (`sources.rs` says which file goes where). Each Markdown file gets the
//! URL it had on the old site as an alias (`permalinks.rs`) and its links rewritten as
//! paths the build checks (`crosslinks.rs`, against what `plan.rs` gathered); a
//! site.toml is started from the peer's title, base URL, language and time zone.
//! SRC is only read. Every file not carried over is listed, with the reason.
//! Front matter is otherwise copied as written: `content` reads the peers' fields.

mod copy;
mod crosslinks;
pub mod feed;
mod languages;
mod leads;
mod liquid_pages;
mod merge;
mod permalinks;
mod plan;
mod sections;
pub mod settings;
mod site_shortcodes;
mod sources;
mod template_links;

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The generator a site was made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    /// Jekyll: posts in `_posts/`, `_config.yml`.
    Jekyll,
    /// Hugo: `content/`, `hugo.toml`.
    Hugo,
    /// Zola: `content/`, `config.toml`.
    Zola,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Files copied (into `seeds/`, `pages/` and `static/`).
    pub copied: usize,
    /// Markdown files given their old URL as an alias.
    pub aliased: usize,
    /// Standalone pages written into `pages/`.
    pub pages: usize,
    /// Static files copied into `static/`.
    pub static_files: usize,
    /// True when site.toml was written (it is never overwritten).
    pub wrote_site_toml: bool,
    /// What was not carried over, one line each.
    pub left_behind: Vec<String>,
    /// Links naming no page of the imported site, as `file:line: message`.
    pub dangling: Vec<String>,
    /// Hugo global resources (below `assets/`) that pages show, copied into `static/`.
    pub assets: std::collections::BTreeSet<String>,
}

impl Peer {
    /// The folder holding the posts (Hugo's may be set in its config).
    fn posts(self) -> &'static str {
        match self {
            Peer::Jekyll => "_posts",
            Peer::Hugo | Peer::Zola => "content",
        }
    }

    /// Folders of the peer site that hold what Broadsheet has its own of.
    fn theirs(self) -> &'static [&'static str] {
        match self {
            Peer::Jekyll => &["_layouts", "_includes", "_sass", "_data", "_drafts"],
            Peer::Hugo => &["layouts", "themes", "assets", "data", "i18n", "archetypes"],
            Peer::Zola => &["templates", "themes", "sass"],
        }
    }
}

/// Imports the `peer` site at `src` into the digest at `root`.
pub fn import(peer: Peer, src: &Path, root: &Path) -> Result<Imported> {
    let settings = settings::read(peer, src)?;
    check_folders(peer, src, root, &settings)?;
    let sources::Listed { items, leads, left } = sources::list(peer, src, &settings)?;
    let mut done = Imported { left_behind: left, ..Imported::default() };
    let copier = copy::Copier::plan(peer, (src, root), &settings, &items, &leads)?;
    done.left_behind.extend(copier.unplaced_menus.iter().cloned());
    for (i, item) in items.iter().enumerate() {
        copier.copy(i, item, &mut done)?;
    }
    copy_assets(src, root, &mut done)?;
    let site_toml = root.join("site.toml");
    let sections = items.iter().any(|i| {
        crate::content::is_section_index(i.rel()) && i.rel().parent() != Some(Path::new(""))
    });
    let mut wanted = settings::site_toml(&settings, sections);
    wanted.push_str(&settings::redirects_table(&copier.redirects));
    if !crate::fs::exists(&site_toml) {
        crate::fs::write_new(&site_toml, wanted.as_bytes())?;
        done.wrote_site_toml = true;
    } else if let Some(merged) = crate::fs::read(&site_toml)
        .ok()
        .and_then(|bytes| merge::into_placeholder(&String::from_utf8_lossy(&bytes), &wanted))
    {
        crate::fs::write(&site_toml, merged.as_bytes())?;
        done.wrote_site_toml = true;
    } else {
        done.left_behind.push(format!(
            "site.toml exists; not changed (the {peer:?} site's: {})",
            wanted.replace('\n', "; ").trim_end_matches("; ")
        ));
    }
    left_behind(&settings, &mut done.left_behind);
    Ok(done)
}

/// Refuses a source with no posts or content folder, and a digest inside the source
/// (or the source inside the digest's seeds/), which writing would change.
fn check_folders(peer: Peer, src: &Path, root: &Path, settings: &settings::Settings) -> Result<()> {
    let posts = match peer {
        Peer::Jekyll => src.join(peer.posts()),
        Peer::Hugo | Peer::Zola => src.join(&settings.content_dir),
    };
    let jekyll = peer == Peer::Jekyll && settings.file.is_some();
    if !posts.is_dir() && !jekyll {
        return Err(Error::Usage(format!(
            "{} has no {}/ folder: is it a {peer:?} site?",
            src.display(),
            posts.strip_prefix(src).unwrap_or(&posts).display()
        )));
    }
    if let (Ok(s), Ok(r)) = (std::path::absolute(src), std::path::absolute(root))
        && (r.starts_with(&s) || s.starts_with(r.join("seeds")))
    {
        return Err(Error::Usage(format!(
            "import into a folder outside {} (the {peer:?} site is only read, never changed)",
            src.display()
        )));
    }
    Ok(())
}

/// Copies the global resources pages show from `assets/` into `static/`.
fn copy_assets(src: &Path, root: &Path, done: &mut Imported) -> Result<()> {
    for rel in &done.assets {
        let to = root.join("static").join(rel);
        if crate::fs::exists(&to) {
            continue;
        }
        if let Some(parent) = to.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write_new(&to, &crate::fs::read(&src.join("assets").join(rel))?)?;
        done.static_files += 1;
        done.copied += 1;
    }
    Ok(())
}

fn left_behind(settings: &settings::Settings, out: &mut Vec<String>) {
    if let (Some(file), false) = (&settings.file, settings.unused.is_empty()) {
        out.push(format!(
            "{}: settings with no Broadsheet equivalent: {}",
            file.display(),
            settings.unused.join(", ")
        ));
    }
}

/// Every file below `dir` (hidden ones left out), relative to it, in name order.
pub(super) fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let walker = crate::fs::walker(dir).into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !crate::fs::is_hidden(e.file_name())) {
        let entry = entry.map_err(|e| crate::fs::walk_error(e, dir))?;
        if entry.file_type().is_file() {
            out.push(entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf());
        }
    }
    Ok(out)
}

pub(super) fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e == "md" || e == "markdown")
}
