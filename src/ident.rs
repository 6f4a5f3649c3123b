//! Identities that stand for bytes without reading them: a file's identity on disk
//! (inode, size, modification time) and the running binary's. The build cache, the
//! output's manifest and the page keys all use them; this module reads no file's
//! contents and writes nothing.

use crate::digest::{self, Digest};
use serde::{Deserialize, Serialize};

/// Who is building: this version of Broadsheet, built at this moment. Output depends
/// on the code as much as on the input, so a new binary never trusts old work.
pub(crate) fn binary() -> Digest {
    let mut h = digest::Hasher::default();
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(meta) = std::env::current_exe().ok().and_then(|p| p.metadata().ok()) {
        h.value(&Ident::of(&meta));
    }
    h.finish()
}

/// How long after a file's modification its identity is trusted to stand for its bytes.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// True when the file `meta` describes was last changed more than two seconds before
/// `now`: only then does its identity stand for its bytes (like git's index, so that an
/// edit made in the same clock tick as a build is never mistaken for no edit).
pub(crate) fn settled(meta: &std::fs::Metadata, now: std::time::SystemTime) -> bool {
    let age = meta.modified().ok().and_then(|t| now.duration_since(t).ok());
    age.is_some_and(|age| age > SETTLED)
}

/// A file's identity on disk: if it is unchanged, the bytes are the ones recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Ident {
    ino: u64,
    size: u64,
    mtime_ns: i128,
}

impl Ident {
    /// The identity in `meta`.
    pub(crate) fn of(meta: &std::fs::Metadata) -> Ident {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Ident { ino: inode(meta), size: meta.len(), mtime_ns }
    }

    /// The inode (0 where the system has none to give).
    pub(crate) fn inode(&self) -> u64 {
        self.ino
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
