//! Which feeds the site has and how pages announce them: the formats site.toml asks
//! for, one channel per subject (the whole site, each tag, each edition, as `[feeds]`
//! says), where each channel's files go (from the page map), and the `<link
//! rel="alternate">` views the pages print. The feed writers (`feeds`) and the page
//! renderer (`render`) both read it; it writes nothing.

use super::FeedLink;
use crate::i18n::Labels;
use crate::site::{Edition, Site, Term, pagemap};
use crate::urls::OutPath;

/// A feed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl Format {
    /// The format a site.toml name stands for (`rss`, `atom`, `json`).
    pub(crate) fn from_name(name: &str) -> Option<Format> {
        match name {
            "rss" => Some(Format::Rss),
            "atom" => Some(Format::Atom),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// MIME type, for `<link rel="alternate" type>`.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml",
            Format::Atom => "application/atom+xml",
            Format::Json => "application/feed+json",
        }
    }

    /// The name readers know it by.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Rss => "RSS",
            Format::Atom => "Atom",
            Format::Json => "JSON Feed",
        }
    }

    fn site_path(self) -> &'static str {
        let [rss, atom, json] = pagemap::SITE_FEEDS;
        match self {
            Format::Rss => rss,
            Format::Atom => atom,
            Format::Json => json,
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
pub(crate) struct Channel {
    /// The feed's title.
    pub title: String,
    /// One sentence about it.
    pub description: String,
    /// The HTML page listing the same articles.
    pub page: OutPath,
    /// True for the site's feeds, else they go beside `page`.
    site_wide: bool,
    /// Dated entries, newest first, at most `limit`.
    pub entries: Vec<usize>,
}

impl Channel {
    /// Where its feed in format `format` goes.
    pub(crate) fn path(&self, format: Format) -> OutPath {
        match self.site_wide {
            true => pagemap::path(format.site_path()),
            false => pagemap::feed_beside(&self.page, format.extension()),
        }
    }

    fn new(site: &Site, title: String, page: &OutPath, site_wide: bool, list: &[usize]) -> Self {
        let mut entries: Vec<usize> =
            list.iter().copied().filter(|&i| site.entries[i].date.is_some()).collect();
        entries.sort_unstable(); // entries are numbered newest first
        entries.truncate(site.config.feeds.limit);
        let description = if site_wide || site.config.description.is_empty() {
            site.config.description.clone()
        } else {
            format!("{title}. {}", site.config.description)
        };
        Channel { title, description, page: page.clone(), site_wide, entries }
    }
}

/// The formats site.toml asks for, in its order, each once.
pub(crate) fn formats(site: &Site) -> Vec<Format> {
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
pub(crate) fn channels(site: &Site, labels: &Labels) -> Vec<Channel> {
    let mut list = Vec::new();
    if site_has_items(site) {
        let all: Vec<usize> = (0..site.entries.len().min(site.config.feeds.limit)).collect();
        let home = pagemap::path(pagemap::FRONT);
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
    format!("{}: {}", site.config.title, super::edition_title(ed, labels))
}

/// The site's feeds for `<link rel="alternate">`; `href` makes each link (page-relative
/// on ordinary pages, from the base path on `404.html`).
pub(crate) fn site_links(site: &Site, href: impl Fn(&OutPath) -> String) -> Vec<FeedLink> {
    if !site_has_items(site) {
        return Vec::new();
    }
    let page = pagemap::path(pagemap::FRONT);
    links(site, &Channel::new(site, site.config.title.clone(), &page, true, &[]), href)
}

/// A tag page's own feeds (none when per-tag feeds are off or it has no dated article).
pub(crate) fn tag_links(
    site: &Site,
    term: &Term,
    href: impl Fn(&OutPath) -> String,
) -> Vec<FeedLink> {
    if !site.config.feeds.per_tag || !has_items(site, &term.entries) {
        return Vec::new();
    }
    links(site, &Channel::new(site, tag_title(site, term), &term.out, false, &[]), href)
}

/// An edition page's own feeds.
pub(crate) fn edition_links(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_format_names() {
        assert_eq!(Format::from_name("atom"), Some(Format::Atom));
        assert_eq!(Format::from_name("rdf"), None);
        assert_eq!(Format::Json.mime(), "application/feed+json");
    }
}
