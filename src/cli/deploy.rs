//! `broadsheet deploy`: the built site onto S3-compatible object storage.

use super::*;

/// `broadsheet deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    #[command(flatten)]
    pub(super) common: Common,
    /// Where to: s3://bucket or s3://bucket/prefix (default `[deploy] target` in site.toml).
    #[arg(value_name = "TARGET")]
    target: Option<String>,
    /// The S3 API's URL, for stores other than Amazon's (R2, MinIO, Garage…).
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// The bucket's region (default `[deploy] region`, AWS_REGION, else us-east-1).
    #[arg(long)]
    region: Option<String>,
    /// Deploy this folder instead of `output_dir` (relative to --root).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// List what would change; upload and delete nothing.
    #[arg(long)]
    dry_run: bool,
    /// Delete objects under the prefix that the site no longer has.
    #[arg(long)]
    prune: bool,
    /// With --prune: delete even more objects than `prune_limit` allows.
    #[arg(long, requires = "prune")]
    force: bool,
}

impl DeployArgs {
    pub(super) fn run(self) -> Result<()> {
        let progress = bar(&self.common);
        let options = broadsheet::deploy::DeployOptions {
            root: std::path::absolute(&self.common.root)?,
            output_dir: self.output_dir,
            target: self.target,
            endpoint: self.endpoint,
            region: self.region,
            dry_run: self.dry_run,
            prune: self.prune,
            force: self.force,
            progress: Some(progress),
        };
        let done = broadsheet::deploy::deploy(&options)?;
        if done.dry_run || self.common.verbose {
            let verb = if done.dry_run { "would upload" } else { "uploaded" };
            done.uploaded.iter().for_each(|p| println!("{verb} {p}"));
            let verb = if done.dry_run { "would delete" } else { "deleted" };
            done.deleted.iter().for_each(|p| println!("{verb} {p}"));
        }
        if !self.common.quiet {
            println!("{}", report(&done));
        }
        Ok(())
    }
}

/// A bar counting uploads on a terminal; hidden with --quiet or when nobody watches.
fn bar(common: &Common) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if common.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let style = indicatif::ProgressStyle::with_template("uploading {bar:30} {pos}/{len} {elapsed}")
        .expect("a constant, valid template");
    indicatif::ProgressBar::new(0).with_style(style)
}

/// `deployed to s3://b/p: 3 uploaded (12.0 KB), 40 unchanged, 1 deleted in 0.4 s`.
fn report(done: &broadsheet::deploy::Deployed) -> String {
    let head = if done.dry_run { "dry run for" } else { "deployed to" };
    let mut line = format!(
        "{head} {}: {} uploaded ({:.1} KB), {} unchanged, {} deleted",
        done.target,
        done.uploaded.len(),
        done.bytes as f64 / 1000.0,
        done.unchanged,
        done.deleted.len()
    );
    if !done.stale.is_empty() {
        line.push_str(&format!(
            ", {} no longer in the site (kept; --prune deletes them)",
            count(done.stale.len(), "object")
        ));
    }
    line.push_str(&format!(" in {:.1} s", done.seconds));
    line
}
