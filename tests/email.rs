//! The e-mail edition, end to end: the example site built, each `email/<key>.html`
//! parsed for what e-mail clients need (styles inlined, no script, absolute links,
//! nothing wider than 600 px), each `.txt` read for every headline and link of its
//! edition, and the settings that change them.

#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::{Site, sel, texts};
use scraper::Html;

const BASE: &str = "https://example.github.io/broadsheet/";

/// The example site's unsubscribe link (site.toml `[email] unsubscribe`), which is also
/// what a merge tag leaves on the built pages (a mailto: to `[publisher] email`).
const UNSUBSCRIBE: &str = "mailto:desk@example.org?subject=Unsubscribe";

/// The keys of the example site's editions, read off the built e-mails.
fn keys(site: &Site) -> Vec<String> {
    let mut keys: Vec<String> = std::fs::read_dir(site.public().join("email"))
        .expect("email/ is built")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".html").map(str::to_string))
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_edition_has_an_html_and_a_text_email_and_latest_is_the_newest() {
    let site = Site::example();
    site.build();
    let keys = keys(&site);
    let mut editions: Vec<String> = std::fs::read_dir(site.public().join("editions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".html").map(str::to_string))
        .filter(|name| name != "index")
        .collect();
    editions.push("latest".into());
    editions.sort();
    assert_eq!(keys, editions);
    for key in &keys {
        assert!(site.public().join(format!("email/{key}.txt")).is_file(), "{key}");
    }
    let newest = keys.iter().filter(|k| *k != "latest").max().unwrap();
    assert_eq!(site.read("email/latest.html"), site.read(&format!("email/{newest}.html")));
    assert_eq!(site.read("email/latest.txt"), site.read(&format!("email/{newest}.txt")));
}

#[test]
fn html_emails_have_inlined_styles_no_script_and_absolute_links() {
    let site = Site::example();
    site.build();
    for key in keys(&site) {
        let doc = Html::parse_document(&site.read(&format!("email/{key}.html")));
        for tag in ["style", "link", "script", "iframe", "form"] {
            assert_eq!(doc.select(&sel(tag)).count(), 0, "{key}: <{tag}> left");
        }
        assert!(doc.select(&sel("[style]")).count() > 20, "{key}: styles were not inlined");
        for a in doc.select(&sel("[href], [src]")) {
            let url = a.attr("href").or(a.attr("src")).unwrap();
            assert!(url.starts_with(BASE) || url == UNSUBSCRIBE, "{key}: {url}");
        }
        for img in doc.select(&sel("img")) {
            for attr in ["alt", "width", "height"] {
                assert!(img.attr(attr).is_some(), "{key}: <img> without {attr}");
            }
        }
        assert!(!doc.select(&sel("[onclick], [onload]")).any(|_| true), "{key}: handlers");
    }
}

#[test]
fn the_lead_picture_is_a_copy_made_for_the_email_at_twice_its_width() {
    let site = Site::example();
    site.build();
    let mut seen = 0;
    for key in keys(&site) {
        let doc = Html::parse_document(&site.read(&format!("email/{key}.html")));
        for img in doc.select(&sel("img")) {
            let src = img.attr("src").unwrap();
            let Some(file) = src.strip_prefix(BASE).filter(|f| f.starts_with("images/")) else {
                continue;
            };
            let (w, _) = image::image_dimensions(site.public().join(file)).unwrap();
            let shown: u32 = img.attr("width").unwrap().parse().unwrap();
            // Twice the 552 pixels shown (or the whole picture when it is narrower).
            assert!(w <= 1104, "{key}: {src} is {w} px wide");
            assert_eq!(shown, w.min(552), "{key}: {src}");
            seen += usize::from(w == 1104);
        }
    }
    assert!(seen > 0, "no e-mail shows a lead picture at 1104 px");
}

#[test]
fn html_email_is_a_table_layout_no_wider_than_600_px() {
    let site = Site::example();
    site.build();
    let page = site.read("email/latest.html");
    let doc = Html::parse_document(&page);
    assert!(doc.select(&sel("table[role=presentation]")).count() >= 2);
    assert!(page.contains("max-width: 600px"), "the sheet is capped at 600 px");
    // No fixed width above 600 px anywhere in the styles.
    for (at, _) in page.match_indices("width: ") {
        let value: String = page[at + 7..].chars().take_while(char::is_ascii_digit).collect();
        if let Ok(px) = value.parse::<u32>() {
            assert!(px <= 600, "width {px}px at byte {at}");
        }
    }
    let color_scheme = sel("meta[name=color-scheme]");
    assert_eq!(doc.select(&color_scheme).next().unwrap().attr("content"), Some("light dark"));
}

#[test]
fn html_email_opens_with_the_leads_dek_and_links_to_its_edition_page() {
    let site = Site::example();
    site.build();
    let doc = Html::parse_document(&site.read("email/2025-04-21.html"));
    let preheader = texts(&doc, ".preheader");
    let edition = site.html("editions/2025-04-21.html");
    let lead_dek = texts(&edition, ".story-lead .story-dek");
    assert_eq!(preheader, lead_dek[..1]);
    let view = doc.select(&sel(".online a")).next().unwrap();
    assert_eq!(view.attr("href"), Some(&*format!("{BASE}editions/2025-04-21.html")));
    let footer = texts(&doc, ".footer a");
    assert_eq!(footer, ["View in your browser", "Unsubscribe"]);
}

#[test]
fn text_email_holds_every_headline_and_link_of_its_edition_wrapped_at_72() {
    let site = Site::example();
    site.build();
    for key in keys(&site).into_iter().filter(|k| k != "latest") {
        let text = site.read(&format!("email/{key}.txt"));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let page = site.html(&format!("editions/{key}.html"));
        let stories: Vec<_> = page.select(&sel(".story-title a")).collect();
        assert!(!stories.is_empty(), "{key}");
        for a in stories {
            let headline = a.text().collect::<String>();
            let headline = headline.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&headline), "{key}: no headline {headline:?}");
            let href = a.attr("href").unwrap().trim_start_matches("../");
            assert!(text.lines().any(|l| l == format!("{BASE}{href}")), "{key}: no link {href}");
        }
        for line in text.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 72 || !line.contains(' '), "{key}: {line:?}");
        }
    }
}

#[test]
fn settings_add_the_address_the_utm_suffix_and_the_merge_tag() {
    let site = Site::example();
    let toml = example_toml(&site);
    site.write(
        "site.toml",
        &format!(
            "{toml}\n[email]\naddress = \"1 Quay Street, Northport NP1 2AB\"\n\
             utm = \"utm_source=newsletter&utm_medium=email\"\nunsubscribe = \"*|UNSUB|*\"\n"
        ),
    );
    site.build();
    let html = site.read("email/latest.html");
    let doc = Html::parse_document(&html);
    assert!(texts(&doc, ".footer p")[0].contains("1 Quay Street, Northport NP1 2AB"));
    for a in doc.select(&sel("a[href]")) {
        let href = a.attr("href").unwrap();
        assert!(href.ends_with("?utm_source=newsletter&utm_medium=email") || href == UNSUBSCRIBE);
    }
    // The merge tag is the list service's business: the page keeps a working link.
    assert!(!html.contains("UNSUB"), "{html}");
    let text = site.read("email/latest.txt");
    assert!(text.contains(&format!("Unsubscribe: {UNSUBSCRIBE}\n")), "{text}");
    assert!(text.contains(".html?utm_source=newsletter&utm_medium=email\n"), "{text}");
}

#[test]
fn email_off_writes_no_email_folder() {
    let site = Site::example();
    let toml = example_toml(&site);
    site.write("site.toml", &format!("{toml}\n[email]\nenabled = false\n"));
    site.build();
    assert!(!site.public().join("email").exists());
    assert!(site.public().join("editions/2025-04-21.html").is_file());
}

#[test]
fn a_site_template_replaces_the_built_in_email() {
    let site = Site::example();
    site.write(
        "templates/email.txt",
        "{{ email.subject }}\n{% for item in email.items %}* {{ item.title }}\n{% endfor %}",
    );
    site.build();
    let text = site.read("email/2025-04-21.txt");
    assert!(text.starts_with("The Northport Broadsheet — 21 April 2025\n* "), "{text}");
}

/// The example's site.toml without its `[email]` table (the last one), for a test's own.
fn example_toml(site: &Site) -> String {
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    toml.split("\n[email]").next().unwrap().to_string()
}

#[test]
fn an_edit_reaches_its_editions_email_on_an_incremental_build() {
    let site = Site::example();
    site.build();
    let older = site.read("email/2025-04-20.html");
    let seed = site.root().join("seeds/2025-04-21-ten-year-transport-plan.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text.replace("Ten-Year Transport Plan", "Ten-Year Tram Plan")).unwrap();
    site.build();
    for path in ["email/2025-04-21.html", "email/latest.html", "email/latest.txt"] {
        assert!(site.read(path).contains("Ten-Year Tram Plan"), "{path}");
    }
    assert_eq!(site.read("email/2025-04-20.html"), older);
}

#[test]
fn an_init_site_links_its_email_pages_to_a_working_unsubscribe_url() {
    let parent = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(args)
            .current_dir(parent.path())
            .output()
            .unwrap()
    };
    assert!(run(&["init", "harbor-news"]).status.success());
    let out = run(&["build", "--root", "harbor-news"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(parent.path().join("harbor-news/public/email/latest.html"))
        .unwrap();
    let doc = Html::parse_document(&html);
    let footer: Vec<&str> =
        doc.select(&sel(".footer a")).map(|a| a.attr("href").unwrap()).collect();
    // No publisher address yet: the sign-up page, an absolute URL that validates.
    assert_eq!(footer[1], "https://example.github.io/harbor-news/subscribe.html");
    assert!(!html.contains("{{"), "no merge tag on the page: {html}");
    let text =
        std::fs::read_to_string(parent.path().join("harbor-news/public/email/latest.txt")).unwrap();
    assert!(text.contains("https://example.github.io/harbor-news/subscribe.html\n"), "{text}");
}
