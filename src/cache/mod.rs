//! The build cache, in the work folder (`.broadsheet/cache/`, outside the output and
//! ignored by git): what the last build published and rendered, so that the next one
//! redoes only what changed. Its parts:
//!
//! * `Manifest`: every output file with the digest of its bytes, the key it was
//!   rendered under (pages) and its identity on disk, plus the same for the shadow
//!   tree (see `output`). One file, rewritten after a build that changed something.
//! * `Seeds`: articles as parsed from their files, by file identity (`seeds`).
//! * `Bodies`: Markdown bodies rendered to HTML, by a digest of their source and the
//!   Markdown settings (`bodies`).
//! * `stamp`: what the last build read and reported, so that a build whose inputs
//!   are all unchanged does nothing at all.
//!
//! `Seeds` and `Bodies` are sharded stores (`store`) so that one edited article
//! rewrites one shard.
//!
//! Every part is stamped with the binary's identity: a rebuilt `broadsheet` starts
//! afresh. A missing, old or unreadable cache is simply empty; it is never an error.

mod bodies;
mod seeds;
pub mod stamp;
mod store;

pub use bodies::{Bodies, RenderedBody};
pub use seeds::Seeds;

use crate::digest::{self, Digest};
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Bumped when the cache's layout changes.
const FORMAT: u32 = 1;

/// The cache folder inside the work folder.
pub fn dir(work: &Path) -> PathBuf {
    work.join("cache")
}

/// Who wrote a cache: this version of Broadsheet, built at this moment. Output
/// depends on the code as much as on the input, so a new binary never trusts old work.
pub fn binary_id() -> Digest {
    let mut h = digest::Hasher::default();
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    h.bytes(&FORMAT.to_le_bytes());
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
pub fn settled(meta: &std::fs::Metadata, now: std::time::SystemTime) -> bool {
    let age = meta.modified().ok().and_then(|t| now.duration_since(t).ok());
    age.is_some_and(|age| age > SETTLED)
}

/// A file's identity on disk: if it is unchanged, the bytes are the ones recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ident {
    ino: u64,
    size: u64,
    mtime_ns: i128,
}

impl Ident {
    /// The identity in `meta`.
    pub fn of(meta: &std::fs::Metadata) -> Ident {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Ident { ino: inode(meta), size: meta.len(), mtime_ns }
    }

    /// The inode (0 where the system has none to give).
    pub fn inode(&self) -> u64 {
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

/// One file of the output folder as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Digest of its bytes.
    pub hash: Digest,
    /// The page key it was rendered under, for rendered pages.
    pub key: Option<Digest>,
    /// Its identity on disk.
    pub ident: Ident,
}

/// One file of the shadow tree; `hash` is `None` when its bytes are not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShadowFile {
    /// Digest of its bytes, when known.
    pub hash: Option<Digest>,
    /// Its identity on disk.
    pub ident: Ident,
}

/// What the last build published.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    binary: Digest,
    /// The output folder's files by output path.
    pub files: HashMap<String, FileRecord>,
    /// The shadow tree's files by output path, when the shadow tree can be trusted.
    pub shadow: Option<HashMap<String, ShadowFile>>,
}

impl Manifest {
    /// A manifest of these files and shadow tree.
    pub fn new(
        files: HashMap<String, FileRecord>,
        shadow: Option<HashMap<String, ShadowFile>>,
    ) -> Manifest {
        Manifest { format: FORMAT, binary: binary_id(), files, shadow }
    }

    /// The manifest in `dir`, or an empty one when it is missing, old or unreadable.
    pub fn load(dir: &Path) -> Manifest {
        let bytes = crate::fs::read_if_exists(&dir.join("manifest")).ok().flatten();
        let manifest: Manifest =
            bytes.and_then(|b| postcard::from_bytes(&b).ok()).unwrap_or_default();
        if manifest.format == FORMAT && manifest.binary == binary_id() {
            manifest
        } else {
            Manifest::default()
        }
    }

    /// Writes the manifest (to a new file, then renamed over the old one).
    pub fn save(mut self, dir: &Path) -> Result<()> {
        self.format = FORMAT;
        self.binary = binary_id();
        let bytes = postcard::to_stdvec(&self).expect("a manifest always serialises");
        crate::fs::write_atomically(&dir.join("manifest"), &bytes)
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
