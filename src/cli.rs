//! The command line: clap derive types and one `run` per subcommand.
//! clap types never leave this file.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Broadsheet: a static site generator for news digests.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `public/`).
    Build(BuildArgs),
    /// Create a new digest: site.toml, templates, samples, a GitHub Pages workflow.
    Init(InitArgs),
    /// Start a new Markdown article in seeds/ and print its path.
    New(NewArgs),
    /// Build, serve on 127.0.0.1 under the base path, rebuild and reload on every change.
    Serve(ServeArgs),
    /// Check settings, articles, templates, internal links and anchors, and news hygiene.
    Check(CheckArgs),
    /// Copy a Jekyll, Hugo or Zola site's posts into seeds/ (the other site is only read).
    Import(ImportArgs),
    /// Build, then send an edition's e-mail over SMTP (or write it as .eml).
    Send(SendArgs),
}

/// Flags every subcommand shares.
#[derive(Debug, Args)]
pub struct Common {
    /// The site's folder (holds site.toml, seeds/, templates/, static/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print more: settings used, each change seen and request served.
    #[arg(long, short, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// Which articles `build`, `check` and `serve` take in besides the published ones.
#[derive(Debug, Args)]
pub struct Selection {
    /// Include articles marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated after the reference time.
    #[arg(long)]
    future: bool,
}

/// The reference time of `build` and `check`.
#[derive(Debug, Args)]
pub struct When {
    /// The reference time (RFC 3339 or YYYY-MM-DD); default SOURCE_DATE_EPOCH, else the clock.
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
}

impl Common {
    /// Build options for the site at `--root` with `selection` and `now`; the rest as
    /// site.toml has them.
    fn options(
        &self,
        selection: &Selection,
        now: Option<String>,
    ) -> Result<broadsheet::BuildOptions> {
        Ok(broadsheet::BuildOptions {
            root: std::path::absolute(&self.root)?,
            drafts: selection.drafts,
            future: selection.future,
            now,
            ..broadsheet::BuildOptions::default()
        })
    }
}

/// `broadsheet build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Write the site here instead of `output_dir` (relative to --root).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Publish under this URL instead of site.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    when: When,
    /// Ignore the build cache (.broadsheet/cache): render and write every page.
    #[arg(long)]
    clean: bool,
}

/// `broadsheet init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    common: Common,
    /// The folder for the new digest (created if needed); default the --root folder.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// `broadsheet new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    common: Common,
    /// The headline; the file name and slug are made from it.
    #[arg(value_name = "HEADLINE")]
    headline: String,
}

/// `broadsheet check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Fail on warnings too (missing bylines, alt text, source URLs, dates…).
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    when: When,
}

/// `broadsheet import`: `jekyll|hugo|zola SRC`, `feed FEED…` (or just `FEED…`), or
/// nothing to refresh site.toml's `[[import]]` feeds.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    common: Common,
    /// `jekyll SRC`, `hugo SRC`, `zola SRC` (a site's folder, only read); `feed FEED…` or
    /// `FEED…` (feed URLs or files: RSS, Atom, JSON Feed, OPML); none: site.toml's feeds.
    #[arg(value_name = "KIND|FEED")]
    what: Vec<String>,
    /// Feeds: take each item's content too (marked `republished = true`).
    #[arg(long)]
    full: bool,
    /// Feeds: rewrite seeds whose item changed at the source (never one edited by hand).
    #[arg(long)]
    update: bool,
    /// Feeds: fetch each item's image and keep it beside its seed (else linked).
    #[arg(long)]
    images: bool,
    /// Feeds: seconds one feed may take, all redirects included.
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    timeout: u64,
    /// Feeds: the most megabytes one feed may have.
    #[arg(long, default_value_t = 10, value_name = "MB")]
    max_size: u64,
}

/// `broadsheet send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    common: Common,
    /// The edition's key (e.g. 2025-04-21 or 2025-W16); default the newest.
    #[arg(value_name = "EDITION")]
    edition: Option<String>,
    /// Send to these addresses.
    #[arg(long, value_name = "ADDR", num_args = 1..)]
    to: Vec<String>,
    /// Send to the addresses in this file, one a line (# comments allowed).
    #[arg(long, value_name = "FILE")]
    list: Option<PathBuf>,
    /// Write one .eml per reader into .broadsheet/outbox/ instead of sending.
    #[arg(long, conflicts_with = "eml")]
    dry_run: bool,
    /// Write the message as one raw .eml file instead of sending (for services that take one).
    #[arg(long, value_name = "FILE")]
    eml: Option<PathBuf>,
    /// Send only to the readers the last run did not reach.
    #[arg(long, conflicts_with_all = ["dry_run", "eml"])]
    resume: bool,
    #[command(flatten)]
    when: When,
}

/// The generators `import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PeerKind {
    /// Posts in _posts/, settings in _config.yml.
    Jekyll,
    /// Pages in content/, settings in hugo.toml (or config.toml).
    Hugo,
    /// Pages in content/, settings in config.toml.
    Zola,
}

/// `broadsheet serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// The port to listen on, or the next free one after it; 0 picks any free port.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; anything but loopback opens the site to your network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: std::net::IpAddr,
    /// Build with this URL instead of http://127.0.0.1:PORT/<base path of base_url>.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[command(flatten)]
    selection: Selection,
}

impl Cli {
    /// The site folder the command works on (messages name files relative to it).
    pub fn root(&self) -> &std::path::Path {
        match &self.command {
            Command::Build(args) => &args.common.root,
            Command::Init(args) => args.dir.as_deref().unwrap_or(&args.common.root),
            Command::New(args) => &args.common.root,
            Command::Serve(args) => &args.common.root,
            Command::Check(args) => &args.common.root,
            Command::Import(args) => &args.common.root,
            Command::Send(args) => &args.common.root,
        }
    }

    /// Runs the chosen subcommand.
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Import(args) => args.run(),
            Command::Send(args) => args.run(),
        }
    }
}

impl InitArgs {
    fn run(self) -> Result<()> {
        let dir = self.dir.unwrap_or(self.common.root);
        let now = broadsheet::reference_time(None, &jiff::tz::TimeZone::UTC)?;
        let files = broadsheet::scaffold::site::init(&dir, now)?;
        if !self.common.quiet {
            println!("created a digest in {} ({} files)", dir.display(), files.len());
            println!("next: edit site.toml, then `broadsheet serve{}` to see it", root_flag(&dir));
        }
        Ok(())
    }
}

impl NewArgs {
    fn run(self) -> Result<()> {
        let root = std::path::absolute(&self.common.root)?;
        let now = broadsheet::reference_time(None, &jiff::tz::TimeZone::UTC)?;
        let path = broadsheet::scaffold::article::create(&root, &self.headline, now)?;
        // The path is the command's output, so it prints even with --quiet.
        let shown = if self.common.root == std::path::Path::new(".") {
            path
        } else {
            self.common.root.join(path)
        };
        println!("{}", shown.display());
        Ok(())
    }
}

impl ImportArgs {
    fn run(self) -> Result<()> {
        use broadsheet::import::Peer;
        let kind =
            self.what.first().and_then(|w| <PeerKind as clap::ValueEnum>::from_str(w, false).ok());
        let Some(kind) = kind else { return self.feeds() };
        if self.full || self.update || self.images {
            anyhow::bail!(
                "--full, --update and --images are for feeds, not a {} site",
                self.what[0]
            );
        }
        let [_, src] = &self.what[..] else {
            anyhow::bail!("usage: broadsheet import {} SRC (one site folder)", self.what[0]);
        };
        let peer = match kind {
            PeerKind::Jekyll => Peer::Jekyll,
            PeerKind::Hugo => Peer::Hugo,
            PeerKind::Zola => Peer::Zola,
        };
        let done = broadsheet::import::import(peer, Path::new(src), &self.common.root)?;
        if !self.common.quiet {
            let toml = if done.wrote_site_toml { "; wrote site.toml" } else { "" };
            println!(
                "imported {} files into seeds/ ({} with their old URL as an alias){toml}",
                done.copied, done.aliased
            );
            for line in &done.left_behind {
                println!("not carried over: {line}");
            }
        }
        Ok(())
    }
}

impl SendArgs {
    fn run(self) -> Result<()> {
        let selection = Selection { drafts: false, future: false };
        let options = broadsheet::send::SendOptions {
            build: self.common.options(&selection, self.when.now)?,
            edition: self.edition,
            to: self.to,
            list: self.list,
            dry_run: self.dry_run,
            eml: self.eml,
            resume: self.resume,
        };
        let sent = broadsheet::send::send(&options)?;
        for path in &sent.written {
            println!("wrote {}", path.display());
        }
        if !self.common.quiet && sent.written.is_empty() {
            println!("{}", sent_summary(&sent));
        }
        for (reader, reason) in &sent.failed {
            eprintln!("not sent to {reader}: {reason}");
        }
        if !sent.failed.is_empty() {
            anyhow::bail!(
                "edition {} reached {} of {} readers; rerun with --resume to send only to the rest",
                sent.edition,
                sent.delivered.len() + sent.earlier.len(),
                sent.delivered.len() + sent.earlier.len() + sent.failed.len()
            );
        }
        Ok(())
    }
}

impl ImportArgs {
    /// `import feed FEED…`, `import FEED…`, or `import` alone for site.toml's feeds.
    fn feeds(&self) -> Result<()> {
        use broadsheet::import::feed;
        let named = match self.what.first().map(String::as_str) {
            Some("feed") if self.what.len() == 1 => {
                anyhow::bail!("usage: broadsheet import feed FEED…")
            }
            Some("feed") => &self.what[1..],
            _ => &self.what[..],
        };
        let feeds = if named.is_empty() {
            feed::configured(&self.common.root)?
        } else {
            let one = |f: &String| feed::Feed { url: feed_path(f), ..feed::Feed::default() };
            named.iter().map(one).collect()
        };
        let limits = feed::Limits {
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            max_bytes: self.max_size.max(1).saturating_mul(1024 * 1024),
        };
        let options =
            feed::Options { full: self.full, update: self.update, images: self.images, limits };
        let report = feed::import(&self.common.root, &feeds, options)?;
        if !self.common.quiet {
            for note in &report.notes {
                println!("note: {note}");
            }
            println!(
                "imported {} new items into seeds/, updated {}, {} already there; {} feeds unchanged (304)",
                report.written.len(),
                report.updated.len(),
                report.known,
                report.unchanged.len()
            );
        }
        Ok(())
    }
}

/// What `send` says when it is done: who got the edition now and earlier.
fn sent_summary(sent: &broadsheet::send::Sent) -> String {
    let mut line =
        format!("sent edition {} to {}", sent.edition, count(sent.delivered.len(), "reader"));
    if !sent.delivered.is_empty() {
        line.push_str(&format!(": {}", sent.delivered.join(", ")));
    }
    if !sent.earlier.is_empty() {
        line.push_str(&format!("; {} had it from an earlier run", sent.earlier.len()));
    }
    line
}

/// A feed as named on the command line: URLs as they are, files made absolute.
fn feed_path(named: &str) -> String {
    let lower = named.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return named.to_string();
    }
    std::path::absolute(named).map(|p| p.display().to_string()).unwrap_or(named.to_string())
}

impl ServeArgs {
    fn run(self) -> Result<()> {
        let options = broadsheet::serve::ServeOptions {
            build: broadsheet::BuildOptions {
                base_url: self.base_url,
                ..self.common.options(&self.selection, None)?
            },
            bind: self.bind,
            port: self.port,
        };
        let root = options.build.root.clone();
        let common = self.common;
        broadsheet::serve::serve(&options, &mut |event| tell(&common, &root, event))?;
        Ok(())
    }
}

impl CheckArgs {
    fn run(self) -> Result<()> {
        let started = Instant::now();
        let options = self.common.options(&self.selection, self.when.now)?;
        if self.common.verbose {
            eprintln!("{}", settings(&options));
        }
        let spinner = spinner(&self.common, "checking");
        let findings = broadsheet::check::check(&options);
        spinner.finish_and_clear();
        let findings = findings?;
        print_findings(&findings, &options.root, !self.common.quiet || self.strict);
        let (errors, warnings) = (findings.errors.len(), findings.warnings.0.len());
        if !self.common.quiet {
            println!("{}", check_summary(&findings, started.elapsed()));
        }
        if errors > 0 {
            anyhow::bail!("check found {}", count(errors, "error"));
        }
        if self.strict && warnings > 0 {
            anyhow::bail!(
                "check found {} (--strict fails on warnings)",
                count(warnings, "warning")
            );
        }
        Ok(())
    }
}

/// Prints a check's warnings (when asked) and its errors, each with its source line.
fn print_findings(findings: &broadsheet::check::Findings, root: &std::path::Path, warnings: bool) {
    if warnings {
        print_warnings(&findings.warnings);
    }
    let colour = broadsheet::diagnostics::colour_on_stderr();
    for error in &findings.errors {
        eprint!("{}", broadsheet::diagnostics::render(error, root, colour));
    }
}

/// The one line every check ends with.
fn check_summary(findings: &broadsheet::check::Findings, took: std::time::Duration) -> String {
    format!(
        "checked {} articles, {} pages, {} internal links in {:.2} s: {}, {}",
        findings.articles,
        findings.pages,
        findings.links,
        took.as_secs_f64(),
        count(findings.errors.len(), "error"),
        count(findings.warnings.0.len(), "warning"),
    )
}

/// `1 error`, `2 errors`.
fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// Prints what `serve` reports.
fn tell(common: &Common, root: &std::path::Path, event: broadsheet::serve::Event) {
    use broadsheet::serve::Event;
    match event {
        Event::Listening(url) => println!("serving {url} (Ctrl-C to stop)"),
        Event::Failed(error) => {
            let colour = broadsheet::diagnostics::colour_on_stderr();
            eprint!("{}", broadsheet::diagnostics::render(error, root, colour));
            eprintln!("still serving the last good site; fix the problem and save to rebuild");
        }
        _ if common.quiet => {}
        Event::Built(report, took) => {
            print_warnings(&report.warnings);
            println!("{}", summary(report, took));
        }
        Event::Copied(n) => println!("copied {n} changed static files"),
        Event::Changed(paths) if common.verbose => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!("changed: {}", names.join(", "));
        }
        Event::Served(line) if common.verbose => eprintln!("{line}"),
        Event::Changed(_) | Event::Served(_) => {}
    }
}

/// ` --root DIR` when `dir` is not the current folder.
fn root_flag(dir: &std::path::Path) -> String {
    if dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!(" --root {}", dir.display())
    }
}

impl BuildArgs {
    fn run(self) -> Result<()> {
        let started = Instant::now();
        let options = broadsheet::BuildOptions {
            output_dir: self.output_dir,
            base_url: self.base_url,
            clean: self.clean,
            ..self.common.options(&self.selection, self.when.now)?
        };
        if self.common.verbose {
            eprintln!("{}", settings(&options));
        }
        let spinner = spinner(&self.common, "building");
        let report = broadsheet::build(&options);
        spinner.finish_and_clear();
        let report = report?;
        if !self.common.quiet {
            print_warnings(&report.warnings);
            println!("{}", summary(&report, started.elapsed()));
        }
        Ok(())
    }
}

/// The one line every build ends with.
fn summary(report: &broadsheet::Report, took: std::time::Duration) -> String {
    let held = if report.held_back > 0 {
        format!(", {} held back", report.held_back)
    } else {
        String::new()
    };
    let site = format!(
        "{} articles, {} pages, {} files{held}",
        report.articles, report.pages, report.files
    );
    let (out, secs) = (report.output.display(), took.as_secs_f64());
    if report.unchanged {
        format!(
            "nothing changed since the last build: {site} already in {out} (checked in {secs:.2} s)"
        )
    } else {
        format!("built {site} into {out} in {secs:.2} s")
    }
}

/// What `--verbose` says before a build.
fn settings(options: &broadsheet::BuildOptions) -> String {
    let or = |v: &Option<String>, default: &str| v.clone().unwrap_or_else(|| default.to_string());
    format!(
        "site {}; output {}; base URL {}; reference time {}; drafts {}; future {}",
        options.root.display(),
        options.output_dir.as_ref().map_or("from site.toml".into(), |d| d.display().to_string()),
        or(&options.base_url, "from site.toml"),
        or(&options.now, "SOURCE_DATE_EPOCH or the clock"),
        if options.drafts { "included" } else { "left out" },
        if options.future { "included" } else { "held back" },
    )
}

fn print_warnings(warnings: &broadsheet::warnings::Warnings) {
    let colour = broadsheet::diagnostics::colour_on_stderr();
    for warning in &warnings.0 {
        eprintln!("{}", broadsheet::diagnostics::warning(warning, colour));
    }
}

/// A spinner on stderr while something slow runs: only on a terminal, never with --quiet.
fn spinner(common: &Common, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if common.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(what.to_string());
    let style = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .expect("a constant, valid template");
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
