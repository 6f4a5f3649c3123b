//! The digest's structure on a generated fixture of 63 articles over 25 days:
//! editions, taxonomies, pagination, archives, threads and related lists,
//! checked by parsing the HTML that was written.

#![allow(clippy::disallowed_methods)] // tests read and write fixtures directly

mod common;

use common::{Site, broken_links, sel};
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};

const N: usize = 63;
const PER_PAGE: usize = 5;

struct Story {
    slug: String,
    day: String,
    epoch_key: (String, u32),
    tags: Vec<&'static str>,
    lead: bool,
    thread: bool,
}

fn stories() -> Vec<Story> {
    (0..N)
        .map(|k| {
            let day = format!("2025-03-{:02}", 1 + k % 25);
            let hour = 6 + (k * 5) % 14;
            let minute = k % 60;
            let mut tags = vec![["alpha", "beta", "gamma", "delta", "epsilon"][k % 5]];
            if k % 3 == 0 {
                tags.push("common");
            }
            match k % 7 {
                0 => tags.push("U.S."),
                3 => tags.push("US"),
                _ => {}
            }
            Story {
                slug: format!("story-{k:03}"),
                epoch_key: (format!("{day}T{hour:02}:{minute:02}"), k as u32),
                day,
                tags,
                lead: (25..50).contains(&k),
                thread: k % 10 == 0,
            }
        })
        .collect()
}

fn source(k: usize, s: &Story) -> String {
    let tags: Vec<String> = s.tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        "+++\ntitle = \"Story {k} on {}\"\ndate = {}:00\nauthor = \"{}\"\ntags = [{}]\nlead = {}\n{}+++\n\nParagraph about {} number {k}.\n",
        s.tags[0],
        s.epoch_key.0,
        ["Ana Abbott", "Ben Brandt", "Cy Castell", "Di Duarte"][k % 4],
        tags.join(", "),
        s.lead,
        if s.thread { "thread = \"saga\"\n" } else { "" },
        s.tags[0],
    )
}

fn fixture() -> (Site, Vec<Story>) {
    let stories = stories();
    let config = format!(
        "title = \"Fixture\"\nbase_url = \"https://example.github.io/digest/\"\ntimezone = \"UTC\"\nper_page = {PER_PAGE}\n"
    );
    let site = Site::new(&[("site.toml", config.as_str())]);
    for (k, s) in stories.iter().enumerate() {
        site.write(&format!("seeds/{}.md", s.slug), &source(k, s));
    }
    site.build();
    (site, stories)
}

/// Article slugs linked by `css` on a page.
fn linked(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|h| h.rsplit('/').next())
        .map(|n| n.trim_end_matches(".html").to_string())
        .collect()
}

fn newest_first(stories: &[Story], pick: impl Fn(&Story) -> bool) -> Vec<String> {
    let mut list: Vec<&Story> = stories.iter().filter(|s| pick(s)).collect();
    list.sort_by(|a, b| b.epoch_key.0.cmp(&a.epoch_key.0).then(a.slug.cmp(&b.slug)));
    list.into_iter().map(|s| s.slug.clone()).collect()
}

#[test]
fn each_edition_lists_its_day_with_the_lead_first() {
    let (site, stories) = fixture();
    let days: BTreeSet<&str> = stories.iter().map(|s| s.day.as_str()).collect();
    assert_eq!(days.len(), 25);
    for day in days {
        let doc = site.html(&format!("editions/{day}.html"));
        let got = linked(&doc, "main .story-title a");
        let mut expected = newest_first(&stories, |s| s.day == day);
        if let Some(lead) = stories.iter().find(|s| s.day == day && s.lead) {
            expected.retain(|s| *s != lead.slug);
            expected.insert(0, lead.slug.clone());
        }
        assert_eq!(got, expected, "edition {day}");
    }
}

#[test]
fn edition_links_chain_through_every_edition() {
    let (site, stories) = fixture();
    let mut days: Vec<String> =
        stories.iter().map(|s| s.day.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    days.reverse();
    let mut seen = vec![days[0].clone()];
    let mut page = format!("editions/{}.html", days[0]);
    loop {
        let doc = site.html(&page);
        let Some(prev) = doc.select(&sel(".edition-nav a[rel=prev]")).next() else { break };
        let day = prev.value().attr("href").unwrap().trim_end_matches(".html").to_string();
        seen.push(day.clone());
        page = format!("editions/{day}.html");
    }
    assert_eq!(seen, days, "rel=prev from the newest edition reaches every edition in order");
    let mut forward = vec![days.last().unwrap().clone()];
    let mut page = format!("editions/{}.html", days.last().unwrap());
    while let Some(next) = site.html(&page).select(&sel(".edition-nav a[rel=next]")).next() {
        let day = next.value().attr("href").unwrap().trim_end_matches(".html").to_string();
        forward.push(day.clone());
        page = format!("editions/{day}.html");
    }
    forward.reverse();
    assert_eq!(forward, days);
}

#[test]
fn term_counts_match_articles_and_alike_spellings_merge() {
    let (site, stories) = fixture();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for s in &stories {
        for t in &s.tags {
            let key = if *t == "US" { "U.S." } else { t };
            *expected.entry(key.to_string()).or_default() += 1;
        }
    }
    let doc = site.html("tags/index.html");
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for li in doc.select(&sel(".term-list li")) {
        let name = li.select(&sel("a")).next().unwrap().text().collect::<String>();
        let count: usize =
            li.select(&sel(".count")).next().unwrap().text().collect::<String>().parse().unwrap();
        got.insert(name, count);
    }
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for (name, count) in &expected {
        let shown =
            if name == "U.S." { got.get(name).or_else(|| got.get("US")) } else { got.get(name) }
                .copied();
        assert_eq!(shown, Some(*count), "term {name}");
    }
    assert!(site.public().join("tags/us.html").is_file(), "U.S. and US share the slug `us`");
}

#[test]
fn term_pages_paginate_without_empty_pages() {
    let (site, stories) = fixture();
    let expected = newest_first(&stories, |s| s.tags.contains(&"common"));
    let pages = expected.len().div_ceil(PER_PAGE);
    assert!(pages >= 3);
    let mut all = Vec::new();
    for n in 1..=pages {
        let path = if n == 1 {
            "tags/common.html".to_string()
        } else {
            format!("tags/common/page/{n}.html")
        };
        let doc = site.html(&path);
        let items = linked(&doc, "main .story-title a");
        assert!(!items.is_empty() && items.len() <= PER_PAGE, "page {n}: {items:?}");
        all.extend(items);
        let label =
            doc.select(&sel(".pagination-label")).next().unwrap().text().collect::<String>();
        assert_eq!(label, format!("Page {n} of {pages}"));
        assert_eq!(
            doc.select(&sel(".pagination a[rel=prev]")).count(),
            usize::from(n > 1),
            "page {n}"
        );
        assert_eq!(
            doc.select(&sel(".pagination a[rel=next]")).count(),
            usize::from(n < pages),
            "page {n}"
        );
    }
    assert_eq!(all, expected);
    assert!(!site.public().join(format!("tags/common/page/{}.html", pages + 1)).exists());
    // A tag whose articles fit on one page has no pagination and no page 2.
    assert!(!site.public().join("tags/us/page/2.html").exists() || expected.len() > PER_PAGE);
}

#[test]
fn front_page_and_edition_archive_paginate() {
    let (site, stories) = fixture();
    let newest_day = stories.iter().map(|s| s.day.clone()).max().unwrap();
    let older = newest_first(&stories, |s| s.day != newest_day);
    let pages = older.len().div_ceil(PER_PAGE);
    let mut all = Vec::new();
    for n in 1..=pages {
        let path = if n == 1 { "index.html".to_string() } else { format!("page/{n}.html") };
        let doc = site.html(&path);
        all.extend(linked(&doc, ".older .story-title a"));
    }
    assert_eq!(all, older);
    assert!(!site.public().join(format!("page/{}.html", pages + 1)).exists());
    let front = site.html("index.html");
    let latest = linked(&front, ".edition .story-title a");
    assert_eq!(latest.len(), stories.iter().filter(|s| s.day == newest_day).count());
    let editions = 25usize.div_ceil(PER_PAGE);
    for n in 1..=editions {
        let path = if n == 1 {
            "editions/index.html".to_string()
        } else {
            format!("editions/page/{n}.html")
        };
        assert_eq!(
            site.html(&path).select(&sel(".edition-list > li")).count(),
            PER_PAGE.min(25 - (n - 1) * PER_PAGE)
        );
    }
}

#[test]
fn archives_cover_every_article_once() {
    let (site, stories) = fixture();
    let year = site.html("archive/2025.html");
    let in_year = linked(&year, ".archive-month .headline-list a");
    let month = site.html("archive/2025-03.html");
    let mut in_month = linked(&month, ".day .story-title a");
    // The year page shows the month's 30 newest, in the month page's order, and links
    // to the month page for all of them.
    assert_eq!(in_year, in_month[..30]);
    let more: Vec<_> = year.select(&sel(".archive-month .more-link a")).collect();
    assert_eq!(more.len(), 1);
    assert_eq!(more[0].value().attr("href"), Some("2025-03.html"));
    let label = more[0].text().collect::<String>();
    assert_eq!(label, format!("All {} articles, March 2025", stories.len()));
    let mut all: Vec<String> = stories.iter().map(|s| s.slug.clone()).collect();
    all.sort();
    in_month.sort();
    assert_eq!(in_month, all);
    let index = site.html("archive/index.html");
    assert_eq!(linked(&index, ".archive-year h2 a"), ["2025"]);
    assert_eq!(linked(&index, ".term-list a"), ["2025-03"]);
}

#[test]
fn year_pages_can_list_every_headline() {
    let site = Site::new(&[(
        "site.toml",
        "title = \"F\"\nbase_url = \"https://e.org/\"\ntimezone = \"UTC\"\n[archive]\nyear_headlines = 0\n",
    )]);
    for d in 1..=40 {
        let seed = format!(
            "+++\ntitle = \"Story {d}\"\ndate = 2025-03-{:02}T09:00:00Z\n+++\nText.\n",
            d % 28 + 1
        );
        site.write(&format!("seeds/s{d}.md"), &seed);
    }
    site.build();
    let year = site.html("archive/2025.html");
    assert_eq!(linked(&year, ".archive-month .headline-list a").len(), 40);
    assert!(year.select(&sel(".more-link")).next().is_none());
}

#[test]
fn thread_timelines_list_every_member_in_date_order() {
    let (site, stories) = fixture();
    let mut members: Vec<&Story> = stories.iter().filter(|s| s.thread).collect();
    members.sort_by(|a, b| a.epoch_key.0.cmp(&b.epoch_key.0));
    let order: Vec<String> = members.iter().map(|s| s.slug.clone()).collect();
    for m in &members {
        let doc = site.html(&format!("articles/{}.html", m.slug));
        let items: Vec<_> = doc.select(&sel(".timeline li")).collect();
        assert_eq!(items.len(), order.len());
        for (li, slug) in items.iter().zip(&order) {
            let current = li.value().attr("class") == Some("current");
            assert_eq!(current, *slug == m.slug);
            if !current {
                let href = li.select(&sel("a")).next().unwrap().value().attr("href").unwrap();
                assert_eq!(href, format!("{slug}.html"));
            }
        }
    }
}

#[test]
fn related_lists_never_include_the_article_itself() {
    let (site, stories) = fixture();
    let mut with_related = 0;
    for s in &stories {
        let doc = site.html(&format!("articles/{}.html", s.slug));
        let related = linked(&doc, ".related-list a");
        assert!(related.len() <= 5);
        assert!(!related.contains(&s.slug), "{} relates to itself", s.slug);
        with_related += usize::from(!related.is_empty());
    }
    assert_eq!(with_related, N);
}

#[test]
fn article_neighbours_follow_time() {
    let (site, stories) = fixture();
    let order = newest_first(&stories, |_| true);
    for (i, slug) in order.iter().enumerate() {
        let doc = site.html(&format!("articles/{slug}.html"));
        assert_eq!(
            linked(&doc, ".article-nav a[rel=prev]"),
            order.get(i + 1).into_iter().cloned().collect::<Vec<_>>()
        );
        assert_eq!(
            linked(&doc, ".article-nav a[rel=next]"),
            i.checked_sub(1).map(|j| order[j].clone()).into_iter().collect::<Vec<_>>()
        );
    }
}

#[test]
fn links_resolve_and_output_is_reproducible() {
    let (site, _) = fixture();
    assert_eq!(broken_links(&site.public()), Vec::<(String, String)>::new());
    let first = site.snapshot();
    site.build();
    assert_eq!(first, site.snapshot());
    let out = site.run(&[
        "build",
        "--now",
        "2026-01-01T00:00:00Z",
        "--base-url",
        "https://example.github.io/broadsheet/",
    ]);
    assert!(out.status.success());
    assert_eq!(broken_links(&site.public()), Vec::<(String, String)>::new());
}

#[test]
fn weekly_editions_group_by_iso_week() {
    let site = Site::new(&[
        (
            "site.toml",
            "title = \"W\"\nbase_url = \"https://x.org/\"\n[editions]\nperiod = \"week\"\n",
        ),
        ("seeds/2025-03-03-mon.md", "+++\ntitle = \"Monday\"\n+++\nA\n"),
        ("seeds/2025-03-09-sun.md", "+++\ntitle = \"Sunday\"\n+++\nA\n"),
        ("seeds/2025-03-10-next.md", "+++\ntitle = \"Next Monday\"\n+++\nA\n"),
    ]);
    site.build();
    let w10 = site.html("editions/2025-W10.html");
    assert_eq!(linked(&w10, "main .story-title a"), ["sun", "mon"]);
    let w11 = site.html("editions/2025-W11.html");
    assert_eq!(linked(&w11, "main .story-title a"), ["next"]);
}

#[test]
fn a_site_without_dates_or_tags_has_no_empty_list_pages() {
    let site = Site::new(&[("seeds/a.md", "+++\ntitle = \"Undated\"\n+++\nA\n")]);
    site.build();
    for absent in ["editions/index.html", "archive/index.html", "tags/index.html", "page/2.html"] {
        assert!(!site.public().join(absent).exists(), "{absent} should not exist");
    }
    assert_eq!(broken_links(&site.public()), Vec::<(String, String)>::new());
}
