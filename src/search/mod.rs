//! Full-text search: the search page's view, the Pagefind index (cargo feature `search`)
//! fed with each rendered article page in a fixed order, and the small fallback index
//! (`assets/search-index.js`) that the search page uses when opened from disk, where
//! Pagefind cannot run. Rendering the pages is left to `render`; this module only
//! collects what they produce and writes the search files at the end.

pub mod fallback;
pub mod page;
#[cfg(feature = "search")]
mod pagefind;

use crate::error::Result;
use crate::output::Output;
use crate::site::Site;
use crate::urls::OutPath;

/// The search page.
pub const PAGE: &str = "search.html";
/// The search page's script, the same for every site.
pub const SCRIPT: &str = "assets/search.js";
/// The fallback index, loaded with a plain `<script>` tag.
pub const FALLBACK: &str = "assets/search-index.js";
/// Pagefind's entry module, present when built with the `search` feature.
pub const PAGEFIND: &str = "pagefind/pagefind.js";

/// The search page's script source.
const SCRIPT_SOURCE: &str = include_str!("../render/builtin/search.js");

/// Collects rendered article pages for the search index while the site renders.
pub struct Indexer {
    enabled: bool,
    #[cfg(feature = "search")]
    pagefind: Option<pagefind::Worker>,
}

impl Indexer {
    /// Starts indexing for `site`; a no-op when `[search] enabled = false`.
    pub fn start(site: &Site) -> Indexer {
        let enabled = site.config.search.enabled;
        Indexer {
            enabled,
            #[cfg(feature = "search")]
            pagefind: enabled.then(|| pagefind::Worker::start(&site.config.language)),
        }
    }

    /// True when the site has a search page.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// True when a Pagefind index is being built (the `search` feature is on).
    pub fn has_pagefind(&self) -> bool {
        #[cfg(feature = "search")]
        return self.pagefind.is_some();
        #[cfg(not(feature = "search"))]
        false
    }

    /// Hands over the rendered page of article `order` (its index in `Site::entries`).
    /// Pages may arrive in any order; they are indexed in article order.
    pub fn add(&self, order: usize, out: &OutPath, html: &str) {
        #[cfg(feature = "search")]
        if let Some(worker) = &self.pagefind {
            worker.add(order, out, html);
        }
        #[cfg(not(feature = "search"))]
        let _ = (order, out, html);
    }

    /// Writes the search files: the script, the fallback index and the Pagefind bundle.
    pub fn finish(self, site: &Site, output: &Output) -> Result<()> {
        if !self.enabled {
            return Ok(());
        }
        output.write(&OutPath::new(SCRIPT), SCRIPT_SOURCE.as_bytes())?;
        output.write(&OutPath::new(FALLBACK), fallback::script(site).as_bytes())?;
        #[cfg(feature = "search")]
        if let Some(worker) = self.pagefind {
            for (path, bytes) in worker.finish()? {
                output.write(&path, &bytes)?;
            }
        }
        Ok(())
    }
}
