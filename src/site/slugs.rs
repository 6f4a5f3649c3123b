//! Choosing each article's slug: the editor's `slug`, else the file name (Markdown)
//! or the headline (plain copy). Explicit clashes are errors; derived ones get `-2`, `-3`.

use crate::content::{Article, Body};
use crate::error::{Error, Result};
use crate::slugs::slugify;
use crate::warnings::Warnings;
use std::collections::{BTreeMap, HashMap};

const MAX_SLUG: usize = 80;

/// Drops byte-identical files after the first (by path), with a warning.
pub(super) fn dedupe(mut articles: Vec<Article>, warn: &mut Warnings) -> Vec<Article> {
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    let mut seen: HashMap<u64, std::path::PathBuf> = HashMap::new();
    articles.retain(|a| match seen.get(&a.digest) {
        Some(first) => {
            warn.file(&a.path, format!("same bytes as {}; published once", first.display()));
            false
        }
        None => {
            seen.insert(a.digest, a.path.clone());
            true
        }
    });
    articles
}

/// Slugs for `articles`, in the same order.
/// With `languages`, a file name's language (`story.fr.md`) is no part of its slug.
pub(super) fn assign(
    articles: &[Article],
    languages: bool,
    warn: &mut Warnings,
) -> Result<Vec<String>> {
    let wanted = wanted(articles, languages, warn)?;
    let explicit = explicit(articles, &wanted)?;
    let mut taken: HashMap<String, usize> =
        explicit.iter().map(|(slug, who)| (slug.to_string(), who[0])).collect();
    let mut order: Vec<usize> = (0..articles.len()).filter(|&i| !wanted[i].1).collect();
    order.sort_by(|&x, &y| articles[x].path.cmp(&articles[y].path));
    let mut slugs: Vec<String> = wanted.iter().map(|(s, _)| s.clone()).collect();
    for i in order {
        let slug = free_slug(&slugs[i], &taken, &articles[i], articles, warn);
        taken.insert(slug.clone(), i);
        slugs[i] = slug;
    }
    Ok(slugs)
}

/// The slug each article asks for (given, made URL-safe) or gets from its headline,
/// and whether it was given.
fn wanted(
    articles: &[Article],
    languages: bool,
    warn: &mut Warnings,
) -> Result<Vec<(String, bool)>> {
    let mut wanted: Vec<(String, bool)> = Vec::with_capacity(articles.len());
    let mut errors = Vec::new();
    for a in articles {
        match &a.meta.slug {
            Some((given, line)) => {
                let slug = slugify(given, MAX_SLUG);
                if slug.is_empty() {
                    errors.push(Error::Article {
                        path: a.path.clone(),
                        line: *line,
                        message: format!(
                            "slug `{given}` has no letters or digits to make a URL from"
                        ),
                    });
                } else if slug != *given {
                    warn.at(&a.path, *line, format!("slug `{given}` made URL-safe as `{slug}`"));
                }
                wanted.push((slug, true));
            }
            None => wanted.push((derived(a, languages), false)),
        }
    }
    Error::collect(errors)?;
    Ok(wanted)
}

/// Given slugs and who gave each; two articles giving the same slug is an error.
fn explicit<'a>(
    articles: &[Article],
    wanted: &'a [(String, bool)],
) -> Result<BTreeMap<&'a str, Vec<usize>>> {
    let mut explicit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (slug, is_explicit)) in wanted.iter().enumerate() {
        if *is_explicit {
            explicit.entry(slug).or_default().push(i);
        }
    }
    let clashes: Vec<Error> = explicit
        .iter()
        .filter(|(_, who)| who.len() > 1)
        .map(|(slug, who)| {
            let mut paths: Vec<_> = who.iter().map(|&i| articles[i].path.clone()).collect();
            paths.sort();
            Error::DuplicateUrl { url: super::pagemap::article(slug).to_string(), paths }
        })
        .collect();
    Error::collect(clashes)?;
    Ok(explicit)
}

/// `base`, or `base-2`, `base-3`… when taken, warning the article that it moved.
fn free_slug(
    base: &str,
    taken: &HashMap<String, usize>,
    article: &Article,
    articles: &[Article],
    warn: &mut Warnings,
) -> String {
    let mut slug = base.to_string();
    let mut n = 2;
    while let Some(&other) = taken.get(&slug) {
        if n == 2 {
            let url = super::pagemap::article(base);
            let other = articles[other].path.display();
            warn.file(&article.path, format!("URL {url} is already used by {other}"));
        }
        slug = format!("{base}-{n}");
        n += 1;
    }
    if slug != base {
        warn.file(&article.path, format!("published as {}", super::pagemap::article(&slug)));
    }
    slug
}

fn derived(a: &Article, languages: bool) -> String {
    // `story.fr.md` is `story`, `story/index.fr.md` is `story/index.md`.
    let unsuffixed = match languages && super::languages::suffix(&a.path).is_some() {
        true => std::borrow::Cow::Owned(a.path.with_extension("").with_extension("md")),
        false => std::borrow::Cow::Borrowed(&a.path),
    };
    let stem = strip_date(crate::content::bundle_stem(&unsuffixed));
    let from_title = || slugify(&a.meta.title, MAX_SLUG);
    let slug = match a.body {
        Body::Markdown(_) => {
            Some(slugify(stem, MAX_SLUG)).filter(|s| !s.is_empty()).unwrap_or_else(from_title)
        }
        Body::Plain(_) => {
            Some(from_title()).filter(|s| !s.is_empty()).unwrap_or_else(|| slugify(stem, MAX_SLUG))
        }
    };
    if slug.is_empty() { "article".to_string() } else { slug }
}

fn strip_date(stem: &str) -> &str {
    match crate::dates::file_name_prefix(stem) {
        Some((_, len)) => stem[len..].trim_start_matches(['-', '_', ' ']),
        None => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Meta;
    use std::path::PathBuf;

    fn article(path: &str, title: &str, slug: Option<&str>, plain: bool) -> Article {
        Article {
            path: PathBuf::from(path),
            dir: PathBuf::from("seeds"),
            meta: Meta {
                title: title.into(),
                slug: slug.map(|s| (s.to_string(), 2)),
                ..Meta::default()
            },
            body: if plain { Body::Plain(vec![]) } else { Body::Markdown(Default::default()) },
            body_line: 1,
            digest: path.len() as u64,
            kind: Default::default(),
        }
    }

    #[test]
    fn derives_slugs_from_file_names_and_headlines() {
        let a = [
            article("seeds/2025-04-12-talks.md", "T", None, false),
            article("seeds/000_1.txt", "U.S. Talks Resume", None, true),
        ];
        assert_eq!(
            assign(&a, false, &mut Warnings::default()).unwrap(),
            ["talks", "us-talks-resume"]
        );
    }

    #[test]
    fn with_languages_a_file_names_language_is_no_part_of_its_slug() {
        let a = [
            article("seeds/2025-04-12-talks.fr.md", "T", None, false),
            article("seeds/harbour/index.ar.md", "T", None, false),
            article("seeds/v1.2.md", "T", None, false),
        ];
        let slugs = assign(&a, true, &mut Warnings::default()).unwrap();
        assert_eq!(slugs, ["talks", "harbour", "v1-2"]);
        let slugs = assign(&a[..1], false, &mut Warnings::default()).unwrap();
        assert_eq!(slugs, ["talks-fr"]);
    }

    #[test]
    fn numbers_derived_clashes_in_path_order() {
        let a = [
            article("seeds/b/x.md", "T", None, false),
            article("seeds/a/x.md", "T", None, false),
            article("seeds/c.md", "T", Some("x"), false),
        ];
        let mut w = Warnings::default();
        assert_eq!(assign(&a, false, &mut w).unwrap(), ["x-3", "x-2", "x"]);
        assert!(!w.0.is_empty());
    }

    #[test]
    fn explicit_clashes_name_every_file() {
        let a = [
            article("seeds/a.md", "T", Some("same"), false),
            article("seeds/b.md", "T", Some("same"), false),
        ];
        let e = assign(&a, false, &mut Warnings::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "articles/same.html: the same URL is claimed by seeds/a.md, seeds/b.md"
        );
    }

    #[test]
    fn makes_explicit_slugs_safe() {
        let a = [article("seeds/a.md", "T", Some("../../etc/passwd"), false)];
        let mut w = Warnings::default();
        assert_eq!(assign(&a, false, &mut w).unwrap(), ["etc-passwd"]);
        assert_eq!(w.0, ["seeds/a.md:2: slug `../../etc/passwd` made URL-safe as `etc-passwd`"]);
    }
}
