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
/// under limits, upright.
pub(super) fn decode(
    bytes: &[u8],
    kind: Kind,
    pixels: u64,
    orientation: u8,
) -> Result<DynamicImage, String> {
    let mut image = match kind {
        Kind::Jpeg => match strict_jpeg(bytes)? {
            Some(image) => image,
            None => lenient(bytes, pixels)?,
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
            let rgb = image.to_rgb8();
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
