//! The e-mail edition: for each edition, `email/<key>.html` (what e-mail clients
//! render: the `email.html` template with every style moved into `style` attributes by
//! css-inline) and `email/<key>.txt` (the `email.txt` template, wrapped at 72 columns),
//! plus `email/latest.html` and `.txt` for the newest. Written into the output sink
//! beside the pages; sending them is `send`'s business.

pub(crate) mod text;
pub(crate) mod view;

use crate::error::{Error, Result};
use crate::i18n::Labels;
use crate::output::Output;
use crate::site::{Site, pagemap};
use rayon::prelude::*;
use std::path::Path;

/// Renders a template by name with a context: the site's templates, which the caller
/// holds (no writer imports another, so the templates come in from above).
pub(crate) type Render<'a> = dyn Fn(&str, &tera::Context) -> Result<String> + Sync + 'a;

/// Writes every edition's e-mail (nothing when `[email] enabled = false`). Returns the
/// number of files written. `render` must see the site view (`render_all` sets it);
/// `shown` names the templates folder in messages.
pub(crate) fn write_all(
    site: &Site,
    render: &Render,
    output: &Output,
    shown: &Path,
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
    (0..site.editions.len()).into_par_iter().try_for_each(|k| {
        let key = &site.editions[k].key;
        let (html, text) = parts(render, &view::of(site, k, &labels), shown, &inliner)?;
        output.write(&pagemap::email(key), html.as_bytes())?;
        output.write(&pagemap::email_text(key), text.as_bytes())?;
        if k == 0 {
            output.write(&pagemap::email(pagemap::EMAIL_LATEST), html.as_bytes())?;
            output.write(&pagemap::email_text(pagemap::EMAIL_LATEST), text.as_bytes())?;
        }
        Ok(())
    })?;
    Ok(site.editions.len() * 2 + usize::from(!site.editions.is_empty()) * 2)
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
