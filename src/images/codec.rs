//! Decoding, resampling and encoding one picture: image-rs decodes under memory
//! limits and turns the picture upright by its EXIF orientation; fast_image_resize
//! resamples (Catmull-Rom); jpeg-encoder, libwebp (through `webp`) and image-rs's PNG
//! encoder write the copies, none of which carries the source's metadata.

use crate::pictures::Kind;
use fast_image_resize as fir;
use image::metadata::Orientation;
use image::{DynamicImage, ImageReader};
use std::io::Cursor;

/// Decodes a `kind` picture of `pixels` pixels (as probed, turned by `orientation`)
/// under limits, upright. A JPEG is decoded at a half, a quarter or an eighth of its
/// size when that is still at least `fit` (width and height, upright): the discrete
/// cosine transform is inverted at the smaller size, which costs less time and a
/// fraction of the memory, and resampling starts from fewer pixels.
pub(super) fn decode(
    bytes: &[u8],
    kind: Kind,
    pixels: u64,
    orientation: u8,
    fit: (u32, u32),
) -> Result<DynamicImage, String> {
    // The stored picture is turned on its side for orientations 5 to 8.
    let stored_fit = if orientation >= 5 { (fit.1, fit.0) } else { fit };
    let mut image = match kind {
        Kind::Jpeg => match scaled_jpeg(bytes, stored_fit) {
            Some(image) => image,
            None => match strict_jpeg(bytes)? {
                Some(image) => image,
                None => lenient(bytes, pixels)?,
            },
        },
        _ => lenient(bytes, pixels)?,
    };
    let orientation = Orientation::from_exif(orientation).unwrap_or(Orientation::NoTransforms);
    image.apply_orientation(orientation);
    Ok(match image.color().has_alpha() {
        true => DynamicImage::ImageRgba8(image.into_rgba8()),
        false => DynamicImage::ImageRgb8(image.into_rgb8()),
    })
}

/// A JPEG decoded at the smallest of 1/8, 1/4 and 1/2 of its size that covers `fit`
/// (jpeg-decoder's scaled inverse DCT); `None` when no smaller size covers it, when
/// the file does not end as a JPEG ends (the strict decoder then says it is cut short),
/// or when jpeg-decoder cannot read it or gives other than RGB or grey pixels, all of
/// which the full decoders below handle.
fn scaled_jpeg(bytes: &[u8], fit: (u32, u32)) -> Option<DynamicImage> {
    if !ends_like_a_jpeg(bytes) {
        return None;
    }
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    // Lossless JPEGs are never scaled by jpeg-decoder, whatever `scale` reports; only
    // 8-bit RGB and grey are taken from it.
    let channels = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => 3,
        jpeg_decoder::PixelFormat::L8 => 1,
        _ => return None,
    };
    if info.coding_process == jpeg_decoder::CodingProcess::Lossless {
        return None;
    }
    let (full_w, full_h) = (u32::from(info.width), u32::from(info.height));
    if fit.0 > full_w.div_ceil(2) || fit.1 > full_h.div_ceil(2) {
        return None;
    }
    let ask = |n: u32| u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    let (w, h) = decoder.scale(ask(fit.0), ask(fit.1)).ok()?;
    // jpeg-decoder takes the first scale that covers either side: both must be covered.
    let (w, h) = (u32::from(w), u32::from(h));
    if w < fit.0 || h < fit.1 {
        return None;
    }
    let pixels = decoder.decode().ok()?;
    if pixels.len() as u64 != u64::from(w) * u64::from(h) * channels {
        return None;
    }
    match channels {
        3 => image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8),
        _ => image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8),
    }
}

/// A JPEG decoded by the letter of the standard, so that a file cut short is an error;
/// `None` when it strays from the standard in some other way a lenient decoder forgives.
fn strict_jpeg(bytes: &[u8]) -> Result<Option<DynamicImage>, String> {
    let options = zune_core::options::DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX)
        .jpeg_set_out_colorspace(zune_core::colorspace::ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    match decoder.decode() {
        Ok(pixels) => {
            let Some((w, h)) = decoder.dimensions() else { return Ok(None) };
            let (w, h) = (u32::try_from(w).unwrap_or(0), u32::try_from(h).unwrap_or(0));
            Ok(image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8))
        }
        // A file that a strict decoder refuses and that does not end where a JPEG ends.
        Err(e) if e.to_string().contains("Premature end") || !ends_like_a_jpeg(bytes) => {
            Err("is cut short: its picture data ends early (was the upload or copy interrupted?)"
                .into())
        }
        Err(_) => Ok(None),
    }
}

/// True when `bytes` end with a JPEG's end-of-image marker (padding aside).
fn ends_like_a_jpeg(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    bytes[..end].ends_with(&[0xFF, 0xD9])
}

/// Any picture, decoded as forgivingly as image-rs does, under memory limits.
fn lenient(bytes: &[u8], pixels: u64) -> Result<DynamicImage, String> {
    let mut limits = image::Limits::default();
    // Room for the pixels at 16 bits a channel and the decoder's own buffers.
    limits.max_alloc = Some(pixels * 8 + (64 << 20));
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    reader.limits(limits);
    DynamicImage::from_decoder(
        reader.into_decoder().map_err(|e| format!("cannot be decoded: {e}"))?,
    )
    .map_err(|e| format!("cannot be decoded (is the file cut short?): {e}"))
}

pub(super) fn resize(
    image: &DynamicImage,
    width: u32,
    height: u32,
) -> Result<DynamicImage, String> {
    let mut out = match image {
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(width, height),
        _ => DynamicImage::new_rgb8(width, height),
    };
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::CatmullRom));
    fir::Resizer::new()
        .resize(image, &mut out, &options)
        .map_err(|e| format!("cannot be resized: {e}"))?;
    Ok(out)
}

pub(super) fn encode(image: &DynamicImage, kind: Kind, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let failed = |e: image::ImageError| format!("cannot be encoded as {}: {e}", kind.ext());
    match kind {
        Kind::Webp => {
            let encoder = match image {
                DynamicImage::ImageRgba8(rgba) => {
                    webp::Encoder::from_rgba(rgba.as_raw(), image.width(), image.height())
                }
                _ => webp::Encoder::from_rgb(image.as_bytes(), image.width(), image.height()),
            };
            out.extend_from_slice(&encoder.encode(f32::from(quality)));
        }
        Kind::Jpeg => {
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
            encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
            encoder.set_optimized_huffman_tables(true);
            encoder.set_progressive(true);
            let (w, h) = (dimension(image.width())?, dimension(image.height())?);
            // Most copies already are RGB: borrowed, not copied (a 1920-pixel copy is 8 MB).
            let converted;
            let rgb = match image {
                DynamicImage::ImageRgb8(rgb) => rgb,
                other => {
                    converted = other.to_rgb8();
                    &converted
                }
            };
            encoder
                .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
                .map_err(|e| format!("cannot be encoded as jpg: {e}"))?;
        }
        Kind::Png | Kind::Gif => {
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            image.write_with_encoder(encoder).map_err(failed)?;
        }
    }
    Ok(out)
}

/// `image` as an indexed PNG: its colours (and their transparency) reduced to a palette
/// of 256 by NeuQuant, the quantiser the GIF encoder uses. For flat artwork, which
/// resampling spreads into more colours than a palette holds, this is a fraction of the
/// truecolour PNG and looks the same.
pub(super) fn palette_png(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let failed = |e: png::EncodingError| format!("cannot be encoded as png: {e}");
    let rgba = image.to_rgba8();
    let quantizer = color_quant::NeuQuant::new(3, 256, rgba.as_raw());
    let map = quantizer.color_map_rgba();
    let rgb: Vec<u8> = map.chunks_exact(4).flat_map(|c| [c[0], c[1], c[2]]).collect();
    let alpha: Vec<u8> = map.chunks_exact(4).map(|c| c[3]).collect();
    let indices: Vec<u8> = rgba
        .as_raw()
        .chunks_exact(4)
        .map(|px| u8::try_from(quantizer.index_of(px)).unwrap_or(u8::MAX))
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width(), image.height());
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(rgb);
    if alpha.iter().any(|&a| a < u8::MAX) {
        encoder.set_trns(alpha);
    }
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&indices).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

/// A width or height as JPEG stores it (at most 65,535).
fn dimension(n: u32) -> Result<u16, String> {
    u16::try_from(n).map_err(|_| format!("is too large for a JPEG copy ({n} pixels)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1600×1067 photo of the test fixtures.
    fn photo() -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images/photo.jpg");
        crate::fs::read(std::path::Path::new(path)).expect("the fixture")
    }

    #[test]
    fn a_jpeg_decodes_at_the_smallest_scale_that_covers_the_widest_copy() {
        let bytes = photo();
        let size = |fit| scaled_jpeg(&bytes, fit).map(|i| (i.width(), i.height()));
        assert_eq!(size((640, 427)), Some((800, 534)));
        assert_eq!(size((400, 267)), Some((400, 267)));
        assert_eq!(size((200, 134)), Some((200, 134)));
        assert_eq!(size((100, 67)), Some((200, 134)), "an eighth at most");
        // Neither side may fall short, and no smaller size covers 801 pixels.
        assert_eq!(size((640, 540)), None);
        assert_eq!(size((801, 534)), None);
        let decoded = decode(&bytes, Kind::Jpeg, 1600 * 1067, 1, (640, 427)).expect("decoded");
        assert_eq!((decoded.width(), decoded.height()), (800, 534));
    }

    #[test]
    fn a_turned_jpeg_is_decoded_small_by_its_stored_sides() {
        // Stored 700x1050, EXIF orientation 6: shown 1050x700. Copies up to 400x267
        // (upright) need 267x400 stored, which a half (350x525) covers; taken upright,
        // 400 of 700 would need the whole picture.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images/rotated.jpg");
        let bytes = crate::fs::read(std::path::Path::new(path)).expect("the fixture");
        let decoded = decode(&bytes, Kind::Jpeg, 700 * 1050, 6, (400, 267)).expect("decoded");
        assert_eq!((decoded.width(), decoded.height()), (525, 350));
        let whole = decode(&bytes, Kind::Jpeg, 700 * 1050, 6, (600, 400)).expect("decoded");
        assert_eq!((whole.width(), whole.height()), (1050, 700));
    }

    #[test]
    fn a_cut_short_jpeg_is_never_decoded_small() {
        let bytes = photo();
        let cut = &bytes[..bytes.len() / 2];
        assert!(scaled_jpeg(cut, (200, 134)).is_none());
        let error = decode(cut, Kind::Jpeg, 1600 * 1067, 1, (200, 134)).unwrap_err();
        assert!(error.contains("cut short"), "{error}");
    }
}
