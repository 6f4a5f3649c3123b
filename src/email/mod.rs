//! The e-mail edition: for each edition, `email/<key>.html` (what e-mail clients
//! render: the `email.html` template with every style moved into `style` attributes by
//! css-inline) and `email/<key>.txt` (the `email.txt` template, wrapped at 72 columns),
//! plus `email/latest.html` and `.txt` for the newest. Written into the output sink
//! beside the pages; an incremental build keeps those whose edition, settings and
//! templates are unchanged. Sending them is `send`'s business.

pub(crate) mod text;
pub(crate) mod view;

use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::i18n::Labels;
use crate::output::Output;
use crate::site::{Site, pagemap};
use crate::urls::OutPath;
use rayon::prelude::*;
use std::path::Path;

/// Renders a template by name with a context: the site's templates, which the caller
/// holds (no writer imports another, so the templates come in from above).
pub(crate) type Render<'a> = dyn Fn(&str, &tera::Context) -> Result<String> + Sync + 'a;

/// Writes every edition's e-mail (nothing when `[email] enabled = false`). Returns the
/// number of files written. `render` must see the site view (`render_all` sets it);
/// `templates` is the templates' digest, `shown` names their folder in messages. An
/// incremental build keeps an edition's e-mail whose inputs are those of the last build.
pub(crate) fn write_all(
    site: &Site,
    render: &Render,
    output: &Output,
    shown: &Path,
    templates: Digest,
) -> Result<usize> {
    if !site.config.email.enabled {
        return Ok(0);
    }
    let labels = Labels::new(&site.config.language, &site.config.labels);
    let inliner = css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_style_tags(false)
        .keep_link_tags(false)
        .build();
    let salt = salt(site, templates);
    (0..site.editions.len()).into_par_iter().try_for_each(|k| {
        let key = &site.editions[k].key;
        let view = view::of(site, k, &labels);
        let mut paths = vec![(pagemap::email(key), true), (pagemap::email_text(key), false)];
        if k == 0 {
            paths.push((pagemap::email(pagemap::EMAIL_LATEST), true));
            paths.push((pagemap::email_text(pagemap::EMAIL_LATEST), false));
        }
        let digest = digest_of(salt, &view);
        let reuse = |path: &OutPath| digest.is_some_and(|d| output.reuse(path, d));
        if output.is_incremental() {
            paths.retain(|(path, _)| !reuse(path));
        }
        if paths.is_empty() {
            return Ok(());
        }
        let (html, text) = parts(render, &view, shown, &inliner)?;
        for (path, is_html) in &paths {
            let bytes = if *is_html { html.as_bytes() } else { text.as_bytes() };
            output.write_page(path, bytes, digest)?;
        }
        Ok(())
    })?;
    Ok(site.editions.len() * 2 + usize::from(!site.editions.is_empty()) * 2)
}

/// What every e-mail of this build depends on besides its own view: the templates,
/// the binary, and the settings (the site view the templates see comes from them).
fn salt(site: &Site, templates: Digest) -> Digest {
    let mut h = crate::digest::Hasher::default();
    h.bytes(&templates.to_le_bytes());
    h.bytes(&crate::ident::binary().to_le_bytes());
    h.bytes(format!("{:?}", site.config).as_bytes());
    h.finish()
}

/// The digest an edition's e-mail is kept under; `None` if its view cannot be digested.
fn digest_of(salt: Digest, view: &view::EmailView) -> Option<Digest> {
    let mut h = crate::digest::Hasher::default();
    h.bytes(&salt.to_le_bytes());
    h.value(view).then(|| h.finish())
}

/// The HTML (styles inlined) and the text part of one edition.
fn parts(
    render: &Render,
    view: &view::EmailView,
    shown: &Path,
    inliner: &css_inline::CSSInliner,
) -> Result<(String, String)> {
    let mut context = tera::Context::new();
    context.insert("email", view);
    let html = render("email.html", &context)?;
    let html = inliner.inline(&html).map_err(|e| Error::Template {
        message: format!("{}: cannot inline its styles: {e}", shown.join("email.html").display()),
    })?;
    let text = text::layout(&render("email.txt", &context)?);
    Ok((html, text))
}
