//! The shadow tree (`.broadsheet/shadow/`): the output of the build before last, kept
//! so that an incremental build can stage into it instead of into an empty folder.
//!
//! Files the two trees share are hard links to one inode, so bringing the shadow up
//! to date costs one operation per file that differs: written when its bytes changed,
//! linked from the output when only the last build changed it, removed when the site
//! no longer has it. Then the two trees are exchanged (one atomic rename on Linux)
//! and the old output becomes the next shadow. The output folder is never written
//! into, so a failed or killed build leaves it whole; a killed build leaves a marker
//! (`shadow-dirty`) and the next build starts the shadow afresh.
//!
//! Nothing on disk is trusted blindly: the output folder is listed and every file's
//! identity (inode, size, modification time) compared with the manifest, so a file
//! edited, added or removed by hand is rewritten or removed like any changed page.

use super::manifest::{FileRecord, Manifest, ShadowFile};
use crate::digest::Digest;
use crate::error::Result;
use crate::ident::Ident;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One file of this build's site.
pub(super) struct Placed {
    /// Digest of its bytes.
    pub hash: Digest,
    /// The key it was rendered under, for pages.
    pub key: Option<Digest>,
    /// Its identity when it was written into the staging folder; `None` when one of
    /// the two trees already holds these bytes.
    pub written: Option<Ident>,
}

/// The last build's output, as recorded and as found on disk now.
pub(super) struct Previous {
    files: HashMap<String, FileRecord>,
    found: HashMap<String, Ident>,
    shadow: HashMap<String, ShadowFile>,
    /// Inodes of output files changed since the last build recorded them. A file edited
    /// in place by hand is also changed in the shadow tree when the two share it.
    changed: HashSet<u64>,
}

/// The shadow tree's folder.
pub(super) fn dir(work: &Path) -> PathBuf {
    work.join("shadow")
}

fn marker(work: &Path) -> PathBuf {
    work.join("shadow-dirty")
}

/// Records that the shadow tree is being changed.
pub(super) fn mark_dirty(work: &Path) -> Result<()> {
    crate::fs::write(&marker(work), b"")
}

/// Removes the marker once the manifest describes the shadow tree again.
pub(super) fn clean(work: &Path) -> Result<()> {
    crate::fs::remove_file(&marker(work))
}

/// Removes the shadow tree (a clean build, or one that cannot trust it).
pub(super) fn discard(work: &Path) -> Result<()> {
    crate::fs::remove_dir_all(&dir(work))?;
    clean(work)
}

impl Previous {
    /// Lists the output folder and reads what the manifest says of both trees.
    pub(super) fn read(
        out: &Path,
        work: &Path,
        keep: &[String],
        last: Manifest,
    ) -> Result<Previous> {
        let trusted = !marker(work).exists() && dir(work).is_dir();
        let shadow = match last.shadow {
            Some(shadow) if trusted => shadow,
            _ => {
                discard(work)?;
                HashMap::new()
            }
        };
        let found: HashMap<String, Ident> =
            crate::fs::files_under(out, keep, Ident::of)?.into_iter().collect();
        let changed = found
            .iter()
            .filter(|(path, ident)| last.files.get(*path).is_none_or(|r| r.ident != **ident))
            .map(|(_, ident)| ident.inode())
            .collect();
        Ok(Previous { files: last.files, found, shadow, changed })
    }

    /// True when the output folder holds exactly these bytes at `path`.
    fn published(&self, path: &str, hash: Digest) -> bool {
        self.files
            .get(path)
            .is_some_and(|r| r.hash == hash && self.found.get(path) == Some(&r.ident))
    }

    fn in_shadow(&self, path: &str, hash: Digest) -> Option<Ident> {
        let file = self.shadow.get(path)?;
        (file.hash == Some(hash) && !self.changed.contains(&file.ident.inode()))
            .then_some(file.ident)
    }

    /// True when either tree holds these bytes at `path`, so they need not be written.
    pub(super) fn holds(&self, path: &str, hash: Digest) -> bool {
        self.published(path, hash) || self.in_shadow(path, hash).is_some()
    }

    /// The digest of the page at `path` when it was rendered under `key` and its
    /// bytes are still at hand.
    pub(super) fn reusable(&self, path: &str, key: Digest) -> Option<Digest> {
        let record = self.files.get(path)?;
        (record.key == Some(key) && self.holds(path, record.hash)).then_some(record.hash)
    }

    /// Every file under the folder `prefix`, with its digest, when the last build wrote
    /// them all under `key` and their bytes are all still at hand; else `None`.
    pub(super) fn reusable_under(
        &self,
        prefix: &str,
        key: Digest,
    ) -> Option<Vec<(String, Digest)>> {
        let files: Vec<(String, Digest)> = self
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(prefix))
            .map(|(path, record)| {
                let held = record.key == Some(key) && self.holds(path, record.hash);
                held.then(|| (path.clone(), record.hash))
            })
            .collect::<Option<_>>()?;
        (!files.is_empty()).then_some(files)
    }

    /// True when the output folder already is exactly the new site.
    fn is_current(&self, placed: &HashMap<String, Placed>) -> bool {
        placed.iter().all(|(path, p)| p.written.is_none() && self.published(path, p.hash))
            && self.found.keys().all(|path| placed.contains_key(path))
    }
}

/// Publishes an incremental build: nothing when the output is already the new site;
/// else completes the shadow tree (`stage`) and exchanges it with `out`. Returns the
/// manifest to save, or `None` when it did not change. Both maps are taken apart into
/// the new manifest rather than copied: at a million files each copy of their paths
/// costs hundreds of MB at the build's end.
pub(super) fn publish(
    previous: Previous,
    mut placed: HashMap<String, Placed>,
    stage: &Path,
    out: &Path,
    keep: &[String],
) -> Result<Option<Manifest>> {
    if previous.is_current(&placed) {
        let files = records(placed, |path, _| previous.found[path]);
        if files == previous.files {
            return Ok(None);
        }
        return Ok(Some(Manifest::new(files, Some(previous.shadow))));
    }
    let work = stage.parent().expect("the shadow tree lives in the work folder");
    mark_dirty(work)?;
    for (path, p) in &mut placed {
        let ident = match (p.written, previous.in_shadow(path, p.hash)) {
            (Some(ident), _) | (None, Some(ident)) => ident,
            (None, None) => {
                crate::fs::hard_link(&out.join(path), &stage.join(path))?;
                previous.found[path.as_str()]
            }
        };
        // From here on, its identity in the new output.
        p.written = Some(ident);
    }
    for path in previous.shadow.keys().filter(|p| !placed.contains_key(*p)) {
        let file = stage.join(path);
        crate::fs::remove_file(&file)?;
        crate::fs::prune_empty_parents(&file, stage);
    }
    super::exchange(stage, out)?;
    super::carry_kept(stage, out, keep)?;
    let files = records(placed, |_, p| p.written.expect("every file's identity is known"));
    let Previous { files: last, found, shadow, .. } = previous;
    drop(shadow);
    let shadow = found
        .into_iter()
        .map(|(path, ident)| {
            let hash = last.get(&path).filter(|r| r.ident == ident).map(|r| r.hash);
            (path, ShadowFile { hash, ident })
        })
        .collect();
    Ok(Some(Manifest::new(files, Some(shadow))))
}

/// The manifest of a clean build, whose files were all written.
pub(super) fn manifest_of(placed: HashMap<String, Placed>) -> Option<Manifest> {
    let files = records(placed, |_, p| p.written.expect("a clean build writes every file"));
    Some(Manifest::new(files, None))
}

/// The manifest's records of the files `placed`, each with its identity (`ident`).
fn records(
    placed: HashMap<String, Placed>,
    ident: impl Fn(&str, &Placed) -> Ident,
) -> HashMap<String, FileRecord> {
    placed
        .into_iter()
        .map(|(path, p)| {
            let record = FileRecord { hash: p.hash, key: p.key, ident: ident(&path, &p) };
            (path, record)
        })
        .collect()
}
