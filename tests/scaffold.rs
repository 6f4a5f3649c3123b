//! `init` and `new`: make a digest in a temp folder, build it, and read what came out.

#![allow(clippy::disallowed_methods)] // tests read and write fixtures directly

mod common;

use common::{Site, sel, stderr, stdout, texts};
use std::path::Path;
use std::process::Command;

fn broadsheet(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1745226000") // 2025-04-21T09:00:00Z
        .env("NO_COLOR", "1")
        .output()
        .expect("run broadsheet")
}

#[test]
fn init_then_build_publishes_both_samples() {
    let parent = tempfile::tempdir().unwrap();
    let out = broadsheet(&["init", "harbor-news"], parent.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let site = parent.path().join("harbor-news");
    for file in [
        "site.toml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "templates/base.html",
        "static/assets/style.css",
    ] {
        assert!(site.join(file).is_file(), "init wrote no {file}");
    }
    let seeds: Vec<String> = std::fs::read_dir(site.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        seeds.iter().any(|s| s.ends_with(".md")) && seeds.iter().any(|s| s.ends_with(".txt")),
        "{seeds:?}"
    );

    let out = broadsheet(&["build", "--root", "harbor-news"], parent.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("built 2 articles"), "{}", stdout(&out));
    let front = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&front);
    assert_eq!(texts(&doc, ".masthead-title"), ["Harbor News"]);
    let headlines = texts(&doc, "main a[href*='articles/']").join(" | ");
    assert!(headlines.contains("Welcome to your digest"), "{headlines}");
    assert!(headlines.contains("Harbor Ferry Adds Late Sailings for the Summer"), "{headlines}");
}

#[test]
fn init_writes_a_pages_workflow_that_installs_this_version_of_this_crate() {
    let dir = tempfile::tempdir().unwrap();
    let out = broadsheet(&["init"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).expect("pages.yml is YAML");
    assert_eq!(
        actions(&doc),
        [
            "actions/checkout",
            "actions/configure-pages",
            "actions/cache",
            "actions/cache",
            "actions/upload-pages-artifact",
            "actions/deploy-pages"
        ]
    );
    assert_eq!(doc["jobs"]["deploy"]["permissions"]["pages"], "write");
    assert_eq!(doc["jobs"]["deploy"]["permissions"]["id-token"], "write");
    assert_eq!(doc["jobs"]["deploy"]["environment"]["name"], "github-pages");
    // A test build was not made by the release workflow, so it installs from crates.io:
    // this crate (not the other `broadsheet`), at this version.
    let steps = doc["jobs"]["build"]["steps"].as_array().unwrap();
    let step = |name: &str| steps.iter().find(|s| s["name"] == name).expect(name);
    let install = format!(
        "cargo install --locked {} --version \"$BROADSHEET_VERSION\"",
        env!("CARGO_PKG_NAME")
    );
    assert_eq!(step("Install Broadsheet")["run"], install.as_str());
    assert_eq!(doc["env"]["BROADSHEET_VERSION"], env!("CARGO_PKG_VERSION"));
    assert_eq!(step("Cache Broadsheet")["with"]["path"], "~/.cargo/bin/broadsheet");
    let build = step("Build");
    assert_eq!(build["env"]["BASE_URL"], "${{ steps.pages.outputs.base_url }}");
    assert_eq!(build["run"], "broadsheet build --output-dir public --base-url \"$BASE_URL/\"");
    // Every action is pinned to a full commit hash.
    for step in steps.iter().chain(doc["jobs"]["deploy"]["steps"].as_array().unwrap()) {
        if let Some(uses) = step["uses"].as_str() {
            let (_, pin) = uses.split_once('@').unwrap();
            assert!(pin.len() == 40 && pin.bytes().all(|b| b.is_ascii_hexdigit()), "{uses}");
        }
    }
    // The daily schedule is there, commented out, and the header says how to turn Pages on.
    assert!(text.contains("  # schedule:\n  #   - cron: \""), "{text}");
    assert!(text.contains("Turn Pages on once: Settings -> Pages -> Source: \"GitHub Actions\"."));
}

/// The `uses` of every step of both jobs, without versions.
fn actions(doc: &serde_json::Value) -> Vec<String> {
    ["build", "deploy"]
        .iter()
        .flat_map(|job| doc["jobs"][job]["steps"].as_array().unwrap())
        .filter_map(|step| step["uses"].as_str())
        .map(|u| u.split('@').next().unwrap().to_string())
        .collect()
}

#[test]
fn this_repository_publishes_its_example_site() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(repo.join(".github/workflows/pages.yml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).expect("pages.yml is YAML");
    assert_eq!(
        actions(&doc),
        [
            "actions/checkout",
            "actions/configure-pages",
            "actions/cache",
            "actions/upload-pages-artifact",
            "actions/deploy-pages"
        ]
    );
    let runs: Vec<&str> = doc["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    // The documentation site at the root, the example site under example/.
    let docs = "cargo run --release --locked -- build --root docs --output-dir \"$PWD/public\" --base-url \"$BASE_URL/\"";
    let example = "cargo run --release --locked -- build --output-dir \"$PWD/example\" --base-url \"$BASE_URL/example/\"";
    for wanted in [docs, example] {
        assert!(runs.iter().any(|r| r.lines().any(|l| l == wanted)), "{wanted} in {runs:?}");
    }
    let upload = doc["jobs"]["build"]["steps"].as_array().unwrap().iter().find(|s| {
        s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
    });
    assert_eq!(upload.unwrap()["with"]["path"], "public");
}

#[test]
fn init_refuses_to_overwrite_anything() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), "mine").unwrap();
    let out = broadsheet(&["init"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("refusing to overwrite site.toml in "), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("site.toml")).unwrap(), "mine");
    assert!(!dir.path().join("seeds").exists(), "init wrote some files before refusing");
}

#[test]
fn new_writes_a_dated_article_that_builds() {
    let site = Site::new(&[(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.github.io/digest/\"\ntimezone = \"Pacific/Auckland\"\n",
    )]);
    let out = broadsheet(
        &["new", "Harbor Bridge Reopens", "--root", site.root().to_str().unwrap()],
        site.root(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // 09:00 UTC is 21:00 the same day in Auckland (NZST, +12:00).
    let printed = stdout(&out);
    assert!(printed.trim_end().ends_with("seeds/2025-04-21-harbor-bridge-reopens.md"), "{printed}");
    let text = std::fs::read_to_string(printed.trim_end()).unwrap();
    assert!(text.contains("date = 2025-04-21T21:00:00+12:00\n"), "{text}");
    assert!(text.contains("\ndraft = true\n"), "{text}");
    assert_eq!(
        stderr(&out),
        format!(
            "a draft: `broadsheet serve --drafts --root {}` shows it; delete `draft = true` to publish it\n",
            site.root().display()
        )
    );

    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = site.html("articles/harbor-bridge-reopens.html");
    assert_eq!(texts(&doc, "h1"), ["Harbor Bridge Reopens"]);
    let time = doc.select(&sel("time.published")).next().unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2025-04-21T21:00:00+12:00"));
}

#[test]
fn a_new_story_is_a_draft_that_check_and_build_leave_alone() {
    let parent = tempfile::tempdir().unwrap();
    assert!(broadsheet(&["init", "harbor-news"], parent.path()).status.success());
    let out = broadsheet(&["new", "Untitled Harbor Story", "--root", "harbor-news"], parent.path());
    assert!(out.status.success(), "{}", stderr(&out));

    let out = broadsheet(&["check", "--root", "harbor-news"], parent.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(!stdout(&out).contains("byline"), "{}", stdout(&out));

    let out = broadsheet(&["build", "--root", "harbor-news"], parent.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let site = parent.path().join("harbor-news/public");
    assert!(!site.join("articles/untitled-harbor-story.html").exists());
    let front = std::fs::read_to_string(site.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&front);
    let headlines = texts(&doc, "main a[href*='articles/']").join(" | ");
    assert!(!headlines.contains("Untitled Harbor Story"), "{headlines}");
    assert!(headlines.contains("Welcome to your digest"), "{headlines}");

    // With --drafts the draft is shown, marked as one on its page and in lists.
    let out = broadsheet(&["build", "--drafts", "--root", "harbor-news"], parent.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.join("articles/untitled-harbor-story.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(texts(&doc, ".article-header .draft-marker"), ["Draft"]);
    let front = std::fs::read_to_string(site.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&front);
    let marked = texts(&doc, ".story:has(.draft-marker) .story-title");
    assert_eq!(marked, ["Untitled Harbor Story"]);
}

#[test]
fn new_refuses_to_overwrite_an_article() {
    let site = Site::new(&[]);
    let root = site.root().to_str().unwrap();
    assert!(broadsheet(&["new", "Same", "--root", root], site.root()).status.success());
    let path = site.root().join("seeds/2025-04-21-same.md");
    std::fs::write(&path, "edited").unwrap();
    let out = broadsheet(&["new", "Same", "--root", root], site.root());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing to overwrite seeds/2025-04-21-same.md"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
}

#[test]
fn new_page_and_new_author_write_files_that_build() {
    let site = Site::new(&[(
        "seeds/2025-04-20-bridge.md",
        "+++\ntitle = \"Bridge\"\ndate = 2025-04-20\nauthors = [\"Ana Ruiz\"]\n+++\nText.\n",
    )]);
    let root = site.root().to_str().unwrap();
    let out = broadsheet(&["new", "--page", "About  us", "--root", root], site.root());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).trim_end().ends_with("pages/about-us.md"), "{}", stdout(&out));
    let out = broadsheet(&["new", "--author", "Ana Ruiz", "--root", root], site.root());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).trim_end().ends_with("authors/ana-ruiz.md"), "{}", stdout(&out));
    let out = broadsheet(&["new", "--page", "--author", "X", "--root", root], site.root());
    assert_eq!(out.status.code(), Some(2), "--page and --author together are refused");

    site.build();
    let page = site.html("about-us.html");
    assert_eq!(texts(&page, "h1"), ["About us"]);
    let feed = site.read("feed.xml");
    assert!(!feed.contains("about-us"), "a page is never in the feed");
    let author = site.html("authors/ana-ruiz.html");
    let bio = texts(&author, ".profile-bio").join(" ");
    assert!(bio.contains("what they cover"), "{bio}");
    // Written twice, the page is refused and the first one kept.
    let path = site.root().join("pages/about-us.md");
    std::fs::write(&path, "edited").unwrap();
    let out = broadsheet(&["new", "--page", "About us", "--root", root], site.root());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
}
