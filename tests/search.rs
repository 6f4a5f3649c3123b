//! End-to-end: the search page, the fallback index and the Pagefind bundle, read back
//! from real builds of the example site and of small fixture sites.
// Tests set up fixtures with std::fs directly; the `crate::fs` rule is for the library.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, sel, texts};
use serde_json::Value;
use std::collections::BTreeSet;

/// The records of `assets/search-index.js` (a script assigning a JSON array to a global).
fn fallback_records(site: &Site) -> Vec<Value> {
    let script = site.read("assets/search-index.js");
    let json = script
        .strip_prefix("window.broadsheetSearchIndex = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("the fallback index assigns one global");
    let Value::Array(records) = serde_json::from_str(json).expect("the index is JSON") else {
        panic!("the index is a list");
    };
    records
}

/// (filter, value) pairs of one record, or of what one article page prints.
fn record_filters(record: &Value) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    for (name, values) in record["filters"].as_object().expect("filters") {
        for v in values.as_array().expect("values") {
            pairs.insert((name.clone(), v.as_str().expect("text").to_string()));
        }
    }
    pairs
}

fn page_filters(site: &Site, path: &str) -> BTreeSet<(String, String)> {
    let doc = site.html(path);
    let shown = [
        ("tag", "ul.tags li"),
        ("author", ".byline .author"),
        ("source", ".source-credit .source-name"),
        ("edition", ".nav-edition a"),
    ];
    shown
        .into_iter()
        .flat_map(|(name, css)| texts(&doc, css).into_iter().map(|v| (name.to_string(), v)))
        .collect()
}

/// Filter pairs with each value reduced to its letters and digits, lower case: spellings
/// of one term compare equal.
fn alike(pairs: BTreeSet<(String, String)>) -> BTreeSet<(String, String)> {
    let fold = |v: &str| -> String {
        v.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    pairs.into_iter().map(|(k, v)| (k, fold(&v))).collect()
}

#[test]
fn search_page_has_a_search_form_and_a_plain_message() {
    let site = Site::example();
    site.build();
    let doc = site.html("search.html");
    let form = doc.select(&sel("form[role=search]")).next().expect("a search form");
    assert!(form.select(&sel("input[type=search]#search-q")).next().is_some());
    assert_eq!(texts(&doc, "label[for=search-q]"), ["Search the digest"]);
    // Without JavaScript the form stays hidden and the message shows.
    assert!(form.value().attr("hidden").is_some());
    let message = texts(&doc, ".search-nojs").join(" ");
    assert!(message.starts_with("Search needs JavaScript."), "{message}");
    // Its script and both indexes are linked relative to the page, and exist.
    let root = doc.select(&sel("[data-search]")).next().unwrap().value();
    assert_eq!(root.attr("data-fallback"), Some("assets/search-index.js"));
    // One result and several read differently.
    assert_eq!(root.attr("data-label-result-one"), Some("{n} article found"));
    assert_eq!(root.attr("data-label-results"), Some("{n} articles found"));
    for file in ["assets/search-index.js", "assets/search.js"] {
        assert!(site.public().join(file).is_file(), "{file} is written");
    }
    // Without the `search` feature there is no Pagefind bundle, and the page knows it.
    if cfg!(feature = "search") {
        // The newest month has its own bundle, and the example's articles are all from
        // April 2025: one bundle.
        // Standalone pages are undated: they have a bundle of their own.
        assert_eq!(
            root.attr("data-pagefind"),
            Some("pagefind/2025-04/pagefind.js pagefind/undated/pagefind.js")
        );
        assert!(site.public().join("pagefind/2025-04/pagefind.js").is_file());
    } else {
        assert_eq!(root.attr("data-pagefind"), Some(""));
    }
    let scripts: Vec<_> =
        doc.select(&sel("script[src]")).map(|s| s.value().attr("src").unwrap()).collect();
    assert_eq!(scripts, ["assets/search.js"]);
    // Every page links the search page.
    let front = site.html("index.html");
    assert!(front.select(&sel("nav a[href='search.html']")).next().is_some());
}

#[test]
fn search_filters_list_every_topic_author_source_and_edition() {
    let site = Site::example();
    site.build();
    let doc = site.html("search.html");
    let options = |name: &str| texts(&doc, &format!("select[data-filter={name}] option"));
    let tags = options("tag");
    assert_eq!(tags[0], "All");
    assert!(tags.contains(&"transport".to_string()), "{tags:?}");
    let terms = |index: &str| site.html(index).select(&sel(".term-list li")).count();
    assert_eq!(tags.len() - 1, terms("tags/index.html"));
    let editions = options("edition");
    assert_eq!(editions[1], "21 April 2025", "newest edition first: {editions:?}");
    assert_eq!(options("author").len() - 1, terms("authors/index.html"));
    assert_eq!(options("source").len() - 1, terms("sources/index.html"));
}

#[test]
fn fallback_index_lists_every_article_with_the_filters_its_page_carries() {
    let site = Site::example();
    site.build();
    let (records, standalone): (Vec<Value>, Vec<Value>) =
        fallback_records(&site).into_iter().partition(|r| r.get("kind").is_none());
    // Standalone pages are searchable too, marked as pages, with no date or filters.
    let urls: Vec<&str> = standalone.iter().map(|r| r["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        ["about.html", "masthead.html", "policies/corrections.html", "policies/ethics.html"]
    );
    assert!(standalone.iter().all(|r| r["kind"] == "page" && r["date"].is_null()));
    let pages = std::fs::read_dir(site.public().join("articles"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "html"))
        .count();
    assert_eq!(records.len(), pages);
    for record in &records {
        let url = record["url"].as_str().unwrap();
        let doc = site.html(url);
        assert_eq!(texts(&doc, "article h1"), [record["title"].as_str().unwrap()], "{url}");
        // Both indexes filter by the terms the page prints, under the site's name for
        // each (the example spells one topic both `Harbor District` and `harbor-district`).
        assert_eq!(alike(page_filters(&site, url)), alike(record_filters(record)), "{url}");
    }
    let plan =
        records.iter().find(|r| r["url"] == "articles/ten-year-transport-plan.html").unwrap();
    let words = plan["words"].as_str().unwrap();
    for word in ["northport", "tram", "saltmarsh", "councillor"] {
        assert!(words.split(' ').any(|w| w == word), "{word} in {words}");
    }
    assert_eq!(plan["date"], "2025-04-21T12:30:00+01:00");
}

#[test]
#[cfg(feature = "search")]
fn pagefind_indexes_every_article_and_only_articles() {
    let site = Site::example();
    site.build();
    let entry: Value =
        serde_json::from_str(&site.read("pagefind/2025-04/pagefind-entry.json")).unwrap();
    let records = fallback_records(&site);
    let articles = records.iter().filter(|r| r.get("kind").is_none()).count();
    assert_eq!(entry["languages"]["en"]["page_count"], articles);
    let undated: Value =
        serde_json::from_str(&site.read("pagefind/undated/pagefind-entry.json")).unwrap();
    assert_eq!(undated["languages"]["en"]["page_count"], records.len() - articles);
    assert!(site.public().join("pagefind/2025-04/wasm.en.pagefind").is_file());
    assert!(
        !site.public().join("pagefind/2025-04/pagefind-ui.js").exists(),
        "Pagefind's own UI is left out"
    );
}

#[test]
#[cfg(feature = "search")]
fn pagefind_index_follows_the_site_language_for_every_article() {
    // A Spanish site with an Arabic article: one index, in the site's language.
    let site = Site::new(&[
        (
            "site.toml",
            "title = \"Diario\"\nbase_url = \"https://example.org/\"\nlanguage = \"es\"\n",
        ),
        (
            "seeds/2025-04-01-uno.md",
            "+++\ntitle = \"Mercado del puerto\"\n+++\nEl mercado cumple cien años.\n",
        ),
        (
            "seeds/2025-04-02-dos.md",
            "+++\ntitle = \"حديقة جديدة\"\nlang = \"ar\"\n+++\nحديقة مجتمعية جديدة.\n",
        ),
    ]);
    site.build();
    let entry: Value =
        serde_json::from_str(&site.read("pagefind/2025-04/pagefind-entry.json")).unwrap();
    let languages: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
    assert_eq!(languages, ["es"]);
    assert_eq!(entry["languages"]["es"]["page_count"], 2);
    let doc = site.html("search.html");
    assert_eq!(texts(&doc, "#search-sort option"), ["Más recientes primero", "Más relevantes"]);
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::new(&[
        ("site.toml", &format!("{}[search]\nenabled = false\n", common::SITE_TOML)),
        ("seeds/2025-04-01-one.md", "+++\ntitle = \"One\"\n+++\nText.\n"),
    ]);
    site.build();
    for gone in ["search.html", "assets/search.js", "assets/search-index.js", "pagefind"] {
        assert!(!site.public().join(gone).exists(), "{gone} is not written");
    }
    let front = site.html("index.html");
    assert!(front.select(&sel("a[href='search.html']")).next().is_none());
}

#[test]
#[cfg(feature = "search")]
fn pagefind_bundle_is_byte_reproducible_however_pages_finish() {
    // Many threads build the records and pages; the bundle must not change.
    let build = || {
        let site = Site::example();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["build", "--now", "2026-01-01T00:00:00Z", "--quiet", "--root"])
            .arg(site.root())
            .env("RAYON_NUM_THREADS", "16")
            .output()
            .expect("run broadsheet");
        assert!(out.status.success(), "{}", common::stderr(&out));
        common::tree(&site.public().join("pagefind"))
    };
    let first = build();
    assert!(first.len() > 5, "a bundle was written");
    for _ in 0..3 {
        assert!(first == build(), "the Pagefind bundle changed between identical builds");
    }
}

/// Pagefind's fragment of the article at `url`, from whichever bundle holds it: gzip,
/// then `pagefind_dcd` and JSON.
#[cfg(feature = "search")]
fn fragment(site: &Site, url: &str) -> Value {
    std::fs::read_dir(site.public().join("pagefind"))
        .unwrap()
        .find_map(|shard| find_fragment(&shard.unwrap().path(), url))
        .unwrap_or_else(|| panic!("no fragment for {url}"))
}

/// The fragment of the article at `url` in the bundle `pagefind/<shard>/`.
#[cfg(feature = "search")]
fn fragment_in(site: &Site, shard: &str, url: &str) -> Value {
    find_fragment(&site.public().join("pagefind").join(shard), url)
        .unwrap_or_else(|| panic!("no fragment for {url} in {shard}"))
}

#[cfg(feature = "search")]
fn find_fragment(bundle: &std::path::Path, url: &str) -> Option<Value> {
    use std::io::Read;
    std::fs::read_dir(bundle.join("fragment")).unwrap().find_map(|file| {
        let mut text = String::new();
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
        let json: Value = serde_json::from_str(text.strip_prefix("pagefind_dcd").unwrap()).unwrap();
        (json["url"] == format!("/{url}")).then_some(json)
    })
}

/// Pages indexed in the bundle `pagefind/<shard>/`.
#[cfg(feature = "search")]
fn page_count(site: &Site, shard: &str) -> u64 {
    let entry: Value =
        serde_json::from_str(&site.read(&format!("pagefind/{shard}/pagefind-entry.json"))).unwrap();
    entry["languages"]["en"]["page_count"].as_u64().unwrap()
}

#[test]
#[cfg(feature = "search")]
fn the_newest_month_and_each_year_have_a_bundle_and_an_edit_rebuilds_only_its_own() {
    let site = Site::new(&[
        ("site.toml", common::SITE_TOML),
        ("seeds/a.md", &dated_seed("Old news", "2024-12-31T23:00:00Z")),
        ("seeds/b.md", &dated_seed("New news", "2025-01-01T08:00:00Z")),
        ("seeds/c.md", &dated_seed("Newer news", "2025-02-01T08:00:00Z")),
        ("seeds/d.md", &dated_seed("Timeless", "")),
    ]);
    site.build();
    assert_eq!(
        modules(&site),
        "pagefind/2025-02/pagefind.js pagefind/2025/pagefind.js pagefind/2024/pagefind.js \
         pagefind/undated/pagefind.js",
        "newest first, undated last"
    );
    assert_eq!(counts_of(&site, &["2025-02", "2025", "2024", "undated"]), [1, 1, 1, 1]);
    let (old_2024, old_2025, old_newest) = (
        bundle_inodes(&site, "2024"),
        bundle_inodes(&site, "2025"),
        bundle_inodes(&site, "2025-02"),
    );
    // An edit to an older article re-indexes its year alone.
    site.write("seeds/b.md", &dated_seed("New news, updated", "2025-01-01T08:00:00Z"));
    site.build();
    assert_eq!(bundle_inodes(&site, "2024"), old_2024, "the 2024 bundle is kept as it was");
    assert_eq!(bundle_inodes(&site, "2025-02"), old_newest, "the newest month's bundle is kept");
    let old_2025_edited = bundle_inodes(&site, "2025");
    assert_ne!(old_2025_edited, old_2025, "the 2025 bundle is rebuilt");
    assert_eq!(fragment(&site, "articles/b.html")["meta"]["title"], "New news, updated");
    // A new article in the newest month re-indexes that month alone.
    site.write("seeds/e.md", &dated_seed("Newest news", "2025-02-03T08:00:00Z"));
    site.build();
    assert_eq!(bundle_inodes(&site, "2025"), old_2025_edited, "the 2025 bundle is kept");
    assert_eq!(page_count(&site, "2025-02"), 2);
    // A new month takes over: the month before joins its year.
    site.write("seeds/f.md", &dated_seed("March news", "2025-03-01T08:00:00Z"));
    site.build();
    assert_eq!(counts_of(&site, &["2025-03", "2025", "2024", "undated"]), [1, 3, 1, 1]);
    assert!(!site.public().join("pagefind/2025-02").exists(), "the old month's bundle is gone");
    assert!(modules(&site).starts_with("pagefind/2025-03/pagefind.js pagefind/2025/pagefind.js"));
}

#[test]
#[cfg(feature = "search")]
fn a_year_over_the_bundle_size_is_cut_into_runs_of_months() {
    let toml = format!("{}\n[search]\nbundle_size = 2\n", common::SITE_TOML);
    let site = Site::new(&[
        ("site.toml", toml.as_str()),
        ("seeds/jan.md", &dated_seed("January", "2024-01-10T08:00:00Z")),
        ("seeds/feb.md", &dated_seed("February", "2024-02-10T08:00:00Z")),
        ("seeds/mar.md", &dated_seed("March", "2024-03-10T08:00:00Z")),
        ("seeds/may.md", &dated_seed("May", "2024-05-10T08:00:00Z")),
        ("seeds/jun.md", &dated_seed("June", "2024-06-10T08:00:00Z")),
        ("seeds/new.md", &dated_seed("New year", "2025-01-05T08:00:00Z")),
    ]);
    site.build();
    assert_eq!(
        modules(&site),
        "pagefind/2025-01/pagefind.js pagefind/2024-06/pagefind.js \
         pagefind/2024-03/pagefind.js pagefind/2024-01/pagefind.js",
        "five 2024 articles in bundles of at most two: three runs, named by first month"
    );
    assert_eq!(counts_of(&site, &["2025-01", "2024-06", "2024-03", "2024-01"]), [1, 1, 2, 2]);
    assert!(!site.public().join("pagefind/2024").exists(), "no bundle for the whole year");
    for (url, shard) in [("articles/feb.html", "2024-01"), ("articles/may.html", "2024-03")] {
        assert_eq!(fragment_in(&site, shard, url)["url"], format!("/{url}"));
    }
    // An edit re-indexes its own run of months only.
    let (jan, jun) = (bundle_inodes(&site, "2024-01"), bundle_inodes(&site, "2024-06"));
    site.write("seeds/may.md", &dated_seed("May, updated", "2024-05-10T08:00:00Z"));
    site.build();
    assert_eq!(
        (bundle_inodes(&site, "2024-01"), bundle_inodes(&site, "2024-06")),
        (jan, jun),
        "other runs kept"
    );
    assert_eq!(fragment_in(&site, "2024-03", "articles/may.html")["meta"]["title"], "May, updated");
}

/// A seed with a headline, a date (none when empty) and one line of text.
#[cfg(feature = "search")]
fn dated_seed(title: &str, date: &str) -> String {
    let date = if date.is_empty() { String::new() } else { format!("date = {date}\n") };
    format!("+++\ntitle = \"{title}\"\n{date}+++\nText about {title}.\n")
}

/// The Pagefind modules the search page opens, in order.
#[cfg(feature = "search")]
fn modules(site: &Site) -> String {
    let doc = site.html("search.html");
    let root = doc.select(&sel("[data-search]")).next().unwrap().value().to_owned();
    root.attr("data-pagefind").unwrap().to_string()
}

/// The inodes of the files of the bundle `pagefind/<shard>/`: kept bundles keep them.
#[cfg(feature = "search")]
fn bundle_inodes(site: &Site, shard: &str) -> Vec<u64> {
    use std::os::unix::fs::MetadataExt;
    let dir = site.public().join("pagefind").join(shard);
    common::tree(&dir).into_keys().map(|p| std::fs::metadata(dir.join(p)).unwrap().ino()).collect()
}

#[cfg(feature = "search")]
fn counts_of(site: &Site, shards: &[&str]) -> Vec<u64> {
    shards.iter().map(|s| page_count(site, s)).collect()
}

#[test]
#[cfg(feature = "search")]
fn pagefind_holds_each_articles_text_headline_date_and_filters() {
    let site = Site::new(&[
        ("site.toml", common::SITE_TOML),
        (
            "seeds/2025-04-01-fish.md",
            "+++\ntitle = \"Fish & chips return to the quay\"\ndek = \"A stall reopens.\"\n\
             tags = [\"food\", \"harbour\"]\nauthors = [\"Ana Ruiz\"]\n+++\n\
             The *stall* at <Pier 4> sells cod & chips again.\n\n## Queues\n\nLong ones.\n",
        ),
    ]);
    site.build();
    let url = "articles/fish.html";
    let doc = site.html(url);
    let f = fragment(&site, url);
    assert_eq!(f["meta"]["title"], "Fish & chips return to the quay");
    assert_eq!(
        f["meta"]["date"].as_str(),
        texts(&doc, "time.published").first().map(|s| s.as_str())
    );
    let content = f["content"].as_str().unwrap();
    // Plain text in reading order: no markup, references decoded, and the headline left
    // to the title, so that an excerpt never repeats it.
    assert!(
        content.starts_with("A stall reopens. The stall at <Pier 4> sells cod & chips again."),
        "{content}"
    );
    assert!(content.ends_with("Queues Long ones."), "{content}");
    assert!(!content.contains("return to the quay"), "{content}");
    let filters: BTreeSet<(String, String)> = f["filters"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(k, vs)| {
            vs.as_array().unwrap().iter().map(move |v| (k.clone(), v.as_str().unwrap().into()))
        })
        .collect();
    assert_eq!(filters, page_filters(&site, url));
}

#[test]
#[cfg(feature = "search")]
fn search_words_limits_what_is_indexed() {
    let body = (1..=50).map(|n| format!("word{n}")).collect::<Vec<_>>().join(" ");
    let site = Site::new(&[
        ("site.toml", &format!("{}[search]\nwords = 10\n", common::SITE_TOML)),
        ("seeds/2025-04-01-long.md", &format!("+++\ntitle = \"Long read\"\n+++\n{body}\n")),
    ]);
    site.build();
    let content = fragment(&site, "articles/long.html")["content"].as_str().unwrap().to_string();
    assert_eq!(content, "word1 word2 word3 word4 word5 word6 word7 word8 word9 word10");
    let words = fallback_records(&site)[0]["words"].as_str().unwrap().to_string();
    assert!(words.contains("word10") && !words.contains("word11"), "{words}");
    // The page itself is whole.
    assert!(site.read("articles/long.html").contains("word50"));
}

#[test]
#[cfg(feature = "search")]
fn an_unchanged_site_keeps_its_pagefind_bundle_and_an_edit_rebuilds_it() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::example();
    site.build();
    let inodes = |site: &Site| -> std::collections::BTreeMap<String, u64> {
        let dir = site.public().join("pagefind");
        common::tree(&dir)
            .into_keys()
            .map(|p| (p.display().to_string(), std::fs::metadata(dir.join(&p)).unwrap().ino()))
            .collect()
    };
    let before = inodes(&site);
    let bytes = common::tree(&site.public().join("pagefind"));
    site.build();
    assert_eq!(inodes(&site), before, "no Pagefind file is written again");
    // Editing an article's text changes the index.
    let seed = std::fs::read_dir(site.root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, format!("{text}\nA zanzibarian postscript.\n")).unwrap();
    site.build();
    assert_ne!(common::tree(&site.public().join("pagefind")), bytes);
    let records = fallback_records(&site);
    assert!(records.iter().any(|r| r["words"].as_str().unwrap().contains("zanzibarian")));
}

#[test]
fn filters_name_merged_spellings_once_as_the_search_page_offers_them() {
    let seed = |tags: &str, author: &str| {
        format!(
            "+++\ntitle = \"T\"\ndate = 2025-04-01T08:00:00Z\ntags = [{tags}]\nauthors = [\"{author}\"]\n+++\nText.\n"
        )
    };
    let site = Site::new(&[
        ("site.toml", common::SITE_TOML),
        ("seeds/a.md", &seed("\"U.S.\"", "Ana Ruiz")),
        ("seeds/b.md", &seed("\"U.S.\", \"Trade\"", "Ana Ruiz")),
        ("seeds/c.md", &seed("\"US\", \"U.S.\"", "ana ruiz")),
    ]);
    site.build();
    let doc = site.html("search.html");
    let options = |name: &str| texts(&doc, &format!("select[data-filter={name}] option"));
    assert_eq!(options("tag"), ["All", "Trade", "U.S."]);
    assert_eq!(options("author"), ["All", "Ana Ruiz"]);
    // Every article carries the names the filters offer, each once.
    for record in fallback_records(&site) {
        assert_eq!(record["filters"]["author"], serde_json::json!(["Ana Ruiz"]), "{record}");
        let tags = record["filters"]["tag"].as_array().unwrap().clone();
        assert!(tags.contains(&Value::from("U.S.")), "{record}");
        assert!(tags.iter().all(|t| t == "U.S." || t == "Trade"), "{record}");
    }
    #[cfg(feature = "search")]
    for url in ["articles/a.html", "articles/b.html", "articles/c.html"] {
        assert_eq!(fragment(&site, url)["filters"]["tag"][0], "U.S.", "{url}");
    }
}

/// A file of the sharded index: the data its script hands to `broadsheetSearch(name, …)`.
fn shard_file(site: &Site, file: &str) -> (String, Value) {
    let script = site.read(&format!("assets/search/{file}"));
    let call = script.trim().strip_prefix("broadsheetSearch(\"").expect("a call");
    let (name, rest) = call.split_once("\",").expect("a name");
    let json = rest.strip_suffix(");").expect("one call per file");
    (name.to_string(), serde_json::from_str(json).expect("its data is JSON"))
}

/// Every entry of every shard of the sharded index, by key.
fn shard_entries(site: &Site) -> serde_json::Map<String, Value> {
    let (_, meta) = shard_file(site, "meta.js");
    let firsts = meta["shards"].as_array().expect("shards are listed");
    let mut all = serde_json::Map::new();
    for (n, first) in firsts.iter().enumerate() {
        let (name, Value::Object(entries)) = shard_file(site, &format!("t/{n}.js")) else {
            panic!("a shard is a map")
        };
        assert_eq!(name, format!("t{n}"));
        assert_eq!(entries.keys().next(), first.as_str().map(String::from).as_ref());
        all.extend(entries);
    }
    all
}

#[test]
fn sharded_index_finds_every_word_stemmed_and_every_filter() {
    let site = Site::new(&[
        ("site.toml", &format!("{}[search]\nindex = \"shards\"\n", common::SITE_TOML)),
        (
            "seeds/2025-04-02-tram.md",
            "+++\ntitle = \"Tram Line Opens\"\ndate = 2025-04-02\ntags = [\"transport\"]\n+++\n\
             The trams are running. Élus celebrated the harbor crossing.\n",
        ),
        (
            "seeds/2025-04-01-budget.md",
            "+++\ntitle = \"Budget Passes\"\ndate = 2025-04-01\ntags = [\"politics\"]\n+++\n\
             The council voted on the harbor budget.\n",
        ),
    ]);
    site.build();
    let page = site.html("search.html");
    let root = page.select(&sel("[data-search]")).next().expect("the search root").value();
    assert_eq!(root.attr("data-shards"), Some("assets/search/meta.js"));
    assert_eq!(root.attr("data-pagefind"), Some(""), "no Pagefind bundle is listed");
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.public().join("assets/search-index.js").exists());

    let (_, meta) = shard_file(&site, "meta.js");
    assert_eq!(meta["docs"], 2);
    // Documents in site order, newest first: the tram story is 0.
    let (_, block) = shard_file(&site, "d/0.js");
    assert_eq!(block[0][0], "articles/tram.html");
    assert_eq!(block[0][1], "Tram Line Opens");
    assert_eq!(block[1][0], "articles/budget.html");
    for doc in block.as_array().unwrap() {
        assert!(site.public().join(doc[0].as_str().unwrap()).is_file(), "{doc} links a page");
    }
    let entries = shard_entries(&site);
    // "trams" is stemmed as Pagefind stems English: the index maps the word to its stem.
    assert_eq!(entries["=trams"], "tram");
    assert_eq!(entries["tram"][0], 1, "one document says tram or trams");
    // "harbor" is in both: gaps 0 then 1, and a score for each.
    assert_eq!(entries["harbor"][1], serde_json::json!([0, 1]));
    assert_eq!(entries["harbor"][2].as_array().unwrap().len(), 2);
    // Accents are folded as the page folds a query.
    assert!(entries.contains_key("elus") || entries.contains_key("=elus"), "{:?}", entries.keys());
    // A filter value lists its documents without scores.
    assert_eq!(entries["#tag:transport"], serde_json::json!([1, [0]]));
    assert_eq!(entries["#tag:politics"], serde_json::json!([1, [1]]));
}
