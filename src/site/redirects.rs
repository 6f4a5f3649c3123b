//! `[redirects]` resolved: each old path of site.toml checked (a safe path that no page
//! of the site takes) and its target turned into a page the site writes, or an address
//! elsewhere. A target that is no page of the site is an error at its site.toml line.

use super::menus::Target;
use super::{Site, pagemap};
use crate::error::{Error, Result};
use crate::urls::OutPath;
use std::collections::HashSet;

/// One redirect page of the site.
#[derive(Debug, Clone)]
pub struct Redirect {
    /// Where the redirect page is written.
    pub from: OutPath,
    /// Where it leads.
    pub(crate) target: Target,
    /// The name of what it leads to: the page's title, else the address.
    pub name: String,
}

/// The redirects of `site`'s settings, against the pages `site` writes.
pub(crate) fn resolve(site: &Site) -> Result<Vec<Redirect>> {
    if site.config.redirects.0.is_empty() {
        return Ok(Vec::new());
    }
    let written: HashSet<OutPath> =
        pagemap::pages(site).iter().map(|p| pagemap::path_of(site, p)).collect();
    let mut errors = Vec::new();
    let mut found: Vec<Redirect> = Vec::new();
    for r in &site.config.redirects.0 {
        match one(site, &written, &r.from, &r.to) {
            Ok(redirect) if found.iter().any(|f| f.from == redirect.from) => errors.push(at(
                r.line,
                format!("redirect `{}` names a path another redirect already takes", r.from),
            )),
            Ok(redirect) => found.push(redirect),
            Err(message) => errors.push(at(r.line, message)),
        }
    }
    Error::collect(errors)?;
    Ok(found)
}

fn one(
    site: &Site,
    written: &HashSet<OutPath>,
    from: &str,
    to: &str,
) -> std::result::Result<Redirect, String> {
    let path = pagemap::alias(from)
        .filter(|p| !from.contains("://") && !p.as_str().is_empty())
        .ok_or_else(|| format!("redirect `{from}` is not a path inside the site"))?;
    if written.contains(&path) || pagemap::taken_by_the_site(&path) {
        return Err(format!("redirect `{from}` would replace a page of the site"));
    }
    if let Some(kept) = pagemap::taken_by_the_user(&path, &site.config.keep) {
        return Err(format!("redirect `{from}` would replace `{kept}` in the output folder"));
    }
    let (target, name) = target(site, written, to)?;
    Ok(Redirect { from: path, target, name })
}

/// What `to` names: a source file's page, a page of the site, or an address elsewhere.
fn target(
    site: &Site,
    written: &HashSet<OutPath>,
    to: &str,
) -> std::result::Result<(Target, String), String> {
    let to = to.trim();
    if to.starts_with("https://") || to.starts_with("http://") {
        return Ok((Target::External(to.to_string()), to.to_string()));
    }
    let (file, fragment) = to.split_once('#').map_or((to, ""), |(f, h)| (f, h));
    if file.ends_with(".md") || file.ends_with(".txt") || file.ends_with(".markdown") {
        let wanted = file.trim_start_matches("./").trim_start_matches('/');
        let all = site.entries.iter().chain(&site.pages);
        let found = all.into_iter().find(|e| {
            e.article.path.to_string_lossy().replace('\\', "/") == wanted
                || e.article.path.ends_with(wanted)
        });
        return match found {
            Some(e) if fragment.is_empty() => {
                Ok((Target::Page(e.out.clone()), e.article.meta.title.clone()))
            }
            Some(e) => Err(format!(
                "redirect target `{to}` has a `#{fragment}`; a redirect leads to the page `{}`",
                e.article.path.display()
            )),
            None => Err(format!("redirect target `{to}` is no article or page of the site")),
        };
    }
    let path = super::menus::site_path(file.trim_start_matches('/'));
    match path.filter(|p| written.contains(p)) {
        Some(p) => Ok((Target::Page(p), to.to_string())),
        None => Err(format!(
            "redirect target `{to}` is no page the site writes: name a source file \
             (`seeds/story.md`), a path the build writes (`/tags/index.html`) or an \
             https:// address"
        )),
    }
}

fn at(line: usize, message: String) -> Error {
    Error::Config { path: "site.toml".into(), line, message }
}
