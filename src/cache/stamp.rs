//! The stamp (`.broadsheet/cache/stamp`): what the last build read, and what it
//! reported. When every input is as it was, the reference time still publishes the
//! same articles, and the output folder is exactly as that build left it, a build has
//! nothing to do: it says so and writes nothing.
//!
//! The inputs are the binary, the command line's settings, `site.toml`, and the
//! identity (path, type, inode, size, modification time, link target) of every entry
//! under `seeds/`, `templates/` and `static/`. Hidden entries under `seeds/` and
//! `static/` are left out, as the build leaves them out.
//!
//! Time is an input too: an article dated in the future appears once the reference
//! time passes its date, and the news sitemap lists only the last two days. So the
//! stamp keeps every article's date and the two cut-offs they gave; a build whose
//! reference time gives the same cut-offs publishes the same site.
//!
//! Like the seed cache (see `seeds`), a stamp is only written when every input file
//! was last changed more than two seconds before the build looked at it, so that an
//! edit made in the same clock tick as a build is never mistaken for no edit.

use crate::digest::{self, Digest};
use crate::error::Result;
use crate::ident::{self, Ident};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a build found in its inputs before reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scan {
    digest: Digest,
    /// True when every input is old enough for its identity to be trusted.
    pub(crate) settled: bool,
}

impl Scan {
    /// Looks at the inputs of the site at `root` built with `settings` (anything else
    /// the output depends on: the output folder, overrides, flags). `None` when a
    /// folder cannot be listed: then the build finds and reports the problem.
    pub(crate) fn of(root: &Path, settings: &impl Serialize) -> Option<Scan> {
        let mut scan = Scanner {
            hasher: digest::Hasher::default(),
            settled: true,
            now: std::time::SystemTime::now(),
        };
        scan.hasher.bytes(&super::binary_id().to_le_bytes());
        scan.hasher.value(settings).then_some(())?;
        let config = root.join("site.toml");
        scan.hasher.bytes(&crate::fs::read_if_exists(&config).ok()??);
        scan.file(crate::fs::metadata(&config).as_ref());
        scan.folder(&root.join("seeds"), crate::fs::is_hidden)?;
        scan.folder(&root.join("pages"), crate::fs::is_hidden)?;
        scan.folder(&root.join("authors"), crate::fs::is_hidden)?;
        scan.folder(&root.join("templates"), |_| false)?;
        scan.folder(&root.join("static"), crate::fs::is_hidden)?;
        Some(Scan { digest: scan.hasher.finish(), settled: scan.settled })
    }
}

struct Scanner {
    hasher: digest::Hasher,
    settled: bool,
    now: std::time::SystemTime,
}

/// What the scan records of one entry besides its path, looked up on every core.
enum Found {
    Dir,
    /// A link: where it points, and the identity of what is there now (if anything).
    Link(std::path::PathBuf, Option<Ident>),
    File(Option<Ident>),
}

impl Scanner {
    /// Adds every entry under `dir` (sorted by path, links not followed), leaving out
    /// those the build leaves out by the same rule, `hidden`; `None` when something
    /// under it cannot be read. The walk lists names, which the system gives with each
    /// entry's type; the entries are then looked up on every core, since at a million
    /// seeds the lookups are most of a build that has nothing to do.
    fn folder(&mut self, dir: &Path, hidden: fn(&std::ffi::OsStr) -> bool) -> Option<()> {
        use rayon::prelude::*;
        let walker = crate::fs::walker_in_any_order(dir).into_iter();
        let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && hidden(e.file_name());
        let mut entries = Vec::new();
        for entry in walker.filter_entry(|e| !hidden(e)) {
            match entry {
                Ok(entry) => entries.push(entry),
                Err(e) if e.depth() == 0 && e.io_error().is_some_and(is_not_found) => {
                    self.hasher.bytes(b"missing");
                    return Some(());
                }
                Err(_) => return None,
            }
        }
        entries.par_sort_unstable_by(|a, b| path_bytes(a).cmp(path_bytes(b)));
        let now = self.now;
        let found: Vec<(Found, bool)> = entries.par_iter().map(|e| look_up(e, now)).collect();
        for (entry, (found, settled)) in entries.iter().zip(found) {
            let path = entry.path().strip_prefix(dir).ok()?;
            self.hasher.bytes(path.as_os_str().as_encoded_bytes());
            self.settled &= settled;
            match found {
                Found::Dir => self.hasher.bytes(b"dir"),
                Found::Link(target, ident) => {
                    self.hasher.bytes(target.as_os_str().as_encoded_bytes());
                    self.hasher.value(&ident);
                }
                Found::File(ident) => {
                    self.hasher.value(&ident);
                }
            }
        }
        Some(())
    }

    /// Adds a file's identity (or its absence) and notes whether it has settled.
    fn file(&mut self, meta: Option<&std::fs::Metadata>) {
        self.hasher.value(&meta.map(Ident::of));
        if let Some(meta) = meta {
            self.settled &= ident::settled(meta, self.now);
        }
    }
}

fn path_bytes(entry: &walkdir::DirEntry) -> &[u8] {
    entry.path().as_os_str().as_encoded_bytes()
}

/// What the scan records of `entry`, and whether it has settled by `now`.
fn look_up(entry: &walkdir::DirEntry, now: std::time::SystemTime) -> (Found, bool) {
    let settled = |meta: &Option<std::fs::Metadata>| {
        meta.as_ref().is_none_or(|meta| ident::settled(meta, now))
    };
    let kind = entry.file_type();
    if kind.is_dir() {
        return (Found::Dir, true);
    }
    if kind.is_symlink() {
        // Where it points, and what is there now (nothing, for a dangling link).
        let target = crate::fs::link_target(entry.path()).unwrap_or_default();
        let meta = crate::fs::metadata(entry.path());
        return (Found::Link(target, meta.as_ref().map(Ident::of)), settled(&meta));
    }
    let meta = entry.metadata().ok();
    (Found::File(meta.as_ref().map(Ident::of)), settled(&meta))
}

fn is_not_found(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::NotFound
}

/// Every article's date, and how many of them fall at or before the two instants a
/// build's reference time sets: itself (published, or held back) and the start of the
/// news window (in the news sitemap, or not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Dates {
    sorted: Vec<i128>,
}

impl Dates {
    /// The dates, in any order.
    pub(crate) fn new(dates: impl IntoIterator<Item = jiff::Timestamp>) -> Dates {
        let mut sorted: Vec<i128> = dates.into_iter().map(|t| t.as_nanosecond()).collect();
        sorted.sort_unstable();
        Dates { sorted }
    }

    /// The cut-offs the reference time gives (`at`: itself and the start of the news
    /// window): the same cut-offs publish the same articles.
    pub(crate) fn cutoffs(&self, at: Instants) -> (usize, usize) {
        let at_or_before = |t: jiff::Timestamp| {
            let t = t.as_nanosecond();
            self.sorted.partition_point(|&d| d <= t)
        };
        (at_or_before(at.now), at_or_before(at.news_since))
    }
}

/// The two instants a reference time sets: itself, and the start of the news window.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Instants {
    /// The reference time.
    pub(crate) now: jiff::Timestamp,
    /// The start of the news sitemap's window.
    pub(crate) news_since: jiff::Timestamp,
}

/// What a build reported, to be reported again by a build that has nothing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Reported {
    /// Articles published.
    pub(crate) articles: usize,
    /// Pages rendered.
    pub(crate) pages: usize,
    /// Files in the output folder.
    pub(crate) files: usize,
    /// Articles held back as future-dated.
    pub(crate) held_back: usize,
    /// The warnings, as shown.
    pub(crate) warnings: Vec<String>,
    /// Local pictures published with resized copies.
    pub(crate) pictures: usize,
}

/// The stamp file's contents.
#[derive(Serialize, Deserialize)]
struct Stamp {
    binary: Digest,
    inputs: Digest,
    dates: Dates,
    cutoffs: (usize, usize),
    reported: Reported,
}

fn path(cache: &Path) -> std::path::PathBuf {
    cache.join("stamp")
}

/// What the last build reported, when `scan` finds its inputs unchanged and the
/// reference time publishes the same articles it did; `None` when the build has work to do.
pub(crate) fn unchanged(cache: &Path, scan: &Scan, at: Instants) -> Option<Reported> {
    let bytes = crate::fs::read_if_exists(&path(cache)).ok()??;
    let stamp: Stamp = postcard::from_bytes(&bytes).ok()?;
    let same = stamp.binary == super::binary_id()
        && stamp.inputs == scan.digest
        && stamp.dates.cutoffs(at) == stamp.cutoffs;
    same.then_some(stamp.reported)
}

/// Removes the stamp before a build changes anything: a build killed part-way must
/// never leave a stamp beside an output it does not describe.
pub(crate) fn forget(cache: &Path) -> Result<()> {
    crate::fs::remove_file(&path(cache))
}

/// Records that the inputs `scan` found built the output now in place, publishing
/// by the reference time among `dates`. Not written unless the inputs had settled.
pub(crate) fn save(
    cache: &Path,
    scan: &Scan,
    dates: Dates,
    at: Instants,
    reported: Reported,
) -> Result<()> {
    if !scan.settled {
        return Ok(());
    }
    let cutoffs = dates.cutoffs(at);
    let stamp = Stamp { binary: super::binary_id(), inputs: scan.digest, dates, cutoffs, reported };
    let bytes = postcard::to_stdvec(&stamp).expect("a stamp always encodes");
    crate::fs::write_atomically(&path(cache), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Instants {
        let now: jiff::Timestamp = text.parse().unwrap();
        Instants { now, news_since: now - jiff::SignedDuration::from_hours(48) }
    }

    fn ts(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn cutoffs_move_only_when_an_article_crosses_one() {
        let dates = Dates::new([ts("2025-04-10T12:00:00Z"), ts("2025-04-01T00:00:00Z")]);
        let before = dates.cutoffs(at("2025-04-10T11:00:00Z"));
        assert_eq!(before, (1, 1), "one published, none in the last two days");
        assert_eq!(dates.cutoffs(at("2025-04-09T00:00:00Z")), before);
        assert_eq!(dates.cutoffs(at("2025-04-10T12:00:00Z")), (2, 1), "the later one appears");
        assert_eq!(dates.cutoffs(at("2025-04-12T12:00:00Z")), (2, 2), "and leaves the window");
    }

    /// A site folder holding `site.toml` and `seeds` (path under seeds/, text).
    fn site(seeds: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::fs::write(&dir.path().join("site.toml"), b"title = \"T\"\n").unwrap();
        for (path, text) in seeds {
            crate::fs::write(&dir.path().join("seeds").join(path), text.as_bytes()).unwrap();
        }
        dir
    }

    #[test]
    fn a_scan_sees_a_changed_seed_and_ignores_hidden_files() {
        let dir = site(&[("a.md", "# A\n")]);
        let root = dir.path();
        let first = Scan::of(root, &"settings").unwrap();
        assert!(!first.settled, "files written just now have not settled");
        assert_eq!(Scan::of(root, &"settings"), Some(first));
        assert_ne!(Scan::of(root, &"other settings"), Some(first));
        crate::fs::write(&root.join("seeds/.a.md.swp"), b"x").unwrap();
        assert_eq!(Scan::of(root, &"settings"), Some(first), "hidden files are not inputs");
        crate::fs::write(&root.join("seeds/a.md"), b"# A, longer\n").unwrap();
        assert_ne!(Scan::of(root, &"settings"), Some(first));
    }

    #[test]
    fn a_scan_sees_nested_seeds_and_where_links_point() {
        let dir = site(&[("2024/a.md", "# A\n"), ("b.md", "# B\n")]);
        let root = dir.path();
        let first = Scan::of(root, &"settings").unwrap();
        assert_eq!(Scan::of(root, &"settings"), Some(first), "the same folders scan alike");
        crate::fs::write(&root.join("seeds/2024/c.md"), b"# C\n").unwrap();
        let added = Scan::of(root, &"settings").unwrap();
        assert_ne!(added, first, "a seed added in a subfolder");
        crate::fs::write(&root.join("seeds/2024/c.md"), b"# C!\n").unwrap();
        assert_ne!(Scan::of(root, &"settings"), Some(added), "a nested seed edited");
        #[cfg(unix)]
        {
            let link = root.join("seeds/l.md");
            std::os::unix::fs::symlink("b.md", &link).unwrap();
            let linked = Scan::of(root, &"settings").unwrap();
            std::fs::remove_file(&link).unwrap();
            std::os::unix::fs::symlink("2024/a.md", &link).unwrap();
            assert_ne!(Scan::of(root, &"settings"), Some(linked), "a link pointed elsewhere");
        }
    }
}
