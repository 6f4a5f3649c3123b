//! The build cache, in the work folder (`.broadsheet/cache/`, outside the output and
//! ignored by git): what the last build parsed and rendered, so that the next one
//! redoes only what changed. A storage layer only: it knows records, keys and files,
//! not the stages that use them (the build's memo, `memo`, stands between).
//! Its parts:
//!
//! * `Seeds`: articles as parsed from their files, by file identity (`seeds`).
//! * `Bodies`: Markdown bodies rendered to HTML, by a digest of their source and the
//!   Markdown settings (`bodies`).
//! * `Probes`: what each picture file is (format, size, digest), by file identity
//!   (`probes`).
//! * `stamp`: what the last build read and reported, so that a build whose inputs
//!   are all unchanged does nothing at all.
//!
//! The output's own manifest (what was published) belongs to `output`.
//! `Seeds` and `Bodies` are sharded stores (`store`) so that one edited article
//! rewrites one shard.
//!
//! Every part is stamped with the binary's identity: a rebuilt `broadsheet` starts
//! afresh. A missing, old or unreadable cache is simply empty; it is never an error.

mod bodies;
mod probes;
mod seeds;
pub(crate) mod stamp;
mod store;

pub(crate) use bodies::Bodies;
pub(crate) use probes::Probes;
pub(crate) use seeds::Seeds;

use crate::digest::{self, Digest};
use std::path::{Path, PathBuf};

/// Bumped when the cache's layout changes.
const FORMAT: u32 = 3;

/// The cache folder inside the work folder.
pub(crate) fn dir(work: &Path) -> PathBuf {
    work.join("cache")
}

/// Who wrote a cache: this binary (see `ident::binary`) and this cache layout.
fn binary_id() -> Digest {
    let mut h = digest::Hasher::default();
    h.bytes(&crate::ident::binary().to_le_bytes());
    h.bytes(&FORMAT.to_le_bytes());
    h.finish()
}
