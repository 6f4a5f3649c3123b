//! Broadsheet: a static site generator for news digests.
//!
//! `build` is the whole pipeline, top to bottom: settings, articles, site,
//! templates, pages into a staging folder, and the swap into the output folder.
#![warn(missing_docs)]

pub mod cache;
pub mod check;
pub mod config;
pub mod containment;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod digest;
pub mod error;
pub mod feeds;
pub mod fs;
pub mod i18n;
pub mod import;
pub mod markdown;
pub mod nesting;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod slugs;
pub mod terminal;
pub mod text;
pub mod urls;
pub mod warnings;

pub use error::{Error, Result};

use cache::{Bodies, Seeds, stamp};
use output::Output;
use render::Templates;
use site::{Publishing, Site};
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
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
    /// Articles published.
    pub articles: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Articles held back as future-dated.
    pub held_back: usize,
    /// Warnings to show.
    pub warnings: Warnings,
    /// Where the site went.
    pub output: PathBuf,
    /// True when nothing had changed since the last build, which the output folder
    /// still held as it left it: nothing was read, rendered or written.
    pub unchanged: bool,
}

impl Report {
    fn built(reported: stamp::Reported, output: PathBuf) -> Report {
        let stamp::Reported { articles, pages, files, held_back, warnings } = reported;
        let warnings = Warnings(warnings);
        Report { articles, pages, files, held_back, warnings, output, unchanged: false }
    }

    fn unchanged(reported: stamp::Reported, output: PathBuf) -> Report {
        Report { unchanged: true, ..Report::built(reported, output) }
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let root = &options.root;
    let mut config = config::load(&root.join("site.toml"), Path::new("site.toml"))?;
    if let Some(url) = &options.base_url {
        config = config::SiteConfig::with_base_url(config, url)?;
    }
    let out = root.join(options.output_dir.as_deref().unwrap_or(&config.output_dir));
    check_output_dir(root, &out)?;
    let tz = config.tz();
    let now = reference_time(options.now.as_deref(), &tz)?;
    let work = output::work_dir(root, &out);
    let cached = cache::dir(&work);
    let lock = output::Lock::take(&work)?;
    // Looked at before the articles, templates and static files are read, so that an
    // input changed from here on is seen next time. site.toml, read just above, is
    // covered by the stamp's rule that files changed in the last two seconds are not
    // trusted.
    let settings = (&out, &options.base_url, options.drafts, options.future);
    let scan = stamp::Scan::of(root, &settings);
    if !options.clean
        && let Some(scan) = &scan
        && let Some(reported) = stamp::unchanged(&cached, scan, now)
        && output::is_published(&out, &work, &config.keep, &lock)?
    {
        return Ok(Report::unchanged(reported, out));
    }
    stamp::forget(&cached)?;
    let seeds = root.join("seeds");
    let parsed = if options.clean { Seeds::default() } else { Seeds::load(&cached) };
    // The rendered bodies are read while the seeds are.
    let (loaded, bodies) = std::thread::scope(|scope| {
        let bodies =
            scope.spawn(|| if options.clean { Bodies::default() } else { Bodies::load(&cached) });
        let loaded = content::load_with(root, &seeds, &tz, config.fallback_encoding(), &parsed);
        (loaded, bodies.join().unwrap_or_default())
    });
    let (articles, mut warnings) = loaded?;
    let dates = stamp::Dates::new(
        articles.iter().filter_map(|a| a.meta.date.as_ref().map(|d| d.at.timestamp())),
    );
    let publishing = Publishing { drafts: options.drafts, future: options.future, now };
    let site = Site::assemble_with(config, articles, seeds, &publishing, &bodies)?;
    let mut templates = Templates::load(&root.join("templates"), Path::new("templates"))?;
    let output = Output::stage(&out, &work, &site.config.keep, !options.clean, lock)?;
    let pages = match write_site(&site, &mut templates, &output, root) {
        Ok(pages) => pages,
        Err(e) => {
            output.abandon();
            return Err(e);
        }
    };
    let files = output.finish()?;
    parsed.save(&cached, &site.entries)?;
    bodies.save(&cached, &site.entries)?;
    warnings.extend(site.warnings.clone());
    let reported = stamp::Reported {
        articles: site.entries.len(),
        pages,
        files,
        held_back: site.held_back,
        warnings: warnings.0,
    };
    if let Some(scan) = &scan {
        stamp::save(&cached, scan, dates, now, reported.clone())?;
    }
    Ok(Report::built(reported, out))
}

fn write_site(
    site: &Site,
    templates: &mut Templates,
    output: &Output,
    root: &Path,
) -> Result<usize> {
    // The search files come from the site model, not the pages: built beside them.
    let (pages, searched) = std::thread::scope(|scope| {
        let searching = scope.spawn(|| search::write(site, output));
        let shown = Path::new("templates");
        let pages = render::render_all(site, templates, output, shown, search::Search::of(site));
        let searched = searching.join().unwrap_or_else(|_| Err(search_panicked()));
        (pages, searched)
    });
    let pages = pages?;
    searched?;
    feeds::write_all(site, output)?;
    sitemap::write_all(site, output)?;
    output.write(&urls::OutPath::new("assets/style.css"), render::STYLE.as_bytes())?;
    output.write(&urls::OutPath::new("assets/favicon.svg"), render::FAVICON.as_bytes())?;
    output.write(&urls::OutPath::new(".nojekyll"), b"")?;
    for asset in &site.assets {
        output.copy(&asset.from, &asset.to)?;
    }
    output.copy_tree(&root.join("static"))?;
    Ok(pages)
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
        || ["seeds", "templates", "static", ".broadsheet", "src", ".git"]
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

fn search_panicked() -> Error {
    let panicked = std::io::Error::other("the search indexing thread panicked");
    Error::io("build the search files in", "search", panicked)
}
