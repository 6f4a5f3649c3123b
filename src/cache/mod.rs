//! The build cache, in the work folder (`.broadsheet/cache/`, outside the output and
//! ignored by git): what the last build published and rendered, so that the next one
//! redoes only what changed. Two parts:
//!
//! * `Manifest`: every output file with the digest of its bytes, the key it was
//!   rendered under (pages) and its identity on disk, plus the same for the shadow
//!   tree (see `output`). One file, rewritten after a build that changed something.
//! * `Bodies`: Markdown bodies rendered to HTML, by a digest of their source and the
//!   Markdown settings, in 256 shard files so that one edited article rewrites one shard.
//!
//! Every part is stamped with the binary's identity: a rebuilt `broadsheet` starts
//! afresh. A missing, old or unreadable cache is simply empty; it is never an error.

use crate::config::MarkdownConfig;
use crate::content::{Article, Body};
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::markdown::Rendered;
use crate::site::{Asset, Entry};
use crate::warnings::Warnings;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// A Markdown body as rendered by an earlier build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CachedBody {
    html: String,
    summary: String,
    words: usize,
    image: Option<String>,
}

/// What rendering one body yields: HTML and facts, files to copy, warnings, lead image href.
pub type RenderedBody = (Rendered, Vec<Asset>, Warnings, Option<String>);

/// Rendered Markdown bodies from the last build, and the ones this build can keep.
#[derive(Default)]
pub struct Bodies {
    old: HashMap<Digest, CachedBody>,
    used: Mutex<Vec<(usize, Digest)>>,
}

const SHARDS: usize = 256;

fn shard_of(key: Digest) -> usize {
    (key >> 120) as usize % SHARDS
}

fn shard_path(dir: &Path, shard: usize) -> PathBuf {
    dir.join("bodies").join(format!("{shard:02x}"))
}

impl Bodies {
    /// The bodies cached in `dir` by this binary.
    pub fn load(dir: &Path) -> Bodies {
        let binary = binary_id();
        let old = (0..SHARDS)
            .into_par_iter()
            .flat_map_iter(|shard| {
                let bytes = crate::fs::read_if_exists(&shard_path(dir, shard)).ok().flatten();
                let parsed: Option<(Digest, Vec<(Digest, CachedBody)>)> =
                    bytes.and_then(|b| postcard::from_bytes(&b).ok());
                parsed.filter(|(b, _)| *b == binary).map(|(_, list)| list).unwrap_or_default()
            })
            .collect();
        Bodies { old, used: Mutex::default() }
    }

    /// Entry `i`'s body: from the cache when its source and the settings are unchanged,
    /// else from `render`, which also says whether the body looked at other files
    /// (links to seeds or files beside it); only bodies that did not are cached, since
    /// the others depend on more than their own text.
    pub fn get_or_render(
        &self,
        i: usize,
        article: &Article,
        config: &MarkdownConfig,
        render: impl FnOnce() -> (RenderedBody, bool),
    ) -> RenderedBody {
        let Body::Markdown(source) = &article.body else { return render().0 };
        let mut h = digest::Hasher::default();
        h.bytes(source.as_bytes());
        h.bytes(format!("{config:?}").as_bytes());
        h.bytes(article.meta.image.as_ref().map_or("", |i| &i.src).as_bytes());
        let key = h.finish();
        if let Some(hit) = self.old.get(&key) {
            self.record(i, key);
            let rendered =
                Rendered { html: hit.html.clone(), summary: hit.summary.clone(), words: hit.words };
            return (rendered, Vec::new(), Warnings::default(), hit.image.clone());
        }
        let (body, looked_around) = render();
        if !looked_around {
            self.record(i, key);
        }
        body
    }

    fn record(&self, i: usize, key: Digest) {
        self.used.lock().expect("no panics while holding the lock").push((i, key));
    }

    /// Writes the shards whose set of bodies changed; `entries` hold this build's bodies.
    pub fn save(self, dir: &Path, entries: &[Entry]) -> Result<()> {
        let used = self.used.into_inner().expect("no panics while holding the lock");
        let mut new: Vec<Vec<(Digest, usize)>> = vec![Vec::new(); SHARDS];
        for (i, key) in used {
            new[shard_of(key)].push((key, i));
        }
        let mut old: Vec<BTreeSet<Digest>> = vec![BTreeSet::new(); SHARDS];
        for key in self.old.keys() {
            old[shard_of(*key)].insert(*key);
        }
        let binary = binary_id();
        new.into_par_iter().zip(old).enumerate().try_for_each(|(shard, (mut list, before))| {
            list.sort_unstable();
            list.dedup_by_key(|(k, _)| *k);
            if list.iter().map(|(k, _)| *k).eq(before.iter().copied()) {
                return Ok(());
            }
            let bodies: Vec<(Digest, CachedBody)> =
                list.iter().map(|&(k, i)| (k, cached(&entries[i]))).collect();
            let bytes = postcard::to_stdvec(&(binary, bodies)).expect("bodies always serialise");
            crate::fs::write_atomically(&shard_path(dir, shard), &bytes)
        })
    }
}

fn cached(entry: &Entry) -> CachedBody {
    CachedBody {
        html: entry.body.html.clone(),
        summary: entry.body.summary.clone(),
        words: entry.body.words,
        image: entry.image_href.clone(),
    }
}
