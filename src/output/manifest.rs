//! The output's manifest (`.broadsheet/cache/manifest`): every file the last build
//! published, with the digest of its bytes, the key it was rendered under (pages) and
//! its identity on disk, plus the same for the shadow tree (see `shadow`). The output
//! sink reads it to write only what changed and writes it after a build that changed
//! something. A missing, old or unreadable manifest is simply empty.

use crate::digest::Digest;
use crate::error::Result;
use crate::ident::Ident;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Bumped when the manifest's layout changes.
const FORMAT: u32 = 1;

/// Where the manifest of the work folder `work` lives.
fn path(work: &Path) -> PathBuf {
    work.join("cache").join("manifest")
}

/// One file of the output folder as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    /// Digest of its bytes.
    pub(crate) hash: Digest,
    /// The page key it was rendered under, for rendered pages.
    pub(crate) key: Option<Digest>,
    /// Its identity on disk.
    pub(crate) ident: Ident,
}

/// One file of the shadow tree; `hash` is `None` when its bytes are not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ShadowFile {
    /// Digest of its bytes, when known.
    pub(crate) hash: Option<Digest>,
    /// Its identity on disk.
    pub(crate) ident: Ident,
}

/// What the last build published.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    format: u32,
    binary: Digest,
    /// The output folder's files by output path.
    pub(crate) files: HashMap<String, FileRecord>,
    /// The shadow tree's files by output path, when the shadow tree can be trusted.
    pub(crate) shadow: Option<HashMap<String, ShadowFile>>,
}

impl Manifest {
    /// A manifest of these files and shadow tree.
    pub(crate) fn new(
        files: HashMap<String, FileRecord>,
        shadow: Option<HashMap<String, ShadowFile>>,
    ) -> Manifest {
        Manifest { format: FORMAT, binary: crate::ident::binary(), files, shadow }
    }

    /// The manifest of the work folder `work`, or an empty one when it is missing, old
    /// or unreadable.
    pub(crate) fn load(work: &Path) -> Manifest {
        let bytes = crate::fs::read_if_exists(&path(work)).ok().flatten();
        let manifest: Manifest =
            bytes.and_then(|b| postcard::from_bytes(&b).ok()).unwrap_or_default();
        if manifest.format == FORMAT && manifest.binary == crate::ident::binary() {
            manifest
        } else {
            Manifest::default()
        }
    }

    /// Writes the manifest (to a new file, then renamed over the old one).
    pub(crate) fn save(mut self, work: &Path) -> Result<()> {
        self.format = FORMAT;
        self.binary = crate::ident::binary();
        let bytes = postcard::to_stdvec(&self).expect("a manifest always serialises");
        crate::fs::write_atomically(&path(work), &bytes)
    }

    /// True when nothing was recorded.
    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
