//! The other languages of a page, as templates show them: `<link rel="alternate"
//! hreflang>` for every version (this one included, plus `x-default`) and the language
//! switcher's links, each named in its own language. Which versions a page has is
//! `site::languages`'s business; this file only makes the links.

use crate::i18n::direction;
use crate::site::Site;
use crate::site::languages::Version;
use crate::urls::{OutPath, Urls};
use serde::Serialize;

/// One `<link rel="alternate" hreflang>`.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct AlternateLink {
    /// The version's language, or `x-default`.
    pub hreflang: String,
    /// Its absolute URL.
    pub href: String,
}

/// One entry of the language switcher.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct LanguageLink {
    /// The language's code, for `lang` and `hreflang`.
    pub code: String,
    /// Its name in itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Link relative to the page.
    pub href: String,
    /// This page's own language.
    pub current: bool,
}

/// The versions of the page `out` of `site`: an entry's or a standalone page's
/// translations, or the site's own page (front page, search…) in other languages; empty when the site has one language or the page no version.
pub(crate) fn versions(site: &Site, out: &OutPath, entry: Option<usize>) -> Vec<Version> {
    let Some(placement) = &site.placement else { return Vec::new() };
    match entry {
        Some(i) => placement.versions[i].clone(),
        None => match site.pages.iter().position(|p| p.out == *out) {
            Some(i) => placement.page_versions[i].clone(),
            None => placement.own.get(out.as_str()).cloned().unwrap_or_default(),
        },
    }
}

/// The `hreflang` links of `versions`, with `x-default` for the site's default
/// language's version (else the first).
pub(crate) fn alternates(site: &Site, versions: &[Version]) -> Vec<AlternateLink> {
    let Some(placement) = &site.placement else { return Vec::new() };
    let root = Urls::new(&placement.root);
    let link =
        |v: &Version, hreflang: String| AlternateLink { hreflang, href: root.absolute(&v.path) };
    let mut links: Vec<AlternateLink> =
        versions.iter().map(|v| link(v, placement.all[v.language].code.clone())).collect();
    if let Some(default) = versions.iter().find(|v| v.language == 0).or(versions.first()) {
        links.push(link(default, "x-default".into()));
    }
    links
}

/// The switcher's links from the page `out` of `site` to `versions`.
pub(crate) fn switcher(site: &Site, out: &OutPath, versions: &[Version]) -> Vec<LanguageLink> {
    let Some(placement) = &site.placement else { return Vec::new() };
    let from = placement.rooted(out);
    let this = placement.all.iter().position(|l| l.code == placement.language.code);
    versions
        .iter()
        .map(|v| {
            let language = &placement.all[v.language];
            LanguageLink {
                code: language.code.clone(),
                name: language.name.clone(),
                dir: direction(&language.code),
                href: site.urls.href(&from, &v.path),
                current: Some(v.language) == this,
            }
        })
        .collect()
}
