//! Full-text search: the search page's view, and the search files written beside the
//! pages: the Pagefind index (cargo feature `search`) and the small fallback index
//! (`assets/search-index.js`) that the search page uses when opened from disk, where
//! Pagefind cannot run. Both are built from each article's search record (`record`), not
//! from its rendered page, so they can be built while the pages render, and an unchanged
//! site reuses the Pagefind bundle of the last build.

pub mod bundles;
pub mod fallback;
pub mod page;
#[cfg(feature = "search")]
mod pagefind;
pub mod record;

use crate::error::Result;
use crate::i18n::Labels;
use crate::output::Output;
use crate::site::Site;
use crate::urls::OutPath;
use rayon::prelude::*;
use record::Record;

/// The search page.
pub const PAGE: &str = "search.html";
/// The search page's script, the same for every site.
pub const SCRIPT: &str = "assets/search.js";
/// The fallback index, loaded with a plain `<script>` tag.
pub const FALLBACK: &str = "assets/search-index.js";
/// The folder of the Pagefind bundles, present when built with the `search` feature.
pub const PAGEFIND: &str = "pagefind";

/// The search page's script source.
const SCRIPT_SOURCE: &str = include_str!("../render/builtin/search.js");

/// What the pages need to know of search.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    /// The site has a search page (`[search] enabled`).
    pub enabled: bool,
    /// Its index is Pagefind's (the `search` feature), else only the fallback index.
    pub pagefind: bool,
}

impl Search {
    /// Search as `site` has it.
    pub fn of(site: &Site) -> Search {
        let enabled = site.config.search.enabled;
        Search { enabled, pagefind: enabled && cfg!(feature = "search") }
    }
}

/// Writes the search files: the script, the fallback index and the Pagefind bundle.
/// Nothing when the site has no search page.
pub fn write(site: &Site, output: &Output) -> Result<()> {
    if !site.config.search.enabled {
        return Ok(());
    }
    let labels = Labels::new(&site.config.language, &site.config.labels);
    let records: Vec<Record> =
        (0..site.entries.len()).into_par_iter().map(|i| record::record(site, &labels, i)).collect();
    output.write(&OutPath::new(SCRIPT), SCRIPT_SOURCE.as_bytes())?;
    output.write(&OutPath::new(FALLBACK), fallback::script(&records).as_bytes())?;
    #[cfg(feature = "search")]
    write_pagefind(site, output, records)?;
    Ok(())
}

/// The module of the bundle `shard`, from the site root.
pub fn module(shard: &str) -> String {
    format!("{PAGEFIND}/{shard}/pagefind.js")
}

/// Writes each shard's Pagefind bundle, or keeps the last build's when it was built
/// from the same records by the same binary.
#[cfg(feature = "search")]
fn write_pagefind(site: &Site, output: &Output, records: Vec<Record>) -> Result<()> {
    let mut by_shard: std::collections::BTreeMap<String, Vec<Record>> = Default::default();
    for (shard, record) in bundles::assign(site).into_iter().zip(records) {
        by_shard.entry(shard).or_default().push(record);
    }
    by_shard.into_par_iter().try_for_each(|(shard, records)| {
        let mut h = crate::digest::Hasher::default();
        h.bytes(&crate::ident::binary().to_le_bytes());
        h.value(&site.config.language);
        h.value(&records);
        let key = h.finish();
        let prefix = format!("{PAGEFIND}/{shard}/");
        if output.reuse_under(&prefix, key) {
            return Ok(());
        }
        for (path, bytes) in pagefind::bundle(&site.config.language, records.into_iter())? {
            output.write_page(&OutPath::new(format!("{prefix}{path}")), &bytes, Some(key))?;
        }
        Ok(())
    })
}
