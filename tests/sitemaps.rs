//! Sitemaps end to end: every `<loc>` maps to a file, the news sitemap holds exactly
//! the articles of the two days before a fixed `--now`, robots.txt names both.
#![allow(clippy::disallowed_methods)] // tests read fixture files directly

mod common;
mod syndication;

use common::Site;
use syndication::{BASE, build_at, file_for, fixture, xml_texts};

const EXAMPLE_BASE: &str = "https://example.github.io/broadsheet/";

#[test]
fn every_sitemap_loc_is_a_page_of_the_site() {
    for base in [EXAMPLE_BASE, "https://example.github.io/"] {
        let site = Site::example();
        build_at(&site, "2026-01-01T00:00:00Z", &["--base-url", base]);
        let public = site.public();
        let xml = site.read("sitemap.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "urlset");
        assert_eq!(
            doc.root_element().tag_name().namespace(),
            Some("http://www.sitemaps.org/schemas/sitemap/0.9")
        );
        let locs = xml_texts(&xml, "loc");
        for loc in &locs {
            assert!(file_for(&public, base, loc).is_some(), "{loc} is no file under {base}");
        }
        let unique: std::collections::BTreeSet<&String> = locs.iter().collect();
        assert_eq!(unique.len(), locs.len(), "no URL twice");
        // Every article and list page is listed; 404.html and redirects are not.
        for page in
            ["articles/council-bridge-funding.html", "tags/transport.html", "editions/index.html"]
        {
            let url = format!("{base}{}", page.strip_suffix("index.html").unwrap_or(page));
            assert!(locs.contains(&url), "{url} not listed");
        }
        assert!(locs.contains(&base.to_string()), "front page not listed");
        assert!(!locs.iter().any(|l| l.ends_with("404.html") || l.contains("/old/")), "{locs:?}");
        // And the other way round: every page file but 404.html and redirects is listed.
        let listed: std::collections::BTreeSet<std::path::PathBuf> =
            locs.iter().filter_map(|l| file_for(&public, base, l)).collect();
        for (rel, _) in common::tree(&public) {
            let page = rel.to_string_lossy().replace('\\', "/");
            // E-mails (email/) are copies of edition pages for inboxes, not pages to index.
            let email = page.starts_with("email/");
            if page.ends_with(".html") && page != "404.html" && !page.starts_with("old/") && !email
            {
                assert!(listed.contains(&public.join(&rel)), "{page} missing from sitemap.xml");
            }
        }
        for lastmod in xml_texts(&xml, "lastmod") {
            assert!(lastmod.parse::<jiff::Timestamp>().is_ok(), "lastmod {lastmod} is not W3C");
        }
    }
}

#[test]
fn an_updated_article_is_listed_with_its_last_change() {
    let site = Site::example();
    site.build();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let url = doc
        .descendants()
        .find(|n| {
            n.text()
                == Some("https://example.github.io/broadsheet/articles/council-bridge-funding.html")
        })
        .unwrap()
        .parent()
        .unwrap();
    let lastmod = url.children().find(|n| n.tag_name().name() == "lastmod").unwrap();
    assert_eq!(lastmod.text(), Some("2025-04-17T09:00:00+01:00"));
}

fn window_site() -> Site {
    let article =
        |title: &str, extra: &str| format!("+++\ntitle = \"{title}\"\n{extra}\n+++\nBody.\n");
    Site::new(&[
        ("seeds/a.md", &article("One Hour Ago & <Now>", "date = 2025-06-10T11:00:00Z")),
        ("seeds/b.md", &article("Forty-Seven and a Half Hours", "date = 2025-06-08T12:30:00Z")),
        ("seeds/c.md", &article("Forty-Eight and a Half Hours", "date = 2025-06-08T11:30:00Z")),
        ("seeds/g.md", &article("Exactly Forty-Eight Hours", "date = 2025-06-08T12:00:00Z")),
        ("seeds/d.md", &article("Future", "date = 2025-06-10T13:00:00Z")),
        ("seeds/e.md", &article("Republished", "date = 2025-06-09T12:00:00Z\nrepublished = true")),
        ("seeds/f.md", &article("Undated", "")),
        ("seeds/h.md", &article("繁體中文", "date = 2025-06-10T00:00:00Z\nlang = \"zh-Hant\"")),
    ])
}

#[test]
fn news_sitemap_holds_exactly_the_last_two_days() {
    let site = window_site();
    build_at(&site, "2025-06-10T12:00:00Z", &["--future"]);
    let xml = site.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element().lookup_namespace_uri(Some("news")),
        Some("http://www.google.com/schemas/sitemap-news/0.9")
    );
    let locs = xml_texts(&xml, "loc");
    let expected = ["a", "h", "b"].map(|s| format!("{BASE}articles/{s}.html"));
    assert_eq!(locs, expected);
    assert_eq!(
        xml_texts(&xml, "title"),
        ["One Hour Ago & <Now>", "繁體中文", "Forty-Seven and a Half Hours"]
    );
    assert_eq!(xml_texts(&xml, "name"), ["Test Digest"; 3]);
    assert_eq!(xml_texts(&xml, "language"), ["en", "zh-tw", "en"]);
    assert_eq!(xml_texts(&xml, "publication_date")[0], "2025-06-10T11:00:00+00:00");
    for loc in &locs {
        assert!(file_for(&site.public(), BASE, loc).is_some(), "{loc}");
    }
    // A day later only the newest two are recent.
    build_at(&site, "2025-06-11T06:00:00Z", &["--future"]);
    let later = xml_texts(&site.read("news-sitemap.xml"), "loc");
    assert_eq!(later, [format!("{BASE}articles/d.html"), expected[0].clone(), expected[1].clone()]);
}

#[test]
fn news_sitemap_is_written_empty_when_nothing_is_recent() {
    let site = window_site();
    build_at(&site, "2025-07-01T00:00:00Z", &[]);
    let xml = site.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    assert_eq!(doc.root_element().children().filter(|n| n.is_element()).count(), 0, "{xml}");
}

#[test]
fn hostile_titles_stay_text_in_the_news_sitemap() {
    let site = fixture("hostile");
    build_at(&site, "2025-03-05T00:00:00Z", &[]);
    let xml = site.read("news-sitemap.xml");
    let titles = xml_texts(&xml, "title");
    // 4 March wire copy and the emoji story are recent; the RTL story is republished.
    assert_eq!(
        titles,
        ["Wire Copy With <Tags> & ]]> Marks", "Emoji 🎉🔥 headline 👩‍👩‍👧 with a controlchar"]
    );
}

#[test]
fn robots_txt_points_to_both_sitemaps() {
    let site = Site::example();
    site.build();
    let robots = site.read("robots.txt");
    let sitemaps: Vec<&str> = robots.lines().filter_map(|l| l.strip_prefix("Sitemap: ")).collect();
    assert_eq!(
        sitemaps,
        [format!("{EXAMPLE_BASE}sitemap.xml"), format!("{EXAMPLE_BASE}news-sitemap.xml")]
    );
    for url in sitemaps {
        assert!(file_for(&site.public(), EXAMPLE_BASE, url).is_some(), "{url}");
    }
    assert!(robots.contains("User-agent: *"));
}

#[test]
fn a_robots_txt_in_static_replaces_the_built_one() {
    let site = Site::new(&[
        ("seeds/2025-01-02-a.md", "+++\ntitle = \"A\"\n+++\nBody.\n"),
        ("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n"),
    ]);
    site.build();
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /drafts/\n");
    assert!(site.public().join("sitemap.xml").is_file());
}
