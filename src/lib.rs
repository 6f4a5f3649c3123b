//! Broadsheet: a static site generator for news digests.
//!
//! `build` is the whole pipeline, top to bottom: settings, articles, site,
//! templates, pages into a staging folder, and the swap into the output folder.
//! With `[languages]` in site.toml, the site is one `Site` per language, each written
//! into its own folder (see `site::languages`).
#![warn(missing_docs)]
#![forbid(unsafe_code)]
// `pub` is for what the binary, tests, benches and fuzz targets use; the rest says pub(crate).
#![warn(unreachable_pub)]
// Small functions with few parameters (thresholds in clippy.toml); the tests' long
// scenarios are exempt, the library's code is not.
#![warn(clippy::too_many_lines, clippy::too_many_arguments)]

pub(crate) mod cache;
pub mod check;
pub mod config;
pub(crate) mod containment;
pub mod content;
pub(crate) mod dates;
pub mod deploy;
pub mod diagnostics;
pub(crate) mod digest;
pub(crate) mod email;
pub(crate) mod encoding;
pub mod error;
pub(crate) mod feeds;
pub(crate) mod fs;
pub(crate) mod i18n;
pub(crate) mod ident;
pub(crate) mod images;
pub mod import;
pub mod markdown;
pub(crate) mod media_type;
mod memo;
pub(crate) mod nesting;
pub(crate) mod output;
pub(crate) mod pictures;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod scratch;
pub(crate) mod search;
pub mod send;
pub mod serve;
pub(crate) mod site;
pub(crate) mod sitemap;
pub(crate) mod slugs;
pub(crate) mod terminal;
pub mod text;
pub(crate) mod urls;
pub(crate) mod views;
pub mod warnings;

pub use error::{Error, Result};

use cache::stamp;
use output::Output;
use render::Templates;
use site::{Publishing, Site, pagemap};
use std::path::{Path, PathBuf};
use warnings::Warnings;

/// What the command line asks of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds site.toml, seeds/, templates/, static/).
    pub root: PathBuf,
    /// Overrides `output_dir`; relative paths are taken from the root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated after the reference time.
    pub future: bool,
    /// The reference time, as given with `--now` (RFC 3339 or YYYY-MM-DD).
    pub now: Option<String>,
    /// Ignore the build cache: render and write everything.
    pub clean: bool,
    /// Publish the rest when seed files cannot be read, listing them in the report
    /// (`--keep-going`; site.toml's `[build] on_error = "skip"` does the same).
    pub keep_going: bool,
    /// Told of the build's stages and counts as it runs (the command line's progress
    /// line); nobody by default.
    pub progress: progress::Watch,
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
    /// Articles published.
    pub articles: usize,
    /// HTML pages in the site (every `.html` file written, as `check` counts them).
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Articles held back as future-dated.
    pub held_back: usize,
    /// Warnings to show.
    pub warnings: Warnings,
    /// Local pictures published with resized copies.
    pub pictures: usize,
    /// How many of them were decoded (the others' copies were all made before).
    pub decoded: usize,
    /// Old copies of pictures that no article names any more, removed from the work
    /// folder.
    pub pruned: usize,
    /// Where the site went.
    pub output: PathBuf,
    /// True when nothing had changed since the last build, which the output folder
    /// still held as it left it: nothing was read, rendered or written.
    pub unchanged: bool,
    /// Seed files that could not be read, one error each: left out of a build that
    /// kept going (with a failing build they are the `Err` instead).
    pub failed: Vec<Error>,
}

impl Report {
    fn built(reported: stamp::Reported, output: PathBuf) -> Report {
        let stamp::Reported { articles, pages, files, held_back, warnings, pictures } = reported;
        let warnings = Warnings(warnings);
        let unchanged = false;
        Report {
            articles,
            pages,
            files,
            held_back,
            warnings,
            pictures,
            decoded: 0,
            pruned: 0,
            output,
            unchanged,
            failed: Vec::new(),
        }
    }

    fn unchanged(reported: stamp::Reported, output: PathBuf) -> Report {
        Report { unchanged: true, ..Report::built(reported, output) }
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<Report> {
    build_site(options, Shortcut::WhenUnchanged).map(|(report, _)| report)
}

/// Builds the site at `options.root` and hands back every language's assembled site
/// (one without `[languages]`), the default first, with the report (for `check` and
/// `send`, which use what the build made). Never stops early.
pub(crate) fn build_and_keep_all(options: &BuildOptions) -> Result<(Report, Vec<Site>)> {
    let (report, sites) = build_site(options, Shortcut::Never)?;
    Ok((report, sites.expect("a build that never stops early always assembles the site")))
}

/// Whether a build may stop early when nothing changed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shortcut {
    WhenUnchanged,
    Never,
}

/// The pipeline: read the inputs, open the memo, stop early when nothing changed,
/// assemble the site, publish it, save the memo. The site comes back unless the build
/// stopped early.
fn build_site(options: &BuildOptions, shortcut: Shortcut) -> Result<(Report, Option<Vec<Site>>)> {
    let Inputs { root, config, out, work, tz, publishing, settings, clean, skip_failed } =
        Inputs::read(options)?;
    let lock = output::Lock::take(&work)?;
    let text = config.build.text_memory_mb.saturating_mul(1 << 20);
    let mut memo =
        memo::Memo::open((&root, &work), &settings, instants(publishing.now), clean, text);
    if shortcut == Shortcut::WhenUnchanged
        && let Some(reported) = memo.unchanged()
        && output::is_published(&out, &work, &config.keep, &lock)?
    {
        return Ok((Report::unchanged(reported, out), None));
    }
    let watch = &options.progress;
    watch.stage(progress::Stage::Reading);
    memo.recall()?;
    let (docs, failed, mut warnings) = read_documents(&root, &config, &tz, &memo)?;
    let failed = Failed { errors: failed, skip: skip_failed };
    memo.keep_read(&docs)?;
    watch.stage(progress::Stage::Assembling);
    let sites = match assemble(config, docs, root.clone(), &publishing, &memo) {
        Ok(sites) => sites,
        Err(e) => return Err(failed.and(e)),
    };
    let mut templates = match Templates::load(&root.join("templates"), Path::new("templates")) {
        Ok(templates) => templates,
        Err(e) => return Err(failed.and(e)),
    };
    watch.stage(progress::Stage::Writing);
    let output =
        Output::stage(&out, &work, &sites[0].config.keep, !clean, lock)?.watched(watch.clone());
    let (pages, files, made, failed) =
        publish(&sites, &mut templates, output, ((&root, &work), &memo), failed)?;
    for site in &sites {
        warnings.extend(site.warnings.clone());
    }
    let reported = reported(&sites, (pages, files), warnings, &made);
    // A build that left files out must not be taken for a finished one next time.
    memo.save(&sites, reported.clone(), failed.is_empty())?;
    let (decoded, pruned) = (made.decoded, made.pruned);
    let report = Report { decoded, pruned, failed, ..Report::built(reported, out) };
    Ok((report, Some(sites)))
}

/// What the build of `sites` reports: its counts, its `pages` and `files` written, the
/// warnings and the pictures `made`.
fn reported(
    sites: &[Site],
    (pages, files): (usize, usize),
    warnings: Warnings,
    made: &images::Made,
) -> stamp::Reported {
    stamp::Reported {
        articles: sites.iter().map(|s| s.entries.len()).sum(),
        pages,
        files,
        held_back: sites.iter().map(|s| s.held_back).sum(),
        warnings: warnings.0,
        pictures: made.pictures,
    }
}

/// The site, or with `[languages]` one site per language (the default first), each
/// with its documents and settings, their translations linked.
fn assemble(
    config: config::SiteConfig,
    docs: site::Documents,
    root: PathBuf,
    publishing: &Publishing,
    memo: &memo::Memo,
) -> Result<Vec<Site>> {
    if config.languages.is_empty() {
        return Ok(vec![Site::assemble(config, docs, root, publishing, memo)?]);
    }
    use rayon::prelude::*;
    let all = config.language_list();
    // The languages' sites are assembled side by side: each has stages that run on one
    // thread (ordering, topics, related articles), which would otherwise queue.
    let planned = site::languages::split(&config, docs)?
        .into_par_iter()
        .map(|(language, docs)| {
            Site::plan(config.for_language(&language), docs, root.clone(), publishing)
        })
        .collect::<Vec<Result<site::Planned>>>()
        .into_iter()
        .collect::<Result<Vec<site::Planned>>>()?; // the first language's error, as before
    // A body may link to another language's version of a story: every page is known
    // before any body is rendered.
    let everywhere: std::collections::HashMap<_, _> =
        planned.iter().zip(&all).flat_map(|(p, l)| p.published(&l.prefix)).collect();
    let everywhere = std::sync::Arc::new(everywhere);
    let mut sites = planned
        .into_par_iter()
        .zip(all.par_iter())
        .map(|(planned, language)| {
            let prefix = language.prefix.clone();
            planned.finish(memo, &site::Elsewhere { pages: everywhere.clone(), prefix })
        })
        .collect::<Vec<Result<Site>>>()
        .into_iter()
        .collect::<Result<Vec<Site>>>()?;
    site::languages::place(&mut sites, &all, &config.base_url);
    Ok(sites)
}

/// The site's documents: the articles under seeds/, the pages under pages/ and the
/// profiles under authors/, with the errors of every file that could not be read.
fn read_documents(
    root: &Path,
    config: &config::SiteConfig,
    tz: &jiff::tz::TimeZone,
    memo: &memo::Memo,
) -> Result<(site::Documents, Vec<Error>, Warnings)> {
    let fallback = config.fallback_encoding();
    let articles = content::load(root, &root.join("seeds"), tz, fallback, memo);
    let pages_dir = root.join(site::pages::FOLDER);
    let pages = content::load_pages(root, &pages_dir, tz, fallback, memo);
    let people = root.join(site::profiles::FOLDER);
    let profiles = content::load_profiles(root, &people, tz, fallback, memo);
    let mut warnings = Warnings::default();
    let (mut errors, mut failed) = (Vec::new(), Vec::new());
    let mut take = |read: Result<content::Loaded>| match read {
        Ok((docs, bad, w)) => {
            warnings.extend(w);
            failed.extend(bad);
            docs
        }
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    let docs =
        site::Documents { articles: take(articles), pages: take(pages), profiles: take(profiles) };
    Error::collect(errors)?;
    Ok((docs, failed, warnings))
}

/// Everything a build reads before the articles: the settings, where the output and
/// the work folder go, the reference time, and what the stamp must know of the command
/// line. `BuildOptions` is taken apart here alone, so that every new option needs a
/// decision about the stamp.
struct Inputs {
    root: PathBuf,
    config: config::SiteConfig,
    out: PathBuf,
    work: PathBuf,
    tz: jiff::tz::TimeZone,
    publishing: Publishing,
    settings: Settings,
    clean: bool,
    /// Publish the rest when seed files cannot be read.
    skip_failed: bool,
}

/// What the output depends on besides the files the stamp scans and the reference
/// time (whose cut-offs the stamp keeps).
#[derive(serde::Serialize)]
struct Settings {
    out: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    future: bool,
}

impl Inputs {
    fn read(options: &BuildOptions) -> Result<Inputs> {
        let BuildOptions {
            root, output_dir, base_url, drafts, future, now, clean, keep_going, ..
        } = options;
        let mut config = config::load(&root.join("site.toml"), Path::new("site.toml"))?;
        if let Some(url) = base_url {
            config = config::SiteConfig::with_base_url(config, url)?;
        }
        let out = root.join(output_dir.as_deref().unwrap_or(&config.output_dir));
        check_output_dir(root, &out)?;
        let tz = config.tz();
        let now = reference_time(now.as_deref(), &tz)?;
        let work = output::work_dir(root, &out);
        let publishing = Publishing { drafts: *drafts, future: *future, now };
        let skip_failed = *keep_going || config.build.on_error == config::build::OnError::Skip;
        let settings = Settings {
            out: out.clone(),
            base_url: base_url.clone(),
            drafts: *drafts,
            future: *future,
        };
        Ok(Inputs {
            root: root.clone(),
            config,
            out,
            work,
            tz,
            publishing,
            settings,
            clean: *clean,
            skip_failed,
        })
    }
}

/// The instants the reference time `now` sets: itself and the news window's start.
fn instants(now: jiff::Timestamp) -> stamp::Instants {
    stamp::Instants { now, news_since: sitemap::news_since(now) }
}

/// The seed files a build could not read, and whether it publishes without them.
struct Failed {
    errors: Vec<Error>,
    skip: bool,
}

impl Failed {
    /// `error` listed after the files that could not be read.
    fn and(self, error: Error) -> Error {
        match self.errors.is_empty() {
            true => error,
            false => Error::Many(self.errors.into_iter().chain([error]).collect()),
        }
    }
}

/// Writes every file of the site into `output` and swaps it in: pages, files and the
/// files left out. When files could not be read and the build does not skip them,
/// everything else is still written (so that every problem shows at once) but nothing
/// is swapped in: the output folder keeps the previous site. Nor is it when a text the
/// build kept aside (`memo`'s scratch) could not be read back.
fn publish(
    sites: &[Site],
    templates: &mut Templates,
    mut output: Output,
    (folders, memo): ((&Path, &Path), &memo::Memo),
    failed: Failed,
) -> Result<(usize, usize, images::Made, Vec<Error>)> {
    let written = write_sites(sites, templates, &mut output, folders);
    match written.and_then(|w| memo.check_scratch().map(|()| w)) {
        Ok(_) if !failed.skip && !failed.errors.is_empty() => {
            output.abandon();
            Err(Error::Unread(failed.errors))
        }
        Ok((_, made)) => {
            output.watch().stage(progress::Stage::Publishing);
            let written = output.finish()?;
            Ok((written.pages, written.files, made, failed.errors))
        }
        Err(e) => {
            output.abandon();
            Err(failed.and(e))
        }
    }
}

/// Writes each language's site into its folder (one site: the root).
fn write_sites(
    sites: &[Site],
    templates: &mut Templates,
    output: &mut Output,
    folders: (&Path, &Path),
) -> Result<(usize, images::Made)> {
    let mut total = (0, images::Made::default());
    for site in sites {
        output.enter(site.placement.as_ref().map_or("", |p| p.language.prefix.as_str()));
        let (pages, made) = write_site(site, templates, output, folders)?;
        total.0 += pages;
        let sum = &mut total.1;
        sum.pictures += made.pictures;
        sum.decoded += made.decoded;
        sum.files += made.files;
        sum.pruned += made.pruned;
    }
    output.enter("");
    Ok(total)
}

/// Writes the site from the site root and the work folder (`folders`): the number of
/// pages rendered and what the images writer did.
fn write_site(
    site: &Site,
    templates: &mut Templates,
    output: &Output,
    folders: (&Path, &Path),
) -> Result<(usize, images::Made)> {
    let (root, work) = folders;
    // Templates are named in messages as the site holds them.
    let shown = Path::new("templates");
    // The search files come from the site model, not the pages: built beside them.
    // So are the pictures' copies, the slowest part of a first build.
    let (pages, searched, pictured) = std::thread::scope(|scope| {
        let searching = scope.spawn(|| search::write(site, output, work));
        let picturing = scope.spawn(|| images::write_all(site, output, &images::store(work)));
        let pages =
            render::render_all(site, templates, output, shown, views::search::Search::of(site));
        let searched = searching
            .join()
            .unwrap_or_else(|_| Err(panicked("search", "build the search files in")));
        let pictured = picturing
            .join()
            .unwrap_or_else(|_| Err(panicked("images", "make the pictures' copies in")));
        (pages, searched, pictured)
    });
    let pages = pages?;
    searched?;
    let made = pictured?;
    let templates: &Templates = templates;
    let render = |name: &str, c: &tera::Context| templates.render(name, c, shown);
    email::write_all(site, &render, output, shown, templates.digest())?;
    // Feeds enclose the lead pictures' copies with their byte sizes, now made.
    feeds::write_all(site, output, &images::social_sizes(site, &images::store(work)))?;
    sitemap::write_all(site, output)?;
    output.write(&pagemap::path(pagemap::STYLE), render::STYLE.as_bytes())?;
    output.write(&pagemap::path(pagemap::FAVICON), render::FAVICON.as_bytes())?;
    for asset in &site.assets {
        output.copy(&asset.from, &asset.to)?;
    }
    copy_static(site, output, root)?;
    Ok((pages, made))
}

/// The editor's static/ files: all of them at the root; in a language's folder, only
/// their stylesheet and icon.
fn copy_static(site: &Site, output: &Output, root: &Path) -> Result<()> {
    match site.placement.as_ref().is_none_or(|p| p.language.prefix.is_empty()) {
        true => {
            output.write(&pagemap::path(pagemap::NOJEKYLL), b"")?;
            output.copy_tree(&root.join("static"))?;
        }
        // A language's folder takes the editor's stylesheet and icon, not all of static/.
        false => {
            for theme in [pagemap::STYLE, pagemap::FAVICON] {
                let own = root.join("static").join(pagemap::path(theme).to_fs());
                if own.is_file() {
                    output.copy(&own, &pagemap::path(theme))?;
                }
            }
        }
    }
    Ok(())
}

/// The reference time: `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
pub fn reference_time(now: Option<&str>, tz: &jiff::tz::TimeZone) -> Result<jiff::Timestamp> {
    if let Some(text) = now {
        return dates::parse(text, tz)
            .map(|p| p.at.timestamp())
            .map_err(|m| Error::Usage(format!("--now: {m}")));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!("SOURCE_DATE_EPOCH must be whole seconds, got `{epoch}`"))
        })?;
        return jiff::Timestamp::from_second(seconds)
            .map_err(|e| Error::Usage(format!("SOURCE_DATE_EPOCH out of range: {e}")));
    }
    Ok(jiff::Timestamp::now())
}

/// Refuses output folders that would overwrite the site's own files.
fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let norm = |p: &Path| p.components().collect::<PathBuf>();
    let (root_n, out_n) = (norm(root), norm(out));
    // `serve` and `check` build into their own folders of the work folder.
    let scratch = ["serve", "check"].iter().any(|d| out_n == root_n.join(".broadsheet").join(d));
    let bad = root_n.starts_with(&out_n)
        || ["seeds", "pages", "authors", "templates", "static", ".broadsheet", "src", ".git"]
            .iter()
            .any(|d| out_n.starts_with(root_n.join(d)) && !scratch);
    if bad {
        return Err(Error::Usage(format!(
            "refusing to build into {}: it holds the site's own files (choose a folder such as `public`)",
            out.display()
        )));
    }
    Ok(())
}

/// The error of a writer thread (`search`, `images`) that panicked.
fn panicked(what: &'static str, action: &'static str) -> Error {
    let panicked = std::io::Error::other(format!("the {what} thread panicked"));
    Error::io(action, what, panicked)
}
