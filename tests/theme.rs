//! End-to-end: the default theme's structure: hierarchy from lead to briefs, landmarks
//! and skip link on every page, right-to-left articles in left-to-right pages, page text
//! in the site's language, and the stylesheet's dark, print and focus rules.
// Tests set up fixtures with std::fs directly; the `crate::fs` rule is for the library.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, sel, texts};
use scraper::Html;

const GARDEN: &str = "articles/harbor-community-garden.html";

fn attr<'a>(doc: &'a Html, css: &str, name: &str) -> Option<&'a str> {
    doc.select(&sel(css)).next().and_then(|e| e.value().attr(name))
}

#[test]
fn front_page_leads_with_the_lead_story_then_secondary_stories_then_briefs() {
    let site = Site::example();
    site.build();
    let doc = site.html("index.html");
    // One lead: the first story of the latest edition, with standfirst and summary.
    let leads: Vec<_> = doc.select(&sel(".story-lead")).collect();
    assert_eq!(leads.len(), 1);
    let lead = Html::parse_fragment(&leads[0].html());
    assert_eq!(
        texts(&lead, "h3.story-title"),
        ["Northport Unveils $1.2 Billion Ten-Year Transport Plan"]
    );
    assert_eq!(texts(&lead, ".story-dek").len(), 1);
    assert!(
        texts(&lead, ".story-summary")[0].starts_with("Northport would replace the Harbor Bridge")
    );
    let first = doc.select(&sel(".front-grid > article")).next().unwrap();
    assert!(first.value().classes().any(|c| c == "story-lead"), "the lead comes first");
    // Secondary stories: same heading level, no summary. Briefs: one level down.
    assert_eq!(
        doc.select(&sel(".front-grid > article:not(.story-lead) .story-summary")).count(),
        0
    );
    let briefs = texts(&doc, ".older .brief-list h4.story-title");
    assert!(briefs.contains(&"Spring Storm Floods Roads Across Southern Eastvale".to_string()));
    // The day is a heading above the briefs, so they print only the time.
    let times = texts(&doc, ".older .brief-list time");
    assert!(times.iter().all(|t| t.len() == 5 && t.as_bytes()[2] == b':'), "{times:?}");
}

#[test]
fn every_page_has_landmarks_a_skip_link_and_a_language() {
    let site = Site::example();
    site.build();
    let mut pages = 0;
    for (path, bytes) in site.snapshot() {
        let path = path.to_string_lossy().replace('\\', "/");
        let text = String::from_utf8_lossy(&bytes);
        if !path.ends_with(".html") || text.contains("http-equiv=\"refresh\"") {
            continue; // redirect stubs have no page of their own
        }
        if path.starts_with("email/") {
            continue; // e-mails have their own layout (tests/email.rs)
        }
        pages += 1;
        let doc = Html::parse_document(&text);
        assert!(attr(&doc, "html", "lang").is_some_and(|l| !l.is_empty()), "{path}: lang");
        assert!(matches!(attr(&doc, "html", "dir"), Some("ltr" | "rtl")), "{path}: dir");
        assert_eq!(doc.select(&sel("main#main")).count(), 1, "{path}: one main");
        assert_eq!(attr(&doc, "body > a.skip-link", "href"), Some("#main"), "{path}: skip link");
        for landmark in ["body > header.masthead", "header nav.site-nav", "body > footer"] {
            assert_eq!(doc.select(&sel(landmark)).count(), 1, "{path}: {landmark}");
        }
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{path}: one h1");
    }
    assert!(pages > 90, "checked {pages} pages");
}

#[test]
fn arabic_article_reads_right_to_left_and_keeps_the_site_chrome_left_to_right() {
    let site = Site::example();
    site.build();
    let doc = site.html(GARDEN);
    assert_eq!(attr(&doc, "html", "lang"), Some("ar"));
    assert_eq!(attr(&doc, "html", "dir"), Some("rtl"));
    assert_eq!(attr(&doc, "article.article", "dir"), Some("rtl"));
    for chrome in [
        "header.masthead",
        "footer.site-footer",
        ".article-meta",
        ".article-footer",
        ".article-after",
    ] {
        assert_eq!(attr(&doc, chrome, "lang"), Some("en"), "{chrome}");
        assert_eq!(attr(&doc, chrome, "dir"), Some("ltr"), "{chrome}");
    }
    // An English article page carries no such overrides.
    let english = site.html("articles/ten-year-transport-plan.html");
    assert_eq!(attr(&english, "html", "dir"), Some("ltr"));
    assert_eq!(attr(&english, "header.masthead", "dir"), None);
}

#[test]
fn arabic_stories_read_right_to_left_in_every_list() {
    let site = Site::example();
    site.build();
    let title = "حديقة مجتمعية جديدة تفتح أبوابها في حي الميناء";
    let rtl_holder = |doc: &Html| {
        doc.select(&sel("[dir=rtl][lang=ar]")).any(|e| e.text().collect::<String>().contains(title))
    };
    for page in [
        "index.html",
        "editions/2025-04-18.html",
        "tags/parks.html",
        "archive/2025.html",
        "archive/2025-04.html",
        "editions/index.html",
    ] {
        let doc = site.html(page);
        assert!(rtl_holder(&doc), "{page}: the Arabic headline sits in a dir=rtl lang=ar element");
        assert_eq!(attr(&doc, "html", "dir"), Some("ltr"), "{page}: the page stays left to right");
    }
    // Its meta line in a list is site text: left to right inside the right-to-left story.
    let front = site.html("index.html");
    let story = front.select(&sel("article.story[lang=ar]")).next().unwrap();
    let meta = story.select(&sel(".story-meta")).next().unwrap();
    assert_eq!(meta.value().attr("dir"), Some("ltr"));
}

#[test]
fn page_text_follows_the_site_language_and_its_overrides() {
    let seeds: Vec<(String, String)> = (1..=3)
        .map(|d| {
            (
                format!("seeds/2025-04-0{d}-n{d}.md"),
                format!("+++\ntitle = \"Nouvelle {d}\"\ntags = [\"Ville\"]\n+++\nTexte.\n"),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> =
        seeds.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let toml = "title = \"Le Quotidien\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\nper_page = 1\n[editions]\nfront_page = 1\n[labels]\narchive = \"Les archives\"\n";
    files.push(("site.toml", toml));
    let site = Site::new(&files);
    site.build();
    let doc = site.html("index.html");
    assert_eq!(attr(&doc, "html", "lang"), Some("fr"));
    assert_eq!(
        texts(&doc, ".site-nav a"),
        ["À la une", "Éditions", "Sujets", "Les archives", "Rechercher"]
    );
    assert_eq!(texts(&doc, ".section-kicker"), ["Dernière édition"]);
    assert_eq!(texts(&doc, ".section-title a"), ["3 avril 2025"]);
    assert_eq!(texts(&doc, ".pagination-label"), ["Page 1 sur 2"]);
    let search = site.html("search.html");
    assert_eq!(texts(&search, "h1"), ["Rechercher"]);
    assert_eq!(texts(&search, "#search-sort option"), ["Plus récents d’abord", "Plus pertinents"]);
}

#[test]
fn an_arabic_site_is_right_to_left_throughout() {
    let site = Site::new(&[
        (
            "site.toml",
            "title = \"النشرة\"\nbase_url = \"https://example.org/\"\nlanguage = \"ar\"\n",
        ),
        ("seeds/2025-04-01-a.md", "+++\ntitle = \"خبر\"\n+++\nنص.\n"),
    ]);
    site.build();
    for page in
        ["index.html", "articles/a.html", "search.html", "editions/2025-04-01.html", "404.html"]
    {
        let doc = site.html(page);
        assert_eq!(attr(&doc, "html", "dir"), Some("rtl"), "{page}");
        assert_eq!(attr(&doc, "header.masthead", "dir"), None, "{page}: no override needed");
    }
    let doc = site.html("index.html");
    assert_eq!(texts(&doc, ".site-nav a")[0], "الصفحة الأولى");
    assert_eq!(texts(&doc, ".section-title a"), ["1 أبريل 2025"]);
}

#[test]
fn stylesheet_covers_dark_mode_print_focus_and_right_to_left() {
    let site = Site::example();
    site.build();
    let css = site.read("assets/style.css");
    for rule in [
        "@media (prefers-color-scheme: dark)",
        "@media print",
        ":focus-visible",
        ".skip-link:focus",
        "[dir=\"rtl\"] .arrow",
        "font: 1.0625rem/1.6 var(--serif)",
    ] {
        assert!(css.contains(rule), "style.css has `{rule}`");
    }
    // No web fonts: nothing to download.
    assert!(!css.contains("@font-face") && !css.contains("url("), "system fonts only");
    assert_eq!(css.matches('{').count(), css.matches('}').count(), "braces balance");
}

#[test]
fn counts_are_written_in_the_languages_plural_forms() {
    let story = |tag: &str, day: u32| {
        format!(
            "+++\ntitle = \"Story {tag} {day}\"\ndate = 2025-04-{day:02}\ntags = [\"{tag}\"]\n+++\nA short story.\n"
        )
    };
    let files = |toml: &str| {
        let mut files = vec![("site.toml".to_string(), toml.to_string())];
        files.push(("seeds/solo.md".into(), story("solo", 1)));
        for day in 2..5 {
            files.push((format!("seeds/trio-{day}.md"), story("trio", day)));
        }
        files
    };
    let build = |toml: &str| {
        let owned = files(toml);
        let borrowed: Vec<(&str, &str)> =
            owned.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = Site::new(&borrowed);
        site.build();
        site
    };
    let count = |site: &Site, page: &str| texts(&site.html(page), ".list-count").join(" ");

    // English: one article, three articles; one minute's reading.
    let en = build(common::SITE_TOML);
    assert_eq!(count(&en, "tags/solo.html"), "1 article");
    assert_eq!(count(&en, "tags/trio.html"), "3 articles");
    let article = en.html("articles/solo.html");
    assert_eq!(texts(&article, ".article-meta .reading-time"), ["1 min read"]);

    // Polish, with the forms a Polish site writes: CLDR puts 3 in `few`, 1 in `one`.
    let pl = build(&format!(
        "{}language = \"pl\"\n[labels]\narticles_count = \"{{n}} artykułów\"\narticles_count_one = \"{{n}} artykuł\"\narticles_count_few = \"{{n}} artykuły\"\n",
        common::SITE_TOML
    ));
    assert_eq!(count(&pl, "tags/solo.html"), "1 artykuł");
    assert_eq!(count(&pl, "tags/trio.html"), "3 artykuły");

    // Arabic's built-in forms: the dual, and the plural of 3–10.
    let ar = build(&format!("{}language = \"ar\"\n", common::SITE_TOML));
    assert_eq!(count(&ar, "tags/solo.html"), "مقال واحد");
    assert_eq!(count(&ar, "tags/trio.html"), "3 مقالات");
}

#[test]
fn a_sites_own_catalog_gives_its_language_words_and_names_what_it_leaves_out() {
    let toml = format!("{}language = \"pl\"\n[labels]\narchive = \"Archiwa\"\n", common::SITE_TOML);
    let catalog = "home = \"Strona główna\"\narchive = \"Archiwum\"\narticles_count = \"{n} artykułów\"\narticles_count_one = \"{n} artykuł\"\narticles_count_few = \"{n} artykuły\"\n";
    let story = |d: u32| {
        format!("+++\ntitle = \"S{d}\"\ndate = 2025-04-0{d}\ntags = [\"miasto\"]\n+++\nTekst.\n")
    };
    let (s1, s2) = (story(1), story(2));
    let site = Site::new(&[
        ("site.toml", &toml),
        ("i18n/pl.toml", catalog),
        ("seeds/s1.md", &s1),
        ("seeds/s2.md", &s2),
    ]);
    let out = site.build();
    let doc = site.html("index.html");
    let nav = texts(&doc, ".site-nav a");
    assert_eq!(nav.first().map(String::as_str), Some("Strona główna"), "{nav:?}");
    assert!(nav.contains(&"Archiwa".to_string()), "[labels] wins over the catalog: {nav:?}");
    assert_eq!(texts(&site.html("tags/miasto.html"), ".list-count"), ["2 artykuły"]);
    // A date in Polish, from CLDR: the genitive month.
    assert_eq!(texts(&doc, ".section-title a"), ["2 kwietnia 2025"]);
    assert_eq!(texts(&site.html("archive/2025-04.html"), "h1"), ["kwiecień 2025"]);
    // What the catalog leaves out shows in English, and the build says so, once.
    let said = common::stderr(&out);
    assert_eq!(said.matches("i18n/pl.toml").count(), 1, "{said}");
    assert!(said.contains("show in English") && said.contains("`all_editions`"), "{said}");

    // An unknown key is an error at its line, with the nearest key.
    site.write("i18n/pl.toml", "home = \"Start\"\nlatset = \"Najnowsze\"\n");
    let failed = site.run(&["build"]);
    assert!(!failed.status.success());
    let said = common::stderr(&failed);
    assert!(
        said.contains("i18n/pl.toml:2: unknown label `latset`; did you mean `latest`?"),
        "{said}"
    );
}

#[test]
fn a_date_and_its_time_are_joined_as_the_language_joins_them() {
    let story = "+++\ntitle = \"خبر\"\ndate = 2025-04-01T08:30:00\n+++\nنص.\n";
    let ar = Site::new(&[
        ("site.toml", &format!("{}language = \"ar\"\n", common::SITE_TOML)),
        ("seeds/a.md", story),
    ]);
    ar.build();
    let shown = texts(&ar.html("articles/a.html"), "time.published");
    assert_eq!(shown, ["1 أبريل 2025، 08:30"]);
    let en = Site::new(&[(
        "seeds/a.md",
        "+++\ntitle = \"A\"\ndate = 2025-04-01T08:30:00\n+++\nText.\n",
    )]);
    en.build();
    assert_eq!(texts(&en.html("articles/a.html"), "time.published"), ["1 April 2025, 08:30"]);
}
