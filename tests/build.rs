//! End-to-end: build real sites into temp folders and read what was written.
#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::{Site, broken_links, sel, texts};
use std::path::Path;

const FOUNDING: &str = "000_388b9ae6836e88b8.txt";
const HEADLINE: &str = "U.S. and Iran Engage in Historic Nuclear Talks Amid Challenges";

fn founding_page(site: &Site) -> scraper::Html {
    site.html("articles/us-and-iran-engage-in-historic-nuclear-talks-amid-challenges.html")
}

#[test]
fn founding_article_renders_headline_dek_subhead_and_body_once() {
    let site = Site::example();
    site.build();
    let doc = founding_page(&site);
    assert_eq!(texts(&doc, "h1"), [HEADLINE]);
    let dek = texts(&doc, "article .dek");
    assert_eq!(dek.len(), 1);
    assert!(dek[0].starts_with("A significant meeting in Oman signals a shift"), "{dek:?}");
    let subhead = texts(&doc, "article .subhead");
    assert_eq!(subhead.len(), 1);
    assert!(subhead[0].starts_with("Initial discussions between"), "{subhead:?}");
    let body = texts(&doc, ".article-body p");
    assert_eq!(body.len(), 4, "{body:#?}");
    assert!(body[0].starts_with("The United States and Iran met for the first time"));
    let body_text = texts(&doc, ".article-body").join(" ");
    assert!(!body_text.contains(HEADLINE));
    assert!(!body_text.contains("A significant meeting in Oman"));
    assert!(!body_text.contains("Initial discussions between"));
    // Dated by its sidecar, in the site's time zone.
    let time = doc.select(&sel("time.published")).next().unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2025-04-12T18:00:00+01:00"));
}

#[test]
fn founding_article_is_kept_byte_identical_with_a_sidecar() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = std::fs::read(repo.join("seeds").join(FOUNDING)).unwrap();
    let shared = repo.join("../shared/seeds").join(FOUNDING);
    if let Ok(original) = std::fs::read(&shared) {
        assert_eq!(
            ours, original,
            "seeds/{FOUNDING} must stay byte-identical to the founding copy"
        );
    }
    let sidecar = std::fs::read_to_string(repo.join("seeds/000_388b9ae6836e88b8.toml")).unwrap();
    assert!(sidecar.contains("date = 2025-04-12"), "{sidecar}");
}

#[test]
fn front_page_links_every_article() {
    let site = Site::example();
    site.build();
    let articles: Vec<String> = std::fs::read_dir(site.public().join("articles"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert!(articles.len() >= 13, "{articles:?}");
    let mut linked = std::collections::BTreeSet::new();
    for page in ["index.html", "page/2.html", "page/3.html", "page/4.html"] {
        if site.public().join(page).exists() {
            let doc = site.html(page);
            for a in doc.select(&sel("a[href]")) {
                let href = a.value().attr("href").unwrap();
                if let Some(name) = href.rsplit('/').next().filter(|_| href.contains("articles/")) {
                    linked.insert(name.to_string());
                }
            }
        }
    }
    for a in &articles {
        assert!(linked.contains(a), "front page pages never link {a}");
    }
}

#[test]
fn every_internal_link_resolves_to_a_file() {
    let site = Site::example();
    site.build();
    let broken = broken_links(&site.public());
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn every_internal_link_resolves_under_a_subpath_build_too() {
    let site = Site::example();
    let out = site.run(&[
        "build",
        "--now",
        "2026-01-01T00:00:00Z",
        "--base-url",
        "https://example.github.io/broadsheet/",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let broken = broken_links(&site.public());
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let not_found = site.read("404.html");
    assert!(
        not_found.contains("href=\"/broadsheet/assets/style.css\""),
        "404 page links from the base path"
    );
}

#[test]
fn building_twice_gives_identical_bytes() {
    let site = Site::example();
    site.build();
    let first = site.snapshot();
    site.build();
    assert_eq!(first, site.snapshot());
    let other = Site::example();
    other.build();
    assert_eq!(first, other.snapshot(), "the same inputs in another folder give the same bytes");
}

#[test]
fn reference_time_is_not_printed() {
    let site = Site::example();
    site.build();
    for (path, bytes) in site.snapshot() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("2026-01-01"), "{} prints the reference time", path.display());
    }
}

#[test]
fn summary_line_counts_articles() {
    let site = Site::new(&[("seeds/2025-01-02-a.md", "+++\ntitle = \"A\"\n+++\nBody.\n")]);
    let out = site.build();
    let line = common::stdout(&out);
    assert!(line.starts_with("built 1 article, "), "{line}");
    assert_eq!(line.lines().count(), 2, "the summary, then where to open the site: {line}");
    assert!(line.lines().nth(1).unwrap().starts_with("open "), "{line}");
}

#[test]
fn markdown_and_plain_copy_both_build() {
    let site = Site::new(&[
        (
            "seeds/2025-01-02-rates.md",
            "---\ntitle: \"Rates & <Caps>\"\ndate: 2025-01-02T09:00:00+02:00\ntags: [Economy]\n---\n\n## Why\n\nText with a [link](2025-01-01-wire.txt).\n",
        ),
        ("seeds/2025-01-01-wire.txt", "Wire Headline Here\n\n- $5 & <b>x</b> *y* _z_\n"),
    ]);
    site.build();
    let md = site.html("articles/rates.html");
    assert_eq!(texts(&md, "h1"), ["Rates & <Caps>"]);
    assert!(md.select(&sel("h2#why")).next().is_some());
    let link = md.select(&sel(".article-body a")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("wire-headline-here.html"));
    let plain = site.html("articles/wire-headline-here.html");
    assert_eq!(texts(&plain, ".article-body p"), ["- $5 & <b>x</b> *y* _z_"]);
    assert!(
        plain.select(&sel(".article-body b, .article-body em, .article-body li")).next().is_none()
    );
}

#[test]
fn undated_articles_are_listed_last_under_undated() {
    let site = Site::new(&[
        ("seeds/2025-01-02-a.md", "+++\ntitle = \"Dated\"\n+++\nBody.\n"),
        ("seeds/b.md", "+++\ntitle = \"No Date\"\n+++\nBody.\n"),
    ]);
    let out = site.build();
    assert!(common::stderr(&out).contains("seeds/b.md: no date"), "{}", common::stderr(&out));
    let doc = site.html("index.html");
    let undated = texts(&doc, "section.undated h3");
    assert_eq!(undated, ["No Date"]);
}

#[test]
fn drafts_and_future_articles_are_held_back() {
    let site = Site::new(&[
        ("seeds/2025-01-02-a.md", "+++\ntitle = \"Now\"\n+++\nBody.\n"),
        ("seeds/d.md", "+++\ntitle = \"Draft\"\ndate = 2025-01-01\ndraft = true\n+++\nBody.\n"),
        ("seeds/f.md", "+++\ntitle = \"Future\"\ndate = 2027-01-01\n+++\nBody.\n"),
    ]);
    let out = site.build();
    assert!(common::stdout(&out).contains("1 held back"), "{}", common::stdout(&out));
    assert!(!site.public().join("articles/d.html").exists());
    assert!(!site.public().join("articles/f.html").exists());
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z", "--drafts", "--future"]);
    assert!(out.status.success());
    assert!(site.public().join("articles/d.html").exists());
    assert!(site.public().join("articles/f.html").exists());
}

#[test]
fn images_beside_an_article_are_copied_beside_its_page() {
    let site = Site::new(&[(
        "seeds/2025-01-02-photo.md",
        "+++\ntitle = \"Photo\"\nimage = { src = \"pics/cat.png\", alt = \"A cat\" }\n+++\n![Dog](dog.png)\n",
    )]);
    site.write("seeds/dog.png", "not really a png");
    site.write("seeds/pics/cat.png", "cat");
    site.build();
    let doc = site.html("articles/photo.html");
    let srcs: Vec<&str> = doc.select(&sel("img")).filter_map(|i| i.value().attr("src")).collect();
    assert_eq!(srcs, ["photo/cat.png", "photo/dog.png"]);
    assert!(site.public().join("articles/photo/dog.png").is_file());
    assert!(site.public().join("articles/photo/cat.png").is_file());
}

#[test]
fn kept_entries_in_the_output_survive_builds() {
    let site = Site::new(&[("seeds/2025-01-02-a.md", "+++\ntitle = \"A\"\n+++\nBody.\n")]);
    site.build();
    std::fs::write(site.public().join("CNAME"), "news.example.org").unwrap();
    std::fs::create_dir_all(site.public().join(".git")).unwrap();
    std::fs::write(site.public().join(".git/HEAD"), "ref").unwrap();
    std::fs::write(site.public().join("stray.html"), "old").unwrap();
    site.build();
    assert_eq!(std::fs::read_to_string(site.public().join("CNAME")).unwrap(), "news.example.org");
    assert!(site.public().join(".git/HEAD").is_file());
    assert!(!site.public().join("stray.html").exists(), "files from older builds go");
    let work: Vec<_> = std::fs::read_dir(site.root().join(".broadsheet"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        work.iter().all(|n| !n.to_string_lossy().starts_with("stage-")),
        "no staging left: {work:?}"
    );
}

#[test]
fn user_templates_replace_and_extend_builtins() {
    let site = Site::new(&[
        ("seeds/2025-01-02-a.md", "+++\ntitle = \"A\"\n+++\nBody.\n"),
        (
            "templates/article.html",
            "{% extends \"builtin/article.html\" %}{% block head %}<meta name=\"x-custom\" content=\"yes\">{% endblock head %}",
        ),
    ]);
    site.build();
    let doc = site.html("articles/a.html");
    assert!(doc.select(&sel("meta[name=x-custom]")).next().is_some());
    assert_eq!(texts(&doc, "h1"), ["A"]);
}

#[test]
fn output_dir_elsewhere_uses_a_work_folder_beside_it() {
    let site = Site::new(&[("seeds/2025-01-02-a.md", "+++\ntitle = \"A\"\n+++\nBody.\n")]);
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = elsewhere.path().join("site-out");
    let out = site.run(&[
        "build",
        "--now",
        "2026-01-01T00:00:00Z",
        "--output-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(out_dir.join("index.html").is_file());
    assert!(elsewhere.path().join(".broadsheet").is_dir());
    assert!(!site.root().join("public").exists());
}

/// What a watcher is told, recorded.
#[derive(Default)]
struct Recorded {
    stages: std::sync::Mutex<Vec<broadsheet::progress::Stage>>,
    placed: std::sync::atomic::AtomicUsize,
    pictures: std::sync::atomic::AtomicUsize,
    pictures_done: std::sync::atomic::AtomicUsize,
}

impl broadsheet::progress::Progress for Recorded {
    fn stage(&self, stage: broadsheet::progress::Stage) {
        self.stages.lock().unwrap().push(stage);
    }
    fn placed(&self) {
        self.placed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    fn pictures(&self, total: usize) {
        self.pictures.fetch_add(total, std::sync::atomic::Ordering::Relaxed);
    }
    fn picture_done(&self) {
        self.pictures_done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The progress line's source: every stage in order, every file of the site and every
/// picture counted, on a clean build and on one that reuses what it can.
#[test]
fn a_watched_build_reports_its_stages_files_and_pictures() {
    use broadsheet::progress::Stage::*;
    let site = Site::example();
    for clean in [true, false] {
        if !clean {
            // Something to do for the incremental build, which reuses the rest.
            site.write("seeds/2026-01-01-late.md", "+++\ntitle = \"Late news\"\n+++\nA body.\n");
        }
        let recorded = std::sync::Arc::new(Recorded::default());
        let options = broadsheet::BuildOptions {
            root: site.root().to_path_buf(),
            now: Some("2026-01-01T00:00:00Z".into()),
            clean,
            progress: broadsheet::progress::Watch::new(recorded.clone()),
            ..Default::default()
        };
        let report = broadsheet::build(&options).expect("the example builds");
        assert_eq!(*recorded.stages.lock().unwrap(), [Reading, Assembling, Writing, Publishing]);
        let placed = recorded.placed.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(placed, report.files, "clean: {clean}");
        assert_eq!(placed, site.snapshot().len(), "every file of public/");
        let pictures = recorded.pictures.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(pictures, report.pictures);
        assert!(pictures > 0);
        assert_eq!(recorded.pictures_done.load(std::sync::atomic::Ordering::Relaxed), pictures);
    }
}
