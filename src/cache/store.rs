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
//! Memory holds only an index of the records: a record's bytes are read from its
//! shard file when it is asked for (once), and records are encoded only when a shard
//! is written, from the site the build holds anyway, one at a time, streamed to the
//! file (a shard of a million-article archive is hundreds of megabytes).
//!
//! A shard file is its records' bytes one after another, then an index of them (each
//! record's key, 16 bytes, its offset, 8, and length, 4), then a footer: where the
//! index starts (8 bytes), how many records (8) and the binary that wrote it (16), all
//! little-endian. A file whose footer does not add up, or that another binary wrote,
//! is ignored whole; a record that does not decode is a miss.

use super::binary_id;
use crate::digest::Digest;
use crate::error::Result;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const SHARDS: usize = 32;

/// Records from the last build (where each is) and the keys this build uses.
#[derive(Default)]
pub(super) struct Store {
    dir: Option<PathBuf>,
    /// The last build's shard files, open (positions move: one reader at a time).
    files: Vec<Option<Mutex<std::fs::File>>>,
    old: Mutex<HashMap<Digest, Place>>,
    old_keys: Vec<BTreeSet<Digest>>,
    used: Mutex<Vec<Digest>>,
}

/// Where a record is: its shard, offset and length.
#[derive(Clone, Copy)]
struct Place {
    shard: usize,
    at: u64,
    len: u32,
}

/// A shard's records, by key.
type Index = Vec<(Digest, Place)>;

/// The bytes of an index entry and of the footer.
const ENTRY: usize = 16 + 8 + 4;
const FOOTER: usize = 8 + 8 + 16;

fn shard_of(key: Digest) -> usize {
    (key >> 123) as usize % SHARDS
}

impl Store {
    /// The store in `dir` (records written by another binary are ignored).
    pub(super) fn load(dir: PathBuf) -> Store {
        let binary = binary_id();
        let shards: Vec<Option<(std::fs::File, Index)>> = (0..SHARDS)
            .into_par_iter()
            .map(|shard| {
                let mut file = std::fs::File::open(shard_path(&dir, shard)).ok()?;
                let index = index(&mut file, binary, shard).ok().flatten()?;
                Some((file, index))
            })
            .collect();
        let (mut files, mut old) = (Vec::with_capacity(SHARDS), HashMap::new());
        let mut old_keys = vec![BTreeSet::new(); SHARDS];
        for (shard, found) in shards.into_iter().enumerate() {
            let Some((file, index)) = found else {
                files.push(None);
                continue;
            };
            files.push(Some(Mutex::new(file)));
            old_keys[shard].extend(index.iter().map(|(key, _)| *key));
            old.extend(index);
        }
        Store { dir: Some(dir), files, old: Mutex::new(old), old_keys, used: Mutex::default() }
    }

    /// Takes the record under `key` out of the store (it is asked for once): read from
    /// its shard file; `None` when it is not there or cannot be read.
    pub(super) fn take(&self, key: Digest) -> Option<Vec<u8>> {
        let place = self.old.lock().expect("no panics while holding the lock").remove(&key)?;
        let file = self.files.get(place.shard)?.as_ref()?;
        let mut file = file.lock().expect("no panics while holding the lock");
        let mut bytes = vec![0; place.len as usize];
        file.seek(SeekFrom::Start(place.at)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
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
        // The old files are closed before any is replaced.
        let Store { dir: loaded_from, files, old_keys, used, .. } = self;
        drop(files);
        let used = used.into_inner().expect("no panics while holding the lock");
        let mut new: Vec<BTreeSet<Digest>> = vec![BTreeSet::new(); SHARDS];
        for key in used {
            new[shard_of(key)].insert(key);
        }
        let fresh = loaded_from.as_deref() != Some(dir) || old_keys.is_empty();
        let binary = binary_id();
        new.into_par_iter().enumerate().try_for_each(|(shard, keys)| {
            if !fresh && old_keys[shard] == keys {
                return Ok(());
            }
            let path = shard_path(dir, shard);
            let mut records = keys.iter().filter_map(|&k| Some((k, encode(k)?))).peekable();
            if records.peek().is_none() {
                return crate::fs::remove_file(&path);
            }
            crate::fs::write_atomically_with(&path, |out| {
                let (mut index, mut at) = (Vec::new(), 0u64);
                for (key, bytes) in records {
                    let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
                    out.write_all(&bytes)?;
                    index.push((key, at, len));
                    at += u64::from(len);
                }
                for (key, at, len) in &index {
                    out.write_all(&key.to_le_bytes())?;
                    out.write_all(&at.to_le_bytes())?;
                    out.write_all(&len.to_le_bytes())?;
                }
                out.write_all(&at.to_le_bytes())?;
                out.write_all(&(index.len() as u64).to_le_bytes())?;
                out.write_all(&binary.to_le_bytes())
            })
        })
    }
}

/// The index of an open shard file, if `binary` wrote it and its footer adds up.
fn index(file: &mut std::fs::File, binary: Digest, shard: usize) -> std::io::Result<Option<Index>> {
    let size = file.metadata()?.len();
    let Some(start) = size.checked_sub(FOOTER as u64) else { return Ok(None) };
    let mut footer = [0; FOOTER];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut footer)?;
    let number = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let (records_end, count) = (number(&footer[..8]), number(&footer[8..16]));
    let wrote = Digest::from_le_bytes(footer[16..].try_into().expect("16 bytes"));
    let index_len = count.checked_mul(ENTRY as u64);
    if wrote != binary || index_len.and_then(|n| n.checked_add(records_end)) != Some(start) {
        return Ok(None);
    }
    let mut bytes = vec![0; index_len.unwrap_or(0) as usize];
    file.seek(SeekFrom::Start(records_end))?;
    file.read_exact(&mut bytes)?;
    let mut index = Vec::with_capacity(count as usize);
    for entry in bytes.chunks_exact(ENTRY) {
        let key = Digest::from_le_bytes(entry[..16].try_into().expect("16 bytes"));
        let at = number(&entry[16..24]);
        let len = u32::from_le_bytes(entry[24..].try_into().expect("4 bytes"));
        if at.checked_add(u64::from(len)).is_none_or(|end| end > records_end) {
            return Ok(None);
        }
        index.push((key, Place { shard, at, len }));
    }
    Ok(Some(index))
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
        assert_eq!(bytes.len(), 2 * 16 + 2 * ENTRY + FOOTER);
        assert_eq!(Store::load(path.clone()).take(7), value(7));
        crate::fs::write(&shard, &bytes[1..]).unwrap();
        assert_eq!(Store::load(path.clone()).take(1), None, "cut short");
        let mut other = bytes.clone();
        other[bytes.len() - 1] ^= 1;
        crate::fs::write(&shard, &other).unwrap();
        assert_eq!(Store::load(path).take(1), None, "another binary");
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
