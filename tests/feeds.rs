//! Feeds end to end: every feed of the example site and of a fixture with hostile
//! headlines parsed with feed-rs (XML also with roxmltree), item counts, dates, stable
//! ids, absolute content URLs, JSON Feed 1.1 field rules, and feed discovery links.
#![allow(clippy::disallowed_methods)] // tests read fixture files directly

mod common;
mod syndication;

use common::{Site, sel};
use serde_json::Value;
use std::collections::BTreeMap;
use syndication::{BASE, Kind, build_at, feeds, fixture, parse};

const EXAMPLE_BASE: &str = "https://example.github.io/broadsheet/";
const NOW: &str = "2026-01-01T00:00:00Z";

/// The ids of a feed's items, in order.
fn ids(site: &Site, rel: &str) -> Vec<String> {
    parse(&site.public(), rel).entries.into_iter().map(|e| e.id).collect()
}

#[test]
fn every_feed_of_the_example_site_parses_with_the_expected_items() {
    let site = Site::example();
    site.build();
    let public = site.public();
    let found = feeds(&public);
    let names: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    for must in ["feed.xml", "atom.xml", "feed.json", "tags/transport.xml", "tags/transport.atom"] {
        assert!(names.contains(&must), "{must} missing from {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("editions/") && n.ends_with(".json")));
    let dated = std::fs::read_dir(public.join("articles"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "html"))
        .count();
    for (rel, kind) in &found {
        let feed = parse(&public, rel);
        assert!(!feed.entries.is_empty(), "{rel} is empty");
        assert!(feed.entries.len() <= 20, "{rel}: more items than the limit");
        if !rel.contains('/') {
            assert_eq!(feed.entries.len(), dated.min(20), "{rel}: one item per article");
        }
        let expected = match kind {
            Kind::Rss => feed_rs::model::FeedType::RSS2,
            Kind::Atom => feed_rs::model::FeedType::Atom,
            Kind::Json => feed_rs::model::FeedType::JSON,
        };
        assert_eq!(feed.feed_type, expected, "{rel}");
        for entry in &feed.entries {
            let link = &entry.links.first().unwrap_or_else(|| panic!("{rel}: no link")).href;
            let page = syndication::file_for(&public, EXAMPLE_BASE, link)
                .unwrap_or_else(|| panic!("{rel}: {link} is no file"));
            // The item's date is the article's publication time.
            let html = std::fs::read_to_string(page).unwrap();
            let doc = scraper::Html::parse_document(&html);
            let time = doc.select(&sel("time.published")).next().unwrap();
            let shown: jiff::Timestamp = time.value().attr("datetime").unwrap().parse().unwrap();
            let published = entry.published.unwrap_or_else(|| panic!("{rel}: no date"));
            assert_eq!(published.timestamp(), shown.as_second(), "{rel}: {link}");
        }
    }
}

#[test]
fn every_format_gives_an_article_the_same_id() {
    let site = Site::example();
    site.build();
    let rss = ids(&site, "feed.xml");
    assert_eq!(rss, ids(&site, "atom.xml"));
    assert_eq!(rss, ids(&site, "feed.json"));
    assert!(
        rss.iter().all(|id| id.starts_with("tag:example.github.io,2025:/broadsheet/")),
        "{rss:?}"
    );
    let unique: std::collections::BTreeSet<&String> = rss.iter().collect();
    assert_eq!(unique.len(), rss.len());
}

#[test]
fn hostile_headlines_survive_every_feed() {
    let site = fixture("hostile");
    build_at(&site, NOW, &[]);
    let public = site.public();
    let found = feeds(&public);
    assert_eq!(found.iter().filter(|(r, _)| !r.contains('/')).count(), 3, "{found:?}");
    let expected = [
        "Wire Copy With <Tags> & ]]> Marks",
        "عنوان الخبر العاجل: مرحبا بالعالم",
        "Emoji 🎉🔥 headline 👩‍👩‍👧 with a controlchar",
        "</script><script>alert('x')</script> & Co. ]]> <![CDATA[ end",
    ];
    for (rel, _) in &found {
        let feed = parse(&public, rel);
        let titles: Vec<String> =
            feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
        for t in &titles {
            assert!(expected.contains(&t.as_str()), "{rel}: unexpected title {t:?}");
        }
        if !rel.contains('/') {
            assert_eq!(titles, expected, "{rel}: newest first, undated left out");
        }
    }
    // The plain summary stays text in RSS (whose description is HTML).
    let rss = parse(&public, "feed.xml");
    let summary = &rss.entries[0].summary.as_ref().unwrap().content;
    assert!(summary.contains("&lt;b&gt;markup&lt;/b&gt;"), "{summary}");
}

#[test]
fn feed_dates_keep_the_site_offset() {
    let site = fixture("hostile");
    build_at(&site, NOW, &[]);
    let rss = site.read("feed.xml");
    assert!(rss.contains("<pubDate>Sat, 1 Mar 2025 09:30:00 -0500</pubDate>"), "{rss}");
    let atom = site.read("atom.xml");
    assert!(atom.contains("<published>2025-03-01T09:30:00-05:00</published>"));
    // The emoji story was corrected on 5 March: that is its update time.
    assert!(atom.contains("<updated>2025-03-05T10:00:00-05:00</updated>"));
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let emoji = &json["items"][2];
    assert_eq!(emoji["date_published"], "2025-03-03T02:45:00-05:00");
    assert_eq!(emoji["date_modified"], "2025-03-05T10:00:00-05:00");
}

/// Checks a JSON Feed against the version 1.1 field rules; returns the problems.
fn json_feed_problems(feed: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let top = [
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "user_comment",
        "next_url",
        "icon",
        "favicon",
        "authors",
        "language",
        "expired",
        "hubs",
        "items",
    ];
    let item = [
        "id",
        "url",
        "external_url",
        "title",
        "content_html",
        "content_text",
        "summary",
        "image",
        "banner_image",
        "date_published",
        "date_modified",
        "authors",
        "tags",
        "language",
        "attachments",
    ];
    let known =
        |obj: &serde_json::Map<String, Value>, keys: &[&str], at: &str, bad: &mut Vec<String>| {
            for k in obj.keys().filter(|k| !k.starts_with('_') && !keys.contains(&k.as_str())) {
                bad.push(format!("{at}: unknown field {k}"));
            }
        };
    let Some(obj) = feed.as_object() else { return vec!["not an object".into()] };
    known(obj, &top, "feed", &mut bad);
    if feed["version"] != "https://jsonfeed.org/version/1.1" {
        bad.push("version is not 1.1".into());
    }
    if !feed["title"].is_string() {
        bad.push("title missing".into());
    }
    for k in ["home_page_url", "feed_url"] {
        if !feed[k].as_str().is_some_and(|u| u.starts_with("https://")) {
            bad.push(format!("{k} is not an absolute URL"));
        }
    }
    check_authors(&feed["authors"], "feed", &mut bad);
    let Some(items) = feed["items"].as_array() else {
        return [bad, vec!["items missing".into()]].concat();
    };
    let mut seen = std::collections::BTreeSet::new();
    for (n, it) in items.iter().enumerate() {
        let at = format!("item {n}");
        known(it.as_object().unwrap(), &item, &at, &mut bad);
        match it["id"].as_str() {
            Some(id) if !id.is_empty() && seen.insert(id.to_string()) => {}
            _ => bad.push(format!("{at}: id missing, empty or repeated")),
        }
        if !it["content_html"].is_string() && !it["content_text"].is_string() {
            bad.push(format!("{at}: neither content_html nor content_text"));
        }
        for k in ["url", "external_url", "image"] {
            if !it[k].is_null() && !it[k].as_str().is_some_and(|u| u.starts_with("https://")) {
                bad.push(format!("{at}: {k} is not an absolute URL"));
            }
        }
        for k in ["date_published", "date_modified"] {
            if !it[k].is_null()
                && it[k].as_str().is_none_or(|d| d.parse::<jiff::Timestamp>().is_err())
            {
                bad.push(format!("{at}: {k} is not RFC 3339"));
            }
        }
        if !it["tags"].is_null()
            && !it["tags"].as_array().is_some_and(|t| t.iter().all(Value::is_string))
        {
            bad.push(format!("{at}: tags are not strings"));
        }
        check_authors(&it["authors"], &at, &mut bad);
    }
    bad
}

fn check_authors(authors: &Value, at: &str, bad: &mut Vec<String>) {
    if authors.is_null() {
        return;
    }
    let ok = authors.as_array().is_some_and(|list| {
        list.iter().all(|a| {
            a.as_object().is_some_and(|o| {
                o.keys()
                    .all(|k| ["name", "url", "avatar"].contains(&k.as_str()) || k.starts_with('_'))
                    && (a["name"].is_string() || a["url"].is_string())
            })
        })
    });
    if !ok {
        bad.push(format!("{at}: authors must be objects with a name or url"));
    }
}

#[test]
fn json_feeds_follow_the_1_1_field_rules() {
    for site in [Site::example(), fixture("hostile")] {
        build_at(&site, NOW, &[]);
        let public = site.public();
        let json: Vec<String> =
            feeds(&public).into_iter().filter(|(_, k)| *k == Kind::Json).map(|(r, _)| r).collect();
        assert!(json.len() > 3, "{json:?}");
        for rel in json {
            let feed: Value = serde_json::from_str(&site.read(&rel)).unwrap();
            assert_eq!(json_feed_problems(&feed), Vec::<String>::new(), "{rel}");
            assert!(
                feed["feed_url"].as_str().unwrap().ends_with(&rel),
                "{rel}: feed_url names itself"
            );
        }
    }
}

#[test]
fn the_json_feed_checker_finds_broken_feeds() {
    let broken = serde_json::json!({
        "version": "https://jsonfeed.org/version/1", "title": "T",
        "home_page_url": "/x", "feed_url": "https://x.org/f.json", "author": {"name": "A"},
        "items": [{"id": "1", "date_published": "yesterday"}, {"id": "1", "content_text": "x", "tags": [1]}]
    });
    let problems = json_feed_problems(&broken);
    for expect in [
        "version is not 1.1",
        "home_page_url is not",
        "unknown field author",
        "neither content_html",
        "not RFC 3339",
        "repeated",
        "tags are not strings",
    ] {
        assert!(problems.iter().any(|p| p.contains(expect)), "{expect} not found in {problems:?}");
    }
}

#[test]
fn feed_ids_survive_a_new_headline_and_slug() {
    let site = Site::new(&[
        ("seeds/2025-01-02-talks.md", "+++\ntitle = \"Talks Begin\"\n+++\nBody.\n"),
        ("seeds/2025-01-01-other.md", "+++\ntitle = \"Other\"\n+++\nBody.\n"),
    ]);
    site.build();
    let before: BTreeMap<String, String> = items_by_id(&site);
    site.write("seeds/2025-01-02-talks.md", "+++\ntitle = \"Talks Collapse\"\nslug = \"talks-collapse\"\naliases = [\"articles/talks.html\"]\n+++\nBody.\n");
    site.build();
    let after = items_by_id(&site);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    let id = "tag:example.github.io,2025:/digest/2025-01-02-talks.md";
    assert_eq!(before[id], "https://example.github.io/digest/articles/talks.html");
    assert_eq!(after[id], "https://example.github.io/digest/articles/talks-collapse.html");
    assert_eq!(ids(&site, "feed.xml"), ids(&site, "atom.xml"));
}

fn items_by_id(site: &Site) -> BTreeMap<String, String> {
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i["url"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn feed_settings_choose_formats_scopes_limit_and_summaries() {
    let config = format!(
        "{}[feeds]\nformats = [\"rss\", \"json\"]\nper_tag = false\nper_edition = false\nlimit = 2\nfull_content = false\n",
        common::SITE_TOML
    );
    let site = Site::new(&[
        ("site.toml", &config),
        (
            "seeds/2025-01-03-a.md",
            "+++\ntitle = \"A\"\ntags = [\"x\"]\nsummary = \"Sum A.\"\n+++\nBody A.\n",
        ),
        ("seeds/2025-01-02-b.md", "+++\ntitle = \"B\"\ntags = [\"x\"]\n+++\nBody B.\n"),
        ("seeds/2025-01-01-c.md", "+++\ntitle = \"C\"\n+++\nBody C.\n"),
    ]);
    site.build();
    let found: Vec<String> = feeds(&site.public()).into_iter().map(|(r, _)| r).collect();
    assert_eq!(found, ["feed.json", "feed.xml"]);
    assert_eq!(parse(&site.public(), "feed.xml").entries.len(), 2);
    let rss = site.read("feed.xml");
    assert!(!rss.contains("content:encoded") && !rss.contains("Body A."), "summaries only: {rss}");
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["items"][0]["content_text"], "Sum A.");
    assert!(json["items"][0]["content_html"].is_null());
    let head = site.html("tags/x.html");
    let links: Vec<&str> =
        head.select(&sel("link[rel=alternate]")).filter_map(|l| l.value().attr("href")).collect();
    assert_eq!(links, ["../feed.xml", "../feed.json"]);
}

#[test]
fn item_content_links_and_images_are_absolute() {
    let site = fixture("hostile");
    build_at(&site, NOW, &[]);
    let json: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let script = &json["items"][3];
    let html = script["content_html"].as_str().unwrap();
    let doc = scraper::Html::parse_fragment(html);
    let urls: Vec<&str> = doc
        .select(&sel("[href], [src]"))
        .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
        .collect();
    assert!(urls.len() >= 5, "{urls:?}");
    for url in &urls {
        assert!(url.starts_with("https://"), "relative URL {url} in {html}");
        if let Some(file) = url.strip_prefix(BASE) {
            let file = file.split('#').next().unwrap();
            assert!(site.public().join(file).is_file(), "{url} is no file");
        }
    }
    assert!(urls.contains(&"https://example.github.io/digest/articles/emoji.html"), "{urls:?}");
    assert!(
        urls.contains(&"https://example.github.io/digest/articles/script/chart.png"),
        "{urls:?}"
    );
    assert_eq!(script["image"], "https://example.github.io/digest/articles/script/lead.png");
    assert_eq!(script["external_url"], "https://example.org/story?a=1&b=2");
    assert!(html.contains("Wire &amp; &lt;Wire&gt;"), "source credit: {html}");
}

#[test]
fn pages_announce_the_feeds_that_exist() {
    let site = fixture("hostile");
    build_at(&site, NOW, &[]);
    let alternates = |page: &str| -> Vec<String> {
        let doc = site.html(page);
        doc.select(&sel("head link[rel=alternate]"))
            .map(|l| l.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert_eq!(alternates("index.html"), ["feed.xml", "atom.xml", "feed.json"]);
    assert_eq!(alternates("articles/emoji.html"), ["../feed.xml", "../atom.xml", "../feed.json"]);
    let tag = alternates("tags/r-d.html");
    assert_eq!(tag[3..], ["r-d.xml", "r-d.atom", "r-d.json"]);
    let edition = alternates("editions/2025-03-01.html");
    assert_eq!(edition[3..], ["2025-03-01.xml", "2025-03-01.atom", "2025-03-01.json"]);
    assert_eq!(
        alternates("404.html"),
        ["/digest/feed.xml", "/digest/atom.xml", "/digest/feed.json"]
    );
    // Every relative one names a file (broken_links also reads <link href>).
    assert_eq!(common::broken_links(&site.public()), Vec::<(String, String)>::new());
}

#[test]
fn a_site_with_no_dated_article_writes_and_links_no_feed() {
    let site = Site::new(&[("seeds/a.md", "+++\ntitle = \"Undated\"\n+++\nBody.\n")]);
    site.build();
    assert!(feeds(&site.public()).is_empty());
    assert!(site.html("index.html").select(&sel("link[rel=alternate]")).next().is_none());
}

#[test]
fn feeds_valid_script_passes_when_available() {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/checks/feeds-valid.py");
    let python_ok = std::process::Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !script.is_file() || !python_ok {
        eprintln!("skipped: {} or python3 with feedparser not available", script.display());
        return;
    }
    for base in [EXAMPLE_BASE, "https://example.github.io/"] {
        let site = Site::example();
        build_at(&site, NOW, &["--base-url", base]);
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(site.public())
            .args(["--base-url", base, "--strict", "--quiet"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "feeds-valid failed for {base}:\n{text}");
    }
}

#[test]
fn lead_pictures_are_enclosed_with_their_real_size_and_import_back() {
    let site = Site::example();
    build_at(&site, NOW, &[]);
    let public = site.public();
    let rss = std::fs::read_to_string(public.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let enclosures: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| n.has_tag_name("enclosure")).collect();
    assert!(!enclosures.is_empty(), "{rss}");
    let media = "http://search.yahoo.com/mrss/";
    for enclosure in &enclosures {
        let url = enclosure.attribute("url").unwrap();
        let path = url.strip_prefix(EXAMPLE_BASE).unwrap();
        let bytes = std::fs::metadata(public.join(path)).unwrap().len();
        assert_eq!(enclosure.attribute("length"), Some(&*bytes.to_string()), "{url}");
        assert!(enclosure.attribute("type").unwrap().starts_with("image/"), "{url}");
        let item = enclosure.parent().unwrap();
        let content = item.children().find(|n| n.has_tag_name((media, "content"))).unwrap();
        assert_eq!(content.attribute("url"), Some(url));
        assert_eq!(content.attribute("fileSize"), Some(&*bytes.to_string()));
    }
    let atom = std::fs::read_to_string(public.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let links = doc
        .descendants()
        .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("enclosure"))
        .count();
    assert_eq!(links, enclosures.len(), "{atom}");

    // Our own feeds, imported by another site, bring their pictures along.
    for feed in ["feed.xml", "atom.xml", "feed.json"] {
        let other = Site::new(&[]);
        let out = other.run(&["import", public.join(feed).to_str().unwrap()]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let seeds: Vec<String> = walk(&other.root().join("seeds"));
        let with_image = seeds.iter().filter(|s| s.contains("\nimage = ")).count();
        assert_eq!(with_image, enclosures.len(), "{feed}");
    }
}

/// The text of every file below `dir`.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            texts.extend(walk(&path));
        } else {
            texts.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    texts
}
