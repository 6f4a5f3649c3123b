//! The one door to the disk: thin wrappers over `std::fs` that put the path in
//! every error. Other modules never call `std::fs` directly (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use crate::error::{Error, Result};
use std::path::Path;

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Reads a whole file as bytes, or `None` when it does not exist.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

/// Writes `bytes` to `path`, creating parent folders as needed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create folder", path, e))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("remove", path, e)),
    }
}

/// Removes a folder and ignores any failure: used to clean up after an error,
/// when the first error is the one worth reporting.
pub fn discard(path: &Path) {
    let _ = std::fs::remove_dir_all(path);
}

/// Copies one file, creating parent folders as needed.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| Error::io("copy", from, e))
}

/// Renames (moves) a file or folder within one file system.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io("move", from, e))
}

/// True when `path` exists (following links).
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// The real location of `path`, every symbolic link followed; `None` if it does not exist.
pub fn real_path(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// What a symbolic link at `path` points to, as written in the link.
pub fn link_target(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_link(path).ok()
}

/// Opens (creating if needed) a file used as a lock and takes an exclusive lock on it,
/// waiting for any other holder. The lock is released when the file is dropped.
pub fn lock(path: &Path) -> Result<std::fs::File> {
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
pub fn list(path: &Path) -> Result<Vec<std::ffi::OsString>> {
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
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
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
