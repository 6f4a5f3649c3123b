//! A sharded key-value store of encoded records, for caches with one record per
//! article (parsed seeds, rendered bodies). Keys are digests of everything a record
//! depends on, so a changed input simply misses. Records live in 32 shard files by
//! the key's top bits: a build rewrites only the shards whose set of keys changed, so
//! one edited article costs a thirty-second of the cache, not all of it. Few files on
//! purpose: on a disk where creating files is the main cost (see bench/RESULTS.md),
//! a cache of thousands of files would slow every clean build. A shard is replaced
//! whole (written aside, then renamed), so a build running at the same moment or a
//! crash never leaves a mix of two versions.
//!
//! Memory stays near one copy of the data: a record's bytes are handed over (and
//! freed) when it is read, and records are encoded only when a shard is written,
//! from the site the build holds anyway.

use super::binary_id;
use crate::digest::Digest;
use crate::error::Result;
use rayon::prelude::*;
use serde_bytes::ByteBuf;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const SHARDS: usize = 32;

/// One shard file: the binary that wrote it, then its records (as byte strings, which
/// postcard copies whole rather than byte by byte).
type Shard = (Digest, Vec<(Digest, ByteBuf)>);

/// Records from the last build and the keys this build uses.
#[derive(Default)]
pub(super) struct Store {
    dir: Option<PathBuf>,
    old: Mutex<HashMap<Digest, Vec<u8>>>,
    old_keys: Vec<BTreeSet<Digest>>,
    used: Mutex<Vec<Digest>>,
}

fn shard_of(key: Digest) -> usize {
    (key >> 123) as usize % SHARDS
}

impl Store {
    /// The store in `dir` (records written by another binary are ignored).
    pub(super) fn load(dir: PathBuf) -> Store {
        let binary = binary_id();
        let old: HashMap<Digest, Vec<u8>> = (0..SHARDS)
            .into_par_iter()
            .flat_map_iter(|shard| {
                let bytes = crate::fs::read_if_exists(&shard_path(&dir, shard)).ok().flatten();
                let parsed: Option<Shard> = bytes.and_then(|b| postcard::from_bytes(&b).ok());
                let list = parsed.filter(|(b, _)| *b == binary).map(|(_, list)| list);
                list.unwrap_or_default().into_iter().map(|(key, bytes)| (key, bytes.into_vec()))
            })
            .collect();
        let mut old_keys = vec![BTreeSet::new(); SHARDS];
        for key in old.keys() {
            old_keys[shard_of(*key)].insert(*key);
        }
        Store { dir: Some(dir), old: Mutex::new(old), old_keys, used: Mutex::default() }
    }

    /// Takes the record under `key` out of the store (it is asked for once).
    pub(super) fn take(&self, key: Digest) -> Option<Vec<u8>> {
        self.old.lock().expect("no panics while holding the lock").remove(&key)
    }

    /// Marks `key` as part of this build's cache; its record is encoded by `save`.
    pub(super) fn keep(&self, key: Digest) {
        self.used.lock().expect("no panics while holding the lock").push(key);
    }

    /// Writes the shards whose set of keys changed, encoding each record with
    /// `encode` (a key it cannot encode is left out); keys not kept by this build
    /// are dropped. A store that was not loaded from `dir` writes every shard.
    pub(super) fn save(
        self,
        dir: &Path,
        encode: impl Fn(Digest) -> Option<Vec<u8>> + Sync,
    ) -> Result<()> {
        let used = self.used.into_inner().expect("no panics while holding the lock");
        let mut new: Vec<BTreeSet<Digest>> = vec![BTreeSet::new(); SHARDS];
        for key in used {
            new[shard_of(key)].insert(key);
        }
        let fresh = self.dir.as_deref() != Some(dir) || self.old_keys.is_empty();
        let binary = binary_id();
        new.into_par_iter().enumerate().try_for_each(|(shard, keys)| {
            if !fresh && self.old_keys[shard] == keys {
                return Ok(());
            }
            let path = shard_path(dir, shard);
            let records: Vec<(Digest, ByteBuf)> =
                keys.iter().filter_map(|&k| Some((k, ByteBuf::from(encode(k)?)))).collect();
            if records.is_empty() {
                return crate::fs::remove_file(&path);
            }
            let bytes = postcard::to_stdvec(&(binary, records)).expect("records always encode");
            crate::fs::write_atomically(&path, &bytes)
        })
    }
}

fn shard_path(dir: &Path, shard: usize) -> PathBuf {
    dir.join(format!("{shard:02x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(key: Digest) -> Option<Vec<u8>> {
        Some(key.to_le_bytes().to_vec())
    }

    #[test]
    fn records_survive_a_save_and_unused_ones_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let first = Store::load(path.clone());
        first.keep(1);
        first.keep(2 << 123);
        first.save(&path, value).unwrap();
        let second = Store::load(path.clone());
        assert_eq!(second.take(1), value(1));
        assert_eq!(second.take(1), None, "a record is handed over once");
        second.keep(1);
        second.save(&path, value).unwrap(); // record 2 was not kept: dropped
        let third = Store::load(path);
        assert_eq!(third.take(1), value(1));
        assert_eq!(third.take(2 << 123), None);
    }

    #[test]
    fn only_changed_shards_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let first = Store::load(path.clone());
        first.keep(1);
        first.keep(2 << 123);
        first.save(&path, value).unwrap();
        let second = Store::load(path.clone());
        second.keep(1);
        second.keep(2 << 123);
        second.keep(3 << 123);
        // Shard 0 is unchanged: an encoder that fails for its key must not be called.
        second.save(&path, |k| (k != 1).then(|| value(k).unwrap())).unwrap();
        let third = Store::load(path);
        assert_eq!(third.take(1), value(1));
        assert_eq!(third.take(3 << 123), value(3 << 123));
    }
}
