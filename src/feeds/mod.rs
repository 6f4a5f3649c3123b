//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and, as `[feeds]` in
//! site.toml asks, for each tag and each edition. This module decides which feeds exist,
//! where they go and how pages announce them; `item` is the article model every format
//! shares, and `rss`, `atom` and `json` each write one format with a crate made for it.
//!
//! Paths: `feed.xml`, `atom.xml`, `feed.json` at the root; beside a tag or edition page
//! `tags/<slug>.html` go `tags/<slug>.xml`, `.atom` and `.json`. Undated articles are
//! never syndicated, and a feed with no items is not written (nor linked).

mod atom;
mod json;
mod rss;

use crate::dates::DateView;
use crate::error::Result;
use crate::i18n::Labels;
use crate::output::Output;
use crate::site::Site;
use crate::views::channels::{Channel, Format, channels, formats};
use crate::views::item::{self, Item};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// What the feed writers need besides the items.
pub(crate) struct Head<'a> {
    /// Feed title.
    pub title: &'a str,
    /// Feed description.
    pub description: &'a str,
    /// Absolute URL of the HTML page (also the Atom feed id).
    pub home: String,
    /// Absolute URL of this feed file.
    pub self_url: String,
    /// Site language.
    pub language: &'a str,
    /// Publisher name, the feed-level author.
    pub publisher: &'a str,
    /// Site base URL.
    pub base: &'a str,
    /// The newest date among the items.
    pub updated: Option<&'a DateView>,
}

/// Writes every feed; `sizes` are the byte sizes of the pictures' copies by output
/// path (RSS enclosures must state one). Returns how many files were written.
pub(crate) fn write_all(
    site: &Site,
    output: &Output,
    sizes: &HashMap<String, u64>,
) -> Result<usize> {
    let formats = formats(site);
    if formats.is_empty() {
        return Ok(0);
    }
    let labels = Labels::new(&site.config.language, &site.config.labels);
    let channels = channels(site, &labels);
    let needed: BTreeSet<usize> = channels.iter().flat_map(|c| c.entries.iter().copied()).collect();
    let full = site.config.feeds.full_content;
    let items: HashMap<usize, Item> = needed
        .into_par_iter()
        .filter_map(|i| item::item(site, i, &labels, full).map(|it| (i, sized(it, sizes))))
        .collect();
    channels.par_iter().try_for_each(|channel| {
        let list: Vec<&Item> = channel.entries.iter().filter_map(|i| items.get(i)).collect();
        for &format in &formats {
            let text = render(site, channel, format, &list);
            output.write(&channel.path(format), text.as_bytes())?;
        }
        Ok(())
    })?;
    Ok(channels.len() * formats.len())
}

/// `it` with its enclosure's byte size filled in.
fn sized<'a>(mut it: Item<'a>, sizes: &HashMap<String, u64>) -> Item<'a> {
    if let Some(enclosure) = &mut it.enclosure {
        enclosure.length = sizes.get(&enclosure.path).copied();
    }
    it
}

/// One feed file's text.
fn render(site: &Site, channel: &Channel, format: Format, items: &[&Item]) -> String {
    let head = Head {
        title: &channel.title,
        description: &channel.description,
        home: site.urls.absolute(&channel.page),
        self_url: site.urls.absolute(&channel.path(format)),
        language: &site.config.language,
        publisher: site.config.publisher_name(),
        base: site.urls.base(),
        updated: items.iter().map(|it| it.updated()).max_by_key(|d| d.epoch),
    };
    match format {
        Format::Rss => rss::write(&head, items),
        Format::Atom => atom::write(&head, items),
        Format::Json => json::write(&head, items),
    }
}
