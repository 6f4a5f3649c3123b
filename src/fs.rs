//! The one door to the disk: thin wrappers over `std::fs` that put the path in
//! every error. Other modules never call `std::fs` directly (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use crate::error::{Error, Result};
use std::path::Path;

/// Reads a whole file as bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Opens `path` for reading a piece at a time (large files that need not be held whole).
pub(crate) fn open(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| Error::io("read", path, e))
}

/// Reads a whole file as bytes, or `None` when it does not exist.
pub(crate) fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

/// Writes `bytes` to `path`, creating parent folders as needed.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// Creates a folder and its parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create folder", path, e))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub(crate) fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("remove", path, e)),
    }
}

/// Removes a folder and ignores any failure: used to clean up after an error,
/// when the first error is the one worth reporting.
pub(crate) fn discard(path: &Path) {
    let _ = std::fs::remove_dir_all(path);
}

/// Copies one file, creating parent folders as needed.
pub(crate) fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| Error::io("copy", from, e))
}

/// Renames (moves) a file or folder within one file system.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io("move", from, e))
}

/// True when `path` exists (following links).
pub(crate) fn exists(path: &Path) -> bool {
    path.exists()
}

/// The real location of `path`, every symbolic link followed; `None` if it does not exist.
pub(crate) fn real_path(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// What a symbolic link at `path` points to, as written in the link.
pub(crate) fn link_target(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_link(path).ok()
}

/// Opens (creating if needed) a file used as a lock and takes an exclusive lock on it,
/// waiting for any other holder. The lock is released when the file is dropped.
pub(crate) fn lock(path: &Path) -> Result<std::fs::File> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io("open", path, e))?;
    file.lock().map_err(|e| Error::io("lock", path, e))?;
    Ok(file)
}

/// Lists the entries of a folder (names only), sorted; a missing folder is empty.
pub(crate) fn list(path: &Path) -> Result<Vec<std::ffi::OsString>> {
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("list", path, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        names.push(entry.map_err(|e| Error::io("list", path, e))?.file_name());
    }
    names.sort();
    Ok(names)
}

/// Writes `bytes` to a new file at `path`, creating parent folders; fails if it exists.
pub(crate) fn write_exclusive(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io("create", path, e))?;
    file.write_all(bytes).map_err(|e| Error::io("write", path, e))
}

/// Writes `bytes` to a new file at `path` (replacing any file there, never writing
/// into it: it may be a hard link shared with the published site) and returns the
/// new file's metadata.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<std::fs::Metadata> {
    remove_file(path)?;
    write_fresh(path, bytes)
}

/// Writes `bytes` to `path` in a folder that only this build has written to (a fresh
/// staging folder), where no file can be shared: no removal first, which on a busy
/// disk costs as much as the write. Returns the file's metadata.
pub(crate) fn write_fresh(path: &Path, bytes: &[u8]) -> Result<std::fs::Metadata> {
    use std::io::Write;
    let open = || std::fs::File::create(path);
    let mut file = match open() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
            open()
        }
        other => other,
    }
    .map_err(|e| Error::io("write", path, e))?;
    file.write_all(bytes).map_err(|e| Error::io("write", path, e))?;
    file.metadata().map_err(|e| Error::io("read", path, e))
}

/// Writes `bytes` to `path` through a temporary file renamed into place, so that a
/// reader sees either the old file or the new one.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = path.with_extension(format!("tmp-{}", std::process::id()));
    write(&temp, bytes)?;
    rename(&temp, path)
}

/// Writes a file to `path` by `write`, through a buffered temporary file renamed into
/// place (as `write_atomically`), so that a large file is never whole in memory.
pub(crate) fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write;
    let temp = path.with_extension(format!("tmp-{}", std::process::id()));
    if let Some(parent) = temp.parent() {
        create_dir_all(parent)?;
    }
    let file = std::fs::File::create(&temp).map_err(|e| Error::io("create", &temp, e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    let written = write(&mut out).and_then(|()| out.flush());
    if let Err(e) = written {
        discard(&temp);
        return Err(Error::io("write", &temp, e));
    }
    rename(&temp, path)
}

/// Makes `to` another name of the file `from` (replacing any file at `to`).
pub(crate) fn hard_link(from: &Path, to: &Path) -> Result<()> {
    remove_file(to)?;
    match std::fs::hard_link(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && from.exists() => {
            create_dir_all(to.parent().unwrap_or(Path::new(".")))?;
            std::fs::hard_link(from, to)
        }
        other => other,
    }
    .map_err(|e| Error::io("link", to, e))
}

/// Removes a file; a missing file is fine.
pub(crate) fn remove_file(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("remove", path, e)),
        _ => Ok(()),
    }
}

/// Removes `path`'s empty parent folders up to (not including) `root`.
pub(crate) fn prune_empty_parents(path: &Path, root: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| d.starts_with(root) && *d != root) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// A walk of everything under `dir` in file-name order (links not followed unless the
/// caller asks): the one place a walk starts, so every ordered walk sorts alike.
pub(crate) fn walker(dir: &Path) -> walkdir::WalkDir {
    walker_in_any_order(dir).sort_by_file_name()
}

/// A walk in the order the file system lists entries, for walks whose order does not
/// matter (sorting a large output folder's names costs more than the walk itself).
#[allow(clippy::disallowed_methods)] // the wrapper the lint points to
pub(crate) fn walker_in_any_order(dir: &Path) -> walkdir::WalkDir {
    walkdir::WalkDir::new(dir)
}

/// Every entry under `dir` in file-name order; an entry that cannot be read is an
/// error naming it.
pub(crate) fn walk(dir: &Path) -> impl Iterator<Item = Result<walkdir::DirEntry>> + '_ {
    walker(dir).into_iter().map(move |entry| entry.map_err(|e| walk_error(e, dir)))
}

/// A walk's error as ours: what could not be read (or `dir`), and why.
pub(crate) fn walk_error(e: walkdir::Error, dir: &Path) -> Error {
    let path = e.path().unwrap_or(dir).to_path_buf();
    let source = e.into_io_error().unwrap_or_else(|| std::io::Error::other("a link loop"));
    Error::io("read", path, source)
}

/// True for a file or folder name the build leaves out wherever it walks the site's
/// own folders (`.git`, `.DS_Store`, `.notes.md`): every name starting with a dot.
pub(crate) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Every file under `dir` with what `each` takes of its metadata, by `/`-separated
/// relative path, skipping the top-level entries named in `skip`; a missing folder is
/// empty. The walk lists names (the system gives each entry's type with it); the files
/// are then looked up on every core, the part that costs at a million files, and only
/// what `each` keeps is held (a whole `Metadata` is some 150 bytes).
pub(crate) fn files_under<T: Send>(
    dir: &Path,
    skip: &[String],
    each: impl Fn(&std::fs::Metadata) -> T + Sync,
) -> Result<Vec<(String, T)>> {
    use rayon::prelude::*;
    let mut listed = Vec::new();
    let walker = walker_in_any_order(dir)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !skip.iter().any(|s| e.file_name() == s.as_str()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e)
                if e.depth() == 0
                    && e.io_error().is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) =>
            {
                return Ok(Vec::new());
            }
            Err(e) => return Err(walk_error(e, dir)),
        };
        if !entry.file_type().is_dir() {
            listed.push(entry);
        }
    }
    listed
        .into_par_iter()
        .map(|entry| {
            let meta = entry.metadata().map_err(|e| {
                let source = e.into_io_error().unwrap_or_else(|| std::io::Error::other("walk"));
                Error::io("read", entry.path(), source)
            })?;
            let rel = entry.path().strip_prefix(dir).expect("walkdir stays under its root");
            Ok((rel.to_string_lossy().replace('\\', "/"), each(&meta)))
        })
        .collect()
}

/// A file's metadata (following links), or `None` when it cannot be read.
pub(crate) fn metadata(path: &Path) -> Option<std::fs::Metadata> {
    std::fs::metadata(path).ok()
}
