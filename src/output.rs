//! The output sink: pages are written into a staging folder inside the work folder
//! (`.broadsheet/`), and only a complete build is swapped in for the output folder,
//! atomically where the system allows. A failed or killed build leaves the previous
//! output exactly as it was; kept entries (`.git`, `CNAME`) survive every build.
//!
//! A clean build stages into a fresh folder. An incremental build (see `shadow`)
//! stages into the shadow tree, the output of the build before last, kept beside the
//! output and sharing its unchanged files by hard links: only changed files are
//! written, and a build that changes nothing writes nothing at all.

mod manifest;
mod shadow;

use crate::digest::{self, Digest};
use crate::error::{Error, Result};
use crate::ident::Ident;
use crate::urls::OutPath;
use manifest::Manifest;
use shadow::{Placed, Previous};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a finished build holds: every file, and the HTML pages among them (the one
/// count of pages that `build` and `check` both report).
#[derive(Debug, Clone, Copy)]
pub struct Written {
    /// Files in the site.
    pub files: usize,
    /// HTML pages among them: articles, lists, e-mail editions, 404, redirects.
    pub pages: usize,
}

/// Where a build writes, what it wrote, and the lock that keeps two builds apart.
pub struct Output {
    out: PathBuf,
    work: PathBuf,
    stage: PathBuf,
    keep: Vec<String>,
    /// The last build's output, when this build is incremental.
    previous: Option<Previous>,
    placed: Mutex<HashMap<String, Placed>>,
    dirty: AtomicBool,
    /// The folder the writers' paths are taken from: empty, or one language's folder
    /// (`fr/`) while that language's pages are written.
    prefix: String,
    /// Told of each file placed.
    watch: crate::progress::Watch,
    _lock: Lock,
}

/// The lock that keeps two builds into one work folder apart, held until dropped.
pub struct Lock(#[allow(dead_code)] std::fs::File);

impl Lock {
    /// Waits for, and takes, the lock of the work folder `work`.
    pub fn take(work: &Path) -> Result<Lock> {
        crate::fs::lock(&work.join("lock")).map(Lock)
    }
}

/// True when the output folder `out` holds exactly the files the last build recorded,
/// each as that build left it: nothing edited, added or removed by hand. Cleans up
/// after a killed build first.
pub(crate) fn is_published(out: &Path, work: &Path, keep: &[String], _held: &Lock) -> Result<bool> {
    check_out(out)?;
    recover(out, work, keep)?;
    let last = Manifest::load(work);
    if last.is_empty() {
        return Ok(false);
    }
    // Kept entries are not listed, but the site may write one (`static/CNAME`).
    let kept = |path: &str| keep.iter().any(|k| path.split('/').next() == Some(k.as_str()));
    let found = crate::fs::files_under(out, keep, Ident::of)?;
    let listed = last.files.keys().filter(|path| !kept(path)).count();
    let as_recorded =
        |path: &str, ident: Ident| last.files.get(path).is_some_and(|record| record.ident == ident);
    Ok(found.len() == listed
        && found.iter().all(|(path, ident)| as_recorded(path, *ident))
        && last.files.keys().filter(|path| kept(path)).all(|path| {
            out.join(path).symlink_metadata().is_ok_and(|meta| as_recorded(path, Ident::of(&meta)))
        }))
}

/// The work folder for a site whose output goes to `out`: `<root>/.broadsheet` when the
/// output is inside the site root, else `.broadsheet` beside the output folder.
pub(crate) fn work_dir(root: &Path, out: &Path) -> PathBuf {
    let work = root.join(".broadsheet");
    // `serve` and `check` build into folders of the work folder: each gets a work
    // folder of its own, so their lock, cache and staging never meet `public/`'s.
    if let Ok(inside) = out.strip_prefix(&work)
        && !inside.as_os_str().is_empty()
    {
        let name = inside.to_string_lossy().replace(['/', '\\'], "-");
        return work.join(format!("{name}.work"));
    }
    if out.starts_with(root) {
        root.join(".broadsheet")
    } else {
        out.parent().unwrap_or(root).join(".broadsheet")
    }
}

impl Output {
    /// Under the work folder's `lock`, recovers from any earlier killed build and
    /// opens a staging folder: the shadow tree when `incremental` and the last build's
    /// manifest describes the output folder, else a fresh one.
    pub fn stage(
        out: &Path,
        work: &Path,
        keep: &[String],
        incremental: bool,
        lock: Lock,
    ) -> Result<Output> {
        check_out(out)?;
        recover(out, work, keep)?;
        // Read under the lock: another build may have just published.
        let last = match incremental {
            true => Manifest::load(work),
            false => Manifest::default(),
        };
        let previous = match last.is_empty() || !out.is_dir() {
            true => {
                shadow::discard(work)?;
                None
            }
            false => Some(Previous::read(out, work, keep, last)?),
        };
        let stage = match previous {
            Some(_) => shadow::dir(work),
            None => work.join(format!("{}{}", stage_prefix(out), std::process::id())),
        };
        if previous.is_none() {
            crate::fs::remove_dir_all(&stage)?;
        }
        crate::fs::create_dir_all(&stage)?;
        Ok(Output {
            out: out.to_path_buf(),
            work: work.to_path_buf(),
            stage,
            keep: keep.to_vec(),
            previous,
            placed: Mutex::default(),
            dirty: AtomicBool::new(false),
            prefix: String::new(),
            watch: crate::progress::Watch::default(),
            _lock: lock,
        })
    }

    /// The same sink, telling `watch` of each file placed.
    pub(crate) fn watched(self, watch: crate::progress::Watch) -> Output {
        Output { watch, ..self }
    }

    /// Who watches this build.
    pub(crate) fn watch(&self) -> &crate::progress::Watch {
        &self.watch
    }

    /// From here on, every path given is taken inside the folder `prefix` (`fr/`, or
    /// empty for the root): one language's writers write as if theirs were the whole site.
    pub(crate) fn enter(&mut self, prefix: &str) {
        self.prefix = prefix.to_string();
    }

    /// `path` inside the current folder.
    fn at<'p>(&self, path: &'p OutPath) -> Cow<'p, OutPath> {
        match self.prefix.is_empty() {
            true => Cow::Borrowed(path),
            false => Cow::Owned(OutPath::new(format!("{}{path}", self.prefix))),
        }
    }

    /// Writes one file of the site; a second write to the same path is an error, never
    /// a silent overwrite (an alias, a page and a feed cannot take each other's place).
    pub fn write(&self, path: &OutPath, bytes: &[u8]) -> Result<()> {
        self.write_page(path, bytes, None)
    }

    /// Writes one page rendered under `key` (see `render::context`). Bytes that the
    /// site already holds at `path` are not written again.
    pub fn write_page(&self, path: &OutPath, bytes: &[u8], key: Option<Digest>) -> Result<()> {
        self.write_counted(&self.at(path), bytes, key, true)
    }

    /// Writes `bytes` at `path` (already inside the language's folder); `counted` tells
    /// the watcher of one more file.
    fn write_counted(
        &self,
        path: &OutPath,
        bytes: &[u8],
        key: Option<Digest>,
        counted: bool,
    ) -> Result<()> {
        let hash = digest::of_bytes(bytes);
        let written = self.stage_unless_held(path, hash, || Ok(Cow::Borrowed(bytes)))?;
        self.record_counted(path, Placed { hash, key, written }, counted)
    }

    /// Keeps the page at `path` as the last build rendered it, when that was under
    /// `key` and its bytes are still at hand. False when the page must be rendered.
    pub fn reuse(&self, path: &OutPath, key: Digest) -> bool {
        let path = &*self.at(path);
        let Some(previous) = &self.previous else { return false };
        let Some(hash) = previous.reusable(path.as_str(), key) else { return false };
        self.record(path, Placed { hash, key: Some(key), written: None }).is_ok()
    }

    /// Keeps every file under the folder `prefix` as the last build wrote it, when it
    /// wrote them all under `key` and they are all still at hand. False when they must
    /// be written again.
    pub fn reuse_under(&self, prefix: &str, key: Digest) -> bool {
        let Some(previous) = &self.previous else { return false };
        let prefix = format!("{}{prefix}", self.prefix);
        let Some(files) = previous.reusable_under(&prefix, key) else { return false };
        files.into_iter().all(|(path, hash)| {
            let placed = Placed { hash, key: Some(key), written: None };
            self.record(&OutPath::new(path), placed).is_ok()
        })
    }

    /// True when pages rendered earlier may be reused (an incremental build).
    pub fn is_incremental(&self) -> bool {
        self.previous.is_some()
    }

    /// Copies a file from disk into the site.
    /// A copied file (from `static/` or beside an article) may replace a built-in one
    /// written earlier (`assets/style.css`, `robots.txt`): that is how editors override them.
    pub fn copy(&self, from: &Path, to: &OutPath) -> Result<()> {
        let placed = self.at(to);
        let mut map = self.placed.lock().expect("no panics while holding the lock");
        let replaced = map.remove(placed.as_str()).is_some();
        drop(map);
        // A replaced file was counted when first placed.
        self.write_counted(&placed, &crate::fs::read(from)?, None, !replaced)
    }

    /// Places the file `from` at `to`; `key` stands for its bytes (a file whose name
    /// says what it holds): when the site already holds it, nothing is read or written.
    pub fn place(&self, from: &Path, to: &OutPath, key: Digest) -> Result<()> {
        let to = &*self.at(to);
        let written = self.stage_unless_held(to, key, || crate::fs::read(from).map(Cow::Owned))?;
        self.record(to, Placed { hash: key, key: None, written })
    }

    /// Writes the bytes `bytes` gives into the staging folder at `path`, unless the site
    /// already holds bytes `hash` stands for there; the written file's identity.
    fn stage_unless_held<'b>(
        &self,
        path: &OutPath,
        hash: Digest,
        bytes: impl FnOnce() -> Result<Cow<'b, [u8]>>,
    ) -> Result<Option<Ident>> {
        if self.previous.as_ref().is_some_and(|p| p.holds(path.as_str(), hash)) {
            return Ok(None);
        }
        self.mark_dirty()?;
        let file = self.stage.join(path.to_fs());
        let bytes = bytes()?;
        let meta = match self.previous {
            Some(_) => crate::fs::write_new(&file, &bytes)?,
            None => crate::fs::write_fresh(&file, &bytes)?,
        };
        Ok(Some(Ident::of(&meta)))
    }

    /// True when the site already holds `path` (written earlier in this build).
    pub fn has(&self, path: &OutPath) -> bool {
        let path = &*self.at(path);
        self.placed.lock().expect("no panics while holding the lock").contains_key(path.as_str())
    }

    /// Copies every file under `dir` (e.g. `static/`) into the site root, as is.
    /// Hidden files are skipped; links are followed only inside `dir`.
    pub fn copy_tree(&self, dir: &Path) -> Result<usize> {
        if !dir.is_dir() {
            return Ok(0);
        }
        let mut copied = 0;
        for entry in crate::fs::walk(dir) {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).expect("walkdir yields paths under its root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let Some(to) = OutPath::checked(&rel) else { continue };
            if rel.split('/').any(|p| crate::fs::is_hidden(p.as_ref())) {
                continue;
            }
            self.copy(entry.path(), &to)?;
            copied += 1;
        }
        Ok(copied)
    }

    /// How many files the site has so far.
    pub fn files(&self) -> usize {
        self.placed.lock().expect("no panics while holding the lock").len()
    }

    /// Swaps the finished site in for the output folder, carries kept entries across
    /// and records what was published for the next build.
    pub fn finish(self) -> Result<Written> {
        let placed = self.placed.into_inner().expect("no panics while holding the lock");
        let files = placed.len();
        let pages = placed.keys().filter(|path| path.ends_with(".html")).count();
        let manifest = match self.previous {
            Some(previous) => {
                shadow::publish(previous, placed, &self.stage, &self.out, &self.keep)?
            }
            None => {
                swap_in(&self.stage, &self.out, &self.keep)?;
                crate::fs::remove_dir_all(&self.stage)?;
                shadow::manifest_of(placed)
            }
        };
        if let Some(manifest) = manifest {
            manifest.save(&self.work)?;
        }
        shadow::clean(&self.work)?;
        Ok(Written { files, pages })
    }

    /// Throws the staging folder away after a failed build.
    pub fn abandon(self) {
        if self.previous.is_none() {
            crate::fs::discard(&self.stage);
        }
    }

    /// Notes what went to `path`; a second page at the same path is an error, never a
    /// silent overwrite (an alias, a page and a feed cannot take each other's place).
    fn record(&self, path: &OutPath, placed: Placed) -> Result<()> {
        self.record_counted(path, placed, true)
    }

    /// The same; `counted` tells the watcher of one more file.
    fn record_counted(&self, path: &OutPath, placed: Placed, counted: bool) -> Result<()> {
        let mut map = self.placed.lock().expect("no panics while holding the lock");
        match map.insert(path.as_str().to_string(), placed) {
            None => {
                if counted {
                    self.watch.placed();
                }
                Ok(())
            }
            Some(_) => Err(Error::Clash { path: path.to_string() }),
        }
    }

    /// Marks the shadow tree as being changed, before its first change: a build killed
    /// from here on leaves a shadow tree that the next build will not trust.
    fn mark_dirty(&self) -> Result<()> {
        if self.previous.is_some() && !self.dirty.swap(true, Ordering::Relaxed) {
            shadow::mark_dirty(&self.work)?;
        }
        Ok(())
    }
}

/// Puts the finished `stage` in place of `out`; the previous output ends up in `stage`.
fn swap_in(stage: &Path, out: &Path, keep: &[String]) -> Result<()> {
    if let Some(parent) = out.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    if !out.exists() {
        return crate::fs::rename(stage, out);
    }
    exchange(stage, out)?;
    // `stage` now holds the previous site: move kept entries into the new one.
    carry_kept(stage, out, keep)
}

/// Swaps two folders: atomically on Linux, else by two renames.
pub(crate) fn exchange(a: &Path, b: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = a.with_extension("old"); // `recover` puts it back if we die before the next line
    crate::fs::rename(b, &aside)?;
    crate::fs::rename(a, b)?;
    crate::fs::rename(&aside, a)
}

pub(crate) fn carry_kept(from: &Path, to: &Path, keep: &[String]) -> Result<()> {
    for name in keep {
        let Some(name) = OutPath::checked(name) else { continue };
        let (src, dst) = (from.join(name.to_fs()), to.join(name.to_fs()));
        if src.symlink_metadata().is_ok() && dst.symlink_metadata().is_err() {
            if let Some(parent) = dst.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            crate::fs::rename(&src, &dst)?;
        }
    }
    Ok(())
}

/// Refuses an output folder that is a file or a symbolic link: swapping it would
/// replace the link itself, and the site would not land where the link points.
fn check_out(out: &Path) -> Result<()> {
    let Ok(meta) = out.symlink_metadata() else { return Ok(()) };
    let what = if meta.file_type().is_symlink() {
        "a symbolic link; point --output-dir at the folder it leads to"
    } else if !meta.is_dir() {
        "a file, not a folder; move it away or choose another --output-dir"
    } else {
        return Ok(());
    };
    Err(Error::Usage(format!("the output folder {} is {what}", out.display())))
}

/// How staging folders for `out` begin: `stage-public-` for `public/`. Outputs sharing a
/// work folder (`public/` and `serve`'s) then never recover each other's leftovers.
fn stage_prefix(out: &Path) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    format!("stage-{name}-")
}

/// Cleans up after a build into `out` that was killed: a previous site set aside by the
/// two-rename swap comes back if the output folder is missing, kept entries left in an
/// old staging folder go back to the output folder, and every leftover folder is removed.
fn recover(out: &Path, work: &Path, keep: &[String]) -> Result<()> {
    let prefix = stage_prefix(out);
    if out.symlink_metadata().is_err()
        && let Some(aside) = crate::fs::list(work)?.into_iter().find(|n| {
            let n = n.to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".old")
        })
    {
        crate::fs::rename(&work.join(aside), out)?;
    }
    for name in crate::fs::list(work)? {
        let name = name.to_string_lossy();
        if !name.starts_with(&prefix) {
            continue;
        }
        let leftover = work.join(name.as_ref());
        if out.is_dir() {
            carry_kept(&leftover, out, keep)?;
        }
        crate::fs::remove_dir_all(&leftover)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_folder_sits_at_the_root_or_beside_the_output() {
        assert_eq!(
            work_dir(Path::new("/s"), Path::new("/s/public")),
            PathBuf::from("/s/.broadsheet")
        );
        assert_eq!(work_dir(Path::new("/s"), Path::new("/x/out")), PathBuf::from("/x/.broadsheet"));
    }

    #[test]
    fn staging_folders_name_their_output() {
        assert_eq!(stage_prefix(Path::new("/s/public")), "stage-public-");
        assert_eq!(stage_prefix(Path::new("/s/.broadsheet/serve")), "stage-serve-");
        assert_eq!(stage_prefix(Path::new("/s/my site.d")), "stage-my_site_d-");
    }
}
