//! The command line: clap derive types and one `run` per subcommand.
//! clap types never leave this module (build, check, serve, import and send have a
//! file each for what they run, as does deploy).

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

mod build;
mod check;
mod deploy;
mod help;
mod import;
mod progress;
mod send;
mod serve;

// What the subcommands print alike.
use broadsheet::text::count as plural;
use build::{print_failed, print_warnings, settings, spinner, summary};
use check::count;
pub use deploy::DeployArgs;
pub use import::ImportArgs;
pub use send::SendArgs;

/// Broadsheet: a static site generator for news digests.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, long_about = None, after_help = help::TOP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands, in the order an editor meets them.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new digest: site.toml, templates, two sample stories, a GitHub Pages workflow.
    #[command(after_help = help::INIT, mut_arg("root", |a| a.hide(true)))]
    #[command(mut_arg("verbose", |a| a.hide(true)))]
    Init(InitArgs),
    /// Start a story (or a page, or a profile) and print its path.
    #[command(after_help = help::NEW, mut_arg("verbose", |a| a.hide(true)))]
    New(NewArgs),
    /// Preview the site on 127.0.0.1, rebuilding and reloading on every change.
    #[command(after_help = help::SERVE)]
    #[command(mut_arg("verbose", |a| a.help("Print each change seen and each request served")))]
    Serve(ServeArgs),
    /// Build the site into the output folder (default `public/`).
    #[command(after_help = help::BUILD)]
    #[command(mut_arg("verbose", |a| a.help("Print the settings used before building")))]
    Build(BuildArgs),
    /// Check settings, stories, templates, links and anchors, and news hygiene.
    #[command(after_help = help::CHECK)]
    #[command(mut_arg("verbose", |a| a.help("Print the settings used before checking")))]
    Check(CheckArgs),
    /// Bring stories in: feeds (RSS, Atom, JSON Feed, OPML) or a Jekyll, Hugo or Zola site.
    #[command(after_help = help::IMPORT, mut_arg("verbose", |a| a.hide(true)))]
    Import(ImportArgs),
    /// Send an edition as e-mail over SMTP (or write it as .eml files).
    #[command(after_help = help::SEND, mut_arg("verbose", |a| a.hide(true)))]
    Send(SendArgs),
    /// Upload the built site to S3-compatible object storage, only what changed.
    #[command(after_help = help::DEPLOY)]
    #[command(mut_arg("verbose", |a| a.help("List every file uploaded and deleted")))]
    Deploy(DeployArgs),
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
    /// Print more (what depends on the command).
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
    /// Publish the rest when seed files cannot be read, listing them (for previews;
    /// by default such a build fails and keeps the previous site).
    #[arg(long)]
    keep_going: bool,
}

/// `broadsheet init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    common: Common,
    /// The folder for the new digest (created if needed); default the current folder.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// `broadsheet new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    common: Common,
    /// The headline (or with --page the title, with --author the name); the file name
    /// and slug are made from it.
    #[arg(value_name = "HEADLINE")]
    headline: String,
    /// Write a standalone page in pages/ (About, Contact, a policy…) instead of an article.
    #[arg(long, conflicts_with = "author")]
    page: bool,
    /// Write a person's profile in authors/ instead of an article.
    #[arg(long)]
    author: bool,
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
            Command::Deploy(args) => &args.common.root,
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
            Command::Deploy(args) => args.run(),
        }
    }
}

impl InitArgs {
    fn run(self) -> Result<()> {
        let dir = self.dir.unwrap_or(self.common.root);
        let now = broadsheet::reference_time(None, &jiff::tz::TimeZone::UTC)?;
        let made = broadsheet::scaffold::site::init(&dir, now)?;
        if !self.common.quiet {
            let files = count(made.written.len(), "file");
            if made.kept.is_empty() {
                println!("created a digest in {} ({files})", dir.display());
            } else {
                let kept: Vec<String> = made.kept.iter().map(|p| p.display().to_string()).collect();
                println!(
                    "completed the digest in {} ({files} added; kept {} already there: {})",
                    dir.display(),
                    count(kept.len(), "file"),
                    kept.join(", ")
                );
            }
            let named = made.kept.iter().any(|p| p.ends_with("site.toml"));
            print!("{}", help::next_steps(&dir, named));
        }
        Ok(())
    }
}

impl NewArgs {
    fn run(self) -> Result<()> {
        let root = std::path::absolute(&self.common.root)?;
        let now = broadsheet::reference_time(None, &jiff::tz::TimeZone::UTC)?;
        let path = if self.page {
            broadsheet::scaffold::page::create_page(&root, &self.headline)?
        } else if self.author {
            broadsheet::scaffold::page::create_profile(&root, &self.headline)?
        } else {
            broadsheet::scaffold::article::create(&root, &self.headline, now)?
        };
        // The path is the command's output, so it prints even with --quiet.
        let shown = if self.common.root == std::path::Path::new(".") {
            path
        } else {
            self.common.root.join(path)
        };
        println!("{}", shown.display());
        if !self.page && !self.author && !self.common.quiet {
            eprintln!(
                "a draft: `broadsheet serve --drafts{}` shows it; delete `draft = true` to publish it",
                root_flag(&self.common.root)
            );
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
