//! Site: the articles that will be published, in order, with their URLs fixed and
//! their bodies rendered. Drafts and future articles are left out here, duplicates
//! dropped, slugs assigned; Markdown renders here because links need every URL first.

mod bodies;
pub(crate) mod editions;
pub(crate) mod intros;
pub(crate) mod languages;
pub(crate) mod links;
mod logo;
pub(crate) mod menus;
pub(crate) mod pagemap;
pub(crate) mod pages;
pub(crate) mod pictures;
pub(crate) mod profiles;
pub(crate) mod redirects;
pub(crate) mod related;
mod slugs;
pub(crate) mod taxonomy;

pub(crate) use bodies::{Memo, Picked};
pub(crate) use editions::{Archive, Edition};
pub(crate) use taxonomy::{Taxonomy, Term, TermNames};

use crate::config::SiteConfig;
use crate::content::Article;
use crate::dates::DateView;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::scratch::Text;
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
    /// Its body, rendered with links relative to `out`; the HTML held in memory or in
    /// the build's scratch file (`body.html.get()`).
    pub body: Rendered<Text>,
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
    pub(crate) intros: intros::Intros,
    /// The front page's introduction: the `_index.md` at the root of the seeds.
    pub(crate) front_intro: Option<intros::Intro>,
    /// Standalone pages (pages/), by path.
    pub pages: Vec<Entry>,
    /// Redirect pages: old path -> standalone page index.
    pub page_aliases: Vec<(OutPath, usize)>,
    /// Whether the site writes its built-in sign-up page (no page of the editor's
    /// takes its path).
    pub subscribe: bool,
    /// The menus, their entries resolved to pages.
    pub(crate) menus: menus::Menus,
    /// People's profiles (authors/), each shown on its author page.
    pub profiles: Vec<Entry>,
    /// The publisher's logo, when `[publisher] logo` names a local picture.
    pub(crate) logo: Option<std::sync::Arc<pictures::Picture>>,
    /// The profile of each author page that has one: term slug -> profile index.
    pub profile_of: std::collections::BTreeMap<String, usize>,
    /// Where this site sits among the publication's languages, when it has several.
    pub(crate) placement: Option<languages::Placement>,
    /// The redirect pages of `[redirects]`.
    pub redirects: Vec<redirects::Redirect>,
}

/// The documents a site is made of, as read.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    /// Articles from seeds/.
    pub articles: Vec<Article>,
    /// Standalone pages from pages/.
    pub pages: Vec<Article>,
    /// People's profiles from authors/.
    pub profiles: Vec<Article>,
}

impl Site {
    /// Orders the articles, gives them URLs and renders their bodies, taking bodies
    /// from `memo` where their source is unchanged.
    pub(crate) fn assemble(
        config: SiteConfig,
        documents: Documents,
        root: PathBuf,
        publishing: &Publishing,
        memo: &dyn Memo,
    ) -> Result<Site> {
        Site::plan(config, documents, root, publishing)?.finish(memo, &Elsewhere::default())
    }

    /// The first half of `assemble`: the documents this build publishes, in order,
    /// each given its path; nothing rendered yet.
    pub(crate) fn plan(
        config: SiteConfig,
        Documents { articles, pages, profiles }: Documents,
        root: PathBuf,
        publishing: &Publishing,
    ) -> Result<Planned> {
        let mut warnings = untranslated(&config);
        let (articles, intros) = intros::split(articles);
        let (articles, drafts, held_back) = chosen(articles, publishing, &config, &mut warnings);
        let docs = Docs::chosen(articles, pages, profiles, publishing);
        let paths = Paths::of(&config, &docs, &mut warnings)?;
        let now = publishing.now;
        Ok(Planned { config, root, warnings, intros, drafts, held_back, now, docs, paths })
    }
}

/// A site planned (`Site::plan`): its documents chosen and their paths fixed.
pub(crate) struct Planned {
    config: SiteConfig,
    root: PathBuf,
    warnings: Warnings,
    /// The `_index.md` files, rendered with the rest in `finish`.
    intros: Vec<Article>,
    drafts: usize,
    held_back: usize,
    now: jiff::Timestamp,
    docs: Docs,
    paths: Paths,
}

/// Where the documents of a publication in several languages are published, by file
/// (`seeds/market.md`) from the publication's root (`articles/market.html`), and the
/// folder of the language being built: a body may link to another language's version.
#[derive(Debug, Default, Clone)]
pub(crate) struct Elsewhere {
    /// Every language's documents, by file.
    pub pages: std::sync::Arc<std::collections::HashMap<PathBuf, OutPath>>,
    /// The folder of the site being built (`fr/`).
    pub prefix: String,
}

impl Planned {
    /// Where this site's documents are published: each file and its page, from the
    /// publication's root when the site sits in the folder `prefix`.
    pub(crate) fn published(&self, prefix: &str) -> Vec<(PathBuf, OutPath)> {
        let Docs { articles, pages, profiles } = &self.docs;
        let Paths { outs, page_outs, profile_outs, .. } = &self.paths;
        let docs = articles.iter().zip(outs).chain(pages.iter().zip(page_outs));
        docs.chain(profiles.iter().zip(profile_outs))
            .filter_map(|(a, out)| {
                let file = links::file_of(&self.root, a)?;
                Some((file, OutPath::new(format!("{prefix}{out}"))))
            })
            .collect()
    }

    /// The second half of `assemble`: bodies rendered (their links resolved against
    /// this site's pages, then `elsewhere`'s), topics, editions, menus and redirects.
    pub(crate) fn finish(self, memo: &dyn Memo, elsewhere: &Elsewhere) -> Result<Site> {
        let Planned { config, root, mut warnings, intros, drafts, held_back, now, .. } = self;
        let (made, urls) = ((self.docs, self.paths, elsewhere), Urls::new(&config.base_url));
        let Published { entries, pages, profiles, assets, pictures, logo, intros, front_intro } =
            Published::render(&config, (&root, &urls, memo), (made, intros), &mut warnings)?;
        let (aliases, page_aliases) = all_aliases(&entries, &pages, &config.keep, &mut warnings)?;
        let menus = menus::Menus::resolve(&config, &pages, &entries)?;
        let (Parts { taxonomies, editions, archive, related, threads, edition_of }, profile_of) =
            Parts::with_profiles(&config, (&entries, &intros), &profiles, &mut warnings);
        Site {
            config,
            urls,
            entries,
            assets,
            pictures,
            warnings,
            held_back,
            drafts_left_out: drafts,
            now,
            aliases,
            taxonomies,
            editions,
            archive,
            related,
            threads,
            edition_of,
            intros,
            front_intro,
            subscribe: pages.iter().all(|p| p.out.as_str() != pagemap::SUBSCRIBE),
            pages,
            page_aliases,
            menus,
            profiles,
            profile_of,
            logo,
            placement: None,
            redirects: Vec::new(),
        }
        .with_redirects()
    }
}

impl Site {
    /// The site with its `[redirects]` resolved against its pages.
    fn with_redirects(mut self) -> Result<Site> {
        self.redirects = redirects::resolve(&self)?;
        Ok(self)
    }

    /// The taxonomy called `name`, if the site has it.
    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    /// The profile of the person an author page is about, by the page's term slug.
    pub fn profile(&self, slug: &str) -> Option<&Entry> {
        self.profile_of.get(slug).map(|&i| &self.profiles[i])
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

/// The articles this build publishes, each once, newest first; with how many drafts
/// were left out and how many future articles held back. In a site of several
/// languages, the warnings name the language ("1 of 4 `fr` articles is …").
fn chosen(
    articles: Vec<Article>,
    publishing: &Publishing,
    config: &SiteConfig,
    warnings: &mut Warnings,
) -> (Vec<Article>, usize, usize) {
    let total = articles.len();
    let (articles, drafts_left_out, expired, held_back) = publishable(articles, publishing);
    let (one, many) = if config.languages.is_empty() {
        ("article".to_string(), "articles".to_string())
    } else {
        let code = &config.language;
        (format!("`{code}` article"), format!("`{code}` articles"))
    };
    if expired > 0 {
        warnings.site(format!(
            "{} past their expiry date (`expiryDate`) and left out",
            crate::text::part_of(expired, total, &one, &many)
        ));
    }
    if held_back > 0 {
        warnings.site(format!(
            "{} dated in the future and held back (build with --future to include them)",
            crate::text::part_of(held_back, total, &one, &many)
        ));
    }
    let mut articles = slugs::dedupe(articles, warnings);
    sort(&mut articles);
    (articles, drafts_left_out, held_back)
}

impl Docs {
    /// The chosen `articles`, with the pages and profiles this build publishes.
    fn chosen(
        articles: Vec<Article>,
        pages: Vec<Article>,
        profiles: Vec<Article>,
        publishing: &Publishing,
    ) -> Docs {
        let (pages, profiles) = (standalone(pages, publishing), standalone(profiles, publishing));
        Docs { articles, pages, profiles }
    }
}

/// The standalone pages this build publishes (drafts only with `--drafts`), by path.
fn standalone(pages: Vec<Article>, publishing: &Publishing) -> Vec<Article> {
    let mut pages: Vec<Article> =
        pages.into_iter().filter(|p| publishing.drafts || !p.meta.draft).collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// The documents to publish, chosen.
struct Docs {
    articles: Vec<Article>,
    pages: Vec<Article>,
    profiles: Vec<Article>,
}

/// Articles and pages with their URLs fixed and bodies rendered, and what the bodies
/// refer to.
struct Published {
    entries: Vec<Entry>,
    pages: Vec<Entry>,
    profiles: Vec<Entry>,
    assets: Vec<Asset>,
    pictures: Vec<std::sync::Arc<pictures::Picture>>,
    logo: Option<std::sync::Arc<pictures::Picture>>,
    intros: intros::Intros,
    front_intro: Option<intros::Intro>,
}

/// Each document's path: the articles' slugs and pages, the standalone pages' and
/// the profiles'.
struct Paths {
    slugs: Vec<String>,
    outs: Vec<OutPath>,
    page_outs: Vec<OutPath>,
    profile_outs: Vec<OutPath>,
}

impl Paths {
    fn of(config: &SiteConfig, docs: &Docs, warnings: &mut Warnings) -> Result<Paths> {
        let Docs { articles, pages, profiles } = docs;
        let languages = !config.languages.is_empty();
        let slugs = slugs::assign(articles, languages, warnings)?;
        let outs: Vec<OutPath> = slugs.iter().map(|s| pagemap::article(s)).collect();
        let claimed: Vec<(PathBuf, OutPath)> =
            articles.iter().map(|a| a.path.clone()).zip(outs.iter().cloned()).collect();
        let page_outs = pages::outs(pages, &claimed, (&config.keep, languages))?;
        let profile_outs: Vec<OutPath> = profiles.iter().map(profiles::out_of).collect();
        Ok(Paths { slugs, outs, page_outs, profile_outs })
    }
}

impl Published {
    /// Renders every article's and page's body, with links resolved against all of
    /// them (`with`: the site root, the URL maker, the memo), then `elsewhere`.
    fn render(
        config: &SiteConfig,
        (root, urls, memo): (&std::path::Path, &Urls, &dyn Memo),
        ((Docs { mut articles, mut pages, mut profiles }, paths, elsewhere), mut intro_files): (
            (Docs, Paths, &Elsewhere),
            Vec<Article>,
        ),
        warnings: &mut Warnings,
    ) -> Result<Published> {
        let Paths { slugs, outs, page_outs, profile_outs } = paths;
        let languages = !config.languages.is_empty();
        let docs = articles.iter().zip(&outs).chain(pages.iter().zip(&page_outs));
        let index = links::Index::new(
            root,
            docs.chain(profiles.iter().zip(&profile_outs)),
            elsewhere.clone(),
        );
        let renderer = Renderer::new(config, &index, urls, memo);
        let rendered = renderer.all(&mut articles, &outs)?;
        let rendered_pages = renderer.all(&mut pages, &page_outs)?;
        let rendered_profiles = renderer.all(&mut profiles, &profile_outs)?;
        let intro_outs: Vec<OutPath> = intro_files.iter().map(intros::shown_on).collect();
        let rendered_intros = renderer.all(&mut intro_files, &intro_outs)?;
        let keys = profiles.iter().map(|p| p.meta.title.clone()).collect();
        let (profiles, profile_assets, profile_pictures) =
            entries(profiles, (keys, profile_outs), rendered_profiles, warnings);
        let names = pages.iter().map(|p| pages::name_of(p, languages)).collect();
        let (pages, more_assets, more_pictures) =
            entries(pages, (names, page_outs), rendered_pages, warnings);
        let (entries, mut assets, mut pictures) =
            entries(articles, (slugs, outs), rendered, warnings);
        assets.extend(more_assets.into_iter().chain(profile_assets));
        let logo = logo::plan(config, root, memo, warnings)?;
        pictures.extend(more_pictures.into_iter().chain(profile_pictures).chain(logo.clone()));
        let (mut html, mut leads) = (Vec::new(), Vec::new());
        for mut r in rendered_intros {
            assets.extend(r.assets);
            pictures.extend(r.pictures);
            warnings.extend(r.warnings);
            html.push(r.body.html.take());
            leads.push(r.lead);
        }
        let (intros, front_intro) = intros::collect(intro_files, html, leads);
        let (assets, pictures) = unique(assets, pictures);
        Ok(Published { entries, pages, profiles, assets, pictures, logo, intros, front_intro })
    }
}

/// The articles' aliases and the pages', each checked against both.
type Aliases = Vec<(OutPath, usize)>;
fn all_aliases(
    entries: &[Entry],
    pages: &[Entry],
    keep: &[String],
    warnings: &mut Warnings,
) -> Result<(Aliases, Aliases)> {
    Ok((aliases(entries, pages, keep, warnings)?, aliases(pages, entries, keep, warnings)?))
}

/// Checks every alias of `entries`: a safe path that no page of theirs or of `others`
/// and no other alias takes.
fn aliases(
    entries: &[Entry],
    others: &[Entry],
    keep: &[String],
    warnings: &mut Warnings,
) -> Result<Vec<(OutPath, usize)>> {
    let pages: std::collections::HashSet<&OutPath> =
        entries.iter().chain(others).map(|e| &e.out).collect();
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

fn taxonomies(config: &SiteConfig, entries: &[Entry], intros: &intros::Intros) -> Vec<Taxonomy> {
    let default_author: Vec<String> = config.author.iter().cloned().collect();
    let (named, as_written) = (TermNames::new(&config.term_names), TermNames::default());
    let mut list = vec![
        Taxonomy::build("tags", entries, &named, |e| e.article.meta.tags.clone()),
        Taxonomy::build("authors", entries, &as_written, |e| {
            if e.article.meta.authors.is_empty() {
                default_author.clone()
            } else {
                e.article.meta.authors.clone()
            }
        }),
        Taxonomy::build("sources", entries, &as_written, |e| {
            source_name(&e.article).into_iter().collect()
        }),
    ];
    if config.taxonomies.iter().any(|t| t == "sections") {
        // A section with an `_index.md` and no articles (yet) still has its page, as
        // the peers give it one: its introduction, and nothing listed.
        let also: Vec<&String> = intros.keys().collect();
        let section_of = |e: &Entry| e.article.meta.section.iter().cloned().collect();
        list.push(Taxonomy::build_with("sections", entries, &named, section_of, &also));
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

/// Pairs each document with its slug, page and body; gathers the files and pictures
/// bodies refer to.
fn entries(
    articles: Vec<Article>,
    (slugs, outs): (Vec<String>, Vec<OutPath>),
    rendered: Vec<RenderedBody>,
    warnings: &mut Warnings,
) -> Entries {
    let (mut assets, mut pictures) = (Vec::new(), Vec::new());
    let mut entries = Vec::with_capacity(articles.len());
    for (((article, slug), out), r) in articles.into_iter().zip(slugs).zip(outs).zip(rendered) {
        assets.extend(r.assets);
        pictures.extend(r.pictures);
        warnings.extend(r.warnings);
        let date = article.meta.date.as_ref().map(|d| d.view());
        let updated = article.meta.updated.as_ref().map(|d| d.view());
        let (body, image) = (r.body, r.lead);
        entries.push(Entry { article, slug, out, body, date, updated, image });
    }
    (entries, assets, pictures)
}

/// The files to copy and the pictures to make copies of, each once.
fn unique(
    mut assets: Vec<Asset>,
    mut pictures: Vec<std::sync::Arc<pictures::Picture>>,
) -> (Vec<Asset>, Vec<std::sync::Arc<pictures::Picture>>) {
    assets.sort();
    assets.dedup_by(|a, b| a.to == b.to);
    let mut seen = std::collections::HashSet::new();
    pictures.retain(|p| seen.insert(p.variants[0].path.clone()));
    (assets, pictures)
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
    /// The parts, and the profile each author term has.
    fn with_profiles(
        config: &SiteConfig,
        (entries, intros): (&[Entry], &intros::Intros),
        profiles: &[Entry],
        warnings: &mut Warnings,
    ) -> (Parts, std::collections::BTreeMap<String, usize>) {
        let parts = Parts::of(config, entries, intros);
        let profile_of = profiles::match_terms(profiles, &parts.taxonomies, warnings);
        (parts, profile_of)
    }

    fn of(config: &SiteConfig, entries: &[Entry], intros: &intros::Intros) -> Parts {
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
        let taxonomies = taxonomies(config, entries, intros);
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

/// One warning per build and language when some page text has no words in the
/// language (no catalog in the theme, and the site's own leaves keys out): it shows in
/// English.
fn untranslated(config: &SiteConfig) -> Warnings {
    let mut warnings = Warnings::default();
    let missing = crate::i18n::untranslated(&config.language, &config.labels);
    let Some(first) = missing.first() else { return warnings };
    let code = &config.language;
    let some: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
    let more = if missing.len() > 5 { ", …" } else { "" };
    let which = format!("{}{more}", some.join(", "));
    let n = crate::text::count(missing.len(), "label", "labels");
    let (is, shows) = if missing.len() == 1 { ("is", "shows") } else { ("are", "show") };
    match config.catalog_path(code) {
        Some(path) => warnings.file(
            path,
            format!("{n} ({which}) {is} not in it and {shows} in English; add them, e.g. `{first} = \"…\"`"),
        ),
        None => warnings.site(format!(
            "the theme has no page text in `{code}`, so {n} ({which}) {shows} in English: write them in {}/{code}.toml (keys as in [labels])",
            crate::config::catalogs::FOLDER
        )),
    }
    warnings
}
