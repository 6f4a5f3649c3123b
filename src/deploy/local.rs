//! The site as built: every file of the output folder (less the entries the build keeps,
//! such as `.git`), with the MD5 of its bytes (what S3 reports as a single-part
//! object's ETag), its size and the headers it will be uploaded with.

use super::headers::{Headers, Rules};
use crate::error::Result;
use md5::Digest;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One file to publish.
#[derive(Debug, Clone)]
pub(crate) struct LocalFile {
    /// Its output path, `/`-separated (`articles/x.html`).
    pub(crate) path: String,
    /// Where it is on disk.
    pub(crate) file: PathBuf,
    /// Lower-case hex MD5 of its bytes.
    pub(crate) md5: String,
    pub(crate) size: u64,
    pub(crate) headers: Headers,
}

/// The files of the output folder `out`, sorted by path, less the `keep` entries.
pub(crate) fn read(out: &Path, keep: &[String], rules: &Rules) -> Result<Vec<LocalFile>> {
    let found = crate::fs::files_under(out, keep)?;
    let mut files: Vec<LocalFile> = found
        .into_par_iter()
        .map(|(path, meta)| {
            let file = out.join(&path);
            let md5 = md5_hex(&crate::fs::read(&file)?);
            let headers = rules.headers(&path);
            Ok(LocalFile { path, file, md5, size: meta.len(), headers })
        })
        .collect::<Result<_>>()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Lower-case hex MD5 of `bytes`.
pub(crate) fn md5_hex(bytes: &[u8]) -> String {
    md5::Md5::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn md5_is_lower_case_hex() {
        assert_eq!(super::md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
    }
}
