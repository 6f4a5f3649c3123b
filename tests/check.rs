//! `broadsheet check`: broken links and anchors are errors that name the article line,
//! hygiene findings are warnings, and nothing is written to public/.

#![allow(clippy::disallowed_methods)] // tests read and write fixtures directly

mod common;

use common::{Site, stderr, stdout};

const NOW: &str = "2026-01-01T00:00:00Z";

const BRIDGE: &str = "+++\ntitle = \"Bridge\"\ndate = 2025-04-14\nauthors = [\"Ana Ruiz\"]\ntags = [\"transport\"]\n+++\nIntro.\n\n## Section two\n\nMore.\n";

fn check(site: &Site, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--now", NOW];
    args.extend_from_slice(extra);
    site.run(&args)
}

#[test]
fn the_example_site_checks_clean_and_public_is_untouched() {
    let site = Site::example();
    let out = check(&site, &["--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.starts_with("checked 20 articles, "), "{summary}");
    assert!(summary.trim_end().ends_with(": 0 errors, 0 warnings"), "{summary}");
    assert!(!site.public().exists(), "check wrote public/");
    assert!(!site.root().join(".broadsheet/check").exists(), "check left its pages behind");
}

#[test]
fn finds_a_broken_internal_link_and_a_missing_anchor() {
    let site = Site::new(&[
        ("seeds/2025-04-14-bridge.md", BRIDGE),
        (
            "seeds/2025-04-15-commute.md",
            "+++\ntitle = \"Commute\"\ndate = 2025-04-15\nauthors = [\"Ana Ruiz\"]\n+++\nSee [the bridge](2025-04-14-bridge.md#section-two).\n\nAlso [the plan](/no-such-page.html).\n\nAnd [its history](2025-04-14-bridge.md#history).\n",
        ),
    ]);
    site.build();
    let before = site.snapshot();
    let out = check(&site, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: seeds/2025-04-15-commute.md:8: link `/no-such-page.html` leads to no file of the site (on articles/commute.html)"),
        "{err}"
    );
    assert!(
        err.contains("error: seeds/2025-04-15-commute.md:10: link `2025-04-14-bridge.md#history` names no element with id `history` on its page (on articles/commute.html)"),
        "{err}"
    );
    // The anchor that exists is fine, and the line under the error points at the link.
    assert!(!err.contains("#section-two"), "{err}");
    assert!(err.contains("10 | And [its history](2025-04-14-bridge.md#history)."), "{err}");
    assert!(err.contains("   |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"), "{err}");
    assert!(err.contains("error: check found 2 errors"), "{err}");
    assert!(stdout(&out).trim_end().ends_with(": 2 errors, 0 warnings"), "{}", stdout(&out));
    assert_eq!(site.snapshot(), before, "check changed public/");
}

#[test]
fn hygiene_warns_and_fails_only_when_strict() {
    let site = Site::new(&[
        ("seeds/2025-04-14-bridge.md", BRIDGE),
        (
            "seeds/wire.md",
            "+++\ntitle = \"Wire\"\nsource = { name = \"Agency\" }\nimage = \"lead.jpg\"\n+++\nText.\n\n![](chart.png)\n",
        ),
        ("seeds/lead.jpg", "jpg"),
        ("seeds/chart.png", "png"),
    ]);
    let out = check(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for warning in [
        "warning: seeds/wire.md: no date",
        "warning: seeds/wire.md: no byline: add `authors` to the front matter, or set `author` in site.toml",
        "warning: seeds/wire.md:3: source `Agency` has no URL",
        "warning: seeds/wire.md:4: lead image `lead.jpg` has no alt text",
        "warning: seeds/wire.md:8: image `chart.png` has no alt text",
        // Three bytes are no picture: said by the build, which links them as they are.
        "warning: seeds/wire.md: image `lead.jpg` is not a picture Broadsheet can read",
        "warning: seeds/wire.md: image `chart.png` is not a picture Broadsheet can read",
    ] {
        assert!(err.contains(warning), "missing {warning:?} in\n{err}");
    }
    assert!(!err.contains("seeds/2025-04-14-bridge.md"), "the tidy article was flagged:\n{err}");
    assert!(stdout(&out).trim_end().ends_with(": 0 errors, 7 warnings"), "{}", stdout(&out));

    let strict = check(&site, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("error: check found 7 warnings (--strict fails on warnings)"));
}

#[test]
fn a_broken_template_fails_the_check_with_its_line() {
    let site = Site::new(&[
        ("seeds/2025-04-14-bridge.md", BRIDGE),
        ("templates/article.html", "<p>\n{{ article.title | no_such_filter }}</p>\n"),
    ]);
    let out = check(&site, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("templates/article.html:2"), "{}", stderr(&out));
    assert!(!site.public().exists());
}

#[test]
fn links_to_a_folder_lead_to_its_index_page() {
    let site = Site::new(&[
        ("seeds/2025-04-14-bridge.md", BRIDGE),
        (
            "seeds/2025-04-15-commute.md",
            "+++\ntitle = \"Commute\"\ndate = 2025-04-15\nauthors = [\"Ana Ruiz\"]\n+++\nEvery [topic](/tags/), [the list](/tags) and [none](/nowhere/).\n",
        ),
    ]);
    site.build();
    let html = site.read("articles/commute.html");
    // The build names a folder's index page, as the site's own links do.
    let body = "Every <a href=\"../tags/index.html\">topic</a>, <a href=\"../tags/index.html\">the list</a> and <a href=\"../nowhere/index.html\">none</a>";
    assert!(html.contains(body), "{html}");
    let out = check(&site, &[]);
    let err = stderr(&out);
    assert!(!err.contains("`/tags"), "{err}");
    assert!(
        err.contains(
            "error: seeds/2025-04-15-commute.md:6: link `/nowhere/` leads to no file of the site"
        ),
        "{err}"
    );
    assert!(err.contains("error: check found 1 error"), "{err}");
}
