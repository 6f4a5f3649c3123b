//! Standalone pages (`pages/`): the path each is published at, following its place
//! under `pages/` (`pages/policies/corrections.md` -> `policies/corrections.html`), and
//! the check that no two pages of the site claim one file. Pages are documents like
//! articles; they are never listed, dated or syndicated.

use super::pagemap;
use crate::content::Article;
use crate::error::{Error, Result};
use crate::urls::OutPath;
use std::collections::HashMap;
use std::path::{Component, PathBuf};

/// The folder of standalone pages, beside seeds/.
pub(crate) const FOLDER: &str = "pages";

/// The name a page goes by in menus and policies: its path under `pages/` without
/// the extension (`about`, `policies/corrections`), as written; with `languages`,
/// without its file name's language either (`about.fr.md` is `about`).
pub(crate) fn name_of(page: &Article, languages: bool) -> String {
    let mut rel = page.path.strip_prefix(FOLDER).unwrap_or(&page.path).with_extension("");
    if languages && super::languages::suffix(&page.path).is_some() {
        rel = rel.with_extension("");
    }
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Where `page` is published: each folder and the file name as a slug, the last part
/// replaced by the front matter's `slug` when it has one.
pub(crate) fn out_of(page: &Article, languages: bool) -> Option<OutPath> {
    let name = name_of(page, languages);
    let mut parts: Vec<String> =
        name.split('/').map(|p| crate::slugs::slugify(p, 80)).filter(|p| !p.is_empty()).collect();
    if let Some((slug, _)) = &page.meta.slug {
        let slug = crate::slugs::slugify(slug, 80);
        match parts.last_mut() {
            Some(last) if !slug.is_empty() => *last = slug,
            _ => {}
        }
    }
    if parts.is_empty() {
        return None;
    }
    pagemap::standalone(&parts.join("/"))
}

/// The pages' output paths, in order; an error naming both files when a page would
/// replace an article, a page the site writes itself, or another page.
pub(super) fn outs(
    pages: &[Article],
    articles: &[(PathBuf, OutPath)],
    (keep, languages): (&[String], bool),
) -> Result<Vec<OutPath>> {
    let mut claimed: HashMap<OutPath, PathBuf> =
        articles.iter().map(|(path, out)| (out.clone(), path.clone())).collect();
    let mut outs = Vec::with_capacity(pages.len());
    let mut errors = Vec::new();
    for page in pages {
        let at = |message: String| Error::Article { path: page.path.clone(), line: 1, message };
        let Some(out) = out_of(page, languages) else {
            errors
                .push(at("no path to publish this page at: rename the file or set `slug`".into()));
            continue;
        };
        if let Some(what) = builtin(&out) {
            errors.push(at(format!(
                "would be published at `{out}`, which is {what}; rename the file or set `slug`"
            )));
        } else if let Some(kept) = pagemap::taken_by_the_user(&out, keep) {
            errors.push(at(format!(
                "would be published at `{out}`, inside `{kept}`, which the output folder keeps"
            )));
        } else if let Some(other) = claimed.get(&out) {
            errors.push(Error::DuplicateUrl {
                url: out.to_string(),
                paths: vec![other.clone(), page.path.clone()],
            });
        } else {
            claimed.insert(out.clone(), page.path.clone());
        }
        outs.push(out);
    }
    Error::collect(errors)?;
    Ok(outs)
}

/// What the site itself writes at `out`, if anything (the sign-up page gives way to a
/// page of the editor's).
fn builtin(out: &OutPath) -> Option<String> {
    if out.as_str() == pagemap::SUBSCRIBE || !pagemap::taken_by_the_site(out) {
        return None;
    }
    let first = out.as_str().split('/').next().unwrap_or("");
    Some(match out.as_str() {
        pagemap::FRONT => "the front page".to_string(),
        pagemap::SEARCH => "the search page".to_string(),
        pagemap::NOT_FOUND => "the \"not found\" page".to_string(),
        _ if out.as_str().contains('/') => {
            format!("inside `{first}/`, which the site fills itself")
        }
        _ => format!("a file the site writes itself (`{first}`)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, slug: Option<&str>) -> Article {
        let slug = slug.map(|s| (s.to_string(), 2));
        let meta = crate::content::Meta { slug, ..Default::default() };
        Article {
            path: path.into(),
            dir: PathBuf::new(),
            meta,
            body: crate::content::Body::Markdown(Default::default()),
            body_line: 1,
            digest: 0,
            kind: crate::content::DocKind::Page,
        }
    }

    #[test]
    fn pages_keep_their_folders() {
        let out = |p, s| out_of(&page(p, s), false).unwrap().to_string();
        assert_eq!(out("pages/about.md", None), "about.html");
        assert_eq!(
            out("pages/policies/Corrections Policy.md", None),
            "policies/corrections-policy.html"
        );
        assert_eq!(out("pages/policies/index.md", None), "policies/index.html");
        assert_eq!(out("pages/team/x.md", Some("Our Team")), "team/our-team.html");
        assert_eq!(name_of(&page("pages/policies/ethics.md", None), false), "policies/ethics");
    }

    #[test]
    fn clashes_name_both_files() {
        let articles = vec![(PathBuf::from("seeds/a.md"), OutPath::new("articles/x.html"))];
        let pages = [page("pages/articles/x.md", None)];
        let err = outs(&pages, &articles, (&[], false)).unwrap_err().to_string();
        assert!(err.contains("seeds/a.md") && err.contains("pages/articles/x.md"), "{err}");
        let err =
            outs(&[page("pages/search.md", None)], &[], (&[], false)).unwrap_err().to_string();
        assert_eq!(
            err,
            "pages/search.md:1: would be published at `search.html`, which is the search page; rename the file or set `slug`"
        );
        let err =
            outs(&[page("pages/tags/index.md", None)], &[], (&[], false)).unwrap_err().to_string();
        assert!(err.contains("inside `tags/`"), "{err}");
        assert!(outs(&[page("pages/subscribe.md", None)], &[], (&[], false)).is_ok());
    }
}
