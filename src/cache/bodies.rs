//! Rendered Markdown bodies, by a digest of their source, the Markdown settings and
//! the lead image. Bodies whose links looked at other seeds or files are not cached:
//! they depend on more than their own text.

use super::store::Store;
use crate::config::MarkdownConfig;
use crate::content::{Article, Body};
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::markdown::Rendered;
use crate::site::Asset;
use crate::warnings::Warnings;
use serde::{Deserialize, Serialize};
use std::path::Path;

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
pub struct Bodies(Store);

impl Bodies {
    /// The bodies cached under `cache` (the cache folder).
    pub fn load(cache: &Path) -> Bodies {
        Bodies(Store::load(cache.join("bodies")))
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
        let hit = self.0.get(key).and_then(|b| postcard::from_bytes::<CachedBody>(b).ok());
        if let Some(CachedBody { html, summary, words, image }) = hit {
            return (Rendered { html, summary, words }, Vec::new(), Warnings::default(), image);
        }
        let (body, looked_around) = render();
        if !looked_around {
            let cached = CachedBody {
                html: body.0.html.clone(),
                summary: body.0.summary.clone(),
                words: body.0.words,
                image: body.3.clone(),
            };
            self.0.put(key, postcard::to_stdvec(&cached).expect("a body always encodes"));
        }
        body
    }

    /// Writes what changed.
    pub fn save(self, cache: &Path) -> Result<()> {
        self.0.save(&cache.join("bodies"))
    }
}

fn key(source: &str, config: &MarkdownConfig, image: Option<&str>) -> Digest {
    let mut h = digest::Hasher::default();
    h.bytes(source.as_bytes());
    h.bytes(format!("{config:?}").as_bytes());
    h.bytes(image.unwrap_or("").as_bytes());
    h.finish()
}
