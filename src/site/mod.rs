//! Site: the articles that will be published, in order, with their URLs fixed and
//! their bodies rendered. Drafts and future articles are left out here, duplicates
//! dropped, slugs assigned; Markdown renders here because links need every URL first.

mod bodies;
pub(crate) mod editions;
pub(crate) mod intros;
mod links;
pub(crate) mod pagemap;
pub(crate) mod pictures;
pub(crate) mod related;
mod slugs;
pub(crate) mod taxonomy;

pub(crate) use bodies::{Memo, Picked};
pub(crate) use editions::{Archive, Edition};
pub(crate) use taxonomy::{Taxonomy, Term};

use crate::config::SiteConfig;
use crate::content::Article;
use crate::dates::DateView;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::urls::{OutPath, Urls};
use crate::warnings::Warnings;
use bodies::{RenderedBody, Renderer};
use std::path::PathBuf;

/// What to publish, beyond what the config says.
#[derive(Debug, Clone)]
pub(crate) struct Publishing {
    /// Include `draft = true` articles.
    pub drafts: bool,
    /// Include articles dated after the reference time.
    pub future: bool,
    /// The reference time: "now" for this build.
    pub now: jiff::Timestamp,
}

/// One published article with everything pages need.
#[derive(Debug)]
pub struct Entry {
    /// The article as read.
    pub article: Article,
    /// Its slug.
    pub slug: String,
    /// Its page, e.g. `articles/<slug>.html`.
    pub out: OutPath,
    /// Its body, rendered with links relative to `out`.
    pub body: Rendered,
    /// Its publication date in every printed form.
    pub date: Option<DateView>,
    /// Its update date, if any.
    pub updated: Option<DateView>,
    /// The lead image, if it has one.
    pub image: Option<Lead>,
}

/// A lead image as published.
#[derive(Debug, Clone)]
pub struct Lead {
    /// Its URL relative to the article page: the fallback copy, or the file as it is.
    pub href: String,
    /// The copies made of it, when it is a local picture that is resized.
    pub(crate) picture: Option<std::sync::Arc<pictures::Picture>>,
    /// Its size in pixels, when it is a local picture.
    pub size: Option<(u32, u32)>,
}

/// A file copied into the output because an article refers to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// Where it is on disk.
    pub from: PathBuf,
    /// Where it goes in the output.
    pub to: OutPath,
}

/// The assembled site.
#[derive(Debug)]
pub struct Site {
    /// The settings.
    pub config: SiteConfig,
    /// URL maker.
    pub urls: Urls,
    /// Articles, newest first; undated ones last, by file path.
    pub entries: Vec<Entry>,
    /// Files to copy beside article pages.
    pub assets: Vec<Asset>,
    /// Local pictures to publish resized copies of, each once.
    pub(crate) pictures: Vec<std::sync::Arc<pictures::Picture>>,
    /// Warnings found while assembling.
    pub warnings: Warnings,
    /// Articles held back because they are dated after the reference time.
    pub held_back: usize,
    /// Drafts left out.
    pub drafts_left_out: usize,
    /// The reference time.
    pub now: jiff::Timestamp,
    /// Tags, authors, sources and declared taxonomies.
    pub taxonomies: Vec<Taxonomy>,
    /// Editions, newest first.
    pub editions: Vec<Edition>,
    /// Years and months.
    pub archive: Archive,
    /// Related entries of each entry.
    pub related: Vec<Vec<usize>>,
    /// The edition each entry belongs to (undated entries have none).
    pub edition_of: Vec<Option<usize>>,
    /// Redirect pages: old path -> entry index.
    pub aliases: Vec<(OutPath, usize)>,
    /// Story threads: key -> entry indices, oldest first.
    pub threads: std::collections::BTreeMap<String, Vec<usize>>,
    /// Section introductions from `_index.md` files: section -> HTML.
    pub intros: intros::Intros,
}

impl Site {
    /// Orders the articles, gives them URLs and renders their bodies, taking bodies
    /// from `memo` where their source is unchanged.
    pub(crate) fn assemble(
        config: SiteConfig,
        articles: Vec<Article>,
        seeds: PathBuf,
        publishing: &Publishing,
        memo: &dyn Memo,
    ) -> Result<Site> {
        let mut warnings = Warnings::default();
        let (articles, intros) = intros::split(articles, &config.markdown);
        let total = articles.len();
        let (articles, drafts_left_out, expired, held_back) = publishable(articles, publishing);
        if expired > 0 {
            warnings.site(format!("{expired} of {total} articles are past their expiry date (`expiryDate`) and left out"));
        }
        let mut articles = slugs::dedupe(articles, &mut warnings);
        sort(&mut articles);
        let slugs = slugs::assign(&articles, &mut warnings)?;
        let urls = Urls::new(&config.base_url);
        let index = links::Index::new(&seeds, &articles, &slugs);
        let rendered = Renderer::new(&config, &index, &urls, memo).all(&articles, &slugs);
        let (entries, assets, pictures) = entries(articles, slugs, rendered, &mut warnings);
        if held_back > 0 {
            warnings.site(format!("{held_back} of {total} articles are dated in the future and held back (build with --future to include them)"));
        }
        let aliases = aliases(&entries, &config.keep, &mut warnings)?;
        let Parts { taxonomies, editions, archive, related, threads, edition_of } =
            Parts::of(&config, &entries);
        Ok(Site {
            config,
            urls,
            entries,
            assets,
            pictures,
            warnings,
            held_back,
            drafts_left_out,
            now: publishing.now,
            aliases,
            taxonomies,
            editions,
            archive,
            related,
            threads,
            edition_of,
            intros,
        })
    }

    /// The taxonomy called `name`, if the site has it.
    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    /// The name the site shows for `spelling` in the taxonomy `tax`: its term's name
    /// (the spelling most articles use), so that `Harbor District` and
    /// `harbor-district` read alike on every page and feed; else `spelling` as written.
    pub fn term_name<'a>(&'a self, tax: &str, spelling: &'a str) -> &'a str {
        self.taxonomy(tax).and_then(|t| t.term(spelling)).map_or(spelling, |t| t.name.as_str())
    }

    /// The names the site shows for an entry's tags, each once, in the article's order.
    pub fn tag_names<'a>(&'a self, e: &'a Entry) -> Vec<&'a str> {
        let mut names: Vec<&str> = Vec::with_capacity(e.article.meta.tags.len());
        for tag in &e.article.meta.tags {
            let name = self.term_name("tags", tag);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The name the site shows for an entry's section, if it has one.
    pub fn section_name<'a>(&'a self, e: &'a Entry) -> Option<&'a str> {
        e.article.meta.section.as_deref().map(|s| self.term_name("sections", s))
    }
}

/// Checks every alias: a safe path that no article page and no other alias takes.
fn aliases(
    entries: &[Entry],
    keep: &[String],
    warnings: &mut Warnings,
) -> Result<Vec<(OutPath, usize)>> {
    let pages: std::collections::HashSet<&OutPath> = entries.iter().map(|e| &e.out).collect();
    let mut seen: std::collections::BTreeMap<OutPath, usize> = Default::default();
    for (i, e) in entries.iter().enumerate() {
        for alias in &e.article.meta.aliases {
            let Some(path) = pagemap::alias(alias) else {
                warnings.file(
                    &e.article.path,
                    format!("alias `{alias}` is not a safe path inside the site; ignored"),
                );
                continue;
            };
            if pages.contains(&path) || pagemap::taken_by_the_site(&path) {
                warnings.file(
                    &e.article.path,
                    format!("alias `{alias}` would replace a page of the site; ignored"),
                );
            } else if let Some(kept) = pagemap::taken_by_the_user(&path, keep) {
                warnings.file(
                    &e.article.path,
                    format!("alias `{alias}` would replace `{kept}` in the output folder; ignored"),
                );
            } else if let Some(&other) = seen.get(&path) {
                // Real sites have such clashes (Hugo lets the last page written win): the
                // old link still leads to a page, so the build goes on.
                warnings.file(
                    &e.article.path,
                    format!(
                        "alias `{alias}` is also claimed by {}, where it leads; ignored here",
                        entries[other].article.path.display()
                    ),
                );
            } else {
                seen.insert(path, i);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

fn taxonomies(config: &SiteConfig, entries: &[Entry]) -> Vec<Taxonomy> {
    let default_author: Vec<String> = config.author.iter().cloned().collect();
    let mut list = vec![
        Taxonomy::build("tags", entries, |e| e.article.meta.tags.clone()),
        Taxonomy::build("authors", entries, |e| {
            if e.article.meta.authors.is_empty() {
                default_author.clone()
            } else {
                e.article.meta.authors.clone()
            }
        }),
        Taxonomy::build("sources", entries, |e| source_name(&e.article).into_iter().collect()),
    ];
    if config.taxonomies.iter().any(|t| t == "sections") {
        list.push(Taxonomy::build("sections", entries, |e| {
            e.article.meta.section.iter().cloned().collect()
        }));
    }
    list
}

/// The name a source is filed under: its `name`, else its URL's host.
pub(crate) fn source_name(article: &Article) -> Option<String> {
    let source = article.meta.source.as_ref()?;
    source.name.clone().or_else(|| {
        let url = source.url.as_deref()?;
        let host = url.split_once("://")?.1.split(['/', '?', '#']).next()?;
        Some(host.trim_start_matches("www.").to_string()).filter(|h| !h.is_empty())
    })
}

/// The articles this build publishes: drafts, expired and future articles left out as
/// the publishing settings say, with how many of each were left out.
fn publishable(
    articles: Vec<Article>,
    publishing: &Publishing,
) -> (Vec<Article>, usize, usize, usize) {
    let (articles, drafts_left_out) = partition(articles, |a| publishing.drafts || !a.meta.draft);
    let (articles, expired) = partition(articles, |a| {
        a.meta.expires.as_ref().is_none_or(|d| d.at.timestamp() > publishing.now)
    });
    let (articles, held_back) = partition(articles, |a| {
        publishing.future || a.meta.date.as_ref().is_none_or(|d| d.at.timestamp() <= publishing.now)
    });
    (articles, drafts_left_out, expired, held_back)
}

/// The entries, the files bodies refer to, and the pictures to make copies of.
type Entries = (Vec<Entry>, Vec<Asset>, Vec<std::sync::Arc<pictures::Picture>>);

/// Pairs each article with its slug, page and body; gathers the files and pictures
/// bodies refer to, each once.
fn entries(
    articles: Vec<Article>,
    slugs: Vec<String>,
    rendered: Vec<RenderedBody>,
    warnings: &mut Warnings,
) -> Entries {
    let (mut assets, mut pictures) = (Vec::new(), Vec::new());
    let mut entries = Vec::with_capacity(articles.len());
    for ((article, slug), r) in articles.into_iter().zip(slugs).zip(rendered) {
        assets.extend(r.assets);
        pictures.extend(r.pictures);
        warnings.extend(r.warnings);
        let out = pagemap::article(&slug);
        let date = article.meta.date.as_ref().map(|d| d.view());
        let updated = article.meta.updated.as_ref().map(|d| d.view());
        let (body, image) = (r.body, r.lead);
        entries.push(Entry { article, slug, out, body, date, updated, image });
    }
    assets.sort();
    assets.dedup_by(|a, b| a.to == b.to);
    let mut seen = std::collections::HashSet::new();
    pictures.retain(|p| seen.insert(p.variants[0].path.clone()));
    (entries, assets, pictures)
}

/// What the site derives from its entries: taxonomies, editions, archive, related
/// articles, threads, and each entry's edition.
struct Parts {
    taxonomies: Vec<Taxonomy>,
    editions: Vec<Edition>,
    archive: Archive,
    related: Vec<Vec<usize>>,
    threads: std::collections::BTreeMap<String, Vec<usize>>,
    edition_of: Vec<Option<usize>>,
}

impl Parts {
    fn of(config: &SiteConfig, entries: &[Entry]) -> Parts {
        let editions = editions::editions(entries, config.editions.period);
        let related = if config.related.enabled {
            related::related(entries, config.related.count)
        } else {
            vec![Vec::new(); entries.len()]
        };
        let mut threads: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, e) in entries.iter().enumerate().rev() {
            if let Some(key) = &e.article.meta.thread {
                threads.entry(key.clone()).or_default().push(i);
            }
        }
        let mut edition_of = vec![None; entries.len()];
        for (k, ed) in editions.iter().enumerate() {
            for &i in &ed.entries {
                edition_of[i] = Some(k);
            }
        }
        let taxonomies = taxonomies(config, entries);
        let archive = editions::archive(entries);
        Parts { taxonomies, editions, archive, related, threads, edition_of }
    }
}

fn partition(articles: Vec<Article>, keep: impl Fn(&Article) -> bool) -> (Vec<Article>, usize) {
    let before = articles.len();
    let kept: Vec<Article> = articles.into_iter().filter(|a| keep(a)).collect();
    let left = before - kept.len();
    (kept, left)
}

/// Newest first; the same moment by file path; undated last by file path.
fn sort(articles: &mut [Article]) {
    articles.sort_by(|a, b| match (&a.meta.date, &b.meta.date) {
        (Some(x), Some(y)) => {
            y.at.timestamp().cmp(&x.at.timestamp()).then_with(|| a.path.cmp(&b.path))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.path.cmp(&b.path),
    });
}
