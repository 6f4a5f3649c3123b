//! The images writer: makes the resized copies the site's pictures need (planned in
//! `site::pictures`) and places them in the output. It runs beside the page renderer.
//!
//! Copies are kept in the work folder (`.broadsheet/images/`) by file name, and a name
//! carries a digest of the source's bytes and the settings: a picture whose copies are
//! all there is never decoded again, whichever article changed, and `--clean` reuses
//! them too (delete the folder to make them afresh). A picture is decoded once for all
//! its copies, under decoder limits, turned upright by its EXIF orientation, resized
//! with fast_image_resize and encoded without metadata (no EXIF, so no GPS position).
//! A picture that cannot be decoded fails the build, naming the article and the
//! picture; the published site stays as it was.

mod codec;
mod strip;

use crate::digest::{self, Digest};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::pictures::Kind;
use crate::site::Site;
use crate::site::pictures::{Picture, Variant};
use codec::{decode, encode, resize};
use image::DynamicImage;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// How long a copy no build names stays in the store: long enough that going back
/// to a setting tried this week, or serving drafts between builds, decodes nothing.
const KEEP_UNNAMED: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 60 * 60);

/// Bytes of decoded pixels held at once across threads (a 12-megapixel photo takes
/// 48 MB): more pictures wait. One picture larger than this still goes, alone.
const BUDGET: u64 = 1 << 30;

/// What the writer did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Made {
    /// Pictures with copies.
    pub(crate) pictures: usize,
    /// Pictures decoded to make copies.
    pub(crate) decoded: usize,
    /// Copies placed in the output.
    pub(crate) files: usize,
    /// Old copies no longer named, removed from the store.
    pub(crate) pruned: usize,
}

/// The folder of the work folder `work` that keeps the copies.
pub(crate) fn store(work: &Path) -> PathBuf {
    work.join("images")
}

/// Makes (or finds in `store`) every copy of every picture of `site` and places it.
/// Old copies are pruned from the store only when `site` is the whole publication
/// (one language's site does not know the pictures of the others).
pub(crate) fn write_all(site: &Site, output: &Output, store: &Path) -> Result<Made> {
    if site.pictures.is_empty() {
        return Ok(Made::default());
    }
    crate::fs::create_dir_all(store)?;
    let budget = Budget::default();
    let decoded = AtomicUsize::new(0);
    output.watch().pictures(site.pictures.len());
    site.pictures.par_iter().try_for_each(|picture| {
        if !picture.variants.iter().all(|v| store.join(file_name(v)).is_file()) {
            make(picture, store, &budget)?;
            decoded.fetch_add(1, Ordering::Relaxed);
        }
        picture
            .variants
            .iter()
            .try_for_each(|v| output.place(&store.join(file_name(v)), &v.path, content_key(v)))?;
        output.watch().picture_done();
        Ok(())
    })?;
    Ok(Made {
        pictures: site.pictures.len(),
        decoded: decoded.into_inner(),
        files: site.pictures.iter().map(|p| p.variants.len()).sum(),
        pruned: match site.placement {
            None => prune(site, store, KEEP_UNNAMED)?,
            Some(_) => 0,
        },
    })
}

/// The byte size of each picture's social copy (the one feeds enclose), by its output
/// path, read from `store` after `write_all` made the copies.
pub(crate) fn social_sizes(site: &Site, store: &Path) -> std::collections::HashMap<String, u64> {
    let social = site.pictures.iter().map(|p| p.social());
    social
        .filter_map(|v| {
            let meta = crate::fs::metadata(&store.join(file_name(v)))?;
            Some((v.path.as_str().to_string(), meta.len()))
        })
        .collect()
}

/// Removes from `store` the copies no picture of `site` names that are older than
/// `keep` (copies of pictures gone, or made under other settings): the store holds
/// what the site uses plus a week of changes, not every picture it ever had.
fn prune(site: &Site, store: &Path, keep: std::time::Duration) -> Result<usize> {
    let named: std::collections::HashSet<&str> =
        site.pictures.iter().flat_map(|p| p.variants.iter().map(file_name)).collect();
    let now = std::time::SystemTime::now();
    let mut pruned = 0;
    for name in crate::fs::list(store)? {
        if name.to_str().is_some_and(|n| named.contains(n)) {
            continue;
        }
        let path = store.join(&name);
        let Some(meta) = crate::fs::metadata(&path).filter(|m| m.is_file()) else { continue };
        let age = meta.modified().ok().and_then(|t| now.duration_since(t).ok());
        if age.is_some_and(|age| age >= keep) {
            crate::fs::remove_file(&path)?;
            pruned += 1;
        }
    }
    Ok(pruned)
}

/// A copy's file name, which stands for its bytes.
fn file_name(v: &Variant) -> &str {
    v.path.as_str().rsplit('/').next().unwrap_or(v.path.as_str())
}

/// What stands for a copy's bytes in the output's manifest: its name says it all.
fn content_key(v: &Variant) -> Digest {
    digest::of_bytes(v.path.as_str().as_bytes())
}

/// Decodes `picture` and writes each of its copies into `store`.
fn make(picture: &Picture, store: &Path, budget: &Budget) -> Result<()> {
    let fail = |message: String| picture_error(picture, message);
    let pixels = u64::from(picture.probe.width) * u64::from(picture.probe.height);
    let _held = budget.take(pixels * 4);
    let bytes = crate::fs::read(&picture.source)?;
    let p = &picture.probe;
    let widest = picture.variants.iter().max_by_key(|v| v.width).expect("a picture has copies");
    let image = decode(&bytes, p.kind, pixels, p.orientation, (widest.width, widest.height))
        .map_err(fail)?;
    if !same_shape((image.width(), image.height()), (p.width, p.height)) {
        return Err(fail("changed while the site was built; build again".into()));
    }
    drop(bytes);
    let sized = sized(picture, &image).map_err(fail)?;
    drop(image);
    for v in &picture.variants {
        let img = &sized.iter().find(|(w, _)| *w == v.width).expect("every width is sized").1;
        let encoded = encode(img, v.kind, picture.quality).map_err(fail)?;
        let encoded = no_larger(picture, v, img, encoded)?;
        crate::fs::write_atomically(&store.join(file_name(v)), &encoded)?;
    }
    Ok(())
}

/// True when a decoded picture of `decoded` pixels is the probed picture of `probed`
/// pixels at full size or at a half, a quarter or an eighth of it (scaled decoding
/// rounds each side up).
fn same_shape(decoded: (u32, u32), probed: (u32, u32)) -> bool {
    [1, 2, 4, 8].iter().any(|&n| decoded == (probed.0.div_ceil(n), probed.1.div_ceil(n)))
}

/// The source resampled to each width of its copies: once from the source to the
/// widest, and from that to the rest.
fn sized(
    picture: &Picture,
    image: &DynamicImage,
) -> std::result::Result<Vec<(u32, DynamicImage)>, String> {
    let mut widest: Vec<&Variant> = picture.variants.iter().collect();
    widest.sort_by_key(|v| std::cmp::Reverse(v.width));
    // The widest is kept as it is made (not copied): a 1920-pixel copy is 8 MB.
    let base = resize(image, widest[0].width, widest[0].height)?;
    let mut sized: Vec<(u32, DynamicImage)> = vec![(widest[0].width, base)];
    for v in &widest[1..] {
        if !sized.iter().any(|(w, _)| *w == v.width) {
            let img = resize(&sized[0].1, v.width, v.height)?;
            sized.push((v.width, img));
        }
    }
    Ok(sized)
}

/// `encoded`, or a smaller form of the copy when `encoded` is not smaller than the
/// source: for a PNG, the copy in a palette of 256 colours (flat artwork, whose edges
/// resampling softens into thousands of colours); for a copy at the source's own size
/// and format that needs no turning, the source itself without its metadata; for a
/// turned JPEG or WebP at full size, lower qualities down to 50.
fn no_larger(
    picture: &Picture,
    v: &Variant,
    img: &DynamicImage,
    encoded: Vec<u8>,
) -> Result<Vec<u8>> {
    let p = &picture.probe;
    if (encoded.len() as u64) < p.bytes {
        return Ok(encoded);
    }
    let fail = |m: String| picture_error(picture, m);
    let mut best = encoded;
    if v.kind == Kind::Png {
        smaller(&mut best, codec::palette_png(img).map_err(fail)?);
    }
    let full = v.width == p.width && v.kind == p.kind;
    if full && p.orientation == 1 {
        let source = crate::fs::read(&picture.source)?;
        if let Some(stripped) = strip::metadata(&source, v.kind) {
            smaller(&mut best, stripped);
        }
    } else if full && v.kind != Kind::Png {
        // A turned picture must be encoded again: at lower qualities until it is smaller.
        let mut quality = picture.quality;
        while quality > 50 && best.len() as u64 >= p.bytes {
            quality = quality.saturating_sub(10).max(50);
            smaller(&mut best, encode(img, v.kind, quality).map_err(fail)?);
        }
    }
    Ok(best)
}

/// Keeps `other` in `best` when it is smaller.
fn smaller(best: &mut Vec<u8>, other: Vec<u8>) {
    if other.len() < best.len() {
        *best = other;
    }
}

/// The build error for `picture`: `message` ends the sentence naming it.
fn picture_error(picture: &Picture, message: String) -> Error {
    Error::Picture { article: picture.article.clone(), image: picture.name.clone(), message }
}

/// Bytes of decoded pixels in flight, shared by the threads that decode.
#[derive(Default)]
struct Budget {
    used: Mutex<u64>,
    freed: Condvar,
}

/// A share of the budget, given back when dropped.
struct Held<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    /// Waits until `bytes` fit (or nothing else is held) and takes them.
    fn take(&self, bytes: u64) -> Held<'_> {
        let mut used = self.used.lock().expect("no panics while holding the lock");
        while *used > 0 && *used + bytes > BUDGET {
            used = self.freed.wait(used).expect("no panics while holding the lock");
        }
        *used += bytes;
        Held { budget: self, bytes }
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().expect("no panics while holding the lock");
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}
