//! The site as built: every file of the output folder (less the entries the build keeps,
//! such as `.git`), with the MD5 of the bytes it will be sent as (what S3 reports as a
//! single-part object's ETag), their size and the headers it will be uploaded with.

use super::headers::{Headers, Rules};
use crate::error::{Error, Result};
use md5::Digest;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One file to publish.
#[derive(Debug, Clone)]
pub(crate) struct LocalFile {
    /// Its output path, `/`-separated (`articles/x.html`).
    pub(crate) path: String,
    /// Where it is on disk.
    pub(crate) file: PathBuf,
    /// Lower-case hex MD5 of the bytes sent (gzipped when `headers.gzip`).
    pub(crate) md5: String,
    /// The size of the bytes sent.
    pub(crate) size: u64,
    pub(crate) headers: Headers,
}

/// The files of the output folder `out`, sorted by path, less the `keep` entries.
pub(crate) fn read(out: &Path, keep: &[String], rules: &Rules) -> Result<Vec<LocalFile>> {
    let found = crate::fs::files_under(out, keep, |meta| meta.len())?;
    let mut files: Vec<LocalFile> = found
        .into_par_iter()
        .map(|(path, len)| {
            let file = out.join(&path);
            let mut headers = rules.headers(&path);
            if len > super::remote::MULTIPART && !headers.gzip {
                // Hashed a piece at a time, as it will be sent: never held whole.
                let md5 = md5_of_file(&file)?;
                return Ok(LocalFile { path, file, md5, size: len, headers });
            }
            let bytes = crate::fs::read(&file)?;
            if super::headers::is_page(&path) {
                headers.redirect = super::redirect::target(&path, &bytes);
            }
            let bytes = encode(&file, bytes, &headers)?;
            let (md5, size) = (md5_hex(&bytes), bytes.len() as u64);
            Ok(LocalFile { path, file, md5, size, headers })
        })
        .collect::<Result<_>>()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The bytes `file` is sent as: read from disk, gzipped when its headers say so (the
/// same bytes every time, so their MD5 can be compared with the bucket's).
pub(crate) fn body(file: &LocalFile) -> Result<Vec<u8>> {
    encode(&file.file, crate::fs::read(&file.file)?, &file.headers)
}

/// `bytes` (read from `file`) as sent with `headers`.
fn encode(file: &Path, bytes: Vec<u8>, headers: &Headers) -> Result<Vec<u8>> {
    if !headers.gzip {
        return Ok(bytes);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).and_then(|()| gz.finish()).map_err(|e| Error::io("compress", file, e))
}

/// Lower-case hex MD5 of the file `file`, read a piece at a time.
fn md5_of_file(file: &Path) -> Result<String> {
    use std::io::Read;
    let mut reader = crate::fs::open(file)?;
    let mut hasher = md5::Md5::new();
    let mut piece = vec![0; 1 << 20];
    loop {
        let n = reader.read(&mut piece).map_err(|e| Error::io("read", file, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&piece[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lower-case hex MD5 of `bytes`.
pub(crate) fn md5_hex(bytes: &[u8]) -> String {
    hex(&md5::Md5::digest(bytes))
}

/// `digest` in lower-case hex.
fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn md5_is_lower_case_hex_and_the_same_read_in_pieces() {
        assert_eq!(super::md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        crate::fs::write(&file, &bytes).unwrap();
        assert_eq!(super::md5_of_file(&file).unwrap(), super::md5_hex(&bytes));
    }
}
