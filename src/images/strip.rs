//! A picture's bytes without its metadata, losslessly: the JPEG without its EXIF, XMP,
//! IPTC and comment segments (the colour profile and JFIF header stay), the PNG
//! without its text, time and EXIF chunks. Used when a copy at the source's own size
//! would be larger than the source. `None` when the bytes are not what they claim.

use crate::pictures::Kind;

/// `bytes` without metadata, for a JPEG or PNG.
pub(super) fn metadata(bytes: &[u8], kind: Kind) -> Option<Vec<u8>> {
    match kind {
        Kind::Jpeg => jpeg(bytes),
        Kind::Png => png(bytes),
        Kind::Webp | Kind::Gif => None,
    }
}

/// Drops APP1 (EXIF, XMP), APP13 (IPTC) and COM segments before the image data.
fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut out = vec![0xFF, 0xD8];
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        if marker == 0xDA {
            // Start of scan: the rest is image data.
            out.extend_from_slice(&bytes[at..]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]));
        let segment = bytes.get(at..at + 2 + len)?;
        if !matches!(marker, 0xE1 | 0xED | 0xFE) {
            out.extend_from_slice(segment);
        }
        at += 2 + len;
    }
}

/// Drops tEXt, zTXt, iTXt, tIME and eXIf chunks.
fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if bytes.get(..8)? != SIGNATURE {
        return None;
    }
    let mut out = SIGNATURE.to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let chunk = bytes.get(at..at.checked_add(12 + len)?)?;
        if !matches!(&chunk[4..8], b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" | b"eXIf") {
            out.extend_from_slice(chunk);
        }
        at += 12 + len;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_exif_and_comments_from_a_jpeg() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xE0, 0, 4, b'J', b'F']); // APP0 stays
        jpeg.extend([0xFF, 0xE1, 0, 6, b'E', b'x', b'i', b'f']); // APP1 goes
        jpeg.extend([0xFF, 0xFE, 0, 3, b'c']); // COM goes
        jpeg.extend([0xFF, 0xDA, 1, 2, 3]);
        let out = jpeg_strip(&jpeg);
        assert_eq!(out, [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, b'J', b'F', 0xFF, 0xDA, 1, 2, 3]);
        assert_eq!(metadata(b"not a jpeg", Kind::Jpeg), None);
    }

    fn jpeg_strip(bytes: &[u8]) -> Vec<u8> {
        metadata(bytes, Kind::Jpeg).unwrap()
    }

    #[test]
    fn drops_text_chunks_from_a_png() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend(kind);
            c.extend(data);
            c.extend([0; 4]);
            c
        };
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png.extend(chunk(b"IHDR", &[1; 13]));
        png.extend(chunk(b"tEXt", b"GPS"));
        png.extend(chunk(b"IEND", &[]));
        let out = metadata(&png, Kind::Png).unwrap();
        assert_eq!(out.len(), png.len() - 15);
        assert!(!out.windows(4).any(|w| w == b"tEXt"));
    }
}
