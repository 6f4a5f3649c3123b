//! `--images`: an item's image fetched (with the feed limits) and kept beside its seed,
//! so the page does not hotlink another publication's server. Only JPEG, PNG, GIF,
//! WebP and AVIF are kept, recognised by their first bytes, never by what the server
//! says; SVG (which can carry scripts) stays a link.

use super::fetch::{self, Limits};
use std::path::Path;

/// Fetches `url` into `folder` as `<stem>.<ext>`, returning the file's name.
pub(crate) fn download(
    url: &str,
    folder: &Path,
    stem: &str,
    limits: Limits,
) -> Result<String, String> {
    let bytes = match fetch::fetch(url, None, limits)? {
        fetch::Fetched::Fresh { bytes, .. } => bytes,
        fetch::Fetched::Unchanged => {
            return Err("the server answered 304 to a plain request".into());
        }
    };
    let ext = kind(&bytes).ok_or("not a JPEG, PNG, GIF, WebP or AVIF image")?;
    let name = format!("{stem}.{ext}");
    crate::fs::write_atomically(&folder.join(&name), &bytes).map_err(|e| format!("{e:#}"))?;
    Ok(name)
}

/// The file extension for an image's bytes.
fn kind(bytes: &[u8]) -> Option<&'static str> {
    let at = |range: std::ops::Range<usize>| bytes.get(range).unwrap_or(&[]);
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("gif"),
        _ if at(0..4) == b"RIFF" && at(8..12) == b"WEBP" => Some("webp"),
        _ if at(4..12) == b"ftypavif" => Some("avif"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_images_by_their_bytes_not_their_names() {
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(kind(b"\xff\xd8\xff\xe0"), Some("jpg"));
        assert_eq!(kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(kind(b"<svg onload=alert(1)>"), None);
        assert_eq!(kind(b""), None);
    }
}
