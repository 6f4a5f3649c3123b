//! Page metadata end to end: NewsArticle JSON-LD, Open Graph and Twitter tags on
//! articles, WebSite + ItemList on lists, corrections, republished stories, redirect
//! pages and the GitHub Pages files. JSON-LD is parsed as JSON, pages with scraper.
#![allow(clippy::disallowed_methods)] // tests read fixture files directly

mod common;
mod syndication;

use common::{Site, sel, texts};
use serde_json::Value;
use syndication::{BASE, build_at, file_for, fixture, json_ld, meta};

const EXAMPLE_BASE: &str = "https://example.github.io/broadsheet/";
const NOW: &str = "2026-01-01T00:00:00Z";

fn hostile() -> Site {
    let site = fixture("hostile");
    build_at(&site, NOW, &[]);
    site
}

/// The only JSON-LD block of a page.
fn only_json_ld(html: &str) -> Value {
    let mut blocks = json_ld(html);
    assert_eq!(blocks.len(), 1, "one JSON-LD block per page");
    blocks.remove(0)
}

#[test]
fn article_json_ld_is_a_complete_news_article() {
    let site = Site::example();
    site.build();
    let ld = only_json_ld(&site.read("articles/council-bridge-funding.html"));
    let url = format!("{EXAMPLE_BASE}articles/council-bridge-funding.html");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["url"], url);
    assert_eq!(ld["mainEntityOfPage"]["@id"], url);
    assert_eq!(ld["headline"], "Council Approves $2.4 Million for Emergency Bridge Repair");
    assert!(
        ld["abstract"].as_str().unwrap().starts_with("Northport's city council voted unanimously")
    );
    assert_eq!(ld["datePublished"], "2025-04-16T19:15:00+01:00");
    assert_eq!(ld["dateModified"], "2025-04-17T09:00:00+01:00");
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(ld["author"][0]["name"], "Idris Vantongeren");
    assert_eq!(ld["author"][0]["url"], format!("{EXAMPLE_BASE}authors/idris-vantongeren.html"));
    assert_eq!(ld["publisher"]["@type"], "NewsMediaOrganization");
    assert_eq!(ld["publisher"]["name"], "Northport Broadsheet Cooperative");
    assert_eq!(ld["articleSection"], "Local");
    assert_eq!(
        ld["keywords"],
        serde_json::json!(["transport", "council", "infrastructure", "budget"])
    );
    assert!(ld["wordCount"].as_u64().unwrap() > 200);
    assert_eq!(ld["inLanguage"], "en");
    assert_eq!(ld["isBasedOn"]["url"], "https://example.com/northport-council/meetings/2025-04-16");
    assert_eq!(ld["isBasedOn"]["name"], "Northport City Council");
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert!(ld["correction"][0]["text"].as_str().unwrap().contains("$2.4 million"));
    assert_eq!(ld["correction"][0]["datePublished"], "2025-04-17T00:00:00+01:00");
}

#[test]
fn a_headline_cannot_end_the_json_ld_block() {
    let site = hostile();
    let html = site.read("articles/script.html");
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(doc.select(&sel("script")).count(), 1, "the headline opened no script");
    let ld = only_json_ld(&html);
    assert_eq!(ld["headline"], "</script><script>alert('x')</script> & Co. ]]> <![CDATA[ end");
    assert_eq!(ld["abstract"], "A dek with </script> & \"quotes\" ]]>");
    assert_eq!(ld["articleSection"], "News & <Views>");
    assert_eq!(ld["keywords"], serde_json::json!(["R&D", "<b>bold</b>"]));
    assert_eq!(ld["author"][1]["name"], "Bo & Co");
    assert_eq!(ld["image"][0]["url"], format!("{BASE}articles/script/lead.png"));
    assert_eq!(ld["isBasedOn"]["url"], "https://example.org/story?a=1&b=2");
    // The block's raw text holds no character that HTML could read as markup.
    let raw: String = doc.select(&sel("script")).next().unwrap().text().collect();
    assert!(!raw.contains('<') && !raw.contains('>') && !raw.contains('&'), "{raw}");
}

#[test]
fn articles_carry_open_graph_and_twitter_cards() {
    let site = hostile();
    let html = site.read("articles/script.html");
    let url = format!("{BASE}articles/script.html");
    assert_eq!(meta(&html, "og:type"), ["article"]);
    assert_eq!(meta(&html, "og:url"), [url.as_str()]);
    assert_eq!(
        meta(&html, "og:title"),
        ["</script><script>alert('x')</script> & Co. ]]> <![CDATA[ end"]
    );
    assert_eq!(meta(&html, "og:description"), ["A dek with </script> & \"quotes\" ]]>"]);
    assert_eq!(meta(&html, "og:image"), [format!("{BASE}articles/script/lead.png")]);
    assert!(site.public().join("articles/script/lead.png").is_file());
    assert_eq!(meta(&html, "og:image:alt"), ["A \"lead\" <image>"]);
    assert_eq!(meta(&html, "article:published_time"), ["2025-03-01T09:30:00-05:00"]);
    assert_eq!(
        meta(&html, "article:author"),
        [format!("{BASE}authors/ann-ann-example-org.html"), format!("{BASE}authors/bo-co.html")]
    );
    assert_eq!(meta(&html, "article:section"), ["News & <Views>"]);
    assert_eq!(meta(&html, "article:tag"), ["R&D", "<b>bold</b>"]);
    assert_eq!(meta(&html, "twitter:card"), ["summary_large_image"]);
    assert_eq!(meta(&html, "twitter:image"), [format!("{BASE}articles/script/lead.png")]);
    let canonical = scraper::Html::parse_document(&html);
    let link = canonical.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some(url.as_str()));
    assert_eq!(meta(&html, "description"), ["A dek with </script> & \"quotes\" ]]>"]);
    let other = site.read("index.html");
    assert_eq!(meta(&other, "og:type"), ["website"]);
    assert_eq!(meta(&other, "twitter:card"), ["summary"]);
}

#[test]
fn corrections_and_updates_set_date_modified() {
    let site = hostile();
    let html = site.read("articles/emoji.html");
    let ld = only_json_ld(&html);
    assert_eq!(ld["datePublished"], "2025-03-03T02:45:00-05:00");
    assert_eq!(
        ld["dateModified"], "2025-03-05T10:00:00-05:00",
        "the correction is the last change"
    );
    assert_eq!(ld["correction"][0]["text"], "An earlier version misspelled <Zoë> & friends.");
    assert_eq!(meta(&html, "article:modified_time"), ["2025-03-05T10:00:00-05:00"]);
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(texts(&doc, ".corrections li").len(), 1);
    assert!(texts(&doc, ".article-meta .updated")[0].starts_with("Updated"));
    // An article never changed has dateModified = datePublished and no modified_time tag.
    let wire = site.read("articles/wire-copy-with-tags-marks.html");
    let ld = only_json_ld(&wire);
    assert_eq!(ld["dateModified"], ld["datePublished"]);
    assert!(meta(&wire, "article:modified_time").is_empty());
}

#[test]
fn republished_stories_stay_out_of_google_news_and_credit_the_source() {
    let site = hostile();
    let html = site.read("articles/rtl.html");
    assert_eq!(meta(&html, "Googlebot-News"), ["noindex"]);
    let doc = scraper::Html::parse_document(&html);
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(canonical.value().attr("href"), Some(format!("{BASE}articles/rtl.html").as_str()));
    let credit = doc.select(&sel(".source-credit a")).next().unwrap();
    assert_eq!(credit.value().attr("href"), Some("https://example.org/ar/story"));
    assert_eq!(only_json_ld(&html)["inLanguage"], "ar");
    assert_eq!(only_json_ld(&html)["isBasedOn"]["name"], "الجزيرة");
    // A summary that cites a source is indexed normally.
    assert!(meta(&site.read("articles/script.html"), "Googlebot-News").is_empty());
}

/// Absolute URLs of the stories a list page shows in `<main>`, in order.
fn listed_stories(site: &Site, page: &str, base: &str) -> Vec<String> {
    let doc = site.html(page);
    let here = url::Url::parse(&format!("{base}{page}")).unwrap();
    doc.select(&sel("main .story-title a, main .story-list li > a, main .headline-list li > a"))
        .map(|a| here.join(a.value().attr("href").unwrap()).unwrap().to_string())
        .collect()
}

#[test]
fn list_pages_describe_the_site_and_their_list() {
    let site = Site::example();
    site.build();
    for page in [
        "index.html",
        "page/2.html",
        "tags/transport.html",
        "editions/2025-04-17.html",
        "archive/2025.html",
        "archive/2025-04.html",
    ] {
        let ld = only_json_ld(&site.read(page));
        let graph = ld["@graph"].as_array().unwrap_or_else(|| panic!("{page}: no @graph"));
        let website = graph.iter().find(|n| n["@type"] == "WebSite").expect("WebSite");
        assert_eq!(website["url"], EXAMPLE_BASE);
        assert_eq!(website["name"], "The Northport Broadsheet");
        let list = graph.iter().find(|n| n["@type"] == "ItemList").expect("ItemList");
        let items = list["itemListElement"].as_array().unwrap();
        assert_eq!(list["numberOfItems"], items.len());
        let urls: Vec<String> =
            items.iter().map(|i| i["url"].as_str().unwrap().to_string()).collect();
        let positions: Vec<u64> = items.iter().map(|i| i["position"].as_u64().unwrap()).collect();
        assert_eq!(positions, (1..=items.len() as u64).collect::<Vec<_>>());
        let mut shown = listed_stories(&site, page, EXAMPLE_BASE);
        let mut listed = urls.clone();
        if page == "index.html" {
            // The front page groups by edition and day; the list keeps every story once.
            shown.sort();
            listed.sort();
        }
        assert_eq!(listed, shown, "{page}: ItemList matches the stories shown");
        for url in &urls {
            assert!(file_for(&site.public(), EXAMPLE_BASE, url).is_some(), "{page}: {url}");
        }
    }
    let archive = only_json_ld(&site.read("archive/index.html"));
    assert_eq!(
        archive["@graph"][1]["itemListElement"][0]["url"],
        format!("{EXAMPLE_BASE}archive/2025.html")
    );
    let tags = only_json_ld(&site.read("tags/index.html"));
    let list = &tags["@graph"][1];
    assert!(list["numberOfItems"].as_u64().unwrap() > 10);
    assert!(
        list["itemListElement"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{EXAMPLE_BASE}tags/"))
    );
}

#[test]
fn moved_pages_redirect_with_refresh_and_canonical() {
    let site = Site::example();
    site.build();
    let doc = site.html("old/harbor-bridge.html");
    let refresh = doc.select(&sel("meta[http-equiv=refresh]")).next().unwrap();
    assert_eq!(
        refresh.value().attr("content"),
        Some("0; url=../articles/harbor-bridge-closure.html")
    );
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some(format!("{EXAMPLE_BASE}articles/harbor-bridge-closure.html").as_str())
    );
    assert!(site.public().join("articles/harbor-bridge-closure.html").is_file());
}

#[test]
fn github_pages_files_work_at_any_depth() {
    for (base, path) in [(EXAMPLE_BASE, "/broadsheet/"), ("https://example.github.io/", "/")] {
        let site = Site::example();
        build_at(&site, NOW, &["--base-url", base]);
        assert_eq!(std::fs::read(site.public().join(".nojekyll")).unwrap(), b"");
        let doc = site.html("404.html");
        let links: Vec<&str> = doc
            .select(&sel("[href], [src]"))
            .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
            .collect();
        assert!(links.len() >= 6, "{links:?}");
        for link in links {
            if link.starts_with("https://") || link.starts_with('#') {
                continue; // canonical, skip link
            }
            let under = link
                .strip_prefix(path)
                .unwrap_or_else(|| panic!("{link} does not start at {path}"));
            assert!(file_for(&site.public(), base, &format!("{base}{under}")).is_some(), "{link}");
        }
    }
}

#[test]
fn a_tag_spelled_another_way_reads_as_the_site_names_it() {
    // The example's community-garden story is tagged `Harbor District`; three other
    // stories spell the same topic `harbor-district`, which is the topic's name. The
    // article, its Open Graph tags, its JSON-LD, the feed and the topic page agree.
    let site = Site::example();
    site.build();
    let seed =
        std::fs::read_to_string(site.root().join("seeds/2025-04-18-harbor-community-garden.md"))
            .unwrap();
    assert!(seed.contains("\"Harbor District\""), "the fixture changed");
    let html = site.read("articles/harbor-community-garden.html");
    assert_eq!(meta(&html, "article:tag"), ["harbor-district", "parks"]);
    assert_eq!(only_json_ld(&html)["keywords"], serde_json::json!(["harbor-district", "parks"]));
    let doc = scraper::Html::parse_document(&html);
    let shown = texts(&doc, "a[href$='tags/harbor-district.html']");
    assert!(!shown.is_empty() && shown.iter().all(|t| t == "harbor-district"), "{shown:?}");
    assert!(!html.contains("Harbor District"), "the editor's own spelling is still printed");
    let topic = site.html("tags/harbor-district.html");
    assert_eq!(texts(&topic, "h1"), ["harbor-district"]);
    let feed = site.read("feed.xml");
    let item = feed.split("<item>").find(|i| i.contains("harbor-community-garden")).unwrap();
    assert!(item.contains("<category>harbor-district</category>"), "{item}");
    assert!(!item.contains("Harbor District"));
}
