//! Bounded property tests (proptest, a few hundred cases, run in CI): seed files
//! assembled from the tokens hostile copy is made of, and random front matter values,
//! never panic a build, never leave running code in a page, and front matter text
//! comes out as the same text. The unbounded search is the fuzzing under fuzz/.
#![allow(clippy::disallowed_methods)] // tests write fixture sites directly

use broadsheet::config::MarkdownConfig;
use broadsheet::markdown::{self, Relink};
use proptest::prelude::*;
use scraper::{Html, Selector};
use std::path::Path;

/// The pieces hostile copy is made of: fences, keys, line ends, raw HTML, script links,
/// Markdown containers, odd bytes.
const TOKENS: &[&str] = &[
    "+++\n",
    "---\n",
    "title = \"T\"\n",
    "title: T\n",
    "date = 2025-01-02\n",
    "date: 2025-02-30\n",
    "tags = [\"a\", \"b\"]\n",
    "tags: [x\n",
    "slug = \"../x\"\n",
    "aliases = [\".git/x.html\"]\n",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "\u{feff}",
    "\u{1}",
    "\u{1b}[2J",
    "\u{202e}",
    "é",
    "新闻",
    "<div>",
    "</div>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "[x](javascript:alert(1))",
    "![y](data:text/html,z)",
    "*",
    "**",
    "_",
    "`",
    "> ",
    "- ",
    "1. ",
    "# ",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: n\n",
    "&amp;",
    "&#106;",
    "<!-- more -->",
    "\\",
    "word ",
];

fn seed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.concat())
}

/// Builds a one-seed site in a temp folder, in-process; returns the folder and result.
fn build_one(name: &str, bytes: &[u8], raw_html: &str) -> (tempfile::TempDir, bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = format!(
        "title = \"P\"\nbase_url = \"https://x.org/p/\"\n[markdown]\nraw_html = \"{raw_html}\"\n"
    );
    std::fs::write(dir.path().join("site.toml"), toml).expect("site.toml");
    std::fs::create_dir(dir.path().join("seeds")).expect("seeds");
    std::fs::write(dir.path().join("seeds").join(name), bytes).expect("seed");
    let options = broadsheet::BuildOptions {
        root: dir.path().to_path_buf(),
        now: Some("2026-01-01".into()),
        ..Default::default()
    };
    let ok = broadsheet::build(&options).is_ok();
    (dir, ok)
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

/// No script element, event handler or script URL carries the payload's `alert(`.
fn runs_nothing(html: &str) -> Result<(), String> {
    let doc = Html::parse_document(html);
    for el in doc.select(&sel("*")) {
        let v = el.value();
        // JSON-LD blocks are data; their text must stay one JSON value.
        if v.name() == "script" && v.attr("type") == Some("application/ld+json") {
            let json = el.text().collect::<String>();
            if serde_json::from_str::<serde_json::Value>(&json).is_err() {
                return Err(format!("JSON-LD: {json}"));
            }
            continue;
        }
        if v.name() == "script" && el.text().any(|t| t.contains("alert(")) {
            return Err(format!("script: {}", el.html()));
        }
        for (name, value) in v.attrs() {
            let lower = value.trim().to_ascii_lowercase();
            let url = lower.starts_with("javascript:") || lower.starts_with("data:");
            if (name.starts_with("on") && value.contains("alert(")) || url {
                return Err(format!("{name}={value}"));
            }
        }
    }
    Ok(())
}

/// Every HTML page under `public`, concatenated checks.
fn pages_run_nothing(public: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(public).into_iter().filter_map(Result::ok) {
        if entry.path().extension().and_then(|e| e.to_str()) == Some("html") {
            let html = std::fs::read_to_string(entry.path()).map_err(|e| e.to_string())?;
            runs_nothing(&html).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

struct NoLinks;

impl Relink for NoLinks {
    fn relink(&self, _: &str) -> Option<String> {
        None
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Any seed, Markdown or plain, any raw HTML policy but `allow`: the build ends with
    /// a page or an error, never a panic, and nothing in the output runs.
    #[test]
    fn any_seed_builds_or_fails_cleanly(text in seed_text(), plain in any::<bool>(), escape in any::<bool>()) {
        let name = if plain { "2025-01-02-s.txt" } else { "2025-01-02-s.md" };
        let (dir, ok) = build_one(name, text.as_bytes(), if escape { "escape" } else { "sanitize" });
        if ok {
            prop_assert_eq!(pages_run_nothing(&dir.path().join("public")), Ok(()));
        }
    }

    /// Random bytes, not text at all: an error or a page, never a panic.
    #[test]
    fn any_bytes_build_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        build_one("2025-01-02-b.md", &bytes, "sanitize");
    }

    /// Headlines and tags with markup characters come out as exactly that text.
    #[test]
    fn front_matter_text_stays_text(
        title in "[a-zA-Z0-9<>&\"'/=;:!é—]{1,12}( [a-zA-Z0-9<>&\"'/=;:!é—]{1,12}){0,4}",
        tag in "[a-z]{1,8}[<>&\"'][a-z]{0,8}",
    ) {
        let front = format!("+++\ntitle = {}\ntags = [{}]\n+++\nBody.\n", toml_string(&title), toml_string(&tag));
        let (dir, ok) = build_one("2025-01-02-t.md", front.as_bytes(), "sanitize");
        prop_assert!(ok);
        let html = std::fs::read_to_string(dir.path().join("public/articles/t.html")).expect("page");
        let doc = Html::parse_document(&html);
        let h1: Vec<String> = doc.select(&sel("h1")).map(|e| e.text().collect()).collect();
        prop_assert_eq!(h1, vec![title]);
        let tags: Vec<String> = doc.select(&sel(".tags a")).map(|e| e.text().collect()).collect();
        prop_assert_eq!(tags, vec![tag]);
        prop_assert_eq!(pages_run_nothing(&dir.path().join("public")), Ok(()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Sanitised Markdown bodies, whatever their raw HTML and links, carry no running code.
    #[test]
    fn sanitized_bodies_run_nothing(body in seed_text()) {
        let html = markdown::render(&body, &MarkdownConfig::default(), &NoLinks).html;
        prop_assert_eq!(runs_nothing(&html), Ok(()));
    }

    /// The front-matter splitter only ever cuts the text: the body is its end, the block
    /// lies inside it, and the body starts after the block.
    #[test]
    fn splitting_keeps_every_part(text in seed_text()) {
        let text = broadsheet::text::normalize(&text);
        if let Ok(split) = broadsheet::content::front_matter::split(&text) {
            prop_assert!(text.ends_with(split.body));
            if let Some(front) = split.front {
                prop_assert!(text.contains(front.text));
                prop_assert!(front.first_line < split.body_line);
            }
        }
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
