//! The odd entries a walk of seeds/ meets, and what happens to each: symbolic links
//! that lead outside seeds/ (skipped with a warning: nothing outside is ever read),
//! link loops (skipped with a warning), broken links (an error when named like a
//! seed, else a warning), FIFOs, sockets and devices named like seeds (skipped with a
//! warning: reading a FIFO would hang the build), and file names holding control or
//! bidirectional-override characters (a warning naming the file, escaped).

use crate::containment::{Folder, link_target};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use walkdir::DirEntry;

/// True when a file of this name would be read as a seed (`.md`, `.markdown`, `.txt`).
pub(super) fn is_seed_name(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("md" | "markdown" | "txt"))
}

/// For a walk's `filter_entry`: false (and the link noted in `outside`) when `entry` is a
/// symbolic link whose target lies outside `seeds`.
pub(super) fn stays_inside(entry: &DirEntry, seeds: &Folder, outside: &mut Vec<PathBuf>) -> bool {
    if !entry.path_is_symlink() || seeds.holds(entry.path()) {
        return true;
    }
    outside.push(entry.path().to_path_buf());
    false
}

/// The warning for a link skipped because it leads outside seeds/.
pub(super) fn outside_warning(path: &Path) -> String {
    format!("symbolic link to {} leads outside seeds/; skipped", link_target(path))
}

/// What a walk error means: a warning to show (`Ok`) or an error that stops the build.
pub(super) fn walk_error(error: walkdir::Error, shown: PathBuf) -> Result<(PathBuf, String)> {
    let path = error.path().map(Path::to_path_buf).unwrap_or_default();
    if error.loop_ancestor().is_some() {
        return Ok((shown, "symbolic link loop; skipped".into()));
    }
    let broken = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
        && crate::fs::real_path(&path).is_none();
    if broken && !is_seed_name(&path) {
        return Ok((shown, format!("broken symbolic link to {}; skipped", link_target(&path))));
    }
    let source = if broken {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("it is a symbolic link to {}, which does not exist", link_target(&path)),
        )
    } else {
        error.into_io_error().unwrap_or_else(|| std::io::Error::other("cannot walk the folder"))
    };
    Err(Error::io("read", shown, source))
}

/// The `NAME.toml` beside a plain seed: `None` when there is none, `Err` (a warning)
/// when it is a link leading outside seeds/.
pub(super) fn sidecar(seed: &Path, seeds: &Folder) -> Option<std::result::Result<PathBuf, String>> {
    let path = seed.with_extension("toml");
    path.symlink_metadata().ok()?;
    if seeds.holds(&path) && path.is_dir() {
        return Some(Ok(path)); // reading it fails with a clear error
    }
    if seeds.holds(&path) {
        return Some(if path.is_file() { Ok(path) } else { Err(NOT_A_FILE.into()) });
    }
    let target = link_target(&path);
    Some(Err(match crate::fs::real_path(&path) {
        Some(_) => format!("its sidecar is a symbolic link to {target}, outside seeds/; ignored"),
        None => format!("its sidecar is a broken symbolic link to {target}; ignored"),
    }))
}

const NOT_A_FILE: &str = "its sidecar is not a regular file (a FIFO, socket or device?); ignored";

/// A warning for an entry that is neither a folder nor a regular file but is named like a
/// seed (a FIFO, socket or device), which is skipped.
pub(super) fn odd_file(entry: &DirEntry) -> Option<&'static str> {
    let kind = entry.file_type();
    (!kind.is_file() && !kind.is_dir() && is_seed_name(entry.path()))
        .then_some("not a regular file (a FIFO, socket or device?); skipped")
}

/// A warning for a file name with control or bidirectional-override characters, which
/// make messages and listings lie about the name.
pub(super) fn odd_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    name.chars().any(crate::terminal::is_deceptive).then(|| {
        format!(
            "the file name holds control or bidirectional characters ({}); rename it",
            name.escape_debug()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_seed_names() {
        assert!(is_seed_name(Path::new("a/b.MD")));
        assert!(is_seed_name(Path::new("b.txt")));
        assert!(!is_seed_name(Path::new("b.toml")));
        assert!(!is_seed_name(Path::new("md")));
    }

    #[test]
    fn flags_names_that_hide_characters() {
        assert_eq!(
            odd_name(Path::new("seeds/a\u{202e}txt.md")).unwrap(),
            "the file name holds control or bidirectional characters (a\\u{202e}txt.md); rename it"
        );
        assert!(odd_name(Path::new("seeds/my file — café.md")).is_none());
    }
}
