//! Watching the site's sources: `seeds/`, `templates/`, `static/` and `site.toml`
//! (notify), and deciding what a batch of changes needs: new or changed files of
//! `static/` alone are copied across, anything else rebuilds the site. Batching an
//! editor's burst of writes into one rebuild is the serve loop's (see `QUIET`).

use crate::error::{Error, Result};
use crate::urls::OutPath;
use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The folders whose contents make the site.
const SOURCES: [&str; 5] = ["seeds", "pages", "authors", "templates", "static"];

/// How long the sources must stay quiet before a batch of changes is acted on.
pub(crate) const QUIET: Duration = Duration::from_millis(150);

/// What a batch of changes needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Work {
    /// Only files of `static/` were added or changed: copy these (relative to `static/`).
    CopyStatic(Vec<OutPath>),
    /// Rebuild the whole site.
    Rebuild,
}

/// A running watcher; changes stop being reported when it is dropped.
pub(crate) struct Watcher {
    root: PathBuf,
    inner: RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root`; the paths of every change go to `send`.
    /// Reads are not changes: the build itself opens every source file.
    pub(crate) fn start(
        root: &Path,
        send: impl Fn(Vec<PathBuf>) + Send + 'static,
    ) -> Result<Watcher> {
        let handler = move |result: notify::Result<notify::Event>| match result {
            Ok(event) if is_change(&event.kind) => send(event.paths),
            Ok(_) => {}
            // A watcher error (an overflowing event queue) may lose changes: rebuild.
            Err(_) => send(vec![PathBuf::from("site.toml")]),
        };
        let inner = notify::recommended_watcher(handler).map_err(|e| watch_error(root, e))?;
        let mut watcher = Watcher { root: root.to_path_buf(), inner, watched: BTreeSet::new() };
        watcher.add(root, RecursiveMode::NonRecursive)?;
        watcher.refresh()?;
        Ok(watcher)
    }

    /// Watches source folders that appeared since the last call.
    pub(crate) fn refresh(&mut self) -> Result<()> {
        for name in SOURCES {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.add(&dir, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }

    fn add(&mut self, path: &Path, mode: RecursiveMode) -> Result<()> {
        self.inner.watch(path, mode).map_err(|e| watch_error(path, e))?;
        self.watched.insert(path.to_path_buf());
        Ok(())
    }
}

/// True for events that may change what the site looks like (not opening or reading).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::io("watch", path, std::io::Error::other(e.to_string()))
}

/// The changed paths that belong to the site's sources, relative to `root`, sorted.
pub(crate) fn relevant(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let found: BTreeSet<PathBuf> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| is_source(rel))
        .map(Path::to_path_buf)
        .collect();
    found.into_iter().collect()
}

/// True for `site.toml` and files under the source folders, except editors' hidden,
/// backup and lock files (`.x.swp`, `x~`, `#x#`).
fn is_source(rel: &Path) -> bool {
    let names: Vec<String> =
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let scratch = names.iter().any(|n| n.starts_with(['.', '#']) || n.ends_with('~'));
    let first = names.first().map(String::as_str).unwrap_or("");
    !scratch && (SOURCES.contains(&first) || rel == Path::new("site.toml"))
}

/// What `changed` (relevant paths, relative to `root`) needs: copying when every one is
/// an existing file of `static/` with a safe name, else a rebuild.
pub(crate) fn work(root: &Path, changed: &[PathBuf]) -> Work {
    let mut copies = Vec::new();
    for rel in changed {
        let Ok(inner) = rel.strip_prefix("static") else { return Work::Rebuild };
        let name = inner.to_string_lossy().replace('\\', "/");
        match OutPath::checked(&name) {
            Some(to) if root.join(rel).is_file() => copies.push(to),
            _ => return Work::Rebuild,
        }
    }
    if copies.is_empty() { Work::Rebuild } else { Work::CopyStatic(copies) }
}

/// Copies files of `root/static/` into the served site at `out`.
pub(crate) fn copy_static(root: &Path, out: &Path, files: &[OutPath]) -> Result<usize> {
    for file in files {
        crate::fs::copy(&root.join("static").join(file.to_fs()), &out.join(file.to_fs()))?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn reading_is_not_a_change() {
        use notify::event::{CreateKind, DataChange};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn keeps_only_the_sources() {
        let root = Path::new("/site");
        let seen = paths(&[
            "/site/seeds/a.md",
            "/site/seeds/.a.md.swp",
            "/site/seeds/a.md~",
            "/site/site.toml",
            "/site/public/index.html",
            "/site/.broadsheet/serve/index.html",
            "/site/templates/base.html",
            "/site/README.md",
            "/elsewhere/seeds/x.md",
        ]);
        assert_eq!(
            relevant(root, &seen),
            paths(&["seeds/a.md", "site.toml", "templates/base.html"])
        );
    }

    #[test]
    fn copies_static_files_and_rebuilds_for_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        crate::fs::write(&dir.path().join("static/css/x.css"), b"x").unwrap();
        crate::fs::write(&dir.path().join("seeds/a.md"), b"x").unwrap();
        let css = Work::CopyStatic(vec![OutPath::new("css/x.css")]);
        assert_eq!(work(dir.path(), &paths(&["static/css/x.css"])), css);
        assert_eq!(work(dir.path(), &paths(&["static/css/x.css", "seeds/a.md"])), Work::Rebuild);
        // A deleted static file may have hidden a built-in one: rebuild.
        assert_eq!(work(dir.path(), &paths(&["static/gone.css"])), Work::Rebuild);
        assert_eq!(work(dir.path(), &paths(&["site.toml"])), Work::Rebuild);
    }

    #[test]
    fn copy_lands_in_the_served_site() {
        let dir = tempfile::tempdir().unwrap();
        crate::fs::write(&dir.path().join("static/css/x.css"), b"new").unwrap();
        let out = dir.path().join("out");
        assert_eq!(copy_static(dir.path(), &out, &[OutPath::new("css/x.css")]).unwrap(), 1);
        assert_eq!(crate::fs::read(&out.join("css/x.css")).unwrap(), b"new");
    }
}
