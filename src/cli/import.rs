//! `broadsheet import`: a peer site's posts (`jekyll|hugo|zola SRC`), or feeds
//! (`feed FEED…`, `FEED…`, or site.toml's `[[import]]` feeds when none is named).

use super::*;

/// `broadsheet import`: `jekyll|hugo|zola SRC`, `feed FEED…` (or just `FEED…`), or
/// nothing to refresh site.toml's `[[import]]` feeds.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub(super) common: Common,
    /// `jekyll SRC`, `hugo SRC`, `zola SRC` (a site's folder, only read); `feed FEED…` or
    /// `FEED…` (feed URLs or files: RSS, Atom, JSON Feed, OPML); none: site.toml's feeds.
    #[arg(value_name = "KIND|FEED")]
    what: Vec<String>,
    /// Feeds: take each item's content too (marked `republished = true`).
    #[arg(long)]
    full: bool,
    /// Feeds: rewrite seeds whose item changed at the source (never one edited by hand).
    #[arg(long)]
    update: bool,
    /// Feeds: fetch each item's image and keep it beside its seed (else linked).
    #[arg(long)]
    images: bool,
    /// Feeds: seconds one feed may take, all redirects included.
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    timeout: u64,
    /// Feeds: the most megabytes one feed may have.
    #[arg(long, default_value_t = 10, value_name = "MB")]
    max_size: u64,
}

/// The generators `import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PeerKind {
    /// Posts in _posts/, settings in _config.yml.
    Jekyll,
    /// Pages in content/, settings in hugo.toml (or config.toml).
    Hugo,
    /// Pages in content/, settings in config.toml.
    Zola,
}

impl ImportArgs {
    pub(super) fn run(self) -> Result<()> {
        use broadsheet::import::Peer;
        let kind =
            self.what.first().and_then(|w| <PeerKind as clap::ValueEnum>::from_str(w, false).ok());
        let Some(kind) = kind else { return self.feeds() };
        if self.full || self.update || self.images {
            anyhow::bail!(
                "--full, --update and --images are for feeds, not a {} site",
                self.what[0]
            );
        }
        let [_, src] = &self.what[..] else {
            anyhow::bail!("usage: broadsheet import {} SRC (one site folder)", self.what[0]);
        };
        let peer = match kind {
            PeerKind::Jekyll => Peer::Jekyll,
            PeerKind::Hugo => Peer::Hugo,
            PeerKind::Zola => Peer::Zola,
        };
        let done = broadsheet::import::import(peer, Path::new(src), &self.common.root)?;
        if !self.common.quiet {
            let toml = if done.wrote_site_toml { "; wrote site.toml" } else { "" };
            let aliased = match done.aliased {
                1 => "1 with its old URL as an alias".to_string(),
                n => format!("{n} with their old URLs as aliases"),
            };
            println!(
                "imported {} ({} into pages/, {} into static/; {aliased}){toml}",
                count(done.copied, "file"),
                plural(done.pages, "standalone page", "standalone pages"),
                done.static_files,
            );
            for line in &done.left_behind {
                println!("not carried over: {line}");
            }
            for line in &done.dangling {
                eprintln!("warning: {line}");
            }
        }
        Ok(())
    }
}

impl ImportArgs {
    /// `import feed FEED…`, `import FEED…`, or `import` alone for site.toml's feeds.
    fn feeds(&self) -> Result<()> {
        use broadsheet::import::feed;
        let named = match self.what.first().map(String::as_str) {
            Some("feed") if self.what.len() == 1 => {
                anyhow::bail!("usage: broadsheet import feed FEED…")
            }
            Some("feed") => &self.what[1..],
            _ => &self.what[..],
        };
        no_folders(named)?;
        let feeds = if named.is_empty() {
            feed::configured(&self.common.root)?
        } else {
            let one = |f: &String| feed::Feed { url: feed_path(f), ..feed::Feed::default() };
            named.iter().map(one).collect()
        };
        let limits = feed::Limits {
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            max_bytes: self.max_size.max(1).saturating_mul(1024 * 1024),
        };
        let options =
            feed::Options { full: self.full, update: self.update, images: self.images, limits };
        let report = feed::import(&self.common.root, &feeds, options)?;
        if !self.common.quiet {
            self.say(&report);
        }
        Ok(())
    }
}

impl ImportArgs {
    /// What a feed import did, in a line, after its notes.
    fn say(&self, report: &broadsheet::import::feed::Report) {
        for note in &report.notes {
            println!("note: {note}");
        }
        // The folder as the editor reaches it from where they typed the command.
        let seeds = self.common.root.join("seeds");
        let seeds = seeds.strip_prefix(".").unwrap_or(&seeds).display();
        let mut said = format!(
            "imported {} into {seeds}/, updated {}, {} already there",
            plural(report.written.len(), "new item", "new items"),
            report.updated.len(),
            report.known,
        );
        if !report.unchanged.is_empty() {
            let unchanged = count(report.unchanged.len(), "feed");
            said.push_str(&format!("; {unchanged} unchanged since the last import (304)"));
        }
        println!("{said}");
    }
}

/// A folder named where a feed is expected: say what import takes.
fn no_folders(named: &[String]) -> Result<()> {
    match named.iter().find(|n| Path::new(n.as_str()).is_dir()) {
        Some(dir) => Err(broadsheet::Error::Usage(format!(
            "{dir} is a folder: import takes a feed (a URL, or an RSS, Atom, JSON Feed or \
             OPML file), or another generator's site as `broadsheet import jekyll|hugo|zola {dir}`"
        ))
        .into()),
        None => Ok(()),
    }
}

/// A feed as named on the command line: URLs as they are, files made absolute.
fn feed_path(named: &str) -> String {
    let lower = named.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return named.to_string();
    }
    std::path::absolute(named).map(|p| p.display().to_string()).unwrap_or(named.to_string())
}
