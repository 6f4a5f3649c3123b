//! The pictures floor: what making a photo's copies costs with the crates Broadsheet
//! uses and nothing else. For every JPEG in a folder, on all cores: read it, decode it
//! (zune-jpeg), resample it (fast_image_resize, Catmull-Rom: the widest copy from the
//! source, each narrower one from the copy above it), and encode every width as WebP
//! (libwebp) and JPEG (jpeg-encoder), plus a 1200-pixel JPEG, with the settings the
//! build uses. No cache, no names, no page: the encoded bytes are counted and dropped.
//!
//! `bench/images.sh` runs it beside the build on the same photos, so the build's time
//! is reported as a ratio to this floor measured in the same run. With `--ssim` it
//! also decodes every copy again and compares it with the pixels it was encoded from
//! (mean SSIM over the luma), which is how encoder settings are chosen: a faster
//! setting is only taken where the pictures come out as good.
//!
//! ```text
//! cargo run --release --example picture_floor -- DIR [--limit N] [--widths 320,640,...]
//!     [--quality 80] [--webp-method 0..6] [--full-decode] [--cascade] [--decode-only] [--ssim]
//! ```

// A bench program, not the library: it reads its photos with std::fs directly.
#![allow(clippy::disallowed_methods)]

use fast_image_resize as fir;
use image::{DynamicImage, GrayImage};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

struct Args {
    dir: PathBuf,
    limit: usize,
    widths: Vec<u32>,
    quality: u8,
    webp_method: i32,
    full_decode: bool,
    cascade: bool,
    decode_only: bool,
    ssim: bool,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        dir: PathBuf::new(),
        limit: usize::MAX,
        widths: vec![320, 640, 960, 1280, 1920],
        quality: 80,
        webp_method: 4,
        full_decode: false,
        cascade: false,
        decode_only: false,
        ssim: false,
    };
    let value = |it: &mut dyn Iterator<Item = String>, name: &str| {
        it.next().ok_or_else(|| format!("{name} needs a value"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--limit" => {
                a.limit = value(&mut it, "--limit")?.parse().map_err(|e| format!("{e}"))?
            }
            "--quality" => {
                a.quality = value(&mut it, "--quality")?.parse().map_err(|e| format!("{e}"))?;
            }
            "--webp-method" => {
                a.webp_method =
                    value(&mut it, "--webp-method")?.parse().map_err(|e| format!("{e}"))?;
            }
            "--widths" => {
                a.widths = value(&mut it, "--widths")?
                    .split(',')
                    .map(|w| w.trim().parse().map_err(|e| format!("width {w}: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--full-decode" => a.full_decode = true,
            "--cascade" => a.cascade = true,
            "--decode-only" => a.decode_only = true,
            "--ssim" => a.ssim = true,
            "-h" | "--help" => return Err(String::new()),
            _ if !arg.starts_with('-') && a.dir.as_os_str().is_empty() => a.dir = arg.into(),
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    if a.dir.as_os_str().is_empty() {
        return Err("give the folder of JPEGs".into());
    }
    Ok(a)
}

#[derive(Default)]
struct Totals {
    pictures: usize,
    webp_bytes: u64,
    jpeg_bytes: u64,
    ssim_webp: Vec<f64>,
    ssim_jpeg: Vec<f64>,
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{e}\nusage: picture_floor DIR [--limit N] [--widths 320,640,...] [--quality Q] [--webp-method M] [--full-decode] [--cascade] [--decode-only] [--ssim]"
            );
            std::process::exit(2);
        }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .unwrap_or_else(|e| panic!("{}: {e}", args.dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("jpg")))
        .collect();
    files.sort();
    files.truncate(args.limit);
    let totals = Mutex::new(Totals::default());
    let start = Instant::now();
    files.par_iter().for_each(|path| {
        let t = one(path, &args);
        let mut all = totals.lock().expect("no panics under the lock");
        all.pictures += 1;
        all.webp_bytes += t.webp_bytes;
        all.jpeg_bytes += t.jpeg_bytes;
        all.ssim_webp.extend(t.ssim_webp);
        all.ssim_jpeg.extend(t.ssim_jpeg);
    });
    let seconds = start.elapsed().as_secs_f64();
    let t = totals.into_inner().expect("no panics under the lock");
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "pictures={} seconds={seconds:.3} webp_bytes={} jpeg_bytes={} ssim_webp={:.5} ssim_jpeg={:.5}",
        t.pictures,
        t.webp_bytes,
        t.jpeg_bytes,
        mean(&t.ssim_webp),
        mean(&t.ssim_jpeg)
    );
}

/// Every copy of one photo.
fn one(path: &std::path::Path, args: &Args) -> Totals {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The 1200-pixel copy is made too: the decode must cover it.
    let widest = args.widths.iter().copied().chain([1200]).max().unwrap_or(1200);
    let source = decode(&bytes, (!args.full_decode).then_some(widest));
    drop(bytes);
    if args.decode_only {
        return Totals::default();
    }
    if args.ssim && !args.full_decode {
        // How far the scaled decode moves each copy from the full decode's.
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let full = decode(&bytes, None);
        let mut out = Totals::default();
        for &w in &args.widths {
            let h = (u64::from(full.height()) * u64::from(w) / u64::from(full.width())) as u32;
            let (a, b) = (resize(&full, w, h), resize(&source, w, h));
            out.ssim_jpeg.push(ssim(&a, &b));
        }
        return out;
    }
    let mut widths = args.widths.clone();
    widths.push(1200);
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.dedup();
    let mut out = Totals::default();
    // As the build does: the widest copy from the source, the rest from the widest
    // (with --cascade, each from the copy above it).
    let mut widest_copy: Option<DynamicImage> = None;
    let mut above: Option<DynamicImage> = None;
    for &w in &widths {
        let from = match args.cascade {
            true => above.as_ref(),
            false => widest_copy.as_ref(),
        };
        let from = from.unwrap_or(&source);
        let h = (u64::from(source.height()) * u64::from(w) / u64::from(source.width())) as u32;
        let img = resize(from, w, h.max(1));
        if w != 1200 || args.widths.contains(&1200) {
            let webp = webp(&img, args.quality, args.webp_method);
            out.webp_bytes += webp.len() as u64;
            if args.ssim {
                out.ssim_webp.push(ssim(&img, &image::load_from_memory(&webp).expect("webp")));
            }
        }
        let jpeg = jpeg(&img, args.quality);
        out.jpeg_bytes += jpeg.len() as u64;
        if args.ssim {
            out.ssim_jpeg.push(ssim(&img, &image::load_from_memory(&jpeg).expect("jpeg")));
        }
        if widest_copy.is_none() {
            widest_copy = Some(img.clone());
        }
        above = Some(img);
    }
    out
}

/// The photo's pixels; with `fit`, at the smallest of 1/8, 1/4 and 1/2 of its size that
/// is still at least `fit` wide.
fn decode(bytes: &[u8], fit: Option<u32>) -> DynamicImage {
    if let Some(fit) = fit {
        let mut decoder = jpeg_decoder::Decoder::new(bytes);
        decoder.read_info().expect("a JPEG");
        let info = decoder.info().expect("read");
        // Both sides asked for: jpeg-decoder stops at the first scale that covers either.
        let fit_h = u32::from(info.height) * fit / u32::from(info.width).max(1);
        let ask = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
        let (w, h) = decoder.scale(ask(fit), ask(fit_h)).expect("scaled");
        let pixels = decoder.decode().expect("a JPEG");
        return DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(u32::from(w), u32::from(h), pixels).expect("pixels"),
        );
    }
    let options = zune_core::options::DecoderOptions::default()
        .jpeg_set_out_colorspace(zune_core::colorspace::ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    let pixels = decoder.decode().expect("a JPEG");
    let (w, h) = decoder.dimensions().expect("decoded");
    DynamicImage::ImageRgb8(
        image::RgbImage::from_raw(w as u32, h as u32, pixels).expect("as many pixels as said"),
    )
}

fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    let mut out = DynamicImage::new_rgb8(width, height);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::CatmullRom));
    fir::Resizer::new().resize(image, &mut out, &options).expect("resized");
    out
}

fn webp(image: &DynamicImage, quality: u8, method: i32) -> Vec<u8> {
    let encoder = webp::Encoder::from_rgb(image.as_bytes(), image.width(), image.height());
    let mut config = webp::WebPConfig::new().expect("libwebp's defaults");
    config.quality = f32::from(quality);
    config.method = method;
    encoder.encode_advanced(&config).expect("encoded").to_vec()
}

fn jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder.set_optimized_huffman_tables(true);
    encoder.set_progressive(true);
    let (w, h) = (image.width() as u16, image.height() as u16);
    encoder.encode(image.as_bytes(), w, h, jpeg_encoder::ColorType::Rgb).expect("encoded");
    out
}

/// Mean SSIM of two pictures' luma.
fn ssim(a: &DynamicImage, b: &DynamicImage) -> f64 {
    let (a, b): (GrayImage, GrayImage) = (a.to_luma8(), b.to_luma8());
    image_compare::gray_similarity_structure(&image_compare::Algorithm::MSSIMSimple, &a, &b)
        .expect("same size")
        .score
}
