//! The front matter and file-name forms the peers accept build as the peer reads
//! them: YAML closed by `...`, a `---` that opens nothing, a Jekyll date it cannot
//! read falling back to the file name's, Hugo's date chain and `:filename` dates, and
//! Zola's dated file names. Fixtures: tests/fixtures/peer_forms (credited in its README).
#![allow(clippy::disallowed_methods)] // tests read fixture files directly

mod common;

use common::{Site, copy_tree, sel, stderr, texts};
use std::path::Path;

/// The fixture `name` copied into a temp site and built.
fn built(name: &str) -> (Site, String) {
    let site = fixture(name);
    let err = stderr(&site.build());
    (site, err)
}

fn fixture(name: &str) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/peer_forms").join(name);
    copy_tree(&from, dir.path());
    Site { dir }
}

/// The `datetime` of an article page's publication date, if it has one.
fn published(site: &Site, page: &str) -> Option<String> {
    let doc = site.html(page);
    let time = doc.select(&sel("time.published")).next()?;
    time.value().attr("datetime").map(String::from)
}

#[test]
fn yaml_closed_by_dots_is_front_matter() {
    let (site, _) = built("jekyll");
    let doc = site.html("articles/yaml-with-dots.html");
    assert_eq!(texts(&doc, "main h1")[0], "Test Post Where YAML Ends in Dots");
    assert_eq!(
        published(&site, "articles/yaml-with-dots.html").unwrap(),
        "2014-03-03T00:00:00+00:00"
    );
    assert!(!texts(&doc, "main p").iter().any(|p| p.contains("...")));
}

#[test]
fn a_dash_rule_never_closed_and_holding_no_keys_is_body() {
    let (site, _) = built("jekyll");
    let doc = site.html("articles/sig.html");
    assert_eq!(doc.select(&sel("main hr")).count(), 1);
    assert!(texts(&doc, "main p").iter().any(|p| p.contains("Tom Preston-Werner")));
}

#[test]
fn a_jekyll_date_that_cannot_be_read_falls_back_to_the_file_name_with_a_warning() {
    let (site, err) = built("jekyll");
    let page = "articles/jekyll-3-9-3-released.html";
    assert_eq!(
        site.html(page).select(&sel("main h1")).next().unwrap().text().collect::<String>(),
        "Jekyll 3.9.3 Released"
    );
    assert_eq!(published(&site, page).unwrap(), "2023-01-29T00:00:00+00:00");
    assert!(
        err.contains(
            "seeds/2023-01-29-jekyll-3-9-3-released.markdown:3: cannot read date `2023-01-29 18:30:22 2023 -0800`"
        ),
        "{err}"
    );
    assert!(err.contains("dated 2023-01-29 by the file name instead"), "{err}");
}

#[test]
fn an_unreadable_date_and_no_dated_file_name_stay_an_error_with_the_line() {
    let site = Site::new(&[(
        "seeds/released.md",
        "---\ntitle: R\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nText.\n",
    )]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("seeds/released.md:3: cannot read date"), "{}", stderr(&out));
}

#[test]
fn hugo_dates_by_date_then_publish_date_then_lastmod() {
    let (site, err) = built("hugo");
    assert_eq!(published(&site, "articles/p1.html").unwrap(), "2024-03-01T00:00:00+00:00");
    assert!(texts(&site.html("articles/p1.html"), ".updated time").iter().any(|t| t.contains('2')));
    assert_eq!(published(&site, "articles/p2.html").unwrap(), "2024-04-03T00:00:00+00:00");
    assert_eq!(published(&site, "articles/p4.html").unwrap(), "2024-04-04T00:00:00+00:00");
    // p3 gives only `lastmod: 2099-05-06`: dated by it, so held back as future, as Hugo does.
    assert!(!site.public().join("articles/p3.html").exists(), "{err}");
    let future = site.run(&["build", "--now", "2026-01-01T00:00:00Z", "--future"]);
    assert!(future.status.success());
    assert_eq!(published(&site, "articles/p3.html").unwrap(), "2099-05-06T00:00:00+00:00");
}

#[test]
fn hugo_filename_dates_win_over_lastmod_and_leave_the_slug() {
    let (site, _) = built("hugo");
    assert_eq!(published(&site, "articles/noslug.html").unwrap(), "2012-02-21T00:00:00+00:00");
    assert_eq!(published(&site, "articles/aslug.html").unwrap(), "2012-02-22T00:00:00+00:00");
    let updated = texts(&site.html("articles/noslug.html"), ".updated time");
    assert!(updated.iter().any(|t| t.contains("2018")), "{updated:?}");
}

#[test]
fn hugo_date_and_time_file_names() {
    let site =
        Site::new(&[("seeds/2018-02-22-14-30-00-mypage.md", "---\ntitle: My page\n---\nText.\n")]);
    site.build();
    assert_eq!(published(&site, "articles/mypage.html").unwrap(), "2018-02-22T14:30:00+00:00");
}

#[test]
fn zola_dated_file_names_date_the_page_and_leave_the_slug() {
    let site = fixture("zola");
    // Zola's can_get_date_from_full_rfc3339_date_in_filename (see the README).
    // The three texts differ by their final newlines, or they would be one file's copies.
    site.write("seeds/b/2018-10-02T15:00:00Z-hello.md", "+++\n+++\nHello world\n<!-- more -->\n\n");
    let err = stderr(&site.build());
    let mut dates: Vec<String> = std::fs::read_dir(site.public().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("hello"))
        .map(|name| published(&site, &format!("articles/{name}")).unwrap())
        .collect();
    dates.sort();
    assert_eq!(
        dates,
        ["2018-10-02T15:00:00+00:00", "2018-10-08T00:00:00+00:00", "2018-10-08T00:00:00+00:00"],
        "{err}"
    );
    // A colocated page (a folder holding index.md) is dated by its folder's name.
    assert_eq!(published(&site, "articles/ho.html").unwrap(), "2021-07-29T00:00:00+00:00");
}
