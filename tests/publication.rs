//! The whole publication: standalone pages, menus, profiles, the publisher's policies
//! and the sign-up page, built into temp folders and read back.

mod common;
use common::*;
use scraper::Html;
use serde_json::Value;
use std::path::Path;

const TOML: &str = r#"title = "Test Digest"
base_url = "https://example.github.io/digest/"
timezone = "UTC"

[publisher]
name = "Test Co-op"
corrections_policy = "policies/corrections"
ethics_policy = "policies/ethics"

[[menu.main]]
builtin = "front"
[[menu.main]]
name = "About"
page = "about"

[[menu.footer]]
builtin = "subscribe"
[[menu.footer]]
name = "Elsewhere"
url = "https://example.org/"

[email.signup]
action = "http://127.0.0.1:9/subscribe"
email_field = "EMAIL"
hidden = { list = "digest" }
"#;

const ARTICLE: &str = "+++\ntitle = \"Bridge reopens\"\ndate = 2025-04-17\nauthors = [\"Ana Ruiz\"]\ntags = [\"transport\"]\ncorrections = [{ date = 2025-04-18, note = \"Fixed a date.\" }]\n+++\nSee [who we are](../pages/about.md).\n";

fn publication() -> Site {
    Site::new(&[
        ("site.toml", TOML),
        ("seeds/2025-04-17-bridge.md", ARTICLE),
        (
            "pages/about.md",
            "+++\ntitle = \"About us\"\nmenu = \"footer\"\n+++\nRead [the bridge story](../seeds/2025-04-17-bridge.md).\n",
        ),
        (
            "pages/policies/corrections.md",
            "+++\ntitle = \"Corrections policy\"\n+++\nWe correct.\n",
        ),
        ("pages/policies/ethics.md", "+++\ntitle = \"Ethics policy\"\n+++\nWe behave.\n"),
        (
            "authors/ana-ruiz.md",
            "+++\nname = \"Ana Ruiz\"\nrole = \"Transport reporter\"\nlinks = { Mastodon = \"https://m.example/@ana\" }\n+++\nAna covers bridges.\n",
        ),
    ])
}

#[test]
fn pages_are_published_nested_linked_and_menued() {
    let site = publication();
    site.build();
    for page in
        ["about.html", "policies/corrections.html", "policies/ethics.html", "subscribe.html"]
    {
        assert!(site.public().join(page).is_file(), "{page}");
    }
    // Links between pages and articles resolve both ways.
    let about = site.html("about.html");
    let hrefs: Vec<String> =
        about.select(&sel("main a")).map(|a| a.value().attr("href").unwrap().to_string()).collect();
    assert!(hrefs.contains(&"articles/bridge.html".to_string()), "{hrefs:?}");
    let article = site.read("articles/bridge.html");
    assert!(article.contains("href=\"../about.html\""));
    // The corrected article links the corrections policy.
    assert!(
        article
            .contains("<p class=\"corrections-policy\"><a href=\"../policies/corrections.html\">")
    );
    // Every page links every menu entry, and marks itself current.
    for (page, current) in [
        ("index.html", Some("index.html")),
        ("policies/ethics.html", None),
        ("about.html", Some("about.html")),
    ] {
        let doc = site.html(page);
        let main: Vec<_> = doc.select(&sel(".site-nav a")).collect();
        assert_eq!(main.len(), 2, "{page}");
        let footer = texts(&doc, ".footer-nav a");
        assert_eq!(
            footer,
            ["Subscribe", "Elsewhere", "About us", "Corrections policy", "Ethics policy"],
            "{page}"
        );
        let marked: Vec<_> = doc
            .select(&sel("[aria-current=page]"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        match current {
            Some(path) => assert!(
                marked.iter().all(|h| h.ends_with(path)) && !marked.is_empty(),
                "{page}: {marked:?}"
            ),
            None => {
                assert!(marked.iter().all(|h| h.ends_with("ethics.html")), "{page}: {marked:?}")
            }
        }
    }
    assert!(broken_links(&site.public()).is_empty(), "{:?}", broken_links(&site.public()));
}

/// A page is dated only by its own front matter (an imported "About" page, a policy's
/// date), and stays out of every list even then.
#[test]
fn a_page_shows_the_date_its_front_matter_gives_and_no_other() {
    let site = publication();
    site.write(
        "pages/policies/ethics.md",
        "+++\ntitle = \"Ethics policy\"\ndate = 2024-03-01\nupdated = 2025-01-15\n+++\nWe behave.\n",
    );
    site.build();
    let ethics = site.html("policies/ethics.html");
    let published: Vec<_> = ethics.select(&sel("time.published")).collect();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].value().attr("datetime").map(|d| &d[..10]), Some("2024-03-01"));
    assert_eq!(texts(&ethics, ".updated time"), ["15 January 2025"]);
    assert!(site.html("about.html").select(&sel("time")).next().is_none(), "undated");
    assert!(!texts(&site.html("archive/index.html"), "main").concat().contains("Ethics"));
}

#[test]
fn pages_are_in_sitemap_and_search_but_no_feed_or_list() {
    let site = publication();
    site.build();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("https://example.github.io/digest/about.html"));
    assert!(sitemap.contains("policies/corrections.html"));
    for feed in ["feed.xml", "atom.xml", "feed.json"] {
        assert!(!site.read(feed).contains("About us"), "{feed}");
    }
    for list in ["index.html", "archive/index.html", "editions/index.html", "tags/transport.html"] {
        assert!(!texts(&site.html(list), "main").concat().contains("About us"), "{list}");
    }
    let news = site.read("news-sitemap.xml");
    assert!(!news.contains("about.html"));
    let index = site.read("assets/search-index.js");
    assert!(index.contains("\"kind\":\"page\",\"title\":\"About us\""));
}

#[test]
fn structured_data_names_the_publisher_its_policies_and_people() {
    let site = publication();
    site.build();
    let ld = |page: &str| -> Value {
        let doc = site.html(page);
        let script = doc.select(&sel("script[type='application/ld+json']")).next().unwrap();
        serde_json::from_str(&script.text().collect::<String>()).unwrap()
    };
    let article = ld("articles/bridge.html");
    let publisher = &article["publisher"];
    assert_eq!(publisher["@type"], "NewsMediaOrganization");
    assert_eq!(
        publisher["correctionsPolicy"],
        "https://example.github.io/digest/policies/corrections.html"
    );
    assert_eq!(publisher["ethicsPolicy"], "https://example.github.io/digest/policies/ethics.html");
    let author = &article["author"][0];
    assert_eq!(author["@type"], "Person");
    assert_eq!(author["jobTitle"], "Transport reporter");
    assert_eq!(author["sameAs"][0], "https://m.example/@ana");
    assert_eq!(author["url"], "https://example.github.io/digest/authors/ana-ruiz.html");
    let profile = ld("authors/ana-ruiz.html");
    assert_eq!(profile["@type"], "ProfilePage");
    assert_eq!(profile["mainEntity"]["name"], "Ana Ruiz");
    assert_eq!(ld("about.html")["@type"], "AboutPage");
    // The author page shows the bio above the articles, once.
    let page = site.read("authors/ana-ruiz.html");
    assert_eq!(page.matches("Ana covers bridges.").count(), 1);
    assert!(page.find("profile-bio").unwrap() < page.find("articles/bridge.html").unwrap());
}

#[test]
fn the_signup_form_posts_the_configured_fields_or_falls_back_to_mailto() {
    let site = publication();
    site.build();
    let doc = site.html("subscribe.html");
    let form = doc.select(&sel("form.signup-form")).next().expect("a form");
    assert_eq!(form.value().attr("action"), Some("http://127.0.0.1:9/subscribe"));
    assert_eq!(form.value().attr("method"), Some("post"));
    let input = doc.select(&sel("input[type=email]")).next().unwrap();
    assert_eq!(input.value().attr("name"), Some("EMAIL"));
    assert_eq!(input.value().attr("autocomplete"), Some("email"));
    let id = input.value().attr("id").unwrap();
    assert_eq!(doc.select(&sel(&format!("label[for={id}]"))).count(), 1);
    let hidden = doc.select(&sel("input[type=hidden][name=list]")).next().unwrap();
    assert_eq!(hidden.value().attr("value"), Some("digest"));
    assert_eq!(doc.select(&sel("script")).filter(|s| s.value().attr("type").is_none()).count(), 0);

    let plain = Site::new(&[
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[publisher]\nemail = \"desk@x.org\"\n",
        ),
        ("seeds/2025-04-17-a.md", "# A\n\nText.\n"),
    ]);
    plain.build();
    let doc = plain.html("subscribe.html");
    assert_eq!(doc.select(&sel("form")).count(), 0);
    let mailto = doc.select(&sel("a.signup-mailto")).next().unwrap();
    assert!(mailto.value().attr("href").unwrap().starts_with("mailto:desk@x.org"));
}

#[test]
fn clashes_and_missing_targets_are_errors_with_file_and_line() {
    let clash = Site::new(&[
        ("seeds/2025-04-17-a.md", "# A\n\nText.\n"),
        ("pages/search.md", "# Search\n\nText.\n"),
    ]);
    let out = clash.run(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "pages/search.md:1: would be published at `search.html`, which is the search page"
        ),
        "{}",
        stderr(&out)
    );

    let toml = format!(
        "{SITE_TOML}\n[publisher]\nethics_policy = \"ethics\"\n\n[[menu.footer]]\npage = \"nowhere\"\n"
    );
    let missing =
        Site::new(&[("site.toml", toml.as_str()), ("seeds/2025-04-17-a.md", "# A\n\nText.\n")]);
    let err = stderr(&missing.run(&["build"]));
    assert!(
        err.contains(
            "site.toml:9: menu entry names page `nowhere`, but there is no pages/nowhere.md"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "site.toml:6: `ethics_policy` names page `ethics`, but there is no pages/ethics.md"
        ),
        "{err}"
    );
}

#[test]
fn editing_a_page_rebuilds_to_what_a_clean_build_gives() {
    let site = publication();
    site.build();
    site.write(
        "pages/about.md",
        "+++\ntitle = \"About the co-op\"\nmenu = \"footer\"\n+++\nNew text.\n",
    );
    site.build();
    let incremental = site.snapshot();
    assert!(site.read("articles/bridge.html").contains("About the co-op"));
    let out = site.run(&["build", "--clean", "--now", "2026-01-01T00:00:00Z"]);
    assert!(out.status.success());
    assert_eq!(incremental, site.snapshot());
}

/// schema.org's own list of the properties each type has (its own and inherited), cut
/// from schema.org's release file: see `tests/fixtures/schemaorg/README.md`.
#[allow(clippy::disallowed_methods)] // a test fixture, read directly
fn schema_org() -> serde_json::Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemaorg/properties.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every typed node of `node`, depth first.
fn typed<'a>(node: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match node {
        serde_json::Value::Object(map) => {
            if map.contains_key("@type") {
                out.push(node);
            }
            map.values().for_each(|v| typed(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| typed(v, out)),
        _ => {}
    }
}

#[test]
fn structured_data_uses_only_what_schema_org_defines() {
    let site = Site::example();
    site.build();
    let vocabulary = schema_org();
    let mut nodes = Vec::new();
    let mut documents = Vec::new();
    for (path, bytes) in common::tree(&site.public()) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for script in doc.select(&sel("script[type='application/ld+json']")) {
            let text: String = script.text().collect();
            let value: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: JSON-LD does not parse: {e}", path.display()));
            documents.push((path.clone(), value));
        }
    }
    for (_, value) in &documents {
        typed(value, &mut nodes);
    }
    let mut wrong = Vec::new();
    for node in &nodes {
        let kind = node["@type"].as_str().expect("one @type per node");
        let Some(known) = vocabulary["types"][kind]["properties"].as_array() else {
            wrong.push(format!("{kind}: not in the fixture (add it from schema.org)"));
            continue;
        };
        for key in node.as_object().unwrap().keys().filter(|k| !k.starts_with('@')) {
            if !known.iter().any(|p| p == key.as_str()) {
                wrong.push(format!("{kind}.{key}"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "properties schema.org does not give these types: {wrong:?}");

    let of = |kind: &'static str| nodes.iter().filter(move |n| n["@type"] == kind);
    // The publisher, on every page, with the policies the example site names.
    let publisher = of("NewsMediaOrganization").next().expect("a NewsMediaOrganization");
    for property in ["masthead", "correctionsPolicy", "ethicsPolicy"] {
        let url = publisher[property].as_str().unwrap_or_default();
        assert!(url.starts_with("https://"), "publisher.{property} = {url:?}");
    }
    let without: Vec<_> = documents
        .iter()
        .filter(|(_, doc)| {
            let mut here = Vec::new();
            typed(doc, &mut here);
            !here.iter().any(|n| n["@type"] == "NewsMediaOrganization")
        })
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(without.is_empty(), "JSON-LD without the publisher: {without:?}");
    // Authors are people with a page, a job and links; their page is a ProfilePage.
    let person = of("Person").find(|p| p["jobTitle"].is_string()).expect("a Person with jobTitle");
    for property in ["url", "image", "sameAs", "name"] {
        assert!(!person[property].is_null(), "Person has no {property}: {person}");
    }
    let profile = of("ProfilePage").next().expect("a ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert!(of("AboutPage").next().is_some(), "the About page is an AboutPage");
}

#[test]
#[allow(clippy::disallowed_methods)] // copies a fixture picture
fn the_logo_goes_through_the_pictures_pipeline_at_googles_size() {
    let toml = "title = \"T\"\nbase_url = \"https://x.org/d/\"\n[publisher]\nname = \"Co\"\nlogo = \"brand/logo.png\"\n";
    let site = Site::new(&[("site.toml", toml), ("seeds/2025-04-17-a.md", "# A\n\nText.\n")]);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/alpha.png");
    std::fs::create_dir_all(site.root().join("static/brand")).unwrap();
    std::fs::copy(&fixture, site.root().join("static/brand/logo.png")).unwrap();
    site.build();
    let doc = site.html("index.html");
    let script = doc.select(&sel("script[type='application/ld+json']")).next().unwrap();
    let ld: Value = serde_json::from_str(&script.text().collect::<String>()).unwrap();
    let mut nodes = Vec::new();
    typed(&ld, &mut nodes);
    let publisher = nodes.iter().find(|n| n["@type"] == "NewsMediaOrganization").unwrap();
    let logo = &publisher["logo"];
    assert_eq!((logo["width"].as_u64(), logo["height"].as_u64()), (Some(600), Some(400)));
    let url = logo["url"].as_str().unwrap();
    let file = url.strip_prefix("https://x.org/d/").expect("an absolute URL under the site");
    assert!(file.starts_with("images/logo-600."), "{url}");
    let made = image::image_dimensions(site.public().join(file)).unwrap();
    assert_eq!(made, (600, 400), "the copy JSON-LD names is the size it says");

    // A logo naming no file is an error at its line; one smaller than Google asks, a warning.
    site.write("site.toml", &toml.replace("brand/logo.png", "brand/none.png"));
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("site.toml:5: [publisher] logo names `brand/none.png`"),
        "{}",
        stderr(&out)
    );
    let small = image::RgbaImage::new(64, 48);
    small.save(site.root().join("static/brand/small.png")).unwrap();
    site.write("site.toml", &toml.replace("brand/logo.png", "brand/small.png"));
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is 64×48 pixels; Google asks for at least 112×112"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn redirects_lead_old_paths_on_and_a_bad_one_is_an_error_at_its_line() {
    let toml = format!(
        "{TOML}\n[redirects]\n\"/2019/bridge-story/\" = \"seeds/2025-04-17-bridge.md\"\n\"/who.html\" = \"pages/about.md\"\n\"/topics/\" = \"/tags/index.html\"\n\"/old-shop/\" = \"https://shop.example/\"\n"
    );
    let site = publication();
    site.write("site.toml", &toml);
    site.build();
    // Each old path is a page that leads on, relative to where it is, and is no page of
    // the sitemap.
    let leads = |page: &str| {
        let doc = site.html(page);
        let refresh = doc.select(&sel("meta[http-equiv='refresh']")).next().unwrap();
        let url = refresh.value().attr("content").unwrap().split_once("url=").unwrap().1;
        let canonical = doc.select(&sel("link[rel='canonical']")).next().unwrap();
        (url.to_string(), canonical.value().attr("href").unwrap().to_string())
    };
    let base = "https://example.github.io/digest/";
    assert_eq!(
        leads("2019/bridge-story/index.html"),
        ("../../articles/bridge.html".into(), format!("{base}articles/bridge.html"))
    );
    assert_eq!(leads("who.html"), ("about.html".into(), format!("{base}about.html")));
    assert_eq!(leads("topics/index.html").0, "../tags/index.html");
    assert_eq!(leads("old-shop/index.html").0, "https://shop.example/");
    assert!(broken_links(&site.public()).is_empty(), "{:?}", broken_links(&site.public()));
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("who.html") && !sitemap.contains("2019/"), "{sitemap}");

    // A target that is no page, and an old path a page already has, are errors at their
    // lines; the previous output stays.
    let bad = format!(
        "{TOML}\n[redirects]\n\"/gone/\" = \"seeds/no-such.md\"\n\"/about.html\" = \"/\"\n\"/x/\" = \"/nowhere/\"\n"
    );
    let line = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    site.write("site.toml", &bad);
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "site.toml:{}: redirect target `seeds/no-such.md` is no article or page",
            line("/gone/")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "site.toml:{}: redirect `/about.html` would replace a page of the site",
            line("/about.html")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("site.toml:{}: redirect target `/nowhere/` is no page", line("/x/"))),
        "{err}"
    );
    assert!(site.public().join("who.html").is_file(), "the previous output is kept");
}
