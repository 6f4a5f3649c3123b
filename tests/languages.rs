//! One publication, many languages: the four-language fixture (English at the root,
//! French, Arabic and Chinese in their folders) built into a temp folder, every page
//! parsed. Its Chinese articles and one French one are real news copy (CREDITS.md).
#![allow(clippy::disallowed_methods)] // tests read the files they write directly

mod common;

use common::{Site, broken_links, copy_tree, sel, stderr, tree};
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BASE: &str = "https://example.github.io/digest/";

fn fixture() -> Site {
    let site = Site::new(&[]);
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages");
    copy_tree(&from, site.root());
    site
}

/// Every HTML page of the output, by path.
fn pages(site: &Site) -> BTreeMap<String, Html> {
    tree(&site.public())
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| {
            (p.display().to_string(), Html::parse_document(&String::from_utf8(b).unwrap()))
        })
        .collect()
}

/// A page's `hreflang` set: language -> absolute URL.
fn hreflangs(page: &Html) -> BTreeMap<String, String> {
    page.select(&sel("link[rel=alternate][hreflang]"))
        .map(|l| (l.attr("hreflang").unwrap().to_string(), l.attr("href").unwrap().to_string()))
        .collect()
}

/// The output file an absolute URL of the site names.
fn file_of(url: &str) -> String {
    let rest = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not the site's"));
    if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.into() }
}

/// Broken links, but for the e-mail edition's unsubscribe merge tag (for the sending
/// service to replace) in each language's `email/` folder.
fn broken(public: &Path) -> Vec<(String, String)> {
    let merge_tag =
        |(page, link): &(String, String)| page.contains("/email/") && link == "{{unsubscribe}}";
    broken_links(public).into_iter().filter(|b| !merge_tag(b)).collect()
}

fn attr(page: &Html, css: &str, name: &str) -> Option<String> {
    page.select(&sel(css)).next().and_then(|e| e.attr(name)).map(String::from)
}

#[test]
fn every_hreflang_set_is_reciprocal_and_has_x_default() {
    let site = fixture();
    site.build();
    let pages = pages(&site);
    let mut checked = 0;
    for (path, page) in &pages {
        let set = hreflangs(page);
        if set.is_empty() {
            continue;
        }
        checked += 1;
        assert!(set.contains_key("x-default"), "{path} has no x-default: {set:?}");
        let own = attr(page, "html", "lang").unwrap();
        assert_eq!(file_of(&set[&own]), *path, "{path} does not list itself under `{own}`");
        for (lang, url) in set.iter().filter(|(l, _)| *l != "x-default") {
            let other = &pages[&file_of(url)];
            assert_eq!(attr(other, "html", "lang").as_deref(), Some(lang.as_str()), "{url}");
            assert_eq!(hreflangs(other), set, "{path} and {url} disagree");
        }
    }
    // Six of the site's own pages in three languages (front page, search, sign-up,
    // editions, archive, topics) and five in Chinese (its articles have no topic), three
    // versions of the ferry story, two of the market story, two of the About page,
    // three of the ferries topic.
    assert_eq!(checked, 6 * 3 + 5 + 3 + 2 + 2 + 3);
    assert_eq!(hreflangs(&pages["ar/search.html"])["fr"], format!("{BASE}fr/search.html"));
    assert_eq!(hreflangs(&pages["fr/about.html"])["en"], format!("{BASE}about.html"));
    let ferry = hreflangs(&pages["articles/ferry.html"]);
    assert_eq!(ferry["x-default"], format!("{BASE}articles/ferry.html"));
    assert_eq!(ferry["fr"], format!("{BASE}fr/articles/ferry.html"));
    assert_eq!(ferry["ar"], format!("{BASE}ar/articles/ferry.html"));
    assert_eq!(
        hreflangs(&pages["fr/articles/marche.html"])["en"],
        format!("{BASE}articles/market.html")
    );
    // An untranslated article has no alternates and no switcher.
    assert!(hreflangs(&pages["articles/budget.html"]).is_empty());
    assert_eq!(pages["articles/budget.html"].select(&sel(".language-switcher")).count(), 0);
}

/// `<url>`s of a sitemap: loc -> its alternates.
fn sitemap(xml: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let field = |text: &str, open: &str, close: &str| {
        text.split_once(open).and_then(|(_, r)| r.split_once(close)).map(|(v, _)| v.to_string())
    };
    xml.split("<url>")
        .skip(1)
        .map(|url| {
            let loc = field(url, "<loc>", "</loc>").unwrap();
            let links = url.split("<xhtml:link ").skip(1).map(|l| {
                let lang = field(l, "hreflang=\"", "\"").unwrap();
                (lang, field(l, "href=\"", "\"").unwrap())
            });
            (loc, links.collect())
        })
        .collect()
}

#[test]
fn sitemaps_list_the_same_alternates_as_the_pages() {
    let site = fixture();
    site.build();
    let pages = pages(&site);
    let robots = site.read("robots.txt");
    let mut with_alternates = 0;
    for lang in ["", "fr/", "ar/"] {
        assert!(robots.contains(&format!("Sitemap: {BASE}{lang}sitemap.xml\n")), "{robots}");
        let xml = site.read(&format!("{lang}sitemap.xml"));
        for (loc, links) in sitemap(&xml) {
            assert!(loc.starts_with(&format!("{BASE}{lang}")), "{loc} in {lang}sitemap.xml");
            let page = &pages[&file_of(&loc)];
            assert_eq!(links, hreflangs(page), "{loc}");
            with_alternates += usize::from(!links.is_empty());
        }
    }
    assert_eq!(with_alternates, 6 * 3 + 3 + 2 + 2 + 3); // + the ferries topic page
    assert!(site.read("sitemap.xml").contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
}

#[test]
fn each_language_has_its_own_front_page_feeds_and_search() {
    let site = fixture();
    site.build();
    let headlines = |path: &str| -> BTreeSet<String> {
        let page = site.html(path);
        page.select(&sel("main a[href*='articles/']"))
            .map(|a| a.attr("href").unwrap().to_string())
            .collect()
    };
    for href in headlines("index.html") {
        assert!(href.starts_with("articles/"), "English front page links {href}");
    }
    for href in headlines("fr/index.html") {
        assert!(href.starts_with("articles/"), "French front page links {href}");
    }
    let fr = site.html("fr/index.html");
    assert_eq!(attr(&fr, "html", "lang").as_deref(), Some("fr"));
    assert!(fr.html().contains("Le Journal du Port"));
    assert!(fr.html().contains("Des traversées tardives"));
    assert!(!fr.html().contains("Late Ferries"));
    // French menus from [languages.fr]; the French page named `about` is `about.fr.md`.
    let menu: Vec<String> =
        fr.select(&sel(".site-nav a")).map(|a| a.attr("href").unwrap().into()).collect();
    assert_eq!(menu, ["index.html", "about.html"]);
    assert!(site.read("fr/about.html").contains("Nous couvrons le port."));

    for (lang, feed_lang, own, other) in
        [("", "en", "Late Ferries", "traversées"), ("fr/", "fr", "traversées", "Late Ferries")]
    {
        let rss = site.read(&format!("{lang}feed.xml"));
        assert!(rss.contains(&format!("<language>{feed_lang}</language>")), "{rss}");
        assert!(rss.contains(own) && !rss.contains(other), "{lang}feed.xml");
        let atom = site.read(&format!("{lang}atom.xml"));
        assert!(atom.contains(&format!("xml:lang=\"{feed_lang}\"")), "{atom}");
        let json = site.read(&format!("{lang}feed.json"));
        assert!(json.contains(&format!("\"language\": \"{feed_lang}\"")), "{json}");
        let news = site.read(&format!("{lang}news-sitemap.xml"));
        assert!(news.contains(&format!("<news:language>{feed_lang}</news:language>")), "{news}");
        assert!(!news.contains("<news:language>ar"), "{news}");
        let index = site.read(&format!("{lang}assets/search-index.js"));
        assert!(index.contains(own) && !index.contains(other), "{lang} search index");
    }
    let rss = site.read("ar/feed.xml");
    assert!(rss.contains("<language>ar</language>") && !rss.contains("Late Ferries"));
}

#[test]
fn switcher_links_resolve_at_the_root_and_under_a_subpath() {
    let site = fixture();
    site.build();
    assert_eq!(broken(&site.public()), Vec::<(String, String)>::new());
    let page = site.html("fr/articles/ferry.html");
    let links: Vec<(String, String, String, String)> = page
        .select(&sel(".language-switcher a"))
        .map(|a| {
            let v = a.value();
            let get = |n: &str| v.attr(n).unwrap().to_string();
            (get("href"), get("hreflang"), get("lang"), a.text().collect())
        })
        .collect();
    assert_eq!(
        links,
        [
            ("../../articles/ferry.html".into(), "en".into(), "en".into(), "English".into()),
            ("../../ar/articles/ferry.html".into(), "ar".into(), "ar".into(), "العربية".into()),
        ]
    );
    let current = page.select(&sel(".language-switcher [aria-current=page]")).next().unwrap();
    assert_eq!(current.text().collect::<String>(), "Français");

    let sub = fixture();
    let out = sub.run(&[
        "build",
        "--now",
        "2026-01-01T00:00:00Z",
        "--base-url",
        "https://example.github.io/broadsheet/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(broken(&sub.public()), Vec::<(String, String)>::new());
    let ar = sub.html("ar/index.html");
    assert_eq!(
        hreflangs(&ar)["fr"],
        "https://example.github.io/broadsheet/fr/",
        "absolute alternates follow --base-url"
    );
}

#[test]
fn arabic_pages_are_right_to_left() {
    let site = fixture();
    site.build();
    let pages = pages(&site);
    let arabic: Vec<&String> = pages.keys().filter(|p| p.starts_with("ar/")).collect();
    assert!(arabic.len() > 5);
    for path in arabic {
        let page = &pages[path];
        assert_eq!(attr(page, "html", "dir").as_deref(), Some("rtl"), "{path}");
        assert_eq!(attr(page, "html", "lang").as_deref(), Some("ar"), "{path}");
    }
    assert_eq!(attr(&pages["fr/index.html"], "html", "dir").as_deref(), Some("ltr"));
    // Arabic's own labels, overridden where site.toml says so.
    assert!(pages["ar/index.html"].html().contains("الصفحة الأولى"));
}

#[test]
fn a_term_map_names_each_topic_in_its_language_and_links_the_versions() {
    let site = fixture();
    site.build();
    let pages = pages(&site);
    // The French ferry story is tagged `ferries`, the Arabic one `عبارات`: each files
    // under its language's name for the topic, and the three topic pages are linked.
    let fr = &pages["fr/articles/ferry.html"];
    let tag = fr.select(&sel("a[rel=tag]")).next().expect("a tag link");
    assert_eq!(tag.text().collect::<String>().trim(), "Traversiers");
    assert_eq!(tag.attr("href"), Some("../tags/traversiers.html"));
    assert!(!pages.contains_key("fr/tags/ferries.html"));
    let topic = &pages["fr/tags/traversiers.html"];
    assert_eq!(sel_text(topic, "h1"), "Traversiers");
    assert!(topic.html().contains("Des traversées tardives"));
    let set = hreflangs(&pages["tags/ferries.html"]);
    assert_eq!(set["fr"], format!("{BASE}fr/tags/traversiers.html"));
    let ar = file_of(&set["ar"]);
    assert!(ar.starts_with("ar/tags/") && !ar.contains("ferries"), "{ar}");
    assert_eq!(sel_text(&pages[&ar], "h1"), "عبارات");
    // The switcher on a topic page names the other languages' pages.
    let switch = topic.select(&sel(".language-switcher a[hreflang=en]")).next().unwrap();
    assert_eq!(switch.attr("href"), Some("../../tags/ferries.html"));
}

#[test]
fn a_term_map_entry_naming_nothing_is_an_error_at_its_line() {
    let site = fixture();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("ferries = \"Traversiers\"", "ferries = \"!!\""));
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "site.toml:19: `[languages.fr.terms]`: `ferries = \"!!\"` names no term (both sides need letters or digits)"
        ),
        "{}",
        stderr(&out)
    );
}

fn sel_text(page: &Html, css: &str) -> String {
    page.select(&sel(css))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn a_link_to_a_story_in_another_language_leads_to_that_version() {
    let site = fixture();
    let marche = std::fs::read_to_string(site.root().join("seeds/fr/marche.md")).unwrap();
    site.write(
        "seeds/fr/marche.md",
        &format!("{marche}\nLire [en anglais](../market.md#main) et [le conseil](../budget.md).\n"),
    );
    let out = site.build();
    assert!(!stderr(&out).contains("market.md"), "{}", stderr(&out));
    let page = site.html("fr/articles/marche.html");
    let href = |text: &str| {
        let a = page.select(&sel("main a")).find(|a| a.text().collect::<String>() == text);
        a.unwrap_or_else(|| panic!("no link `{text}`")).attr("href").unwrap().to_string()
    };
    assert_eq!(href("en anglais"), "../../articles/market.html#main");
    assert_eq!(href("le conseil"), "../../articles/budget.html");
    assert_eq!(broken(&site.public()), Vec::<(String, String)>::new());
}

#[test]
fn a_file_of_static_named_from_the_root_is_found_from_every_language() {
    // tabi's Spanish home page shows `/img/main.webp`: `static/` is the publication's,
    // published once at its root, while `/sections/x.html` is the language's own page.
    let site = fixture();
    let png =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/seeds/pics/lead.png");
    std::fs::create_dir_all(site.root().join("static/img")).unwrap();
    std::fs::copy(&png, site.root().join("static/img/main.png")).unwrap();
    site.write(
        "seeds/_index.fr.md",
        "+++\ntitle = \"Le Journal\"\nimage = { src = \"/img/main.png\", alt = \"Le port\" }\n+++\nVoir [le plan](/img/main.png).\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.html("fr/index.html");
    assert_eq!(attr(&page, ".front-intro-photo img", "src").as_deref(), Some("../img/main.png"));
    assert_eq!(attr(&page, ".front-intro-text a", "href").as_deref(), Some("../img/main.png"));
    assert_eq!(broken(&site.public()), Vec::<(String, String)>::new());
}

#[test]
fn a_languages_home_page_intro_is_no_section() {
    let site = fixture();
    site.write("seeds/_index.fr.md", "+++\ntitle = \"Le Journal\"\n+++\nBienvenue.\n");
    site.build();
    let pages = pages(&site);
    assert!(!pages.keys().any(|p| p.contains("sections/")), "a section page was made");
    let kickers = pages["fr/articles/ferry.html"].select(&sel(".kicker")).count();
    assert_eq!(kickers, 0, "the French story was filed under a section");
}

#[test]
fn a_language_the_site_does_not_have_is_an_error() {
    let site = fixture();
    site.write("seeds/ferry.de.md", "+++\ntitle = \"Fähren\"\n+++\n\nText.\n");
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "seeds/ferry.de.md:1: language `de` is not among the site's languages (en, ar, fr, zh); add `[languages.de]` to site.toml"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn two_versions_in_one_language_is_an_error_naming_both() {
    let site = fixture();
    site.write(
        "seeds/fr/traversier.md",
        "+++\ntitle = \"Traversier\"\nlang = \"fr\"\ntranslation_key = \"fish-market\"\n+++\n\nTexte.\n",
    );
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let (first, second) = ("seeds/fr/marche.md", "seeds/fr/traversier.md");
    assert!(
        err.contains(&format!("{second}:1: {first} is already the `fr` version of this story"))
            || err.contains(&format!(
                "{first}:1: {second} is already the `fr` version of this story"
            )),
        "{err}"
    );
}

#[test]
fn send_writes_the_edition_of_the_language_asked_for() {
    let site = fixture();
    let eml = site.root().join("fr.eml");
    let now = "2026-01-01T00:00:00Z";
    let out = site.run(&[
        "send",
        "--force",
        "--now",
        now,
        "--lang",
        "fr",
        "--eml",
        eml.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let raw = std::fs::read_to_string(&eml).unwrap();
    assert!(raw.contains("Le Journal du Port") && raw.contains("Des travers"), "{raw}");
    assert!(!raw.contains("Late Ferries"), "{raw}");
    assert!(site.read("fr/email/latest.html").contains("lang=\"fr\""));

    let out =
        site.run(&["send", "--force", "--now", now, "--lang", "de", "--to", "ann@example.org"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "send --lang de: the site is published in en, ar, fr, zh only (add `[languages.de]` to site.toml)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_incremental_build_of_a_translation_equals_a_clean_build() {
    let site = fixture();
    site.build();
    site.write("seeds/ferry.fr.md", "+++\ntitle = \"Des traversées tardives\"\ndate = 2025-12-31T08:00:00\n+++\n\nQuatre traversées de plus.\n");
    site.write(
        "seeds/neuf.fr.md",
        "+++\ntitle = \"Nouvel article\"\ndate = 2025-12-31T10:00:00\n+++\n\nTexte neuf.\n",
    );
    site.build();
    let clean = Site::new(&[]);
    copy_tree(site.root(), clean.root());
    let out = clean.run(&["build", "--now", "2026-01-01T00:00:00Z", "--clean"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.read("fr/index.html").contains("Nouvel article"));
    assert!(site.read("fr/articles/ferry.html").contains("Quatre traversées"));
    assert_eq!(tree(&site.public()), tree(&clean.public()));
}

#[test]
fn check_places_a_broken_link_in_a_translation_at_its_line() {
    let site = fixture();
    site.write(
        "seeds/ferry.fr.md",
        "+++\ntitle = \"Des traversées tardives\"\ndate = 2025-12-31T08:00:00\n+++\n\nVoir [l'horaire](horaire.md).\n",
    );
    let out = site.run(&["check", "--now", "2026-01-01T00:00:00Z"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("seeds/ferry.fr.md:6"), "{err}");
    assert!(
        common::stdout(&out).contains("checked 10 articles") || err.contains("checked 10 articles"),
        "{err}"
    );
}

#[test]
fn real_chinese_and_french_copy_reads_in_its_own_language() {
    let site = fixture();
    site.build();
    // VOA Chinese (public domain): Chinese page text, a CLDR Chinese date, reading time
    // counted in characters.
    let mars = site.html("zh/articles/phoenix-mars-ice.html");
    assert_eq!(attr(&mars, "html", "lang").as_deref(), Some("zh"));
    let text = |page: &Html, css: &str| -> String {
        page.select(&sel(css)).next().map(|e| e.text().collect::<String>()).unwrap_or_default()
    };
    assert!(text(&mars, "time.published").starts_with("2008年6月20日"), "{}", mars.html());
    assert_eq!(text(&mars, ".reading-time").trim(), "阅读约 1 分钟");
    assert_eq!(text(&mars, "h1").trim(), "凤凰号可能在火星上发现冰");
    let index = site.read("zh/assets/search-index.js");
    assert!(index.contains("火星") && index.contains("政府") && !index.contains("Late Ferries"));
    assert!(site.read("zh/feed.xml").contains("<language>zh</language>"));
    // The Chinese site's own pages are Chinese; its menu and labels too.
    let front = site.html("zh/index.html");
    assert!(front.html().contains("港口新闻"));
    assert!(front.html().contains("凤凰号可能在火星上发现冰"));
    // French Wikinews (CC BY 2.5): a French date, its source credited on the page.
    let wiki = site.html("fr/articles/wikitribune.html");
    assert!(text(&wiki, "time.published").starts_with("2 mai 2017"), "{}", wiki.html());
    assert!(wiki.html().contains("fr.wikinews.org"));
}

#[test]
fn a_future_article_held_back_is_named_with_its_language() {
    let site = fixture();
    site.write(
        "seeds/fr/demain.md",
        "+++\ntitle = \"Demain\"\nlang = \"fr\"\ndate = 2027-03-01T08:00:00\n+++\n\nPlus tard.\n",
    );
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let said = "1 of 4 `fr` articles is dated in the future and held back";
    assert_eq!(err.matches(said).count(), 1, "{err}");
    assert!(!err.contains("of 4 articles"), "{err}");
    assert!(!site.public().join("fr/articles/demain.html").exists());
}
