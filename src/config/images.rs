//! `[images]`: the resized copies (derivatives) made of every local picture, and the
//! limits that keep a hostile or huge file from taking the machine's memory.

use serde::{Deserialize, Serialize};

/// `[images]`: how lead images and body images are resized.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// Make resized copies; when off, pictures are copied as they are (with their size).
    #[serde(default = "super::yes")]
    pub resize: bool,
    /// The widths of the copies, in pixels; never wider than the source.
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    /// Encoder quality for JPEG and WebP, 1–100.
    #[serde(default = "default_quality")]
    pub quality: u8,
    /// Also make WebP copies (offered first to browsers that read WebP).
    #[serde(default = "super::yes")]
    pub webp: bool,
    /// The width of the copy named in `og:image` and JSON-LD (Open Graph and Google
    /// recommend 1200), made in the source's own format.
    #[serde(default = "default_social")]
    pub social_width: u32,
    /// Pictures larger than this many megapixels are linked as they are, with a warning:
    /// decoding one takes about 4 bytes a pixel of memory.
    #[serde(default = "default_max_megapixels")]
    pub max_megapixels: u32,
    /// The `sizes` attribute of a lead image on its article page: how wide it shows.
    #[serde(default = "default_sizes")]
    pub sizes: String,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            resize: true,
            widths: default_widths(),
            quality: default_quality(),
            webp: true,
            social_width: default_social(),
            max_megapixels: default_max_megapixels(),
            sizes: default_sizes(),
        }
    }
}

impl ImagesConfig {
    /// The offending key and a message when a value is out of range.
    pub(crate) fn check(&self) -> Result<(), (&'static str, String)> {
        if self.widths.is_empty() {
            return Err(("widths", "`[images] widths` needs at least one width".into()));
        }
        if let Some(w) =
            self.widths.iter().chain([&self.social_width]).find(|w| !(16..=8192).contains(*w))
        {
            return Err(("widths", format!("image width {w} is out of range (16 to 8192 pixels)")));
        }
        if !(1..=100).contains(&self.quality) {
            return Err(("quality", format!("`quality` must be 1 to 100, got {}", self.quality)));
        }
        if self.max_megapixels == 0 || self.max_megapixels > 1000 {
            return Err(("max_megapixels", "`max_megapixels` must be 1 to 1000".into()));
        }
        Ok(())
    }
}

/// Thumbnails, phones, tablets, desktops at 1× and 2×. 672 is the default theme's
/// column on a 412-pixel phone at 1.75× (380 CSS pixels; Lighthouse's mobile profile):
/// the next copy up would send a third more bytes than that screen shows.
fn default_widths() -> Vec<u32> {
    vec![320, 480, 672, 960, 1280, 1600, 1920]
}
fn default_quality() -> u8 {
    80
}
fn default_social() -> u32 {
    1200
}
fn default_max_megapixels() -> u32 {
    100
}
fn default_sizes() -> String {
    "(min-width: 46rem) 44rem, calc(100vw - 2rem)".into()
}
