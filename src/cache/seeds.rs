//! Articles as parsed from their seed files, by the file's identity (path, inode,
//! size, modification time; for plain copy, its sidecar's too), the site's time zone
//! and the site root. Like git's index, an unchanged identity stands for unchanged
//! bytes, which spares reading and parsing every seed on every build; a file changed
//! within two seconds of being cached is not cached, so that an edit made in the same
//! clock tick as a build is never mistaken for no edit.

use super::store::Store;
use crate::content::Article;
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::ident::{self, Ident};
use crate::warnings::Warnings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Parsed seeds from the last build, and the ones this build keeps.
#[derive(Default)]
pub(crate) struct Seeds {
    store: Store,
    /// What each kept key stands for: the article's path (none for an empty file) and
    /// the file's warnings.
    kept: Mutex<HashMap<Digest, Kept>>,
}

/// What a kept key stands for: the article's path (none for an empty file), warnings.
type Kept = (Option<PathBuf>, Vec<String>);

/// A cached seed: the article (none for an empty file) and its warnings.
type Cached = (Option<Article>, Vec<String>);

impl Seeds {
    /// The seeds cached under `cache` (the cache folder).
    pub(crate) fn load(cache: &Path) -> Seeds {
        Seeds { store: Store::load(cache.join("seeds")), kept: Mutex::default() }
    }

    /// The seed at `path` (with `sidecar`, a file that may or may not exist): from the
    /// cache when neither file changed, else from `read`. Errors are never cached.
    pub(crate) fn get_or_read(
        &self,
        path: &Path,
        sidecar: Option<&Path>,
        context: &str,
        read: impl FnOnce() -> (Result<Option<Article>>, Warnings),
    ) -> (Result<Option<Article>>, Warnings) {
        let Some((key, settled)) = key(path, sidecar, context) else { return read() };
        let hit = self.store.take(key).and_then(|b| postcard::from_bytes::<Cached>(&b).ok());
        if let Some((article, warnings)) = hit {
            self.keep(key, article.as_ref(), &warnings);
            return (Ok(article), Warnings(warnings));
        }
        let (result, warnings) = read();
        if let (Ok(article), true) = (&result, settled) {
            self.keep(key, article.as_ref(), &warnings.0);
        }
        (result, warnings)
    }

    fn keep(&self, key: Digest, article: Option<&Article>, warnings: &[String]) {
        self.store.keep(key);
        let mut kept = self.kept.lock().expect("no panics while holding the lock");
        kept.insert(key, (article.map(|a| a.path.clone()), warnings.to_vec()));
    }

    /// Writes what changed, taking the articles from `published` (articles the build
    /// left out, such as drafts, are read again next time).
    pub(crate) fn save<'a>(
        self,
        cache: &Path,
        published: impl IntoIterator<Item = &'a Article>,
    ) -> Result<()> {
        let kept = self.kept.into_inner().expect("no panics while holding the lock");
        let by_path: HashMap<&Path, &Article> =
            published.into_iter().map(|a| (a.path.as_path(), a)).collect();
        self.store.save(&cache.join("seeds"), |key| {
            let (path, warnings) = kept.get(&key)?;
            let article = match path {
                Some(path) => Some(*by_path.get(path.as_path())?),
                None => None,
            };
            // A source that cannot be read back leaves its record out: read again next time.
            postcard::to_stdvec(&(article, warnings)).ok()
        })
    }
}

/// The key of a seed, and whether its files are old enough to be cached.
fn key(path: &Path, sidecar: Option<&Path>, context: &str) -> Option<(Digest, bool)> {
    let meta = crate::fs::metadata(path)?;
    let side = sidecar.and_then(crate::fs::metadata);
    let now = std::time::SystemTime::now();
    let settled =
        [Some(&meta), side.as_ref()].into_iter().flatten().all(|m| ident::settled(m, now));
    let mut h = digest::Hasher::default();
    h.bytes(path.as_os_str().as_encoded_bytes());
    h.bytes(context.as_bytes());
    h.value(&Ident::of(&meta));
    h.value(&side.as_ref().map(Ident::of));
    Some((h.finish(), settled))
}
