//! Pathological input, timed: each case is one file's worth of hostile copy, which must
//! turn into HTML in well under a second. `cargo bench --bench pathological`; the
//! documentation (docs/pages/bad-input.md) quotes the figures. Groups: `markdown` (body to HTML), `seed` (front
//! matter and plain copy), and `build` (a whole one-file site, disk included).
#![allow(clippy::disallowed_methods)] // the bench writes its fixture sites directly

use broadsheet::config::MarkdownConfig;
use broadsheet::markdown::{self, Relink};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

struct NoLinks;

impl Relink for NoLinks {
    fn relink(&self, _: &str) -> Option<String> {
        None
    }
}

/// The hostile Markdown bodies of issue 5.
fn bodies() -> Vec<(&'static str, String)> {
    vec![
        ("blockquotes_100k", ">".repeat(100_000) + " deep"),
        ("list_levels_100k", "- ".repeat(100_000) + "deep"),
        ("paragraph_5mb", "word ".repeat(1_000_000)),
        ("emphasis_markers_1m", "*".repeat(1_000_000) + "x"),
        ("emphasis_openers_1m", "*a ".repeat(1_000_000)),
        ("raw_divs_100k", "<div>".repeat(100_000) + "deep"),
    ]
}

fn markdown(c: &mut Criterion) {
    let config = MarkdownConfig::default();
    let mut group = c.benchmark_group("markdown");
    for (name, body) in bodies() {
        group.bench_function(name, |b| {
            b.iter(|| markdown::render(black_box(&body), &config, &NoLinks))
        });
    }
    group.finish();
}

fn seed(c: &mut Criterion) {
    let tz = jiff::tz::TimeZone::UTC;
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"tag {i}\"")).collect();
    let front = format!("+++\ntitle = \"T\"\ntags = [{}]\n+++\n", tags.join(", "));
    let split = broadsheet::content::front_matter::split(&front).expect("fenced");
    let block = split.front.expect("front matter");
    let plain = format!("Headline\n\n{}\n", "word ".repeat(1_000_000));
    let mut group = c.benchmark_group("seed");
    group.bench_function("tags_10k", |b| {
        b.iter(|| {
            let mut warn = broadsheet::warnings::Warnings::default();
            broadsheet::content::meta::parse(&block, Path::new("seeds/a.md"), &tz, &mut warn)
        })
    });
    group.bench_function("plain_line_5mb", |b| {
        b.iter(|| broadsheet::content::plain::parse(black_box(&plain)))
    });
    group.finish();
}

/// A one-file site in a temp folder, built whole (read, render, write, swap).
fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"tag {i}\"")).collect();
    let mut files: Vec<(&str, String)> = bodies()
        .into_iter()
        .map(|(name, body)| (name, format!("+++\ntitle = \"T\"\n+++\n{body}")))
        .collect();
    files.push((
        "tags_10k",
        format!("+++\ntitle = \"T\"\ntags = [{}]\n+++\nBody.\n", tags.join(", ")),
    ));
    for (name, text) in files {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"T\"\nbase_url = \"https://x.org/\"\n",
        )
        .expect("site.toml");
        std::fs::create_dir(dir.path().join("seeds")).expect("seeds");
        std::fs::write(dir.path().join("seeds/2025-01-02-case.md"), text).expect("seed");
        let options = broadsheet::BuildOptions {
            root: dir.path().to_path_buf(),
            now: Some("2026-01-01".into()),
            ..Default::default()
        };
        group.bench_function(name, |b| b.iter(|| broadsheet::build(&options).expect("builds")));
    }
    group.finish();
}

criterion_group!(benches, markdown, seed, build);
criterion_main!(benches);
