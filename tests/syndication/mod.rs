//! Helpers for the feed, sitemap and metadata tests: fixture sites, finding and parsing
//! every feed with real parsers (feed-rs for feeds, roxmltree for strict XML), JSON-LD.
#![allow(dead_code, clippy::disallowed_methods)] // tests read fixture files directly

use crate::common::{Site, copy_tree, sel};
use std::path::Path;

/// The base URL of the hostile fixture and of `common::SITE_TOML`.
pub const BASE: &str = "https://example.github.io/digest/";

/// A copy of `tests/fixtures/<name>` in a temp folder.
pub fn fixture(name: &str) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    copy_tree(&from, dir.path());
    Site { dir }
}

/// Builds `site` with reference time `now` and `extra` flags; asserts success.
pub fn build_at(site: &Site, now: &str, extra: &[&str]) {
    let mut args = vec!["build", "--now", now];
    args.extend_from_slice(extra);
    let out = site.run(&args);
    assert!(out.status.success(), "build failed:\n{}", crate::common::stderr(&out));
}

/// A feed file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rss,
    Atom,
    Json,
}

/// Every feed under `public`, by content (not by name), sorted by path.
pub fn feeds(public: &Path) -> Vec<(String, Kind)> {
    let mut found = Vec::new();
    for (rel, bytes) in crate::common::tree(public) {
        let text = String::from_utf8_lossy(&bytes);
        let rel = rel.to_string_lossy().replace('\\', "/");
        let kind = match rel.rsplit('.').next() {
            Some("xml" | "atom") if text.contains("<rss ") => Kind::Rss,
            Some("xml" | "atom")
                if text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") =>
            {
                Kind::Atom
            }
            Some("json") if text.contains("\"https://jsonfeed.org/version/1.1\"") => Kind::Json,
            _ => continue,
        };
        found.push((rel, kind));
    }
    found
}

/// Parses a feed with feed-rs; XML feeds must also be well-formed for roxmltree.
pub fn parse(public: &Path, rel: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(public.join(rel)).unwrap();
    if !rel.ends_with(".json") {
        let text = String::from_utf8(bytes.clone()).expect("feeds are UTF-8");
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: not well-formed: {e}"));
    }
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of every element named `name` (in any namespace) of an XML document.
pub fn xml_texts(xml: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed: {e}"));
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// The JSON-LD blocks of an HTML page, parsed.
pub fn json_ld(html: &str) -> Vec<serde_json::Value> {
    let doc = scraper::Html::parse_document(html);
    doc.select(&sel("script[type=\"application/ld+json\"]"))
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

/// `content` of `<meta property=…>` or `<meta name=…>` tags with that key.
pub fn meta(html: &str, key: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let css = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    doc.select(&sel(&css)).filter_map(|m| m.value().attr("content").map(String::from)).collect()
}

/// The file an absolute URL under `base` is served from, as GitHub Pages maps it.
pub fn file_for(public: &Path, base: &str, url: &str) -> Option<std::path::PathBuf> {
    let rel = url.strip_prefix(base)?;
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let path = public.join(rel);
    path.is_file().then_some(path)
}
