//! The documentation site (`docs/`, built by Broadsheet itself) and the README that
//! points to it: the site builds with no broken link at a domain root and under a
//! subpath, its references name every label key and every variable the code gives
//! templates, and the README stays two screens with the repository's two commands on
//! the first.
#![allow(clippy::disallowed_methods)] // tests read the repository's files directly
mod common;

use common::{Site, broken_links_under, sel, stderr, texts};
use scraper::Html;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `docs/` for `base_url` into a temp folder (the work folder goes beside it, so
/// the repository is not written to) and returns the folder and the output inside it.
fn build_docs(base_url: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--now", "2026-12-06T00:00:00Z", "--base-url", base_url])
        .arg("--root")
        .arg(repo().join("docs"))
        .arg("--output-dir")
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .expect("run broadsheet");
    assert!(run.status.success(), "the docs site does not build:\n{}", stderr(&run));
    assert!(
        !stderr(&run).contains("warning"),
        "the docs site builds with warnings:\n{}",
        stderr(&run)
    );
    (dir, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The names of the guide's pages, `docs/pages/<name>.md`.
fn guide_pages() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("docs/pages"))
        .expect("docs/pages")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".md").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn docs_site_has_no_broken_link_at_a_domain_root() {
    let (_dir, out) = build_docs("https://docs.example.org/");
    assert_eq!(broken_links_under(&out, &["/"]), Vec::<(String, String)>::new());
    let not_found = read(&out.join("404.html"));
    assert!(not_found.contains("href=\"/assets/style.css\""), "{not_found}");
}

#[test]
fn docs_site_has_no_broken_link_under_a_subpath() {
    let (_dir, out) = build_docs("https://example.github.io/broadsheet/");
    assert_eq!(broken_links_under(&out, &["/broadsheet/"]), Vec::<(String, String)>::new());
    let not_found = read(&out.join("404.html"));
    assert!(not_found.contains("href=\"/broadsheet/assets/style.css\""), "{not_found}");
}

#[test]
fn every_guide_page_is_built_and_listed_on_the_front_page_and_in_the_footer() {
    let (_dir, out) = build_docs("https://docs.example.org/");
    let front = Html::parse_document(&read(&out.join("index.html")));
    let listed = |css: &str| -> Vec<String> {
        front.select(&sel(css)).filter_map(|a| a.value().attr("href").map(str::to_string)).collect()
    };
    let contents = listed(".docs-contents a");
    let footer = listed(".footer-nav a");
    for name in guide_pages() {
        let file = format!("{name}.html");
        let page = Html::parse_document(&read(&out.join(&file)));
        assert_eq!(texts(&page, "h1").len(), 1, "{file} has one headline");
        assert!(contents.contains(&file), "the front page's contents miss {file}: {contents:?}");
        assert!(footer.contains(&file), "the footer misses {file}: {footer:?}");
    }
    assert_eq!(contents.len(), guide_pages().len(), "{contents:?}");
}

#[test]
fn search_finds_the_guide_pages() {
    let (_dir, out) = build_docs("https://docs.example.org/");
    let index = read(&out.join("assets/search-index.js"));
    for (title, href) in [("Labels", "labels.html"), ("Template variables", "variables.html")] {
        assert!(index.contains(&format!("\"{title}\"")), "no {title} in the search index");
        assert!(index.contains(href), "no {href} in the search index");
    }
    assert!(out.join("search.html").is_file());
}

/// `docs/pages/labels.md`'s table: key to English text.
fn documented_labels() -> BTreeMap<String, String> {
    read(&repo().join("docs/pages/labels.md"))
        .lines()
        .filter_map(|line| {
            let row = line.strip_prefix("| `")?;
            let (key, rest) = row.split_once("` | ")?;
            let text = rest.strip_suffix(" |")?.replace("\\|", "|");
            Some((key.to_string(), text))
        })
        .collect()
}

/// A site whose front page prints `site.labels`, `site`'s, `page`'s and `page.links`'s
/// keys: what every template sees, as the binary gives it.
fn template_view() -> Html {
    let dump = "{% for k, v in site.labels %}<li class=\"label\" data-key=\"{{ k }}\">{{ v }}</li>{% endfor %}\
        {% for k, v in site %}<li class=\"site\">{{ k }}</li>{% endfor %}\
        {% for k, v in page %}<li class=\"page\">{{ k }}</li>{% endfor %}\
        {% for k, v in page.links %}<li class=\"links\">{{ k }}</li>{% endfor %}";
    let site = Site::new(&[
        ("templates/index.html", dump),
        ("seeds/a.md", "+++\ntitle = \"A\"\ndate = 2025-01-01\ntags = [\"x\"]\n+++\nText.\n"),
    ]);
    site.build();
    site.html("index.html")
}

#[test]
fn the_label_reference_lists_every_key_with_its_english_text() {
    let view = template_view();
    let built: BTreeMap<String, String> = view
        .select(&sel("li.label"))
        .map(|li| (li.value().attr("data-key").unwrap().to_string(), li.text().collect()))
        .collect();
    assert!(built.len() > 50, "{built:?}");
    let documented = documented_labels();
    let wrong: Vec<String> = built
        .iter()
        .filter(|(key, text)| documented.get(*key) != Some(text))
        .map(|(key, text)| format!("| `{key}` | {text} |"))
        .collect();
    let stale: Vec<&String> = documented.keys().filter(|key| !built.contains_key(*key)).collect();
    assert_eq!(wrong, Vec::<String>::new(), "docs/pages/labels.md misses these rows");
    assert_eq!(stale, Vec::<&String>::new(), "docs/pages/labels.md lists keys that do not exist");
}

#[test]
fn the_variable_reference_names_everything_every_page_sees() {
    let view = template_view();
    let doc = read(&repo().join("docs/pages/variables.md"));
    let mut missing = Vec::new();
    for (class, prefix) in [("site", "site."), ("page", "page."), ("links", "page.links.")] {
        for key in texts(&view, &format!("li.{class}")) {
            // The table names `page.links.home` in full and its siblings as `.editions`.
            let named = doc.contains(&format!("`{prefix}{key}"))
                || (class == "links" && doc.contains(&format!("`.{key}`")));
            if !named {
                missing.push(format!("{prefix}{key}"));
            }
        }
    }
    assert!(texts(&view, "li.page").contains(&"links".to_string()));
    assert_eq!(missing, Vec::<String>::new(), "docs/pages/variables.md does not name these");
}

#[test]
fn readme_is_two_screens_with_the_repository_commands_first() {
    let readme = read(&repo().join("README.md"));
    let lines: Vec<&str> = readme.lines().collect();
    assert!(lines.len() <= 200, "README.md has {} lines", lines.len());
    let first = lines[..40.min(lines.len())].join("\n");
    for command in ["cargo run --release -- build", "cargo test", "broadsheet init"] {
        assert!(first.contains(command), "`{command}` is not in the README's first 40 lines");
    }
    assert!(!readme.contains("REPO=owner/name"), "an install line left unfilled");
    // Every file the README links to or shows is in the repository.
    for (_, target) in readme.match_indices("](").map(|(i, _)| {
        let rest = &readme[i + 2..];
        ((), rest[..rest.find(')').unwrap()].to_string())
    }) {
        if target.contains("://") || target.starts_with('#') {
            continue;
        }
        let path = target.split('#').next().unwrap();
        assert!(repo().join(path).exists(), "README.md links to {target}, which does not exist");
    }
}
