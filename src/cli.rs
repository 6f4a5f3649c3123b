//! The command line: clap derive types and one `run` per subcommand.
//! clap types never leave this file.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
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
    /// Include articles marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated after the reference time.
    #[arg(long)]
    future: bool,
    /// The reference time (RFC 3339 or YYYY-MM-DD); default SOURCE_DATE_EPOCH, else the clock.
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
    /// Ignore the build cache (.broadsheet/cache): render and write every page.
    #[arg(long)]
    clean: bool,
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
        }
    }
}

impl BuildArgs {
    fn run(self) -> Result<()> {
        let started = Instant::now();
        let options = broadsheet::BuildOptions {
            root: std::path::absolute(&self.common.root)?,
            output_dir: self.output_dir,
            base_url: self.base_url,
            drafts: self.drafts,
            future: self.future,
            now: self.now,
            clean: self.clean,
        };
        let report = broadsheet::build(&options)?;
        if !self.common.quiet {
            for warning in &report.warnings.0 {
                eprintln!("warning: {warning}");
            }
            let held = if report.held_back > 0 {
                format!(", {} held back", report.held_back)
            } else {
                String::new()
            };
            println!(
                "built {} articles, {} pages, {} files{held} into {} in {:.2} s",
                report.articles,
                report.pages,
                report.files,
                report.output.display(),
                started.elapsed().as_secs_f64()
            );
        }
        Ok(())
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
