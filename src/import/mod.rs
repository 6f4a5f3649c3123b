//! `broadsheet import jekyll|hugo|zola SRC`: a peer site's posts copied into `seeds/`
//! (folders and co-located files kept), each Markdown file given the URL it had on the
//! old site as an alias, and a site.toml started from the peer's title, base URL,
//! language and time zone. SRC is only read. What cannot be carried over is listed.
//! Front matter is otherwise copied as written: `content` reads the peers' fields.

pub mod feed;
mod permalinks;
pub mod settings;

use crate::content::extra::{Loose, Node};
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
    /// Files copied into `seeds/`.
    pub copied: usize,
    /// Markdown files given their old URL as an alias.
    pub aliased: usize,
    /// True when site.toml was written (it is never overwritten).
    pub wrote_site_toml: bool,
    /// What was not carried over, one line each.
    pub left_behind: Vec<String>,
}

impl Peer {
    /// The folder holding the posts.
    fn posts(self) -> &'static str {
        match self {
            Peer::Jekyll => "_posts",
            Peer::Hugo | Peer::Zola => "content",
        }
    }

    /// Folders of the peer site that hold what Broadsheet has its own of.
    fn theirs(self) -> &'static [&'static str] {
        match self {
            Peer::Jekyll => &["_layouts", "_includes", "_sass", "_data", "_drafts", "assets"],
            Peer::Hugo => &["layouts", "themes", "assets", "static", "data", "i18n", "archetypes"],
            Peer::Zola => &["templates", "themes", "sass", "static"],
        }
    }
}

/// Imports the `peer` site at `src` into the digest at `root`.
pub fn import(peer: Peer, src: &Path, root: &Path) -> Result<Imported> {
    let posts = src.join(peer.posts());
    check_folders(peer, src, root, &posts)?;
    let settings = settings::read(peer, src)?;
    let tz = settings
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let mut done = Imported::default();
    let copier =
        Copier { peer, posts: &posts, seeds: &root.join("seeds"), settings: &settings, tz: &tz };
    for rel in files(&posts)? {
        copier.copy(&rel, &mut done)?;
    }
    let site_toml = root.join("site.toml");
    if !crate::fs::exists(&site_toml) {
        crate::fs::write_new(&site_toml, settings::site_toml(&settings).as_bytes())?;
        done.wrote_site_toml = true;
    } else {
        done.left_behind.push(format!(
            "site.toml exists; not changed (the {peer:?} site's: {})",
            settings::site_toml(&settings).replace('\n', "; ").trim_end_matches("; ")
        ));
    }
    left_behind(peer, src, &settings, &mut done.left_behind);
    Ok(done)
}

/// Refuses a source with no posts folder, and a digest inside the source (or the
/// source inside the digest's seeds/), which writing would change.
fn check_folders(peer: Peer, src: &Path, root: &Path, posts: &Path) -> Result<()> {
    if !posts.is_dir() {
        return Err(Error::Usage(format!(
            "{} has no {}/ folder: is it a {peer:?} site?",
            src.display(),
            peer.posts()
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

/// Copies one file at a time from the peer's posts folder into seeds/.
struct Copier<'a> {
    peer: Peer,
    posts: &'a Path,
    seeds: &'a Path,
    settings: &'a settings::Settings,
    tz: &'a jiff::tz::TimeZone,
}

impl Copier<'_> {
    /// Copies `rel`, a Markdown file with its old URL added; never over an existing file.
    fn copy(&self, rel: &Path, done: &mut Imported) -> Result<()> {
        let to = self.seeds.join(rel);
        if crate::fs::exists(&to) {
            let shown = rel.display();
            done.left_behind.push(format!("{shown}: seeds/{shown} exists; not overwritten"));
            return Ok(());
        }
        let mut bytes = crate::fs::read(&self.posts.join(rel))?;
        if is_markdown(rel) {
            let patterns = &self.settings.permalinks;
            let post = permalinks::Post { rel, front: &Node::default(), patterns, tz: self.tz };
            if let Some(text) = with_alias(self.peer, &bytes, post) {
                done.aliased += 1;
                bytes = text.into_bytes();
            }
        }
        if let Some(parent) = to.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write_new(&to, &bytes)?;
        done.copied += 1;
        Ok(())
    }
}

fn left_behind(peer: Peer, src: &Path, settings: &settings::Settings, out: &mut Vec<String>) {
    if let (Some(file), false) = (&settings.file, settings.unused.is_empty()) {
        out.push(format!(
            "{}: settings with no Broadsheet equivalent: {}",
            file.display(),
            settings.unused.join(", ")
        ));
    }
    for folder in peer.theirs() {
        if src.join(folder).is_dir() {
            out.push(format!("{folder}/: not copied (Broadsheet has its own templates and styles; put static files in static/)"));
        }
    }
}

/// Every file below `dir` (hidden ones left out), relative to it, in name order.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
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

fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e == "md" || e == "markdown")
}

/// The post's text with its old URL added to its front matter (as `aliases`, or as
/// `redirect_from` when it already has `aliases`); `None` when there is nothing to add
/// or nowhere to add it.
fn with_alias(peer: Peer, bytes: &[u8], post: permalinks::Post) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let split = crate::content::front_matter::split(text).ok()?;
    let front = split.front?;
    let toml = front.format == crate::content::front_matter::Format::Toml;
    let table: Loose = if toml {
        toml::from_str(front.text).ok()?
    } else if front.text.trim().is_empty() {
        Loose(Node::default())
    } else {
        serde_saphyr::from_str(front.text).ok()?
    };
    if crate::content::is_section_index(post.rel) {
        return None;
    }
    let url = permalinks::old_url(peer, &permalinks::Post { front: &table.0, ..post })?;
    let key = ["aliases", "redirect_from"].into_iter().find(|k| table.0.get(k).is_none())?;
    let quoted = toml::Value::String(url).to_string();
    let line = if toml { format!("{key} = [{quoted}]\n") } else { format!("{key}: [{quoted}]\n") };
    let at = front.text.as_ptr() as usize - text.as_ptr() as usize;
    Some(format!("{}{line}{}", &text[..at], &text[at..]))
}
