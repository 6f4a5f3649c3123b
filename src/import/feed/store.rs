//! The seeds folder as a feed import sees it: which items earlier imports wrote (read
//! from the seeds' own `import` records), and the rules for each new item: write it
//! once, take a change at the source only with `--update`, never overwrite the editor.
//! Files are only ever created or replaced below `seeds/<source-slug>/`, under names
//! made of slug characters, whatever an item's title or link says.

use super::item::{self, Item};
use super::seed::{self, Filing, Written};
use super::{Feed, Options, Report};
use crate::error::Result;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The seeds folder and the imported items found in it.
pub(crate) struct Store {
    seeds: PathBuf,
    by_id: HashMap<String, (PathBuf, Written)>,
    by_link: HashMap<String, String>,
    this_run: HashSet<String>,
    now: String,
    options: Options,
}

impl Store {
    /// Reads the import records of every seed below `seeds`.
    pub(crate) fn open(seeds: &Path, options: Options) -> Result<Store> {
        let mut store = Store {
            seeds: seeds.to_path_buf(),
            by_id: HashMap::new(),
            by_link: HashMap::new(),
            this_run: HashSet::new(),
            now: jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            options,
        };
        if !seeds.is_dir() {
            return Ok(store);
        }
        for entry in crate::fs::walk(seeds) {
            let entry = entry?;
            if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let bytes = crate::fs::read(entry.path())?;
            let Some(written) = std::str::from_utf8(&bytes).ok().and_then(seed::written) else {
                continue;
            };
            if let Some(link) = &written.link {
                store.by_link.insert(link.clone(), written.id.clone());
            }
            store.by_id.insert(written.id.clone(), (entry.path().to_path_buf(), written));
        }
        Ok(store)
    }

    /// Takes the items of `bytes`, the feed `feed` sent.
    pub(crate) fn take(
        &mut self,
        feed: &Feed,
        bytes: &[u8],
        report: &mut Report,
    ) -> std::result::Result<(), String> {
        // Once to learn the base, again for feed-rs to resolve relative enclosures by it.
        let first = parse(bytes, None)?;
        let base = base_of(feed, &first);
        let parsed = match &base {
            Some(base) => parse(bytes, Some(base.as_str()))?,
            None => first,
        };
        let source = source_name(feed, &parsed);
        let folder = self.seeds.join(folder_name(&source));
        let filing = Filing {
            source: &source,
            tags: &feed.tags,
            section: feed.section.as_deref(),
            full: self.options.full,
        };
        let json_images = match parsed.feed_type {
            feed_rs::model::FeedType::JSON => item::json_images(bytes),
            _ => Default::default(),
        };
        for entry in &parsed.entries {
            let mut item = item::from_entry(entry, base.as_ref());
            if item.image.is_none()
                && let Some(href) = json_images.get(entry.id.trim())
            {
                item.image = item::join(base.as_ref(), href).map(String::from);
            }
            if item.title.is_empty() {
                item.title =
                    item.summary.as_deref().map(headline_of).unwrap_or_else(|| "Untitled".into());
            }
            if item.id.is_empty() {
                report
                    .notes
                    .push(format!("{}: an item with no id, link or title; skipped", feed.url));
                continue;
            }
            self.one(&item, &filing, &folder, report).map_err(|e| format!("{e:#}"))?;
        }
        Ok(())
    }

    fn one(
        &mut self,
        item: &Item,
        filing: &Filing,
        folder: &Path,
        report: &mut Report,
    ) -> Result<()> {
        if !self.this_run.insert(item.id.clone()) {
            report.notes.push(format!(
                "{}: `{}` appears twice in the feed; imported once",
                filing.source, item.id
            ));
            return Ok(());
        }
        let known_id = match self.by_id.contains_key(&item.id) {
            true => Some(item.id.clone()),
            false => item.link.as_ref().and_then(|l| self.by_link.get(l)).cloned(),
        };
        match known_id.and_then(|id| self.by_id.get(&id)) {
            Some((path, written)) => {
                let (path, written) = (path.clone(), written.clone());
                self.again(item, filing, (&path, &written), report)
            }
            None => self.new_item(item, filing, folder, report),
        }
    }

    fn new_item(
        &mut self,
        item: &Item,
        filing: &Filing,
        folder: &Path,
        report: &mut Report,
    ) -> Result<()> {
        let date = match &item.date {
            Some(date) => date.clone(),
            None => {
                report.notes.push(format!(
                    "{}: `{}` has no date; dated at the fetch time ({})",
                    filing.source, item.title, self.now
                ));
                self.now.clone()
            }
        };
        let path = free_name(folder, &date, &item.title);
        crate::fs::create_dir_all(folder)?;
        let item = self.with_image(item, &path, report);
        crate::fs::write_new(&path, seed::text(&item, filing, &date, None).as_bytes())?;
        report.written.push(path);
        Ok(())
    }

    fn again(
        &mut self,
        item: &Item,
        filing: &Filing,
        (path, written): (&Path, &Written),
        report: &mut Report,
    ) -> Result<()> {
        if written.item == seed::item_digest(item) {
            if filing.full && item.body.is_some() && !republished(path) {
                return self.take_text(item, filing, (path, written), report);
            }
            report.known += 1;
            return Ok(());
        }
        let shown =
            path.strip_prefix(self.seeds.parent().unwrap_or(&self.seeds)).unwrap_or(path).display();
        if !written.untouched {
            report
                .notes
                .push(format!("{shown}: changed at the source, but also edited here; left alone"));
        } else if !self.options.update {
            report
                .notes
                .push(format!("{shown}: changed at the source; `--update` takes the change"));
        } else {
            let date = written.date.clone().or(item.date.clone()).unwrap_or(self.now.clone());
            let updated = item.updated.clone().unwrap_or(self.now.clone());
            crate::fs::write_atomically(
                path,
                seed::text(item, filing, &date, Some(&updated)).as_bytes(),
            )?;
            report.updated.push(path.to_path_buf());
        }
        Ok(())
    }
}

/// True when the seed at `path` holds its item's text (it was imported with `--full`).
fn republished(path: &Path) -> bool {
    crate::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).contains("\nrepublished = true\n"))
        .unwrap_or(true)
}

impl Store {
    /// `--full` for an item imported before without its text: the text is taken when
    /// the seed is as the import wrote it, else the editor is told why not.
    fn take_text(
        &mut self,
        item: &Item,
        filing: &Filing,
        (path, written): (&Path, &Written),
        report: &mut Report,
    ) -> Result<()> {
        let shown =
            path.strip_prefix(self.seeds.parent().unwrap_or(&self.seeds)).unwrap_or(path).display();
        if !written.untouched {
            report.notes.push(format!(
                "{shown}: imported without its text and edited here since, so --full left it \
                 alone; delete it and import again with --full to take the text"
            ));
            report.known += 1;
            return Ok(());
        }
        let date = written.date.clone().or(item.date.clone()).unwrap_or(self.now.clone());
        crate::fs::write_atomically(path, seed::text(item, filing, &date, None).as_bytes())?;
        report.updated.push(path.to_path_buf());
        Ok(())
    }
}

impl Store {
    /// `item`, with its image kept beside the seed at `seed` when `--images` asks.
    fn with_image(&self, item: &Item, seed: &Path, report: &mut Report) -> Item {
        let mut item = item.clone();
        let (Some(url), true) = (&item.image, self.options.images) else { return item };
        let (Some(folder), Some(stem)) = (seed.parent(), seed.file_stem()) else { return item };
        match super::images::download(url, folder, &stem.to_string_lossy(), self.options.limits) {
            Ok(name) => item.local_image = Some(name),
            Err(why) => report.notes.push(format!("{url}: image not downloaded ({why}); linked")),
        }
        item
    }
}

/// The feed in `bytes`, relative links resolved against `base` when given.
fn parse(bytes: &[u8], base: Option<&str>) -> std::result::Result<feed_rs::model::Feed, String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err("this is an HTML page, not a feed (RSS, Atom or JSON Feed)".into());
    }
    if super::opml::is_opml(bytes) {
        return Err(
            "this is an OPML list of feeds: name it by a URL ending in .opml, or as a file".into(),
        );
    }
    if declares_entities(bytes) {
        return Err("the document declares XML entities (a billion-laughs bomb?); refused".into());
    }
    feed_rs::parser::Builder::new()
        .base_uri(base)
        .id_generator(|links, title, _| match (links.first(), title) {
            (Some(link), _) => link.href.clone(),
            (None, Some(title)) => {
                format!("urn:broadsheet:{:032x}", crate::digest::of_bytes(title.content.as_bytes()))
            }
            (None, None) => String::new(),
        })
        .build()
        .parse(bytes)
        .map_err(|e| format!("not a feed that can be read (RSS, Atom or JSON Feed): {e}"))
}

/// True when an XML document's prolog (before its root element) declares entities,
/// which no feed needs and entity-expansion bombs are made of.
fn declares_entities(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let Some(doctype) = text.find("<!DOCTYPE") else { return false };
    text[doctype..].split_once('>').is_some_and(|_| text[doctype..].contains("<!ENTITY"))
}

fn fetch_url(feed: &Feed) -> Option<String> {
    super::fetch::is_url(&feed.url).then(|| feed.url.clone())
}

/// What relative links resolve against (after an item's own `xml:base`): the site the
/// feed names as its home, else the feed's own URL. A file is read as if fetched.
fn base_of(feed: &Feed, parsed: &feed_rs::model::Feed) -> Option<url::Url> {
    let home = |l: &&feed_rs::model::Link| matches!(l.rel.as_deref(), None | Some("alternate"));
    let site = parsed.links.iter().filter(home).find_map(|l| item::join(None, &l.href));
    site.or_else(|| fetch_url(feed).and_then(|u| url::Url::parse(&u).ok()))
}

fn source_name(feed: &Feed, parsed: &feed_rs::model::Feed) -> String {
    let title = parsed.title.as_ref().map(item::text_of).filter(|t| !t.is_empty());
    let host = || url::Url::parse(&feed.url).ok().and_then(|u| u.host_str().map(String::from));
    feed.name.clone().or(title).or_else(host).unwrap_or_else(|| "Feed".into())
}

fn folder_name(source: &str) -> String {
    let slug = crate::slugs::slugify(source, 40);
    if slug.is_empty() { "feed".into() } else { slug }
}

/// The first words of a summary, for an item with no title.
fn headline_of(summary: &str) -> String {
    let mut out = String::new();
    for word in summary.split_whitespace() {
        if out.len() + word.len() > 70 {
            out.push('…');
            break;
        }
        out = if out.is_empty() { word.into() } else { format!("{out} {word}") };
    }
    out
}

/// `folder/<day>-<slug>.md`, or `-2`, `-3`… when that is taken.
fn free_name(folder: &Path, date: &str, title: &str) -> PathBuf {
    let day = date
        .get(..10)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .unwrap_or("undated");
    let slug = Some(crate::slugs::slugify(title, 60))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "item".into());
    let mut path = folder.join(format!("{day}-{slug}.md"));
    let mut n = 2;
    while crate::fs::exists(&path) {
        path = folder.join(format!("{day}-{slug}-{n}.md"));
        n += 1;
    }
    path
}
