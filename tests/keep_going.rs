//! A file that cannot be read costs only itself: it is listed with line and reason and
//! everything else is built. By default nothing is published (exit 1, the previous
//! public/ kept, for CI); `--keep-going` or `[build] on_error = "skip"` publishes the
//! rest (exit 0, for previews). The cache never remembers a failed file as good.
#![allow(clippy::disallowed_methods)] // tests write fixture files directly

mod common;

use common::{SITE_TOML, Site, stderr, stdout};

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2025-01-02\n+++\nBody.\n";
const BAD_DATE: &str = "+++\ntitle = \"Bad\"\ndate = \"nope\"\n+++\nBody.\n";
const BAD_YAML: &str = "---\ntitle: [\n---\nBody.\n";
const NOW: &str = "2026-01-01T00:00:00Z";

fn build(site: &Site, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--now", NOW];
    args.extend_from_slice(extra);
    site.run(&args)
}

fn broken_site() -> Site {
    let site = Site::new(&[("seeds/good.md", GOOD)]);
    site.build();
    site.write("seeds/other.md", &GOOD.replace("Good", "Other"));
    site.write("seeds/bad-date.md", BAD_DATE);
    site.write("seeds/bad-yaml.md", BAD_YAML);
    site
}

#[test]
fn by_default_every_bad_file_is_listed_and_the_previous_site_kept() {
    let site = broken_site();
    let before = site.snapshot();
    let out = build(&site, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error: seeds/bad-date.md:3: cannot read date `nope`"), "{err}");
    assert!(err.contains("error: seeds/bad-yaml.md:2: invalid YAML front matter"), "{err}");
    assert!(err.contains("2 files could not be read: everything else was built"), "{err}");
    assert!(err.contains("--keep-going"), "{err}");
    assert_eq!(site.snapshot(), before, "public/ changed after a failed build");
    assert!(!site.public().join("articles/other.html").exists());
}

#[test]
fn keep_going_publishes_the_rest_and_lists_the_bad_files() {
    let site = broken_site();
    let out = build(&site, &["--keep-going"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(site.public().join("articles/other.html").is_file());
    assert!(site.public().join("articles/good.html").is_file());
    assert!(!site.public().join("articles/bad-date.html").exists());
    assert!(err.contains("error: seeds/bad-date.md:3: cannot read date `nope`"), "{err}");
    assert!(err.contains("seeds/bad-yaml.md:2"), "{err}");
    assert!(err.contains("published without 2 files that could not be read"), "{err}");
    assert!(stdout(&out).contains("built 2 articles"), "{}", stdout(&out));
}

#[test]
fn on_error_skip_in_site_toml_keeps_going_too() {
    let site = broken_site();
    site.write("site.toml", &format!("{SITE_TOML}\n[build]\non_error = \"skip\"\n"));
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.public().join("articles/other.html").is_file());
    assert!(stderr(&out).contains("published without 2 files"), "{}", stderr(&out));
}

#[test]
fn an_unknown_on_error_is_a_settings_error() {
    let site = Site::new(&[("seeds/good.md", GOOD)]);
    site.write("site.toml", &format!("{SITE_TOML}\n[build]\non_error = \"ignore\"\n"));
    let out = build(&site, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("site.toml:6: unknown variant `ignore`, expected `fail` or `skip`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failed_file_is_never_remembered_as_good() {
    let site = broken_site();
    assert!(build(&site, &["--keep-going"]).status.success());
    // Nothing changed, but the last build left files out: it is not "unchanged".
    let again = build(&site, &["--keep-going"]);
    assert!(!stdout(&again).contains("nothing changed"), "{}", stdout(&again));
    assert!(stderr(&again).contains("published without 2 files"), "{}", stderr(&again));
    let strict = build(&site, &[]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    site.write("seeds/bad-date.md", &BAD_DATE.replace("\"nope\"", "2025-01-03"));
    std::fs::remove_file(site.root().join("seeds/bad-yaml.md")).unwrap();
    let fixed = build(&site, &[]);
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    assert!(site.public().join("articles/bad-date.html").is_file());
}

#[test]
fn check_lists_every_bad_file_and_still_checks_the_rest() {
    let site = broken_site();
    site.write(
        "seeds/links.md",
        "+++\ntitle = \"L\"\ndate = 2025-01-04\n+++\n[x](/nowhere.html)\n",
    );
    let out = site.run(&["check", "--now", NOW]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("seeds/bad-date.md:3"), "{err}");
    assert!(err.contains("seeds/bad-yaml.md:2"), "{err}");
    assert!(err.contains("seeds/links.md:5"), "{err}");
    assert!(stdout(&out).contains("checked 3 articles"), "{}", stdout(&out));
    assert!(stdout(&out).contains("3 errors"), "{}", stdout(&out));
}
