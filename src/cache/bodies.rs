//! Rendered Markdown bodies, by a digest of their source, the Markdown settings and
//! the lead image. Bodies whose links looked at other seeds or files are not cached:
//! they depend on more than their own text.

use super::store::Store;
use crate::config::MarkdownConfig;
use crate::content::{Article, Body};
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::markdown::Rendered;
use crate::site::{Asset, Entry};
use crate::warnings::Warnings;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What rendering one body yields: HTML and facts, files to copy, warnings, lead image href.
pub type RenderedBody = (Rendered, Vec<Asset>, Warnings, Option<String>);

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
pub struct Bodies {
    store: Store,
    /// The key of each article's cacheable body, by article path.
    keys: Mutex<HashMap<PathBuf, Digest>>,
}

impl Bodies {
    /// The bodies cached under `cache` (the cache folder).
    pub fn load(cache: &Path) -> Bodies {
        Bodies { store: Store::load(cache.join("bodies")), keys: Mutex::default() }
    }

    /// An article's body: from the cache when its source and the settings are
    /// unchanged, else from `render`, which also says whether the body looked at other
    /// files (then it is not cached).
    pub fn get_or_render(
        &self,
        article: &Article,
        config: &MarkdownConfig,
        render: impl FnOnce() -> (RenderedBody, bool),
    ) -> RenderedBody {
        let Body::Markdown(source) = &article.body else { return render().0 };
        let key = key(source, config, article.meta.image.as_ref().map(|i| i.src.as_str()));
        let hit = self.store.take(key).and_then(|b| postcard::from_bytes::<CachedBody>(&b).ok());
        if let Some(CachedBody { html, summary, words, image }) = hit {
            self.keep(article, key);
            return (Rendered { html, summary, words }, Vec::new(), Warnings::default(), image);
        }
        let (body, looked_around) = render();
        if !looked_around {
            self.keep(article, key);
        }
        body
    }

    fn keep(&self, article: &Article, key: Digest) {
        self.store.keep(key);
        let mut keys = self.keys.lock().expect("no panics while holding the lock");
        keys.insert(article.path.clone(), key);
    }

    /// Writes what changed, taking the bodies from the site's `entries`.
    pub fn save(self, cache: &Path, entries: &[Entry]) -> Result<()> {
        let keys = self.keys.into_inner().expect("no panics while holding the lock");
        let by_key: HashMap<Digest, &Entry> =
            entries.iter().filter_map(|e| Some((*keys.get(&e.article.path)?, e))).collect();
        self.store.save(&cache.join("bodies"), |key| {
            let e = by_key.get(&key)?;
            let body = CachedBody {
                html: e.body.html.clone(),
                summary: e.body.summary.clone(),
                words: e.body.words,
                image: e.image_href.clone(),
            };
            Some(postcard::to_stdvec(&body).expect("a body always encodes"))
        })
    }
}

fn key(source: &str, config: &MarkdownConfig, image: Option<&str>) -> Digest {
    let mut h = digest::Hasher::default();
    h.bytes(source.as_bytes());
    h.bytes(format!("{config:?}").as_bytes());
    h.bytes(image.unwrap_or("").as_bytes());
    h.finish()
}
