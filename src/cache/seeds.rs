//! Articles as parsed from their seed files, by the file's identity (path, inode,
//! size, modification time; for plain copy, its sidecar's too), the site's time zone
//! and the site root. Like git's index, an unchanged identity stands for unchanged
//! bytes, which spares reading and parsing every seed on every build; a file changed
//! within two seconds of being cached is not cached, so that an edit made in the same
//! clock tick as a build is never mistaken for no edit.

use super::Ident;
use super::store::Store;
use crate::content::Article;
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::warnings::Warnings;
use std::path::Path;

/// How long after a file's modification its identity is trusted to stand for its bytes.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// Parsed seeds from the last build, and the ones this build keeps.
#[derive(Default)]
pub struct Seeds(Store);

/// A cached seed: the article (none for an empty file) and its warnings.
type Cached = (Option<Article>, Vec<String>);

impl Seeds {
    /// The seeds cached under `cache` (the cache folder).
    pub fn load(cache: &Path) -> Seeds {
        Seeds(Store::load(cache.join("seeds")))
    }

    /// The seed at `path` (with `sidecar`, a file that may or may not exist): from the
    /// cache when neither file changed, else from `read`. Errors are never cached.
    pub fn get_or_read(
        &self,
        path: &Path,
        sidecar: Option<&Path>,
        context: &str,
        read: impl FnOnce() -> (Result<Option<Article>>, Warnings),
    ) -> (Result<Option<Article>>, Warnings) {
        let Some((key, settled)) = key(path, sidecar, context) else { return read() };
        let hit = self.0.get(key).and_then(|b| postcard::from_bytes::<Cached>(b).ok());
        if let Some((article, warnings)) = hit {
            return (Ok(article), Warnings(warnings));
        }
        let (result, warnings) = read();
        if let (Ok(article), true) = (&result, settled) {
            let bytes = postcard::to_stdvec(&(article, &warnings.0)).expect("articles encode");
            self.0.put(key, bytes);
        }
        (result, warnings)
    }

    /// Writes what changed.
    pub fn save(self, cache: &Path) -> Result<()> {
        self.0.save(&cache.join("seeds"))
    }
}

/// The key of a seed, and whether its files are old enough to be cached.
fn key(path: &Path, sidecar: Option<&Path>, context: &str) -> Option<(Digest, bool)> {
    let meta = crate::fs::metadata(path)?;
    let side = sidecar.and_then(crate::fs::metadata);
    let now = std::time::SystemTime::now();
    let settled = [Some(&meta), side.as_ref()].into_iter().flatten().all(|m| {
        m.modified().ok().and_then(|t| now.duration_since(t).ok()).is_some_and(|age| age > SETTLED)
    });
    let mut h = digest::Hasher::default();
    h.bytes(path.as_os_str().as_encoded_bytes());
    h.bytes(context.as_bytes());
    h.value(&Ident::of(&meta));
    h.value(&side.as_ref().map(Ident::of));
    Some((h.finish(), settled))
}
