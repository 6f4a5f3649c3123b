//! Rendered Markdown bodies, by a key the caller computes from everything a body
//! depends on (its source, the Markdown settings, the lead image). The caller decides
//! which bodies may be kept: those whose links looked at other seeds or files depend
//! on more than their own text and are not.

use super::store::Store;
use crate::digest::Digest;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::scratch::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A Markdown body as an earlier build rendered it.
#[derive(Serialize, Deserialize)]
struct CachedBody {
    html: String,
    summary: String,
    words: usize,
    image: Option<String>,
}

/// Rendered bodies from the last build, and the ones this build keeps.
#[derive(Default)]
pub(crate) struct Bodies {
    store: Store,
    /// The key of each article's cacheable body, by article path.
    keys: Mutex<HashMap<PathBuf, Digest>>,
}

impl Bodies {
    /// The bodies cached under `cache` (the cache folder).
    pub(crate) fn load(cache: &Path) -> Bodies {
        Bodies { store: Store::load(cache.join("bodies")), keys: Mutex::default() }
    }

    /// The body rendered earlier under `key`, with its lead image's link.
    pub(crate) fn recall(&self, key: Digest) -> Option<(Rendered, Option<String>)> {
        let bytes = self.store.take(key)?;
        let CachedBody { html, summary, words, image } = postcard::from_bytes(&bytes).ok()?;
        Some((Rendered { html, summary, words }, image))
    }

    /// Keeps the body of the article at `path`, rendered under `key`, for next time.
    pub(crate) fn keep(&self, path: &Path, key: Digest) {
        self.store.keep(key);
        let mut keys = self.keys.lock().expect("no panics while holding the lock");
        keys.insert(path.to_path_buf(), key);
    }

    /// Writes what changed, taking each kept body from `published`: the article's
    /// path, its rendered body and its lead image's link.
    pub(crate) fn save<'a>(
        self,
        cache: &Path,
        published: impl IntoIterator<Item = (&'a Path, &'a Rendered<Text>, Option<&'a str>)>,
    ) -> Result<()> {
        let keys = self.keys.into_inner().expect("no panics while holding the lock");
        let by_key: HashMap<Digest, (&Rendered<Text>, Option<&str>)> = published
            .into_iter()
            .filter_map(|(path, body, image)| Some((*keys.get(path)?, (body, image))))
            .collect();
        self.store.save(&cache.join("bodies"), |key| {
            let (body, image) = by_key.get(&key)?;
            // A body that cannot be read back is left out: rendered again next time.
            let body = CachedBody {
                html: body.html.read().ok()?.into_owned(),
                summary: body.summary.clone(),
                words: body.words,
                image: image.map(str::to_string),
            };
            Some(postcard::to_stdvec(&body).expect("a body always encodes"))
        })
    }
}
