//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and, as `[feeds]` in
//! site.toml asks, for each tag and each edition. This module decides which feeds exist,
//! where they go and how pages announce them; `item` is the article model every format
//! shares, and `rss`, `atom` and `json` each write one format with a crate made for it.
//!
//! Paths: `feed.xml`, `atom.xml`, `feed.json` at the root; beside a tag or edition page
//! `tags/<slug>.html` go `tags/<slug>.xml`, `.atom` and `.json`. Undated articles are
//! never syndicated, and a feed with no items is not written (nor linked).

mod atom;
pub mod content;
pub mod item;
mod json;
mod rss;

use crate::dates::DateView;
use crate::error::Result;
use crate::i18n::Labels;
use crate::output::Output;
use crate::render::views::FeedLink;
use crate::site::{Edition, Site, Term};
use crate::urls::OutPath;
use item::Item;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// A feed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl Format {
    /// The format a site.toml name stands for (`rss`, `atom`, `json`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "rss" => Some(Format::Rss),
            "atom" => Some(Format::Atom),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// MIME type, for `<link rel="alternate" type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml",
            Format::Atom => "application/atom+xml",
            Format::Json => "application/feed+json",
        }
    }

    /// The name readers know it by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rss => "RSS",
            Format::Atom => "Atom",
            Format::Json => "JSON Feed",
        }
    }

    fn site_path(self) -> &'static str {
        match self {
            Format::Rss => "feed.xml",
            Format::Atom => "atom.xml",
            Format::Json => "feed.json",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Rss => "xml",
            Format::Atom => "atom",
            Format::Json => "json",
        }
    }
}

/// One feed's subject: the whole site, or the articles of one page (a tag, an edition).
#[derive(Debug)]
pub struct Channel {
    /// The feed's title.
    pub title: String,
    /// One sentence about it.
    pub description: String,
    /// The HTML page listing the same articles.
    pub page: OutPath,
    /// `None` for the site's feeds, else the page path without `.html`.
    stem: Option<String>,
    /// Dated entries, newest first, at most `limit`.
    pub entries: Vec<usize>,
}

impl Channel {
    /// Where its feed in format `format` goes.
    pub fn path(&self, format: Format) -> OutPath {
        match &self.stem {
            None => OutPath::new(format.site_path()),
            Some(stem) => OutPath::new(format!("{stem}.{}", format.extension())),
        }
    }

    fn new(site: &Site, title: String, page: &OutPath, site_wide: bool, list: &[usize]) -> Self {
        let mut entries: Vec<usize> =
            list.iter().copied().filter(|&i| site.entries[i].date.is_some()).collect();
        entries.sort_unstable(); // entries are numbered newest first
        entries.truncate(site.config.feeds.limit);
        let stem = (!site_wide).then(|| page.as_str().trim_end_matches(".html").to_string());
        let description = if site_wide || site.config.description.is_empty() {
            site.config.description.clone()
        } else {
            format!("{title}. {}", site.config.description)
        };
        Channel { title, description, page: page.clone(), stem, entries }
    }
}

/// What the feed writers need besides the items.
pub struct Head<'a> {
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

/// The formats site.toml asks for, in its order, each once.
pub fn formats(site: &Site) -> Vec<Format> {
    let mut out = Vec::new();
    for f in site.config.feeds.formats.iter().filter_map(|n| Format::from_name(n)) {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// True when `list` holds a dated entry, so its feed has items.
fn has_items(site: &Site, list: &[usize]) -> bool {
    list.iter().any(|&i| site.entries[i].date.is_some())
}

/// True when the site has a dated entry (they sort first), so its feeds have items.
fn site_has_items(site: &Site) -> bool {
    site.entries.first().is_some_and(|e| e.date.is_some())
}

/// Every feed the site gets.
pub fn channels(site: &Site, labels: &Labels) -> Vec<Channel> {
    let mut list = Vec::new();
    if site_has_items(site) {
        let all: Vec<usize> = (0..site.entries.len().min(site.config.feeds.limit)).collect();
        let home = OutPath::new("index.html");
        list.push(Channel::new(site, site.config.title.clone(), &home, true, &all));
    }
    if site.config.feeds.per_tag
        && let Some(tags) = site.taxonomy("tags")
    {
        for term in tags.terms.iter().filter(|t| has_items(site, &t.entries)) {
            let title = tag_title(site, term);
            list.push(Channel::new(site, title, &term.out, false, &term.entries));
        }
    }
    if site.config.feeds.per_edition {
        for ed in &site.editions {
            let title = edition_title(site, ed, labels);
            list.push(Channel::new(site, title, &ed.out, false, &ed.entries));
        }
    }
    list
}

fn tag_title(site: &Site, term: &Term) -> String {
    format!("{}: {}", site.config.title, term.name)
}

fn edition_title(site: &Site, ed: &Edition, labels: &Labels) -> String {
    let when = match ed.period {
        crate::config::Period::Day => labels.day(ed.first_day),
        crate::config::Period::Week => format!("{} {}", labels.map["edition"], ed.key),
    };
    format!("{}: {when}", site.config.title)
}

/// The site's feeds for `<link rel="alternate">`; `href` makes each link (page-relative
/// on ordinary pages, from the base path on `404.html`).
pub fn site_links(site: &Site, href: impl Fn(&OutPath) -> String) -> Vec<FeedLink> {
    if !site_has_items(site) {
        return Vec::new();
    }
    let page = OutPath::new("index.html");
    links(site, &Channel::new(site, site.config.title.clone(), &page, true, &[]), href)
}

/// A tag page's own feeds (none when per-tag feeds are off or it has no dated article).
pub fn tag_links(site: &Site, term: &Term, href: impl Fn(&OutPath) -> String) -> Vec<FeedLink> {
    if !site.config.feeds.per_tag || !has_items(site, &term.entries) {
        return Vec::new();
    }
    links(site, &Channel::new(site, tag_title(site, term), &term.out, false, &[]), href)
}

/// An edition page's own feeds.
pub fn edition_links(
    site: &Site,
    ed: &Edition,
    labels: &Labels,
    href: impl Fn(&OutPath) -> String,
) -> Vec<FeedLink> {
    if !site.config.feeds.per_edition {
        return Vec::new();
    }
    let title = edition_title(site, ed, labels);
    links(site, &Channel::new(site, title, &ed.out, false, &[]), href)
}

fn links(site: &Site, channel: &Channel, href: impl Fn(&OutPath) -> String) -> Vec<FeedLink> {
    formats(site)
        .into_iter()
        .map(|f| FeedLink {
            mime: f.mime(),
            title: format!("{} ({})", channel.title, f.name()),
            name: f.name(),
            href: href(&channel.path(f)),
        })
        .collect()
}

/// Writes every feed. Returns how many files were written.
pub fn write_all(site: &Site, output: &Output) -> Result<usize> {
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
        .filter_map(|i| item::item(site, i, &labels, full).map(|it| (i, it)))
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

/// `text` without the characters XML 1.0 cannot hold or discourages (C0 controls but tab
/// and line ends, DEL, U+FFFE, U+FFFF): one of them makes a whole feed unreadable.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}' && c != '\u{7F}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_drops_control_characters_only() {
        assert_eq!(xml_safe("a\u{1}b\u{B}c\td\u{FFFF}é ]]> <&"), "abc\tdé ]]> <&");
    }

    #[test]
    fn reads_format_names() {
        assert_eq!(Format::from_name("atom"), Some(Format::Atom));
        assert_eq!(Format::from_name("rdf"), None);
        assert_eq!(Format::Json.mime(), "application/feed+json");
    }
}
