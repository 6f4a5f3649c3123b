//! Real posts of Jekyll, Hugo and Zola (tests/fixtures/peers, credited in its README)
//! build as they are: every file a page with the title its front matter gives, the
//! date its generator would show and the summary from `description`.
#![allow(clippy::disallowed_methods)] // tests read fixture files directly

mod common;

use common::{Site, copy_tree, sel, stderr, texts};
use scraper::Html;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The fixture `name` copied into a temp site.
fn peer(name: &str) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/peers").join(name);
    copy_tree(&from, dir.path());
    Site { dir }
}

/// One seed's front matter as the test reads it, independently of Broadsheet.
struct Expected {
    path: PathBuf,
    title: String,
    date: Option<String>,
    description: Option<String>,
}

fn front_matter(text: &str) -> serde_json::Value {
    let text = text.trim_start();
    let (fence, toml) = if text.starts_with("+++") { ("+++", true) } else { ("---", false) };
    let body = &text[3..];
    let end = body.find(&format!("\n{fence}")).expect("closed front matter");
    let block = &body[..end];
    if toml {
        serde_json::to_value(toml::from_str::<toml::Table>(block).unwrap()).unwrap()
    } else if block.trim().is_empty() {
        serde_json::json!({})
    } else {
        serde_saphyr::from_str(block).unwrap()
    }
}

/// The seeds that should become article pages: every Markdown file but section
/// front pages (`_index.md`), Hugo's headless `_common/` snippets and its glossary's
/// terms (headless by their `_index.md`'s cascade).
fn expected(site: &Site) -> Vec<Expected> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(site.root().join("seeds")).sort_by_file_name() {
        let path = entry.unwrap().path().to_path_buf();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let name = path.file_name().unwrap().to_str().unwrap();
        if !["md", "markdown"].contains(&ext)
            || name == "_index.md"
            || path.components().any(|c| c.as_os_str() == "_common" || c.as_os_str() == "glossary")
        {
            continue;
        }
        let fm = front_matter(&std::fs::read_to_string(&path).unwrap());
        let text = |key: &str| {
            fm.get(key).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(o) if o.contains_key("$__toml_private_datetime") => {
                    o["$__toml_private_datetime"].as_str().unwrap().to_string()
                }
                other => other.to_string().trim_matches('"').to_string(),
            })
        };
        out.push(Expected {
            title: text("title").expect("every fixture post has a title"),
            date: text("date"),
            description: text("description"),
            path,
        });
    }
    out
}

/// Article pages by their headline.
fn pages_by_title(site: &Site) -> HashMap<String, Html> {
    let mut pages = HashMap::new();
    for entry in std::fs::read_dir(site.public().join("articles")).unwrap() {
        let doc = Html::parse_document(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        let h1 = texts(&doc, "main h1").into_iter().next().unwrap_or_default();
        pages.insert(h1, doc);
    }
    pages
}

/// What the peer shows for a date written `written`, as RFC 3339 in the site's time
/// zone `tz` (Jekyll's own site sets America/Los_Angeles); a day alone is its midnight.
fn shown(written: &str, tz: &str) -> String {
    let tz = jiff::tz::TimeZone::get(tz).unwrap();
    let at = jiff::Timestamp::strptime("%Y-%m-%d %H:%M:%S %z", written)
        .or_else(|_| written.parse::<jiff::Timestamp>())
        .or_else(|_| {
            jiff::civil::Date::strptime("%Y-%m-%d", written)
                .map(|d| d.to_zoned_datetime(tz.clone()).unwrap().timestamp())
        })
        .unwrap_or_else(|e| panic!("test cannot read date {written}: {e}"));
    at.to_zoned_datetime(tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The fixture's time zone, from its site.toml.
fn zone_of(site: &Site) -> String {
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(site.root().join("site.toml")).unwrap()).unwrap();
    config["timezone"].as_str().unwrap().to_string()
}

/// Builds the peer set `name` and checks every seed's page; returns (pages, seeds).
fn builds_every_post(name: &str) -> (usize, usize) {
    let site = peer(name);
    let out = site.build();
    let seeds = expected(&site);
    let pages = pages_by_title(&site);
    let tz = zone_of(&site);
    let mut found = 0;
    for seed in &seeds {
        let title = seed.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(page) = pages.get(&title) else { continue };
        found += 1;
        let published = page.select(&sel("time.published")).next();
        if let Some(t) = published {
            // The day as printed is the day in the site zone, as the peer prints it.
            let day = &datetime_of(t)[..10];
            assert!(t.text().collect::<String>().contains(day_number(day)), "{:?}", seed.path);
        }
        let datetime = published.and_then(|t| t.value().attr("datetime"));
        match &seed.date {
            Some(written) => {
                assert_eq!(datetime, Some(shown(written, &tz).as_str()), "{:?}", seed.path)
            }
            None => {
                let from_name = seed.path.file_stem().unwrap().to_str().unwrap().get(..10);
                if let Some(day) = from_name.filter(|d| d.parse::<jiff::civil::Date>().is_ok()) {
                    assert_eq!(datetime, Some(shown(day, &tz).as_str()), "{:?}", seed.path);
                }
            }
        }
        if let Some(description) = &seed.description {
            let meta = page.select(&sel("meta[name=description]")).next().unwrap();
            let want = description.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(meta.value().attr("content"), Some(want.as_str()), "{:?}", seed.path);
        }
    }
    assert!(
        found * 100 >= seeds.len() * 99,
        "{name}: {found} of {} pages\n{}",
        seeds.len(),
        stderr(&out)
    );
    (found, seeds.len())
}

fn datetime_of(t: scraper::ElementRef) -> String {
    t.value().attr("datetime").unwrap().to_string()
}

/// `5` for `2013-05-05`: the day of the month as pages print it.
fn day_number(day: &str) -> &str {
    day[8..].trim_start_matches('0')
}

#[test]
fn jekyll_posts_build_with_their_titles_dates_and_descriptions() {
    let (found, seeds) = builds_every_post("jekyll");
    assert_eq!((found, seeds), (38, 38));
}

#[test]
fn jekyll_dates_show_the_day_jekyll_shows_in_the_site_zone() {
    let site = peer("jekyll");
    site.build();
    // `2013-05-06 02:12:52 +0200` is the evening of 5 May in Los Angeles, where
    // jekyllrb.com files it under /news/2013/05/05/.
    let doc = site.html("articles/jekyll-1-0-0-released.html");
    let t = doc.select(&sel("time.published")).next().unwrap();
    assert_eq!(datetime_of(t), "2013-05-05T17:12:52-07:00");
}

#[test]
fn hugo_docs_build_with_their_titles_and_descriptions() {
    let (found, seeds) = builds_every_post("hugo");
    assert!(seeds >= 25 && found == seeds, "{found} of {seeds}");
}

#[test]
fn zola_docs_build_with_their_titles_dates_and_descriptions() {
    let (found, seeds) = builds_every_post("zola");
    assert!(seeds >= 25 && found == seeds, "{found} of {seeds}");
}

#[test]
fn template_code_warns_once_per_file_and_never_reaches_headlines_or_summaries() {
    let site = peer("jekyll");
    let err = stderr(&site.build());
    let raw_post = "seeds/2017-06-14-jekyll-3-5-0-released.markdown";
    let warned: Vec<&str> = err.lines().filter(|l| l.contains(raw_post)).collect();
    assert_eq!(warned.len(), 1, "{err}");
    assert!(warned[0].contains(&format!("{raw_post}:15: template code `{{% raw %}}`")), "{err}");
    assert_no_template_code_shown(&site);
}

/// No `{%` or `{{<` in any article's headings, headline, summary, nor on the front page.
fn assert_no_template_code_shown(site: &Site) {
    for (page, doc) in pages_by_title(site) {
        let heads = texts(&doc, "main h1, main h2, main h3");
        let summary = doc.select(&sel("meta[name=description]")).next();
        let summary = summary.and_then(|m| m.value().attr("content")).unwrap_or("");
        for text in heads.iter().map(String::as_str).chain([summary, page.as_str()]) {
            assert!(!text.contains("{%") && !text.contains("{{<"), "{page}: {text}");
        }
    }
    let index = site.read("index.html");
    assert!(!index.contains("{%") && !index.contains("{{<"));
}

#[test]
fn hugo_and_zola_shortcodes_never_reach_headlines_or_summaries() {
    for name in ["hugo", "zola"] {
        let site = peer(name);
        let err = stderr(&site.build());
        assert!(
            err.contains("template code `{{") || err.contains("shortcode `{{"),
            "{name}: {err}"
        );
        assert_no_template_code_shown(&site);
    }
}

#[test]
fn a_jekyll_highlight_tag_becomes_a_code_block() {
    let site = peer("jekyll");
    site.build();
    let doc = site.html("articles/jekyll-1-5-1-released.html");
    let code = texts(&doc, "main pre code");
    assert!(!code.is_empty() && !code[0].contains("highlight"), "{code:?}");
}

#[test]
fn hugo_headless_snippets_make_no_pages_and_are_noted_once() {
    let site = peer("hugo");
    let err = stderr(&site.build());
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("headless")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(notes[0].contains("seeds/_common/_index.md and 4 more"), "{err}");
    assert!(!site.public().join("articles/glob-patterns.html").exists());
    assert!(!err.contains("_common/glob-patterns.md"), "{err}");
}

#[test]
fn a_hugo_cascade_spares_the_index_that_renders_itself() {
    // hugoDocs' glossary: its `_index.md` says `build.render: always` and cascades
    // `never` to its terms. Hugo writes the glossary page and no page per term.
    let site = peer("hugo");
    site.build();
    let glossary = site.html("sections/glossary.html");
    assert_eq!(texts(&glossary, "h1"), ["Glossary"], "{}", site.read("sections/glossary.html"));
    assert!(!site.public().join("articles/action.html").exists());
    assert!(!site.public().join("sections/common.html").exists());
}

#[test]
fn a_section_index_is_the_sections_intro_not_a_story() {
    let site = peer("hugo");
    site.build();
    let section = site.html("sections/content-management.html");
    let intro = texts(&section, ".list-intro");
    assert_eq!(intro.len(), 1, "{}", site.read("sections/content-management.html"));
    let listed = texts(&section, "main .story-grid a");
    assert!(listed.iter().any(|t| t == "Front matter"), "{listed:?}");
    let front = site.read("index.html");
    assert!(!front.contains(">Content management<"), "the _index.md is no story");
}

#[test]
fn hugo_aliases_redirect_to_the_new_pages() {
    let site = peer("hugo");
    site.build();
    // content-management/front-matter.md: aliases: [/content/front-matter/]
    let redirect = site.html("content/front-matter/index.html");
    let refresh = redirect.select(&sel("meta[http-equiv=refresh]")).next().unwrap();
    let target = refresh.value().attr("content").unwrap().trim_start_matches("0; url=");
    let page = site.root().join("public/content/front-matter").join(target);
    let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
    assert_eq!(texts(&doc, "main h1"), ["Front matter"]);
}
