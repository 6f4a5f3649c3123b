//! What a deploy will do: the local files against the bucket's listing and the
//! manifest object the last deploy left. A file is unchanged when the bucket holds an
//! object of the same size whose bytes are known to match (its ETag is the file's MD5,
//! or, for a multipart object, the manifest records that MD5) and whose headers the
//! manifest does not record as different. Timestamps are never compared, so a clean
//! rebuild of an unchanged site uploads nothing, and a deploy killed half-way is
//! finished by the next without sending again what already arrived.

use super::headers::is_page;
use super::local::LocalFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped when the manifest object's layout changes.
pub(crate) const FORMAT: u32 = 1;

/// One object of the bucket, from its listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    pub(crate) size: u64,
    /// The ETag without its quotes.
    pub(crate) etag: Option<String>,
}

/// The manifest object: what the last deploy uploaded, by output path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BucketManifest {
    pub(crate) format: u32,
    pub(crate) files: BTreeMap<String, Entry>,
}

/// One uploaded file in the manifest object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) md5: String,
    pub(crate) size: u64,
    /// `Content-Type` and `Cache-Control`, one a line.
    pub(crate) headers: String,
}

impl BucketManifest {
    /// The manifest describing `files`.
    pub(crate) fn of(files: &[LocalFile]) -> BucketManifest {
        let entry = |f: &LocalFile| Entry {
            md5: f.md5.clone(),
            size: f.size,
            headers: f.headers.fingerprint(),
        };
        BucketManifest {
            format: FORMAT,
            files: files.iter().map(|f| (f.path.clone(), entry(f))).collect(),
        }
    }
}

/// The work, in upload order: assets before the pages that may link to them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Indexes into the local files of the assets to upload.
    pub(crate) assets: Vec<usize>,
    /// Indexes into the local files of the pages to upload.
    pub(crate) pages: Vec<usize>,
    /// Files the bucket already holds as they are.
    pub(crate) unchanged: usize,
    /// Output paths of objects under the prefix the site no longer has.
    pub(crate) stale: Vec<String>,
}

impl Plan {
    /// Compares `local` with the bucket's `listed` objects (by output path, the
    /// manifest object left out) and the last deploy's manifest `last`.
    pub(crate) fn make(
        local: &[LocalFile],
        listed: &BTreeMap<String, Listed>,
        last: &BucketManifest,
    ) -> Plan {
        let mut plan = Plan::default();
        for (i, file) in local.iter().enumerate() {
            if same(file, listed.get(&file.path), last.files.get(&file.path)) {
                plan.unchanged += 1;
            } else if is_page(&file.path) {
                plan.pages.push(i);
            } else {
                plan.assets.push(i);
            }
        }
        let paths: std::collections::HashSet<&str> =
            local.iter().map(|f| f.path.as_str()).collect();
        plan.stale = listed.keys().filter(|p| !paths.contains(p.as_str())).cloned().collect();
        plan
    }

    /// How many files go up.
    pub(crate) fn uploads(&self) -> usize {
        self.assets.len() + self.pages.len()
    }
}

/// True when the object `listed` already holds `file`'s bytes with its headers.
fn same(file: &LocalFile, listed: Option<&Listed>, entry: Option<&Entry>) -> bool {
    let Some(listed) = listed.filter(|l| l.size == file.size) else { return false };
    // A plain ETag is the bytes' MD5 and says it all; only an object uploaded in parts
    // (ETag `<md5 of md5s>-<parts>`) needs the manifest's word.
    let bytes_match = match listed.etag.as_deref().filter(|e| !e.contains('-')) {
        Some(etag) => etag.eq_ignore_ascii_case(&file.md5),
        None => entry.is_some_and(|e| e.md5 == file.md5 && e.size == file.size),
    };
    let headers_match = entry.is_none_or(|e| e.headers == file.headers.fingerprint());
    bytes_match && headers_match
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::headers::Rules;

    fn file(path: &str, bytes: &[u8]) -> LocalFile {
        LocalFile {
            path: path.into(),
            file: path.into(),
            md5: crate::deploy::local::md5_hex(bytes),
            size: bytes.len() as u64,
            headers: Rules::default().headers(path),
        }
    }

    fn listed(f: &LocalFile) -> Listed {
        Listed { size: f.size, etag: Some(f.md5.clone()) }
    }

    #[test]
    fn uploads_what_differs_assets_first_and_lists_what_is_gone() {
        let local =
            [file("index.html", b"front"), file("assets/style.css", b"new"), file("a.html", b"a")];
        let mut bucket = BTreeMap::from([
            ("index.html".to_string(), listed(&local[0])),
            ("assets/style.css".to_string(), Listed { size: 3, etag: Some("0".into()) }),
            ("gone.html".to_string(), Listed { size: 1, etag: None }),
        ]);
        let plan = Plan::make(&local, &bucket, &BucketManifest::default());
        assert_eq!((plan.assets, plan.pages, plan.unchanged), (vec![1], vec![2], 1));
        assert_eq!(plan.stale, ["gone.html"]);
        bucket.insert("assets/style.css".into(), listed(&local[1]));
        bucket.insert("a.html".into(), listed(&local[2]));
        assert_eq!(Plan::make(&local, &bucket, &BucketManifest::of(&local)).uploads(), 0);
    }

    #[test]
    fn a_multipart_etag_is_trusted_through_the_manifest_and_new_headers_upload() {
        let local = [file("big.pdf", b"pdf")];
        let bucket =
            BTreeMap::from([("big.pdf".to_string(), Listed { size: 3, etag: Some("x-2".into()) })]);
        assert_eq!(Plan::make(&local, &bucket, &BucketManifest::default()).uploads(), 1);
        let mut last = BucketManifest::of(&local);
        assert_eq!(Plan::make(&local, &bucket, &last).uploads(), 0);
        last.files.get_mut("big.pdf").unwrap().headers = "text/plain\nno-cache".into();
        assert_eq!(Plan::make(&local, &bucket, &last).uploads(), 1);
    }
}
