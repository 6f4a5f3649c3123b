//! Pictures, as files: what one is, from its bytes' digest and its header (format,
//! displayed size with the EXIF orientation applied, orientation). Nothing here decodes
//! pixels, and every problem is a sentence for a warning, never a panic. Which copies
//! the site makes of a picture is `site::pictures`'s business; making them, `images`'s.

use crate::digest::{self, Digest};
use image::{ImageDecoder, ImageFormat, ImageReader};
use serde::{Deserialize, Serialize};
use std::io::Cursor;
use std::path::Path;

/// Files larger than this are not read as pictures (a 200-megapixel JPEG is ~60 MB).
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A picture format Broadsheet reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Kind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Kind {
    /// The file extension of copies in this format.
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp => "webp",
            Kind::Gif => "gif",
        }
    }

    /// The media type, for `<source type>` and feeds.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
            Kind::Gif => "image/gif",
        }
    }

    fn of(format: ImageFormat) -> Option<Kind> {
        match format {
            ImageFormat::Jpeg => Some(Kind::Jpeg),
            ImageFormat::Png => Some(Kind::Png),
            ImageFormat::WebP => Some(Kind::Webp),
            ImageFormat::Gif => Some(Kind::Gif),
            _ => None,
        }
    }
}

/// What a picture file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Probe {
    /// Digest of the file's bytes.
    pub(crate) digest: Digest,
    /// Its format, from its bytes (not its name).
    pub(crate) kind: Kind,
    /// Its size as shown, after the EXIF orientation turns it.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// The EXIF orientation, 1 (upright) to 8.
    pub(crate) orientation: u8,
    /// The file's size in bytes.
    pub(crate) bytes: u64,
}

/// Reads the picture at `path`; `Err` is the end of a sentence that begins with the
/// picture's name ("is not a picture …").
pub(crate) fn probe(path: &Path) -> Result<Probe, String> {
    let size = crate::fs::metadata(path).ok_or("cannot be read")?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "is {} MB, larger than any picture Broadsheet reads (256 MB)",
            size >> 20
        ));
    }
    let bytes = crate::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    let digest = digest::of_bytes(&bytes);
    let reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    let kind = reader.format().and_then(Kind::of).ok_or_else(|| {
        "is not a picture Broadsheet can read (JPEG, PNG, WebP or GIF)".to_string()
    })?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("is not a readable {}: {e}", kind.ext().to_uppercase()))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err("has no pixels (0 wide or 0 high)".into());
    }
    let orientation = decoder.orientation().map(|o| o.to_exif()).unwrap_or(1);
    let (width, height) = if orientation >= 5 { (h, w) } else { (w, h) };
    Ok(Probe { digest, kind, width, height, orientation, bytes: size })
}
