//! `broadsheet deploy`: the built site onto S3-compatible object storage, incrementally.
//! A command above the library like `send`: it reads the output folder as the last
//! build left it and never reaches into the build stages.
//!
//! `target` merges the settings, `credentials` finds the keys, `local` hashes the
//! output, `headers` says what each object is sent with, `plan` compares with the
//! bucket, `remote` talks to it and `upload` carries the plan out. The tokio runtime
//! the client needs lives only inside `deploy`. Printing the report is the caller's.

pub(crate) mod credentials;
pub(crate) mod headers;
pub(crate) mod local;
pub(crate) mod plan;
pub(crate) mod redirect;
pub(crate) mod remote;
pub(crate) mod target;
pub(crate) mod upload;

use crate::error::{Error, Result};
use std::path::PathBuf;

/// What the command line asks of `deploy`.
#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    /// The site root (holds site.toml and the output folder).
    pub root: PathBuf,
    /// Deploy this folder instead of `output_dir` (relative to the root).
    pub output_dir: Option<PathBuf>,
    /// `s3://bucket/prefix`, over `[deploy] target`.
    pub target: Option<String>,
    /// The S3 API's URL, over `[deploy] endpoint`.
    pub endpoint: Option<String>,
    /// The region, over `[deploy] region`.
    pub region: Option<String>,
    /// List what would change; upload and delete nothing.
    pub dry_run: bool,
    /// Delete objects under the prefix the site no longer has.
    pub prune: bool,
    /// Prune even more than `prune_limit` objects.
    pub force: bool,
    /// Advanced once per file uploaded (hidden when nobody watches).
    pub progress: Option<indicatif::ProgressBar>,
}

/// What `deploy` did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct Deployed {
    /// The target, `s3://bucket/prefix`.
    pub target: String,
    /// Output paths uploaded (or to upload), assets first.
    pub uploaded: Vec<String>,
    /// Files the bucket already held as they are.
    pub unchanged: usize,
    /// Objects deleted (or to delete, with `--prune`).
    pub deleted: Vec<String>,
    /// Objects the site no longer has, left in place (no `--prune`).
    pub stale: Vec<String>,
    /// Bytes uploaded.
    pub bytes: u64,
    /// Seconds the deploy took.
    pub seconds: f64,
    /// Nothing was changed (`--dry-run`).
    pub dry_run: bool,
}

/// Deploys the output folder of the site at `options.root`.
pub fn deploy(options: &DeployOptions) -> Result<Deployed> {
    let started = std::time::Instant::now();
    let root = &options.root;
    let config = crate::config::load(&root.join("site.toml"), std::path::Path::new("site.toml"))?;
    let env = |name: &str| std::env::var(name).ok();
    let given = target::Given {
        target: options.target.as_deref(),
        endpoint: options.endpoint.as_deref(),
        region: options.region.as_deref(),
    };
    let settings = target::settings(given, &config.deploy, &env)?;
    let out = root.join(options.output_dir.as_ref().unwrap_or(&config.output_dir));
    let rules = headers::Rules::new(&config.deploy.headers, config.deploy.compress);
    let local = local::read(&out, &config.keep, &rules)?;
    if local.is_empty() {
        return Err(Error::Usage(format!(
            "deploy: nothing to deploy in {}: run `broadsheet build` first",
            out.display()
        )));
    }
    let credentials = credentials::find(&env)?;
    let remote = remote::Remote::connect(&settings, &credentials)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("start the network runtime for", root, e))?;
    let mut deployed = runtime.block_on(run(options, &settings, &remote, &local))?;
    deployed.seconds = started.elapsed().as_secs_f64();
    Ok(deployed)
}

/// Compares, then uploads assets, pages, the manifest, and prunes.
async fn run(
    options: &DeployOptions,
    settings: &target::Settings,
    remote: &remote::Remote,
    local: &[local::LocalFile],
) -> Result<Deployed> {
    let listed = remote.list().await?;
    let last = remote.last().await?;
    let plan = plan::Plan::make(local, &listed, &last);
    let names = |batch: &[usize]| batch.iter().map(|&i| local[i].path.clone()).collect::<Vec<_>>();
    let mut deployed = Deployed {
        target: settings.target.shown(),
        uploaded: [names(&plan.assets), names(&plan.pages)].concat(),
        unchanged: plan.unchanged,
        dry_run: options.dry_run,
        ..Deployed::default()
    };
    check_prune(options, settings, listed.len(), &plan.stale)?;
    match options.prune {
        true => deployed.deleted = plan.stale.clone(),
        false => deployed.stale = plan.stale.clone(),
    }
    if options.dry_run {
        deployed.bytes = plan.assets.iter().chain(&plan.pages).map(|&i| local[i].size).sum();
        return Ok(deployed);
    }
    let progress = options.progress.clone().unwrap_or_else(indicatif::ProgressBar::hidden);
    progress.set_length(plan.uploads() as u64);
    deployed.bytes = upload::upload(remote, local, &plan.assets, &progress).await?;
    deployed.bytes += upload::upload(remote, local, &plan.pages, &progress).await?;
    let manifest = plan::BucketManifest::of(local);
    if plan.uploads() > 0 || last != manifest {
        remote.save(&manifest).await?;
    }
    if options.prune {
        upload::delete(remote, &plan.stale).await?;
    }
    progress.finish_and_clear();
    Ok(deployed)
}

/// Refuses a prune of more objects than `prune_limit` allows out of `objects`, unless forced.
fn check_prune(
    options: &DeployOptions,
    settings: &target::Settings,
    objects: usize,
    stale: &[String],
) -> Result<()> {
    let limit = settings.prune_limit.of(objects);
    if options.prune && stale.len() > limit && !options.force {
        return Err(Error::Usage(format!(
            "deploy: --prune would delete {} of the {} under {}, more than \
             `prune_limit` allows ({limit}); check the target, then add --force",
            stale.len(),
            crate::text::count(objects, "object", "objects"),
            settings.target.shown()
        )));
    }
    Ok(())
}
