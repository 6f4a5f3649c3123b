//! Carries out a plan: uploads several files at a time (bounded), the assets first and
//! the pages only once every asset is up, so the live site never links to a file that
//! is not there yet; then deletes what is stale (with `--prune`). Retries with backoff
//! are the client's (`remote`).

use super::local::LocalFile;
use super::remote::Remote;
use crate::error::Result;
use futures::{StreamExt, TryStreamExt};

/// How many uploads run at once.
const AT_ONCE: usize = 8;

/// Uploads `local[i]` for each `i` of `batch`, `AT_ONCE` at a time; returns the bytes sent.
pub(crate) async fn upload(
    remote: &Remote,
    local: &[LocalFile],
    batch: &[usize],
    progress: &indicatif::ProgressBar,
) -> Result<u64> {
    futures::stream::iter(batch.iter().map(|&i| &local[i]))
        .map(|file| async move {
            remote.put(file).await?;
            progress.inc(1);
            Ok(file.size)
        })
        .buffer_unordered(AT_ONCE)
        .try_fold(0, |sum, size| async move { Ok(sum + size) })
        .await
}

/// Deletes the objects of `paths`, `AT_ONCE` at a time.
pub(crate) async fn delete(remote: &Remote, paths: &[String]) -> Result<()> {
    futures::stream::iter(paths.iter().map(|path| remote.delete(path)))
        .buffer_unordered(AT_ONCE)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(())
}
