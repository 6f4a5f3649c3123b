//! Full-text search: the search page's view, and the search files written beside the
//! pages: the Pagefind index (cargo feature `search`) and the small fallback index
//! (`assets/search-index.js`) that the search page uses when opened from disk, where
//! Pagefind cannot run. Both are built from each article's search record (`record`), not
//! from its rendered page, so they can be built while the pages render, and an unchanged
//! site reuses the Pagefind bundle of the last build.

pub(crate) mod fallback;
#[cfg(feature = "search")]
mod pagefind;
pub(crate) mod record;
pub(crate) mod shards;

use crate::error::Result;
use crate::i18n::Labels;
use crate::output::Output;
use crate::site::{Site, pagemap};
use rayon::prelude::*;
use record::Record;

/// The search page's script source.
const SCRIPT_SOURCE: &str = include_str!("../render/builtin/search.js");

/// Writes the search files: the script, and the sharded index, else the fallback index
/// and the Pagefind bundle. Nothing when the site has no search page. The sharded index
/// spills its runs into the work folder `work`.
pub(crate) fn write(site: &Site, output: &Output, work: &std::path::Path) -> Result<()> {
    let search = crate::views::search::Search::of(site);
    if !search.enabled {
        return Ok(());
    }
    let labels = Labels::new(&site.config.language, &site.config.labels);
    output.write(&pagemap::path(pagemap::SEARCH_SCRIPT), SCRIPT_SOURCE.as_bytes())?;
    if search.shards {
        let (entries, pages) = (site.entries.len(), site.pages.len());
        let records = |range: std::ops::Range<usize>| -> Vec<Record> {
            range
                .into_par_iter()
                .map(|i| match i < entries {
                    true => record::record(site, &labels, i),
                    false => record::page_record(site, &labels, i - entries),
                })
                .collect()
        };
        let scratch = work.join(format!("search-runs-{}", site.config.language));
        let emit = |path: &crate::urls::OutPath, bytes: &[u8]| output.write(path, bytes);
        let language = &site.config.language;
        return shards::write(entries + pages, records, language, &emit, &scratch);
    }
    let mut records: Vec<Record> =
        (0..site.entries.len()).into_par_iter().map(|i| record::record(site, &labels, i)).collect();
    records.extend((0..site.pages.len()).map(|i| record::page_record(site, &labels, i)));
    output
        .write(&pagemap::path(pagemap::SEARCH_FALLBACK), fallback::script(&records).as_bytes())?;
    #[cfg(feature = "search")]
    write_pagefind(site, output, records)?;
    Ok(())
}

/// Writes each shard's Pagefind bundle, or keeps the last build's when it was built
/// from the same records by the same binary.
#[cfg(feature = "search")]
fn write_pagefind(site: &Site, output: &Output, records: Vec<Record>) -> Result<()> {
    let mut by_shard: std::collections::BTreeMap<String, Vec<Record>> = Default::default();
    // Pages are undated: they go with the undated articles.
    let pages = std::iter::repeat_n(crate::views::bundles::UNDATED.to_string(), site.pages.len());
    for (shard, record) in crate::views::bundles::assign(site).into_iter().chain(pages).zip(records)
    {
        by_shard.entry(shard).or_default().push(record);
    }
    by_shard.into_par_iter().try_for_each(|(shard, records)| {
        let mut h = crate::digest::Hasher::default();
        h.bytes(&crate::ident::binary().to_le_bytes());
        h.value(&site.config.language);
        h.value(&records);
        let key = h.finish();
        let prefix = pagemap::pagefind_bundle(&shard);
        if output.reuse_under(&prefix, key) {
            return Ok(());
        }
        for (path, bytes) in pagefind::bundle(&site.config.language, records.into_iter())? {
            output.write_page(&pagemap::pagefind_file(&shard, &path), &bytes, Some(key))?;
        }
        Ok(())
    })
}
