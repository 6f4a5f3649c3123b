//! Templates (one Tera: the user's `templates/` over the built-ins) and `render_all`,
//! which renders every page in parallel and streams each into the output sink.

mod hints;
pub(crate) mod jsonld;
pub(crate) mod organization;
pub(crate) mod pages;
pub(crate) mod webpage;

use crate::error::{Error, Result};
use crate::output::Output;
use crate::site::Site;
use std::path::Path;
use tera::Tera;

/// The built-in templates, embedded in the binary from this repository's own
/// `templates/` (the example site uses them as any site uses its copies). A file of the
/// same name in a site's `templates/` replaces one; it may also extend `builtin/<name>`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("builtin/base.html", include_str!("../../templates/base.html")),
    ("builtin/index.html", include_str!("../../templates/index.html")),
    ("builtin/article.html", include_str!("../../templates/article.html")),
    ("builtin/term.html", include_str!("../../templates/term.html")),
    ("builtin/terms.html", include_str!("../../templates/terms.html")),
    ("builtin/edition.html", include_str!("../../templates/edition.html")),
    ("builtin/editions.html", include_str!("../../templates/editions.html")),
    ("builtin/archive.html", include_str!("../../templates/archive.html")),
    ("builtin/year.html", include_str!("../../templates/year.html")),
    ("builtin/month.html", include_str!("../../templates/month.html")),
    ("builtin/404.html", include_str!("../../templates/404.html")),
    ("builtin/redirect.html", include_str!("../../templates/redirect.html")),
    ("builtin/search.html", include_str!("../../templates/search.html")),
    ("builtin/page.html", include_str!("../../templates/page.html")),
    ("builtin/subscribe.html", include_str!("../../templates/subscribe.html")),
    ("builtin/email.html", include_str!("../../templates/email.html")),
    ("builtin/email.txt", include_str!("../../templates/email.txt")),
    ("builtin/partials/item.html", include_str!("../../templates/partials/item.html")),
    ("builtin/partials/pagination.html", include_str!("../../templates/partials/pagination.html")),
    ("builtin/partials/picture.html", include_str!("../../templates/partials/picture.html")),
];

/// The built-in stylesheet (this repository's `static/assets/style.css`), written to
/// `assets/style.css` unless the site's `static/assets/style.css` exists.
pub const STYLE: &str = include_str!("../../static/assets/style.css");

/// The built-in site icon (this repository's `static/assets/favicon.svg`), written to
/// `assets/favicon.svg` unless the site's `static/assets/favicon.svg` exists.
pub const FAVICON: &str = include_str!("../../static/assets/favicon.svg");

/// The loaded templates.
pub struct Templates {
    tera: Tera,
    digest: crate::digest::Digest,
    names: std::collections::HashSet<String>,
}

impl Templates {
    /// Loads the built-ins and every `.html`/`.xml`/`.txt` file under `dir` (shown as `shown`).
    pub fn load(dir: &Path, shown: &Path) -> Result<Templates> {
        let mut tera = Tera::new();
        tera.set_fallback_prefixes(["builtin/"]).map_err(|e| template_error(&e, shown, &[]))?;
        tera.add_raw_templates(BUILTIN.iter().copied())
            .map_err(|e| template_error(&e, Path::new("(built-in)"), &[]))?;
        let mut user = Vec::new();
        if dir.is_dir() {
            for entry in crate::fs::walk(dir) {
                let entry = entry?;
                let path = entry.path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !entry.file_type().is_file() || !["html", "xml", "txt", "json"].contains(&ext) {
                    continue;
                }
                let name = path
                    .strip_prefix(dir)
                    .expect("walkdir stays under its root")
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = crate::fs::read(path)?;
                let text = String::from_utf8(bytes).map_err(|e| Error::Template {
                    message: format!(
                        "{}: not valid UTF-8 (offset {})",
                        shown.join(&name).display(),
                        e.utf8_error().valid_up_to()
                    ),
                })?;
                user.push((name, text));
            }
        }
        tera.add_raw_templates(user.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error(&e, shown, &user))?;
        let digest = digest_of(&user);
        let names =
            BUILTIN.iter().map(|(n, _)| n.to_string()).chain(user.into_iter().map(|(n, _)| n));
        Ok(Templates { tera, digest, names: names.collect() })
    }

    /// Renders `name` with `context` (plus the global site view).
    pub fn render(&self, name: &str, context: &tera::Context, shown: &Path) -> Result<String> {
        self.tera.render(name, context).map_err(|e| template_error(&e, shown, &[]))
    }

    /// True when a template called `name` exists (the site's own or a built-in).
    pub fn has(&self, name: &str) -> bool {
        self.names.contains(name) || self.names.contains(&format!("builtin/{name}"))
    }

    /// A digest of every template's name and text, built-in and the user's.
    pub fn digest(&self) -> crate::digest::Digest {
        self.digest
    }

    /// Sets what every page sees (the site view), once per build.
    pub fn set_global(&mut self, key: &'static str, value: &impl serde::Serialize) {
        self.tera.global_context().insert(key, value);
    }
}

/// A digest of every template's name and text, built-in and the site's own (`user`).
fn digest_of(user: &[(String, String)]) -> crate::digest::Digest {
    let mut digest = crate::digest::Hasher::default();
    for (name, text) in
        BUILTIN.iter().copied().chain(user.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        digest.bytes(name.as_bytes());
        digest.bytes(text.as_bytes());
    }
    digest.finish()
}

/// Turns a Tera error into ours: `templates/<file>:<line>: message`, then Tera's report
/// (its path given as the site holds it). `sources` are the site's templates, by name,
/// when they are at hand: an unclosed block is then reported where it opened.
fn template_error(e: &tera::Error, dir: &Path, sources: &[(String, String)]) -> Error {
    let place = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = r.filename().strip_prefix("builtin/").map_or_else(
                || dir.join(r.filename()).display().to_string(),
                |b| format!("(built-in template {b})"),
            );
            let line = r.span().start_line;
            let source = (r.message() == "Unknown tag")
                .then(|| sources.iter().find(|(name, _)| name == r.filename()))
                .flatten()
                .map(|(_, source)| source.as_str());
            let open = source.and_then(|source| hints::unclosed(source, line));
            let misspelt = source.and_then(|source| hints::unknown_tag(source, line));
            Some(match (open, misspelt) {
                (Some((opened, message)), _) => format!("{file}:{opened}: {message}"),
                (None, Some(message)) => format!("{file}:{line}: {message}"),
                (None, None) => format!("{file}:{line}: {}", hints::did_you_mean(r.message())),
            })
        }
        _ => None,
    };
    let report = e.to_string();
    let place = place.or_else(|| located(&report, dir));
    let report = in_folder(&report, dir);
    let message = match place {
        // The report's first line repeats the message; keep its source excerpt.
        Some(place) => {
            let excerpt = report
                .strip_prefix("error: ")
                .map_or(report.as_str(), |r| r.split_once('\n').map_or("", |x| x.1));
            format!("{place}\n{excerpt}")
        }
        None => format!("{}: {report}", dir.display()),
    };
    Error::Template { message }
}

/// Tera's report with each ` --> FILE:LINE:COL` naming the site's template as the site
/// holds it (`templates/FILE`); built-in templates keep their names.
fn in_folder(report: &str, dir: &Path) -> String {
    let lines = report.split('\n').map(|line| match line.split_once("--> ") {
        Some((indent, file)) if !file.starts_with("builtin/") && !dir.as_os_str().is_empty() => {
            format!("{indent}--> {}", dir.join(file).display())
        }
        _ => line.to_string(),
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// Reads "error: MESSAGE\n --> FILE:LINE:COL" from a Tera report.
fn located(report: &str, dir: &Path) -> Option<String> {
    let message =
        report.lines().next()?.trim().strip_prefix("error: ").unwrap_or(report.lines().next()?);
    let at = report.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = at.rsplitn(3, ':');
    let (_col, line, file) = (parts.next()?, parts.next()?, parts.next()?);
    let file = file.strip_prefix("builtin/").map_or_else(
        || dir.join(file).display().to_string(),
        |b| format!("(built-in template {b})"),
    );
    Some(format!("{file}:{line}: {}", hints::did_you_mean(message)))
}

/// Renders every page of `site` into `output`. Returns the number of pages.
pub fn render_all(
    site: &Site,
    templates: &mut Templates,
    output: &Output,
    shown: &Path,
    search: crate::views::search::Search,
) -> Result<usize> {
    pages::render_all(site, templates, output, shown, search)
}
