//! The markup that offers a picture's copies: `<picture>` with a WebP `<source>` first,
//! then an `<img>` in the source's format with `srcset`, `sizes`, its intrinsic
//! `width` and `height` (so the page does not jump as it loads), `alt`, and lazy
//! loading unless it is the page's first picture. Article bodies get this markup;
//! templates build their own from the image view (see `views`).

use super::{Kind, Picture, Variant};
use crate::urls::OutPath;

/// How a picture sits on its page.
pub(crate) struct Placing<'a> {
    /// Alt text (may be empty for a decorative picture).
    pub(crate) alt: &'a str,
    /// The Markdown image title, shown as a tooltip.
    pub(crate) title: &'a str,
    /// The `sizes` attribute.
    pub(crate) sizes: &'a str,
}

/// `srcset` for the copies in `kind`: `href 320w, href 640w, …`.
pub(crate) fn srcset(picture: &Picture, kind: Kind, href: &dyn Fn(&OutPath) -> String) -> String {
    let list: Vec<String> =
        picture.set(kind).map(|v: &Variant| format!("{} {}w", href(&v.path), v.width)).collect();
    list.join(", ")
}

/// The `<picture>` element for a picture in an article body.
pub(crate) fn picture(
    picture: &Picture,
    at: &Placing<'_>,
    href: &dyn Fn(&OutPath) -> String,
) -> String {
    let mut html = String::from("<picture>");
    let own = picture.probe.kind;
    for kind in picture.kinds().into_iter().filter(|k| *k != own) {
        html.push_str(&format!(
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{}\">",
            kind.mime(),
            attr(&srcset(picture, kind, href)),
            attr(at.sizes)
        ));
    }
    let fallback = picture.fallback();
    html.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"{} loading=\"lazy\" decoding=\"async\"></picture>",
        attr(&href(&fallback.path)),
        attr(&srcset(picture, own, href)),
        attr(at.sizes),
        picture.probe.width,
        picture.probe.height,
        attr(at.alt),
        title(at.title),
    ));
    html
}

/// An `<img>` for a picture published as it is, with its size when known.
pub(crate) fn plain(src: &str, size: Option<(u32, u32)>, at: &Placing<'_>) -> String {
    let size = size.map(|(w, h)| format!(" width=\"{w}\" height=\"{h}\"")).unwrap_or_default();
    format!(
        "<img src=\"{}\"{size} alt=\"{}\"{} loading=\"lazy\" decoding=\"async\">",
        attr(src),
        attr(at.alt),
        title(at.title)
    )
}

fn title(title: &str) -> String {
    match title.is_empty() {
        true => String::new(),
        false => format!(" title=\"{}\"", attr(title)),
    }
}

fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::markdown::escape(&mut out, text);
    out
}
