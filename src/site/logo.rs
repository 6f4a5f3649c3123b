//! The publisher's logo (`[publisher] logo`) as a picture: a file under `static/` (or
//! the site root) is probed and planned like any picture, with one copy at the size
//! Google asks of a publisher's logo (at least 112 pixels each way; 600 wide at most),
//! which JSON-LD names with its width and height. An absolute URL is used as written.

use super::bodies::Memo;
use super::pictures::Picture;
use crate::config::SiteConfig;
use crate::config::images::ImagesConfig;
use crate::error::{Error, Result};
use crate::warnings::Warnings;
use std::path::Path;
use std::sync::Arc;

/// Google's smallest logo side, in pixels.
const MIN_SIDE: u32 = 112;
/// The width of the copy JSON-LD names.
const WIDTH: u32 = 600;

/// The logo's copy, planned, when `[publisher] logo` names a local picture.
pub(crate) fn plan(
    config: &SiteConfig,
    root: &Path,
    memo: &dyn Memo,
    warnings: &mut Warnings,
) -> Result<Option<Arc<Picture>>> {
    let Some(publisher) = &config.publisher else { return Ok(None) };
    let Some(logo) = publisher.logo.as_deref().filter(|l| !l.contains("://")) else {
        return Ok(None);
    };
    let line = publisher.lines.get("logo").copied().unwrap_or(1);
    let source = source_of(root, logo, line)?;
    let say = |warnings: &mut Warnings, what: String| {
        warnings.at(Path::new("site.toml"), line, format!("[publisher] logo `{logo}` {what}"))
    };
    let probe = match memo.picture(&source, &|| crate::pictures::probe(&source)) {
        Ok(probe) => probe,
        Err(problem) => {
            say(
                warnings,
                format!("{problem}; Google reads PNG, JPEG, WebP or GIF logos: named as it is"),
            );
            return Ok(None);
        }
    };
    if probe.width < MIN_SIDE || probe.height < MIN_SIDE {
        say(
            warnings,
            format!(
                "is {}×{} pixels; Google asks for at least {MIN_SIDE}×{MIN_SIDE}",
                probe.width, probe.height
            ),
        );
    }
    let images = ImagesConfig {
        widths: vec![WIDTH],
        webp: false,
        social_width: WIDTH,
        ..config.images.clone()
    };
    let shown = Path::new("site.toml").to_path_buf();
    Ok(Picture::plan(source, shown, logo, probe, &images).map(Arc::new))
}

/// The file `logo` names: under `static/`, else at the site root; else an error at `line`.
fn source_of(root: &Path, logo: &str, line: usize) -> Result<std::path::PathBuf> {
    let rel = logo.trim_start_matches('/');
    let candidates = [root.join("static").join(rel), root.join(rel)];
    candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| Error::Config {
        path: "site.toml".into(),
        line,
        message: format!(
            "[publisher] logo names `{logo}`, but there is no static/{rel} (nor {rel} at the site root)"
        ),
    })
}
