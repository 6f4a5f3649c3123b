//! The per-article hot path, measured with criterion: front matter read and checked,
//! the body rendered to HTML, the digest that decides whether a page is rendered
//! again, and a whole clean build of a small site (divide by its articles for the
//! cost of one article end to end, writes included).
//!
//! `cargo bench --bench article`; the build benchmark writes into a temp folder.
#![allow(missing_docs, clippy::disallowed_methods)] // a benchmark writes its fixture directly

use broadsheet::config::MarkdownConfig;
use broadsheet::content::{front_matter, meta};
use broadsheet::markdown::{self, Relink};
use broadsheet::warnings::Warnings;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

/// A real seed of the example site: front matter, about 600 words, links.
const SEED: &str = include_str!("../seeds/2025-04-14-harbor-bridge-closure.md");

struct NoLinks;

impl Relink for NoLinks {
    fn relink(&self, _: &str) -> Option<String> {
        None
    }
}

fn front_matter_and_meta(c: &mut Criterion) {
    let tz = jiff::tz::TimeZone::get("Europe/London").expect("bundled time zone");
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("front matter", |b| {
        b.iter(|| {
            let split = front_matter::split(black_box(SEED)).expect("closed front matter");
            let front = split.front.expect("front matter");
            let mut warn = Warnings::default();
            meta::parse(&front, Path::new("seeds/x.md"), &tz, &mut warn).expect("valid meta")
        })
    });
    let body = front_matter::split(SEED).expect("closed front matter").body;
    let config = MarkdownConfig::default();
    group.bench_function("markdown", |b| {
        b.iter(|| markdown::render(black_box(body), &config, &NoLinks))
    });
    group.finish();
}

/// A clean build of a site of `n` copies of the seed, each with its own date and slug.
fn site_build(c: &mut Criterion) {
    let n = 200;
    let dir = tempfile::tempdir().expect("temp folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("seeds")).expect("seeds folder");
    std::fs::write(root.join("site.toml"), "title = \"Bench\"\nbase_url = \"https://x.org/\"\n")
        .expect("site.toml");
    for i in 0..n {
        let text = SEED
            .replacen(
                "date = 2025-04-14T07:05:00",
                &format!("date = 2025-{:02}-{:02}T07:05:00", 1 + i % 12, 1 + i % 28),
                1,
            )
            .replacen("aliases = [\"old/harbor-bridge.html\"]\n", "", 1);
        let path = root.join(format!("seeds/story-{i:04}.md"));
        std::fs::write(&path, text).expect("seed");
        // Old enough for the seed cache to trust (see cache::seeds).
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let file = std::fs::File::options().write(true).open(&path).expect("seed");
        file.set_modified(past).expect("seed time");
    }
    let options = broadsheet::BuildOptions {
        root: root.to_path_buf(),
        now: Some("2026-01-01".into()),
        clean: true,
        ..Default::default()
    };
    let mut group = c.benchmark_group("site");
    group.throughput(Throughput::Elements(n));
    group.sample_size(10);
    group.bench_function("clean build, 200 articles", |b| {
        b.iter(|| broadsheet::build(&options).expect("the site builds"))
    });
    let incremental = broadsheet::BuildOptions { clean: false, ..options.clone() };
    broadsheet::build(&incremental).expect("the site builds");
    group.bench_function("rebuild with nothing changed, 200 articles", |b| {
        b.iter(|| broadsheet::build(&incremental).expect("the site builds"))
    });
    group.finish();
}

criterion_group!(benches, front_matter_and_meta, site_build);
criterion_main!(benches);
