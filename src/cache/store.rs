//! A sharded key-value store of encoded records, for caches with one record per
//! article (parsed seeds, rendered bodies). Keys are digests of everything a record
//! depends on, so a changed input simply misses. Records live in 256 shard files by
//! the key's top byte: a build rewrites only the shards whose set of keys changed, so
//! one edited article costs one small file, not the whole cache.

use super::binary_id;
use crate::digest::Digest;
use crate::error::Result;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const SHARDS: usize = 256;

/// One shard file: the binary that wrote it, then its records.
type Shard = (Digest, Vec<(Digest, Vec<u8>)>);

/// Records from the last build and the ones this build keeps or adds.
#[derive(Default)]
pub struct Store {
    dir: Option<PathBuf>,
    old: HashMap<Digest, Vec<u8>>,
    used: Mutex<Vec<(Digest, Option<Vec<u8>>)>>,
}

fn shard_of(key: Digest) -> usize {
    (key >> 120) as usize % SHARDS
}

impl Store {
    /// The store in `dir` (records written by another binary are ignored).
    pub fn load(dir: PathBuf) -> Store {
        let binary = binary_id();
        let old = (0..SHARDS)
            .into_par_iter()
            .flat_map_iter(|shard| {
                let bytes = crate::fs::read_if_exists(&shard_path(&dir, shard)).ok().flatten();
                let parsed: Option<Shard> = bytes.and_then(|b| postcard::from_bytes(&b).ok());
                parsed.filter(|(b, _)| *b == binary).map(|(_, list)| list).unwrap_or_default()
            })
            .collect();
        Store { dir: Some(dir), old, used: Mutex::default() }
    }

    /// The record under `key`, marked as still in use.
    pub fn get(&self, key: Digest) -> Option<&[u8]> {
        let found = self.old.get(&key)?;
        self.used().push((key, None));
        Some(found)
    }

    /// Adds a record under `key`.
    pub fn put(&self, key: Digest, bytes: Vec<u8>) {
        self.used().push((key, Some(bytes)));
    }

    fn used(&self) -> std::sync::MutexGuard<'_, Vec<(Digest, Option<Vec<u8>>)>> {
        self.used.lock().expect("no panics while holding the lock")
    }

    /// Writes the shards whose records changed; records not used by this build are
    /// dropped. A store that was never loaded (a clean build) writes every shard.
    pub fn save(self, dir: &Path) -> Result<()> {
        let used = self.used.into_inner().expect("no panics while holding the lock");
        let mut new: Vec<BTreeMap<Digest, Option<Vec<u8>>>> = vec![BTreeMap::new(); SHARDS];
        for (key, bytes) in used {
            let slot = new[shard_of(key)].entry(key).or_default();
            if bytes.is_some() {
                *slot = bytes;
            }
        }
        let mut old_keys: Vec<Vec<Digest>> = vec![Vec::new(); SHARDS];
        for key in self.old.keys() {
            old_keys[shard_of(*key)].push(*key);
        }
        let binary = binary_id();
        let (old, fresh) = (&self.old, self.dir.as_deref() != Some(dir));
        new.into_par_iter().zip(old_keys).enumerate().try_for_each(|(shard, (list, mut before))| {
            before.sort_unstable();
            let same = list.iter().all(|(_, b)| b.is_none()) && list.keys().eq(before.iter());
            if same && !fresh {
                return Ok(());
            }
            let path = shard_path(dir, shard);
            if list.is_empty() {
                return crate::fs::remove_file(&path);
            }
            let records: Vec<(Digest, &[u8])> = list
                .iter()
                .filter_map(|(k, b)| Some((*k, b.as_deref().or(old.get(k).map(Vec::as_slice))?)))
                .collect();
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

    #[test]
    fn records_survive_a_save_and_unused_ones_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let first = Store::load(path.clone());
        first.put(1, b"one".to_vec());
        first.put(2 << 120, b"two".to_vec());
        first.save(&path).unwrap();
        let second = Store::load(path.clone());
        assert_eq!(second.get(1), Some(&b"one"[..]));
        second.save(&path).unwrap(); // record 2 was not used: dropped
        let third = Store::load(path);
        assert_eq!(third.get(1), Some(&b"one"[..]));
        assert_eq!(third.get(2 << 120), None);
    }
}
