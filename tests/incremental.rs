//! Incremental builds: after every kind of edit, a build that reuses the cache must
//! give exactly the bytes of a clean build, and a build with nothing changed must
//! write nothing. The pair of sites below settles every input after each edit (see
//! `backdate`), so that a build finding nothing changed skips all work (`cache::stamp`)
//! and every check also proves that skip right or wrong.

#![allow(clippy::disallowed_methods)] // tests read and write fixtures directly

mod common;

use common::{Site, stderr, stdout, tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-01-01T00:00:00Z";

/// Two copies of one site: `inc` keeps its output and cache between builds, `clean`
/// starts from nothing every time.
struct Pair {
    inc: Site,
    clean: Site,
}

impl Pair {
    fn new() -> Pair {
        let pair = Pair { inc: Site::example(), clean: Site::example() };
        backdate(pair.inc.root());
        pair
    }

    /// Applies `edit` to both copies; the incremental copy's inputs then settle.
    fn edit(&self, edit: impl Fn(&Path)) {
        edit(self.inc.root());
        edit(self.clean.root());
        backdate(self.inc.root());
    }

    /// Builds both at the reference time `NOW` and asserts that the incremental output
    /// equals the clean one, byte for byte and folder for folder.
    fn check(&self, step: &str) {
        assert!(!self.check_at(step, NOW), "{step}: the build found nothing changed");
    }

    /// Like `check`, for a step that changes nothing: the build must say so.
    fn check_unchanged(&self, step: &str) {
        assert!(self.check_at(step, NOW), "{step}: the build did not find nothing changed");
    }

    /// Builds both at reference time `now`, asserts that the outputs are equal and
    /// says whether the incremental build found nothing changed.
    fn check_at(&self, step: &str, now: &str) -> bool {
        let out = self.inc.run(&["build", "--now", now]);
        assert!(out.status.success(), "{step}: incremental build failed:\n{}", stderr(&out));
        let unchanged = stdout(&out).starts_with("nothing changed since the last build");
        for gone in ["public", ".broadsheet"] {
            let _ = std::fs::remove_dir_all(self.clean.root().join(gone));
        }
        // Copies of pictures are kept by what they hold, even by `--clean`: a fresh
        // work folder gets them back rather than decoding every photograph again.
        self.clean.add_example_pictures();
        let out = self.clean.run(&["build", "--clean", "--now", now]);
        assert!(out.status.success(), "{step}: clean build failed:\n{}", stderr(&out));
        let (inc, clean) = (self.inc.snapshot(), self.clean.snapshot());
        let names = |t: &BTreeMap<PathBuf, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&inc), names(&clean), "{step}: the two builds wrote different files");
        for (path, bytes) in &clean {
            assert!(inc[path] == *bytes, "{step}: {} differs from a clean build", path.display());
        }
        assert_eq!(folders(&self.inc.public()), folders(&self.clean.public()), "{step}: folders");
        unchanged
    }
}

/// Sets the modification time of every file under `dir` written in the last minute
/// (but the output and the work folder) an hour back: the caches only trust files
/// that have not changed for a moment (see `cache::seeds`).
fn backdate(dir: &Path) {
    let now = std::time::SystemTime::now();
    let past = now - std::time::Duration::from_secs(3600);
    let outside = |e: &walkdir::DirEntry| {
        e.depth() == 1 && [".broadsheet", "public"].contains(&e.file_name().to_str().unwrap_or(""))
    };
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| !outside(e)) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let modified = entry.metadata().unwrap().modified().unwrap();
        if now.duration_since(modified).is_ok_and(|age| age.as_secs() > 60) {
            continue;
        }
        touch(entry.path(), past);
    }
}

fn touch(path: &Path, at: std::time::SystemTime) {
    std::fs::File::options().write(true).open(path).unwrap().set_modified(at).unwrap();
}

fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    found.sort();
    found
}

/// Every file's inode and modification time: unchanged only if it was not rewritten.
#[cfg(unix)]
fn identities(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    tree(dir)
        .into_keys()
        .map(|rel| {
            let meta = std::fs::metadata(dir.join(&rel)).unwrap();
            (rel, (meta.ino(), meta.modified().unwrap()))
        })
        .collect()
}

fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    let mut body = std::fs::read_to_string(&path).unwrap();
    body.push_str(text);
    std::fs::write(path, body).unwrap();
}

fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let body = std::fs::read_to_string(&path).unwrap();
    assert!(body.contains(from), "{file} lacks {from:?}");
    std::fs::write(path, body.replacen(from, to, 1)).unwrap();
}

const EDITED: &str = "seeds/2025-04-18-harbor-community-garden.md";
const NEW: &str = "seeds/2025-04-21-night-market-returns.md";
const NEW_TEXT: &str = "+++\ntitle = \"Night Market Returns to the Quay\"\ndate = 2025-04-21T19:00:00\ntags = [\"harbor-district\", \"food\"]\nthread = \"harbor-bridge\"\n+++\n\nStalls reopened on Quay Street, [after the bridge](2025-04-17-harbor-bridge-reopens.md).\n";

#[test]
fn incremental_builds_equal_clean_builds_over_a_sequence_of_edits() {
    let pair = Pair::new();
    pair.check("first build");
    pair.check_unchanged("nothing changed");
    pair.edit(|r| append(r, EDITED, "\nVolunteers will meet again on Saturday.\n"));
    pair.check("article body edited");
    pair.check_unchanged("nothing changed after an edit");
    pair.edit(|r| replace(r, EDITED, "title = \"", "title = \"Updated: "));
    pair.check("article headline edited");
    pair.edit(|r| std::fs::write(r.join(NEW), NEW_TEXT).unwrap());
    pair.check("article added");
    let renamed = "seeds/2025-04-17-harbor-bridge-reopened.md";
    pair.edit(|r| {
        std::fs::rename(r.join("seeds/2025-04-17-harbor-bridge-reopens.md"), r.join(renamed))
            .unwrap()
    });
    pair.check("linked article renamed");
    pair.edit(|r| std::fs::remove_file(r.join(NEW)).unwrap());
    pair.check("article deleted");
    pair.edit(|r| {
        let t = "{% extends \"builtin/article.html\" %}\n{% block head %}{{ super() }}<meta name=\"x-test\" content=\"1\">{% endblock head %}\n";
        std::fs::create_dir_all(r.join("templates")).unwrap();
        std::fs::write(r.join("templates/article.html"), t).unwrap();
    });
    pair.check("template added");
    pair.edit(|r| replace(r, "templates/article.html", "content=\"1\"", "content=\"2\""));
    pair.check("template edited");
    pair.edit(|r| replace(r, "site.toml", "per_page = 6", "per_page = 4"));
    pair.check("site.toml edited");
    pair.check_unchanged("nothing changed after site.toml was edited");
    pair.edit(|r| {
        std::fs::create_dir_all(r.join("static")).unwrap();
        std::fs::write(r.join("static/robots.txt"), "User-agent: *\n").unwrap();
    });
    pair.check("static file added");
    pair.edit(|r| {
        std::fs::remove_file(r.join("seeds/2025-04-13-eastvale-library-levy.txt")).unwrap()
    });
    pair.check("plain-text article deleted");
    pair.check_unchanged("nothing changed at the end");
}

#[test]
fn the_reference_time_alone_can_change_the_site() {
    // Nothing but the reference time changes: an article dated in the future comes out
    // once its date passes, and two days later leaves the news sitemap.
    let pair = Pair::new();
    let later = NEW_TEXT.replace("2025-04-21T19:00:00", "2026-02-01T09:00:00");
    pair.edit(|r| std::fs::write(r.join(NEW), &later).unwrap());
    assert!(!pair.check_at("held back", NOW), "the first build found nothing changed");
    assert!(pair.check_at("still held back", "2026-01-20T00:00:00Z"));
    let page = "articles/night-market-returns.html";
    assert!(!pair.inc.public().join(page).exists(), "a future article was published");
    assert!(!pair.check_at("its date passed", "2026-02-01T10:00:00Z"));
    assert!(pair.inc.public().join(page).exists(), "the article did not come out");
    assert!(pair.inc.read("news-sitemap.xml").contains("night-market-returns"));
    assert!(!pair.check_at("out of the news window", "2026-02-04T10:00:00Z"));
    assert!(!pair.inc.read("news-sitemap.xml").contains("night-market-returns"));
    assert!(pair.check_at("a day later", "2026-02-05T10:00:00Z"));
}

#[test]
fn a_build_with_nothing_changed_skips_only_when_every_input_is_unchanged() {
    let pair = Pair::new();
    pair.check("first build");
    pair.check_unchanged("nothing changed");
    // A hidden file in seeds/ is no input: the build leaves it out.
    pair.edit(|r| std::fs::write(r.join("seeds/.notes.md.swp"), "draft notes").unwrap());
    pair.check_unchanged("hidden file added");
    // The same bytes with a new modification time: the build cannot know; it rebuilds.
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    touch(&pair.inc.root().join(EDITED), two_hours_ago);
    pair.check("inputs touched");
    // A build with other settings is a different site.
    let out = pair.inc.run(&["build", "--now", NOW, "--base-url", "https://news.example.org/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).starts_with("nothing changed"), "a new base URL changed nothing");
    assert!(pair.inc.read("index.html").contains("https://news.example.org/"));
    pair.check("back to site.toml's base URL");
    // Files written just now are not trusted yet: no skip, whatever the cache says.
    append(pair.inc.root(), EDITED, "\nA late line.\n");
    append(pair.clean.root(), EDITED, "\nA late line.\n");
    pair.check("edited just now");
    pair.check("still unsettled");
}

#[test]
fn files_edited_or_added_by_hand_in_the_output_are_put_right() {
    let pair = Pair::new();
    pair.check("first build");
    let public = pair.inc.public();
    std::fs::write(public.join("index.html"), "tampered").unwrap();
    pair.check("a page edited by hand");
    std::fs::write(public.join("articles/stray.html"), "stray").unwrap();
    pair.check("a file added by hand");
    std::fs::remove_file(public.join("tags/index.html")).unwrap();
    pair.check("a page removed by hand");
    std::fs::write(public.join("index.html"), "tampered").unwrap();
    std::fs::write(public.join("articles/stray.html"), "stray").unwrap();
    std::fs::remove_file(public.join("tags/index.html")).unwrap();
    pair.check("all three at once");
    pair.check_unchanged("nothing changed since");
}

#[cfg(unix)]
#[test]
fn a_build_with_nothing_changed_writes_nothing() {
    let site = Site::example();
    site.build();
    let before = identities(&site.public());
    site.build();
    assert_eq!(identities(&site.public()), before, "a file was rewritten");
}

#[cfg(unix)]
#[test]
fn one_edited_article_rewrites_only_the_pages_that_show_it() {
    let site = Site::example();
    site.build();
    let before = identities(&site.public());
    append(site.root(), EDITED, "\nVolunteers will meet again on Saturday.\n");
    site.build();
    let after = identities(&site.public());
    let rewritten: Vec<&PathBuf> =
        after.keys().filter(|p| before.get(*p) != after.get(*p)).collect();
    let page = Path::new("articles/harbor-community-garden.html");
    assert!(rewritten.contains(&&page.to_path_buf()), "{rewritten:?}");
    assert!(
        rewritten.len() < before.len() / 4,
        "{} of {} files rewritten",
        rewritten.len(),
        before.len()
    );
    let text = std::fs::read_to_string(site.public().join(page)).unwrap();
    assert!(text.contains("Volunteers will meet again on Saturday."));
}

#[cfg(unix)]
#[test]
fn clean_flag_ignores_the_cache_and_rewrites_everything() {
    let site = Site::example();
    site.build();
    let before = identities(&site.public());
    let out = site.run(&["build", "--clean", "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = identities(&site.public());
    assert_eq!(before.len(), after.len());
    let kept: Vec<_> = after.iter().filter(|(p, id)| before.get(*p) == Some(id)).collect();
    assert!(kept.is_empty(), "--clean reused {kept:?}");
}

#[test]
fn seeds_whose_files_are_unchanged_are_not_read_again() {
    // The seed cache trusts a file's identity (inode, size, modification time) as git
    // does: bytes changed behind an unchanged identity are not seen. This shows that
    // unchanged seeds are taken from the cache rather than read and parsed again.
    let site = Site::example();
    backdate(&site.root().join("seeds"));
    site.build();
    let path = site.root().join(EDITED);
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let swapped = text.replace("Rana Qasimi", "Rana Qasimx");
    assert_eq!(swapped.len(), text.len());
    std::fs::write(&path, &swapped).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(meta.modified().unwrap())
        .unwrap();
    site.build();
    let page = site.read("articles/harbor-community-garden.html");
    assert!(page.contains("Rana Qasimi") && !page.contains("Qasimx"), "the seed was read again");
    // `--clean` reads everything.
    let out = site.run(&["build", "--clean", "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.read("articles/harbor-community-garden.html").contains("Rana Qasimx"));
}

#[test]
fn a_build_killed_while_updating_the_shadow_tree_is_repaired() {
    let pair = Pair::new();
    pair.check("first build");
    pair.edit(|r| append(r, EDITED, "\nFirst edit.\n"));
    pair.check("first edit: the shadow tree now holds the first build");
    // What a build killed half-way through updating the shadow tree leaves behind: the
    // marker, and shadow files that no manifest describes.
    let work = pair.inc.root().join(".broadsheet");
    assert!(work.join("shadow").is_dir(), "no shadow tree after an incremental build");
    std::fs::write(work.join("shadow-dirty"), "").unwrap();
    for entry in std::fs::read_dir(work.join("shadow/articles")).unwrap() {
        // Replaced, not written into: the shadow shares its files with public/.
        let path = entry.unwrap().path();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, "half-written").unwrap();
    }
    pair.edit(|r| append(r, EDITED, "\nSecond edit.\n"));
    pair.check("after a killed build");
    assert!(!work.join("shadow-dirty").exists(), "the marker outlived a finished build");
}

#[test]
fn a_kept_file_that_the_site_also_writes_does_not_stop_the_skip() {
    // `CNAME` is kept by default (`keep`), and a custom domain's site also writes it
    // from static/: the build that finds nothing changed must still say so, and a
    // CNAME edited by hand in public/ must still be put right.
    let pair = Pair::new();
    pair.edit(|r| std::fs::write(r.join("static/CNAME"), "news.example.org\n").unwrap());
    pair.check("CNAME added");
    pair.check_unchanged("nothing changed");
    std::fs::write(pair.inc.public().join("CNAME"), "hijacked.example.com\n").unwrap();
    pair.check("CNAME edited by hand");
    assert_eq!(pair.inc.read("CNAME"), "news.example.org\n");
}

/// With `[build] text_memory_mb = 0` every source and rendered body waits in the
/// scratch file of the work folder instead of memory: clean and incremental builds must
/// still give the bytes of a build that held everything, and leave no scratch behind.
#[test]
fn text_kept_aside_gives_the_same_bytes_as_text_held() {
    let pair = Pair::new();
    let aside = |r: &Path| {
        let mut toml = std::fs::read_to_string(r.join("site.toml")).unwrap();
        toml.push_str("\n[build]\ntext_memory_mb = 0\n");
        std::fs::write(r.join("site.toml"), toml).unwrap();
    };
    aside(pair.inc.root());
    backdate(pair.inc.root());
    pair.check("first build, text aside");
    pair.edit(|r| append(r, EDITED, "\nThe café’s owner said “we’ll see” — 見てみよう.\n"));
    pair.check("article body edited, text aside");
    pair.edit(|r| std::fs::write(r.join(NEW), NEW_TEXT).unwrap());
    pair.check("article added, text aside");
    let left: Vec<String> = std::fs::read_dir(pair.inc.root().join(".broadsheet"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("scratch"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "the scratch file is never left behind");
}
