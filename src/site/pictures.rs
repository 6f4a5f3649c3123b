//! Pictures: what a local image file is (its probe, read from the header) and which
//! resized copies of it the site publishes (its plan): widths, formats, file names and
//! the markup that offers them. Reading only headers keeps this stage cheap; decoding
//! and encoding the copies is the `images` writer's job, beside the page renderer.
//!
//! A copy's file name carries a digest of the source's bytes and of the settings it
//! was made with (`images/harbour-640.3f9a1c2e7b.webp`), so a browser or CDN never
//! serves a stale picture and the work folder can keep copies by name.

pub(crate) mod markup;

pub(crate) use crate::pictures::{Kind, Probe};

use crate::config::images::ImagesConfig;
use crate::digest;
use crate::urls::OutPath;
use std::path::PathBuf;

/// Bumped when the copies a setting makes would change (encoder, resampling, layout):
/// new names, so old copies are never served.
const RECIPE: u32 = 3;

/// One copy of a picture.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Variant {
    /// Its width and height in pixels.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Its format.
    pub(crate) kind: Kind,
    /// Where it goes in the output.
    #[serde(skip)]
    pub(crate) path: OutPath,
}

/// A local picture and the copies the site publishes of it.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The file on disk.
    pub(crate) source: PathBuf,
    /// The article that first named it, for messages.
    pub(crate) article: PathBuf,
    /// The name the article gave it.
    pub(crate) name: String,
    /// What the file is.
    pub(crate) probe: Probe,
    /// Every copy, WebP first then the source's format, each by width.
    pub(crate) variants: Vec<Variant>,
    /// The copy named in `og:image` and JSON-LD (an index into `variants`).
    social: usize,
    /// The copy the e-mail edition shows (an index into `variants`).
    email: usize,
    /// The copies that are none of the widths (made for `og:image` or the e-mail only),
    /// left out of `srcset`.
    extras: Vec<usize>,
    /// Settings the copies are made with.
    pub(crate) quality: u8,
}

/// Why a picture is published as it is, without copies: said in a warning.
pub(crate) fn as_is_reason(probe: &Probe, config: &ImagesConfig) -> Option<String> {
    let megapixels = u64::from(probe.width) * u64::from(probe.height) / 1_000_000;
    if probe.kind == Kind::Gif {
        return None;
    }
    if megapixels > u64::from(config.max_megapixels) {
        return Some(format!(
            "is {}×{} pixels ({megapixels} megapixels), over `[images] max_megapixels = {}`: \
             published as it is, without resized copies (raise the limit to resize it; \
             decoding takes about {} MB of memory)",
            probe.width,
            probe.height,
            config.max_megapixels,
            megapixels * 4
        ));
    }
    None
}

/// Every copy of a picture, and which are its social and e-mail copies.
struct Copies {
    variants: Vec<Variant>,
    social: usize,
    email: usize,
    extras: Vec<usize>,
}

/// The copies of a picture `probe` found, named after `stem` and `tag`: every width in
/// every format, then the social and e-mail copies in the source's format (made extra
/// when they are none of the widths).
fn copies(probe: &Probe, config: &ImagesConfig, stem: &str, tag: &str) -> Copies {
    let widths = widths(probe.width, &config.widths);
    let own = probe.kind;
    let mut kinds = vec![own];
    if config.webp && own != Kind::Webp {
        kinds.insert(0, Kind::Webp);
    }
    let variant = |kind: Kind, width: u32| Variant {
        width,
        height: scaled(probe.height, probe.width, width),
        kind,
        path: super::pagemap::picture(stem, width, tag, kind.ext()),
    };
    let mut variants: Vec<Variant> =
        kinds.iter().flat_map(|&k| widths.iter().map(move |&w| variant(k, w))).collect();
    let mut extras = Vec::new();
    let mut copy_at = |variants: &mut Vec<Variant>, width: u32| match variants
        .iter()
        .position(|v| v.kind == own && v.width == width)
    {
        Some(i) => i,
        None => {
            variants.push(variant(own, width));
            extras.push(variants.len() - 1);
            variants.len() - 1
        }
    };
    let social = copy_at(&mut variants, config.social_width.min(probe.width));
    let email = copy_at(&mut variants, EMAIL_COPY.min(probe.width));
    Copies { variants, social, email, extras }
}

/// The width of the e-mail edition's copy of a picture: twice the 552 pixels the
/// e-mail's column shows it at, so it is sharp on high-density screens, and a quarter
/// fewer pixels than the 1,280-pixel copy pages fall back to.
pub(crate) const EMAIL_COPY: u32 = 1104;

impl Picture {
    /// The plan for `source` as `probe` found it, or `None` when it is published as it
    /// is: a GIF (often animated), resizing turned off, or too large (see `as_is_reason`).
    pub(crate) fn plan(
        source: PathBuf,
        article: PathBuf,
        name: &str,
        probe: Probe,
        config: &ImagesConfig,
    ) -> Option<Picture> {
        if !config.resize || probe.kind == Kind::Gif || as_is_reason(&probe, config).is_some() {
            return None;
        }
        // Named by the file, not by how the article spelled it (`my%20photo.jpg`,
        // `<my photo.jpg>`): one picture, one set of copies.
        let stem = stem_of(&source.to_string_lossy());
        let tag = tag_of(&probe, config);
        let Copies { variants, social, email, extras } = copies(&probe, config, &stem, &tag);
        Some(Picture {
            source,
            article,
            name: name.to_string(),
            probe,
            variants,
            social,
            email,
            extras,
            quality: config.quality,
        })
    }

    /// The copy for browsers that read no `srcset`: the source's format, the widest
    /// copy up to 1280 pixels (else the narrowest).
    pub(crate) fn fallback(&self) -> &Variant {
        let own = self.own().filter(|v| v.width <= 1280).last();
        own.or_else(|| self.own().next()).unwrap_or(&self.variants[0])
    }

    /// The copy for `og:image` and JSON-LD.
    pub(crate) fn social(&self) -> &Variant {
        &self.variants[self.social]
    }

    /// The copy for the e-mail edition: `EMAIL_COPY` wide (or the source's width), in
    /// the source's format, which every mail program shows.
    pub(crate) fn email(&self) -> &Variant {
        &self.variants[self.email]
    }

    /// The copies in `kind`, narrowest first, without those made for one use only.
    pub(crate) fn set(&self, kind: Kind) -> impl Iterator<Item = &Variant> {
        self.variants
            .iter()
            .enumerate()
            .filter(move |(i, v)| v.kind == kind && !self.extras.contains(i))
            .map(|(_, v)| v)
    }

    /// The formats offered, WebP first.
    pub(crate) fn kinds(&self) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = Vec::new();
        for v in &self.variants {
            if !kinds.contains(&v.kind) {
                kinds.push(v.kind);
            }
        }
        kinds
    }

    fn own(&self) -> impl Iterator<Item = &Variant> {
        self.set(self.probe.kind)
    }
}

/// The widths to make for a source `width` pixels wide: every setting narrower than
/// it, and the source's own width when it is narrower than the widest setting.
fn widths(width: u32, settings: &[u32]) -> Vec<u32> {
    let mut list: Vec<u32> = settings.iter().copied().filter(|&w| w < width).collect();
    let widest = settings.iter().copied().max().unwrap_or(width);
    list.push(width.min(widest));
    list.sort_unstable();
    list.dedup();
    list
}

/// `height` scaled as `from` pixels wide becomes `to`, rounded, at least 1.
pub(crate) fn scaled(height: u32, from: u32, to: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(from) / 2) / u64::from(from.max(1));
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// A file-name-safe stem of a picture's file name.
fn stem_of(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    match crate::slugs::slugify(stem, 40) {
        s if s.is_empty() => "image".into(),
        s => s,
    }
}

/// Ten hex digits of the digest of the source's bytes and the settings of its copies.
fn tag_of(probe: &Probe, config: &ImagesConfig) -> String {
    let mut h = digest::Hasher::default();
    h.bytes(&probe.digest.to_le_bytes());
    h.bytes(&RECIPE.to_le_bytes());
    h.bytes(&[config.quality]);
    format!("{:010x}", h.finish() >> 88)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(kind: Kind, width: u32, height: u32) -> Probe {
        Probe { digest: 7, kind, width, height, orientation: 1, bytes: 1 }
    }

    #[test]
    fn never_upscales_and_keeps_the_source_width() {
        assert_eq!(widths(4000, &[320, 640, 1920]), [320, 640, 1920]);
        assert_eq!(widths(1000, &[320, 640, 960, 1280]), [320, 640, 960, 1000]);
        assert_eq!(widths(200, &[320, 640]), [200]);
    }

    #[test]
    fn plans_webp_then_own_format_and_a_social_copy() {
        let c = ImagesConfig::default();
        let p = Picture::plan(
            "seeds/pics/Harbour View.JPG".into(),
            "x.md".into(),
            "pics/Harbour%20View.JPG",
            probe(Kind::Jpeg, 4000, 3000),
            &c,
        )
        .unwrap();
        assert_eq!(p.kinds(), [Kind::Webp, Kind::Jpeg]);
        assert_eq!(p.set(Kind::Webp).count(), 7);
        assert_eq!(
            p.set(Kind::Jpeg).map(|v| v.width).collect::<Vec<_>>(),
            [320, 480, 672, 960, 1280, 1600, 1920]
        );
        assert_eq!((p.social().width, p.social().height, p.social().kind), (1200, 900, Kind::Jpeg));
        assert_eq!(p.fallback().width, 1280);
        let name = p.variants[0].path.as_str();
        assert!(name.starts_with("images/harbour-view-320.") && name.ends_with(".webp"), "{name}");
    }

    #[test]
    fn gifs_and_huge_pictures_are_published_as_they_are() {
        let c = ImagesConfig::default();
        assert!(
            Picture::plan("a".into(), "x".into(), "a.gif", probe(Kind::Gif, 400, 300), &c)
                .is_none()
        );
        let huge = probe(Kind::Png, 20_000, 10_000);
        assert!(as_is_reason(&huge, &c).unwrap().contains("200 megapixels"));
        assert!(Picture::plan("a".into(), "x".into(), "a.png", huge, &c).is_none());
    }
}
