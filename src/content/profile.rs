//! Profiles of people (`authors/<slug>.md`): front matter with `name`, `role`,
//! `photo`, `email` and `links` (Mastodon, Bluesky, a website…), the bio as the body.
//! A profile is read into the same model as articles (a document of kind `Profile`):
//! its name is the title, its photo the lead image, so the site renders the bio and
//! makes the photo's copies as it does for any document.

use super::article::{Article, Body, DocKind, Image, Meta, Profile};
use super::extra::{Loose, Node};
use super::front_matter::{Format, Split};
use crate::error::{Error, Result};
use crate::warnings::Warnings;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A profile's front matter as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Option<String>,
    role: Option<String>,
    photo: Option<String>,
    email: Option<String>,
    links: Option<Loose>,
    draft: Option<bool>,
}

/// The file and text a profile is read from.
pub(super) struct ProfileFile<'a> {
    pub(super) shown: &'a Path,
    pub(super) dir: PathBuf,
    pub(super) stem: &'a str,
    pub(super) digest: u64,
}

/// Reads one profile from its split text.
pub(super) fn parse(file: ProfileFile, parts: Split, warn: &mut Warnings) -> Result<Article> {
    let raw = match &parts.front {
        Some(front) => {
            front_matter(front.text, front.format).map_err(|(line, message)| Error::Article {
                path: file.shown.into(),
                line: front.first_line + line.max(1) - 1,
                message: format!("invalid profile front matter: {message}"),
            })?
        }
        None => RawProfile::default(),
    };
    let name = raw.name.map(|n| crate::text::squash_spaces(&n)).filter(|n| !n.is_empty());
    let name = name.unwrap_or_else(|| {
        warn.file(file.shown, "no `name`: the profile is named after its file");
        file.stem.replace(['-', '_'], " ")
    });
    let links = raw.links.map(|l| links_of(&l.0)).unwrap_or_default();
    let image =
        raw.photo.map(|src| Image { src, alt: Some(name.clone()), caption: None, credit: None });
    let profile = Profile { role: raw.role, email: raw.email, links, key: file.stem.to_string() };
    let meta = Meta {
        title: name,
        image,
        draft: raw.draft.unwrap_or(false),
        profile: Some(Box::new(profile)),
        ..Meta::default()
    };
    Ok(Article {
        path: file.shown.into(),
        dir: file.dir,
        meta,
        body: Body::Markdown(parts.body.into()),
        body_line: parts.body_line,
        digest: file.digest,
        kind: DocKind::Profile,
    })
}

/// Parses the block; an error is its line in the block and the message.
fn front_matter(text: &str, format: Format) -> std::result::Result<RawProfile, (usize, String)> {
    match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| crate::text::line_of(text.as_bytes(), s.start));
            (line, crate::config::explain_toml(e.message()))
        }),
        Format::Yaml if text.trim().is_empty() => Ok(RawProfile::default()),
        Format::Yaml => serde_saphyr::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line() as usize);
            (line, super::yaml_errors::message(&e))
        }),
    }
}

/// `links = { Mastodon = "https://…", Website = "https://…" }`, or a list of URLs
/// (each named by its host).
fn links_of(node: &Node) -> Vec<(String, String)> {
    match node {
        Node::Table(entries) => entries
            .iter()
            .filter_map(|(k, v)| match v {
                Node::Text(url) => Some((k.clone(), url.trim().to_string())),
                _ => None,
            })
            .collect(),
        Node::List(items) => items
            .iter()
            .filter_map(|v| match v {
                Node::Text(url) => Some((host(url), url.trim().to_string())),
                _ => None,
            })
            .collect(),
        Node::Text(url) => vec![(host(url), url.trim().to_string())],
        _ => Vec::new(),
    }
}

/// A URL's host without `www.`, to name a link.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).trim_start_matches("www.").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_links_as_a_table_or_a_list() {
        let raw: RawProfile =
            toml::from_str("name = \"A\"\nlinks = { Mastodon = \"https://m.social/@a\" }\n")
                .unwrap();
        assert_eq!(
            links_of(&raw.links.unwrap().0),
            vec![("Mastodon".into(), "https://m.social/@a".into())]
        );
        let list = Node::List(vec![Node::Text("https://www.example.org/a".into())]);
        assert_eq!(
            links_of(&list),
            vec![("example.org".into(), "https://www.example.org/a".into())]
        );
    }

    #[test]
    fn unknown_keys_are_errors_at_their_line() {
        let err =
            front_matter("name = \"A\"\nrole = \"B\"\nphone = 1\n", Format::Toml).unwrap_err();
        assert_eq!(err.0, 3);
        assert!(err.1.contains("phone"), "{}", err.1);
    }
}
