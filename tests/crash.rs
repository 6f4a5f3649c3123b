//! Nothing lost (issue 5): a build killed with SIGKILL at several points while it
//! writes leaves the previous public/ whole, byte for byte, and the next build
//! recovers without help; builds started together do not corrupt the output; the
//! states a kill during the swap itself can leave are recovered too.
#![allow(clippy::disallowed_methods)] // tests write fixtures directly

mod common;

use common::{Site, stderr};
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-01-01T00:00:00Z";

/// A site of `n` short articles over a year, four tags each.
fn big_site(n: usize) -> Site {
    let site = Site::new(&[]);
    for i in 0..n {
        let (month, day) = (1 + i % 12, 1 + i % 28);
        let front = format!(
            "+++\ntitle = \"Story {i}\"\ntags = [\"t{}\", \"u{}\", \"v{}\", \"w{}\"]\n+++\n",
            i % 40,
            i % 7,
            i % 13,
            i % 3
        );
        let body = format!("Story {i} begins here. {}\n", "More words of the story. ".repeat(20));
        site.write(&format!("seeds/2025-{month:02}-{day:02}-story-{i}.md"), &(front + &body));
    }
    site
}

/// A clean build, which stages into a fresh folder; the incremental path (the shadow
/// tree) has its own kill test in tests/incremental.rs.
fn spawn_build(site: &Site) -> Child {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--clean", "--quiet", "--now", NOW, "--root"])
        .arg(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn broadsheet")
}

fn work(site: &Site) -> PathBuf {
    site.root().join(".broadsheet")
}

/// Staging folders left in the work folder.
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(work(site))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("stage-"))
                .collect()
        })
        .unwrap_or_default()
}

fn entries(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, Iterator::count)
}

/// Waits until the child's staging folder holds at least `pages` article pages, then
/// kills it. True when the kill landed while it was writing (it had not finished).
fn kill_while_writing(site: &Site, pages: usize) -> bool {
    let mut child = spawn_build(site);
    let articles = work(site).join(format!("stage-public-{}", child.id())).join("articles");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("poll child").is_some() {
            return false; // finished first: nothing to kill
        }
        let ready = if pages == 0 {
            articles.parent().unwrap().exists()
        } else {
            entries(&articles) >= pages
        };
        if ready || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("reap child");
    status.signal() == Some(9)
}

/// A user's own entries in the output folder, which every build must keep.
fn add_kept_entries(site: &Site) {
    std::fs::write(site.public().join("CNAME"), "news.example.org").unwrap();
    std::fs::create_dir_all(site.public().join(".git")).unwrap();
    std::fs::write(site.public().join(".git/HEAD"), "ref: refs/heads/gh-pages").unwrap();
}

fn without_kept(mut files: BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<u8>> {
    files.retain(|path, _| !path.starts_with(".git") && path != Path::new("CNAME"));
    files
}

#[test]
fn sigkill_while_writing_leaves_the_previous_site_whole() {
    let site = big_site(2000);
    site.build();
    add_kept_entries(&site);
    let previous = site.snapshot();
    site.write("seeds/2025-12-31-late-news.md", "+++\ntitle = \"Late News\"\n+++\nJust in.\n");
    site.write("seeds/2025-01-01-story-0.md", "+++\ntitle = \"Story 0, corrected\"\n+++\nFixed.\n");
    let mut hits = 0;
    for pages in [0, 50, 400, 900, 1500] {
        if !kill_while_writing(&site, pages) {
            continue;
        }
        hits += 1;
        assert_eq!(site.snapshot(), previous, "killed at {pages} pages: public/ changed");
        assert_eq!(leftovers(&site).len(), 1, "the killed build's staging folder is left");
    }
    assert!(hits >= 3, "only {hits} of 5 kills landed while writing");
    let out = site.run(&["build", "--now", NOW]);
    assert!(out.status.success(), "the next build recovers: {}", stderr(&out));
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    let after = site.snapshot();
    assert_eq!(after.get(Path::new("CNAME")).map(Vec::as_slice), Some(&b"news.example.org"[..]));
    assert!(after.contains_key(Path::new(".git/HEAD")));
    assert!(after.contains_key(Path::new("articles/late-news.html")));
    let fresh = copy_of_inputs(&site);
    fresh.build();
    assert_eq!(without_kept(after), fresh.snapshot(), "the recovered build is a normal build");
}

/// A new site with the same site.toml and seeds as `site`.
fn copy_of_inputs(site: &Site) -> Site {
    let copy = Site::new(&[]);
    std::fs::copy(site.root().join("site.toml"), copy.root().join("site.toml")).unwrap();
    common::copy_tree(&site.root().join("seeds"), &copy.root().join("seeds"));
    copy
}

#[test]
fn builds_started_together_do_not_corrupt_the_output() {
    let site = big_site(300);
    let reference = copy_of_inputs(&site);
    reference.build();
    for round in 0..3 {
        let children: Vec<Child> = (0..3).map(|_| spawn_build(&site)).collect();
        for mut child in children {
            assert!(child.wait().unwrap().success(), "round {round}: a build failed");
        }
        assert_eq!(site.snapshot(), reference.snapshot(), "round {round}: output differs");
        assert!(leftovers(&site).is_empty(), "round {round}: {:?}", leftovers(&site));
    }
}

/// A finished site of `site`'s inputs, moved to `to` (as a killed swap would leave it).
fn finished_site_at(site: &Site, to: &Path) {
    let copy = copy_of_inputs(site);
    copy.build();
    std::fs::rename(copy.public(), to).unwrap();
}

#[test]
fn a_kill_after_the_swap_loses_no_kept_entry() {
    // Killed between the atomic exchange and carrying the kept entries across: public/
    // holds the new site, the staging folder the old one with .git and CNAME.
    let site = big_site(3);
    site.build();
    add_kept_entries(&site);
    std::fs::create_dir_all(work(&site)).unwrap();
    let stage = work(&site).join("stage-public-999999");
    std::fs::rename(site.public(), &stage).unwrap();
    finished_site_at(&site, &site.public());
    site.build();
    assert_eq!(site.read("CNAME"), "news.example.org");
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/gh-pages");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn a_kill_between_two_renames_brings_the_previous_site_back() {
    // Where the exchange is not atomic (two renames), killed in between: no public/ at
    // all, the previous site set aside as `stage-public-N.old`, the new one complete.
    let site = big_site(3);
    site.build();
    add_kept_entries(&site);
    std::fs::create_dir_all(work(&site)).unwrap();
    std::fs::rename(site.public(), work(&site).join("stage-public-999999.old")).unwrap();
    finished_site_at(&site, &work(&site).join("stage-public-999999"));
    site.build();
    assert_eq!(site.read("CNAME"), "news.example.org");
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/gh-pages");
    assert!(site.public().join("index.html").is_file());
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn leftovers_of_another_output_are_left_alone() {
    // `serve` and `check` build into their own folders through the same work folder: a
    // public/ build must not take their leftovers' kept entries, nor they its.
    let site = big_site(3);
    let other = work(&site).join("stage-serve-999999");
    std::fs::create_dir_all(other.join(".git")).unwrap();
    std::fs::write(other.join(".git/HEAD"), "not public's").unwrap();
    site.build();
    assert!(!site.public().join(".git").exists());
    assert!(other.join(".git/HEAD").is_file());
}
