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
//! from the site the build holds anyway, one at a time, streamed to the file (a shard
//! of a million-article archive is hundreds of megabytes).
//!
//! A shard file is the binary's identity (16 bytes), then each record as its key (16
//! bytes), its length (4 bytes) and its bytes, little-endian. A file cut short or
//! written by another binary is ignored whole.

use super::binary_id;
use crate::digest::Digest;
use crate::error::Result;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const SHARDS: usize = 32;

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
                bytes.and_then(|b| records(&b, binary)).unwrap_or_default()
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
            let mut records = keys.iter().filter_map(|&k| Some((k, encode(k)?))).peekable();
            if records.peek().is_none() {
                return crate::fs::remove_file(&path);
            }
            crate::fs::write_atomically_with(&path, |out| {
                out.write_all(&binary.to_le_bytes())?;
                for (key, bytes) in records {
                    let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
                    out.write_all(&key.to_le_bytes())?;
                    out.write_all(&len.to_le_bytes())?;
                    out.write_all(&bytes)?;
                }
                Ok(())
            })
        })
    }
}

/// The records of a shard file's `bytes`, if `binary` wrote it and it is whole.
fn records(mut bytes: &[u8], binary: Digest) -> Option<Vec<(Digest, Vec<u8>)>> {
    fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = bytes.split_at_checked(n)?;
        *bytes = rest;
        Some(head)
    }
    let digest = |b: &[u8]| Digest::from_le_bytes(b.try_into().expect("16 bytes"));
    if digest(take(&mut bytes, 16)?) != binary {
        return None;
    }
    let mut list = Vec::new();
    while !bytes.is_empty() {
        let key = digest(take(&mut bytes, 16)?);
        let len = u32::from_le_bytes(take(&mut bytes, 4)?.try_into().expect("4 bytes"));
        list.push((key, take(&mut bytes, len as usize)?.to_vec()));
    }
    Some(list)
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
    fn a_shard_cut_short_or_from_another_binary_is_ignored_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let first = Store::load(path.clone());
        first.keep(1);
        first.keep(7);
        first.save(&path, value).unwrap();
        let shard = shard_path(&path, 0);
        let bytes = crate::fs::read(&shard).unwrap();
        assert_eq!(bytes.len(), 16 + 2 * (16 + 4 + 16));
        assert_eq!(records(&bytes, binary_id()).unwrap().len(), 2);
        crate::fs::write(&shard, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(Store::load(path.clone()).take(1), None, "cut short");
        assert_eq!(records(&bytes, binary_id() ^ 1), None, "another binary");
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
