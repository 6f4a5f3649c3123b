//! One publication, many languages: the documents split between the site's languages
//! (`story.fr.md`, a configured `lang`, else the site's `language`), each language
//! assembled as a site of its own in its folder, and the versions of one story linked
//! across them. `config::languages` owns the settings; the writers see each language's
//! `Site` with its `Placement`, and write into its folder (`Output::enter`).

use super::{Documents, Entry, Site};
use crate::config::SiteConfig;
use crate::config::languages::{Language, canonical};
use crate::content::Article;
use crate::error::{Error, Result};
use crate::urls::OutPath;
use std::collections::BTreeMap;
use std::path::Path;

/// Where one language's site sits among the others, and the other versions of its pages.
#[derive(Debug, Clone)]
pub(crate) struct Placement {
    /// This site's language.
    pub language: Language,
    /// Every language of the publication, the default first.
    pub all: Vec<Language>,
    /// The publication's base URL (the default language's, when it is at the root).
    pub root: String,
    /// The versions of each entry in every language, this one included, in the order
    /// of `all`; empty when the entry has no translation.
    pub versions: Vec<Vec<Version>>,
    /// The same for each standalone page (pages/).
    pub page_versions: Vec<Vec<Version>>,
    /// The versions of the site's own pages that every language may have (front page,
    /// search, editions, archive, topics, sign-up), by path, for those that two
    /// languages or more have.
    pub own: BTreeMap<String, Vec<Version>>,
}

/// One language's version of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    /// Its language, an index into `Placement::all`.
    pub language: usize,
    /// Its path from the publication's root (`fr/articles/x.html`).
    pub path: OutPath,
}

impl Placement {
    /// `path` of this site, from the publication's root.
    pub(crate) fn rooted(&self, path: &OutPath) -> OutPath {
        OutPath::new(format!("{}{path}", self.language.prefix))
    }
}

/// The site's own pages `site` has, of those every language may have.
fn own_pages(site: &Site) -> Vec<String> {
    use super::pagemap;
    let dated = !site.editions.is_empty();
    let tagged = site.taxonomy("tags").is_some_and(|t| !t.terms.is_empty());
    let has = [
        (pagemap::FRONT.to_string(), true),
        (pagemap::SEARCH.to_string(), site.config.search.enabled),
        (pagemap::SUBSCRIBE.to_string(), site.subscribe),
        (pagemap::EDITIONS.to_string(), dated),
        (pagemap::ARCHIVE.to_string(), dated),
        (pagemap::terms("tags").to_string(), tagged),
    ];
    has.into_iter().filter(|(_, has)| *has).map(|(path, _)| path).collect()
}

/// The documents of each language, in the order of `config.language_list()`.
pub(crate) fn split(config: &SiteConfig, docs: Documents) -> Result<Vec<(Language, Documents)>> {
    let all = config.language_list();
    let Documents { articles, pages, profiles } = docs;
    let mut parts: Vec<Documents> = all.iter().map(|_| Documents::default()).collect();
    let mut errors = Vec::new();
    for (article, is_page) in
        articles.into_iter().map(|a| (a, false)).chain(pages.into_iter().map(|p| (p, true)))
    {
        match language_of(&article, &all) {
            Ok(k) => {
                let mut article = article;
                if article.meta.lang.as_deref().and_then(canonical).as_deref() == Some(&all[k].code)
                {
                    article.meta.lang = None; // in its own language's site
                }
                let part = &mut parts[k];
                if is_page { part.pages.push(article) } else { part.articles.push(article) }
            }
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    for part in &mut parts {
        part.profiles = profiles.clone();
    }
    check_versions(&all, &parts)?;
    Ok(all.into_iter().zip(parts).collect())
}

/// The language of `doc`: its file name's (`story.fr.md`), else its `lang` when the
/// site has it, else the site's; an error for a file name naming a language the site
/// does not have.
fn language_of(doc: &Article, all: &[Language]) -> Result<usize> {
    let find = |code: &str| all.iter().position(|l| l.code == code);
    if let Some(code) = suffix(&doc.path) {
        return find(&code).ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|l| l.code.as_str()).collect();
            Error::Article {
                path: doc.path.clone(),
                line: 1,
                message: format!(
                    "language `{code}` is not among the site's languages ({}); add `[languages.{code}]` to site.toml",
                    known.join(", ")
                ),
            }
        });
    }
    Ok(doc.meta.lang.as_deref().and_then(canonical).and_then(|c| find(&c)).unwrap_or(0))
}

/// The language code a file name ends in, canonical (`story.fr.md`, `index.pt-br.md`):
/// a tag of two or three letters, with subtags or without.
pub(crate) fn suffix(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (_, code) = stem.rsplit_once('.')?;
    let primary = code.split('-').next()?;
    let looks =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    looks.then(|| canonical(code)).flatten()
}

/// The key the versions of one story share: its `translation_key`, else its file's
/// path without language and extension (`seeds/story`).
fn key_of(doc: &Article) -> String {
    if let Some(key) = &doc.meta.translation_key {
        return format!("key:{key}");
    }
    let stem = doc.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = match suffix(&doc.path) {
        Some(_) => stem.rsplit_once('.').map_or(stem, |(s, _)| s),
        None => stem,
    };
    format!("path:{}", doc.path.with_file_name(stem).display())
}

/// Two files giving one story the same language is an error naming both.
fn check_versions(all: &[Language], parts: &[Documents]) -> Result<()> {
    let mut seen: BTreeMap<(bool, String, usize), &Path> = BTreeMap::new();
    let mut errors = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let docs =
            part.articles.iter().map(|a| (false, a)).chain(part.pages.iter().map(|p| (true, p)));
        for (is_page, doc) in docs {
            if let Some(first) = seen.insert((is_page, key_of(doc), k), &doc.path) {
                errors.push(Error::Article {
                    path: doc.path.clone(),
                    line: 1,
                    message: format!(
                        "{} is already the `{}` version of this story; give one of them another `translation_key` or language",
                        first.display(),
                        all[k].code
                    ),
                });
            }
        }
    }
    Error::collect(errors)
}

/// Links the versions of each story across the assembled `sites` (one per language,
/// in the order of `all`) and tells each site where it sits.
pub(crate) fn place(sites: &mut [Site], all: &[Language], root: &str) {
    let mut stories: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    let mut pages: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    let mut own: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    for (k, site) in sites.iter().enumerate() {
        for out in own_pages(site) {
            let path = OutPath::new(format!("{}{out}", all[k].prefix));
            own.entry(out).or_default().push(Version { language: k, path });
        }
        let path = |e: &Entry| OutPath::new(format!("{}{}", all[k].prefix, e.out));
        for e in &site.entries {
            let version = Version { language: k, path: path(e) };
            stories.entry(key_of(&e.article)).or_default().push(version);
        }
        for e in &site.pages {
            pages
                .entry(key_of(&e.article))
                .or_default()
                .push(Version { language: k, path: path(e) });
        }
    }
    own.retain(|_, versions| versions.len() > 1);
    let topics = topic_versions(sites, all);
    for (k, site) in sites.iter_mut().enumerate() {
        let mut own = own.clone();
        for (versions, out) in topics.values().filter(|v| v.len() > 1).flat_map(|versions| {
            let here = versions.iter().filter(|(v, _)| v.language == k);
            here.map(move |(_, out)| (versions, out))
        }) {
            own.insert(out.clone(), versions.iter().map(|(v, _)| v.clone()).collect());
        }
        let versions = site.entries.iter().map(|e| versions_of(e, &stories)).collect();
        let page_versions = site.pages.iter().map(|e| versions_of(e, &pages)).collect();
        let (language, all, root) = (all[k].clone(), all.to_vec(), root.to_string());
        site.placement = Some(Placement { language, all, root, versions, page_versions, own });
    }
}

/// The versions of each topic page (a tag's, a section's) across the languages: the
/// pages of terms with one key, each with its path in its own site.
fn topic_versions(
    sites: &[Site],
    all: &[Language],
) -> BTreeMap<(String, String), Vec<(Version, String)>> {
    let mut topics: BTreeMap<(String, String), Vec<(Version, String)>> = BTreeMap::new();
    for (k, site) in sites.iter().enumerate() {
        for taxonomy in site.taxonomies.iter().filter(|t| t.name == "tags" || t.name == "sections")
        {
            for term in &taxonomy.terms {
                let path = OutPath::new(format!("{}{}", all[k].prefix, term.out));
                let version = (Version { language: k, path }, term.out.to_string());
                topics.entry((taxonomy.name.clone(), term.key.clone())).or_default().push(version);
            }
        }
    }
    topics
}

fn versions_of(e: &Entry, stories: &BTreeMap<String, Vec<Version>>) -> Vec<Version> {
    match stories.get(&key_of(&e.article)) {
        Some(versions) if versions.len() > 1 => versions.clone(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_suffix_is_a_short_tag_before_the_extension() {
        let code = |p: &str| suffix(Path::new(p));
        assert_eq!(code("seeds/story.fr.md").as_deref(), Some("fr"));
        assert_eq!(code("seeds/story/index.pt-br.md").as_deref(), Some("pt-BR"));
        assert_eq!(code("seeds/story.md"), None);
        assert_eq!(code("seeds/report.final.md"), None);
        assert_eq!(code("seeds/v1.2.md"), None);
    }
}
