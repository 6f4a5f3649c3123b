//! What each picture file was found to be (see `pictures::probe`), by the file's
//! identity (path, inode, size, modification time): an unchanged picture is not read
//! again, not even to take its digest, so a rebuild costs a `stat` per picture. A file
//! changed within two seconds of being probed is not kept (see `seeds`).

use super::store::Store;
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::ident::{self, Ident};
use crate::pictures::Probe;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// A probe as recorded: the picture, or the sentence saying why it is not one.
type Record = std::result::Result<Probe, String>;

/// Probes from the last build, and the ones this build keeps.
#[derive(Default)]
pub(crate) struct Probes {
    store: Store,
    kept: Mutex<HashMap<Digest, Vec<u8>>>,
}

impl Probes {
    /// The probes cached under `cache` (the cache folder).
    pub(crate) fn load(cache: &Path) -> Probes {
        Probes { store: Store::load(cache.join("pictures")), kept: Mutex::default() }
    }

    /// What the picture at `path` is: as recorded when the file is unchanged, else
    /// from `probe`.
    pub(crate) fn get_or_probe(&self, path: &Path, probe: &dyn Fn() -> Record) -> Record {
        let Some((key, settled)) = key(path) else { return probe() };
        let again = self.kept.lock().expect("no panics while holding the lock").get(&key).cloned();
        if let Some(bytes) = again
            && let Ok(record) = postcard::from_bytes::<Record>(&bytes)
        {
            return record;
        }
        if let Some(bytes) = self.store.take(key)
            && let Ok(record) = postcard::from_bytes::<Record>(&bytes)
        {
            self.keep(key, bytes);
            return record;
        }
        let record = probe();
        if settled {
            self.keep(key, postcard::to_stdvec(&record).expect("a probe always encodes"));
        }
        record
    }

    fn keep(&self, key: Digest, bytes: Vec<u8>) {
        self.store.keep(key);
        self.kept.lock().expect("no panics while holding the lock").insert(key, bytes);
    }

    /// Writes what changed.
    pub(crate) fn save(self, cache: &Path) -> Result<()> {
        let kept = self.kept.into_inner().expect("no panics while holding the lock");
        self.store.save(&cache.join("pictures"), |key| kept.get(&key).cloned())
    }
}

fn key(path: &Path) -> Option<(Digest, bool)> {
    let meta = crate::fs::metadata(path)?;
    let settled = ident::settled(&meta, std::time::SystemTime::now());
    let mut h = digest::Hasher::default();
    h.bytes(path.as_os_str().as_encoded_bytes());
    h.value(&Ident::of(&meta));
    Some((h.finish(), settled))
}
