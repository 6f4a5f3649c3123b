//! Broken input: exit code 1, a message naming the file and line, and the previous
//! public/ left byte-identical.
// Tests set up fixtures with std::fs directly; the `crate::fs` rule is for the library.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, stderr};

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2025-01-02\n+++\nBody.\n";

/// Builds a good site, breaks it with `path` = `text`, builds again and checks the failure.
fn fails_keeping_public(path: &str, text: &str) -> String {
    fails_keeping_public_with(&[("seeds/good.md", GOOD)], path, text)
}

fn fails_keeping_public_with(initial: &[(&str, &str)], path: &str, text: &str) -> String {
    let site = Site::new(initial);
    site.build();
    let before = site.snapshot();
    site.write(path, text);
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert_eq!(site.snapshot(), before, "public/ changed after a failed build");
    let staged: Vec<_> = std::fs::read_dir(site.root().join(".broadsheet"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("stage-"))
        .collect();
    assert!(staged.is_empty(), "a failed build left its staging folder");
    stderr(&out)
}

#[test]
fn invalid_toml_front_matter() {
    let err = fails_keeping_public(
        "seeds/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2025-01-02\ntags = [\"a\"\n+++\nBody\n",
    );
    assert!(
        err.contains("error: seeds/bad.md:4: a list opened with `[` is not closed: close it with `]` after its last item; invalid TOML front matter: unclosed array, expected `]`\n"),
        "{err}"
    );
    assert!(err.contains(" --> seeds/bad.md:4:8\n"), "the caret is at the `[`: {err}");
}

#[test]
fn invalid_yaml_front_matter() {
    let err = fails_keeping_public(
        "seeds/bad.md",
        "---\ntitle: Bad\ntags: [a, b\nauthor: x\n---\nBody\n",
    );
    assert!(
        err.contains("error: seeds/bad.md:3: a list opened with `[` is not closed: close it with `]` after its last item; invalid YAML front matter: "),
        "{err}"
    );
}

#[test]
fn unclosed_front_matter() {
    let err = fails_keeping_public("seeds/bad.md", "\n+++\ntitle = \"Bad\"\nBody\n");
    assert!(
        err.contains("error: seeds/bad.md:2: front matter opened with `+++` is never closed"),
        "{err}"
    );
}

#[test]
fn impossible_date() {
    let err = fails_keeping_public(
        "seeds/bad.md",
        "+++\ntitle = \"Bad\"\ndate = \"2025-02-30\"\n+++\nBody\n",
    );
    assert!(
        err.contains("error: seeds/bad.md:3: cannot read date `2025-02-30`: 2025-02 has no day 30"),
        "{err}"
    );
}

#[test]
fn unknown_site_toml_key() {
    let err = fails_keeping_public(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.github.io/digest/\"\ntimezon = \"UTC\"\n",
    );
    assert!(
        err.contains("error: site.toml:3: unknown key `timezon`; did you mean `timezone`?"),
        "{err}"
    );
}

#[test]
fn template_syntax_error() {
    let err = fails_keeping_public(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title \n{% endblock main %}\n",
    );
    assert!(err.contains("error: templates/article.html:4: Found `{` but expected }}"), "{err}");
}

#[test]
fn template_rendering_error() {
    let err = fails_keeping_public(
        "templates/article.html",
        "<p>\n{{ article.title | no_such_filter }}</p>\n",
    );
    assert!(err.contains("templates/article.html:2"), "{err}");
}

#[test]
fn duplicate_url() {
    let err = fails_keeping_public_with(
        &[("seeds/a.md", "+++\ntitle = \"A\"\ndate = 2025-01-02\nslug = \"same\"\n+++\nA\n")],
        "seeds/b.md",
        "+++\ntitle = \"B\"\ndate = 2025-01-03\nslug = \"same\"\n+++\nB\n",
    );
    assert!(
        err.contains(
            "error: articles/same.html: the same URL is claimed by seeds/a.md, seeds/b.md"
        ),
        "{err}"
    );
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    let site = Site::new(&[
        ("seeds/a.md", "+++\ntitle = \"A\"\ndate = \"nope\"\n+++\nA\n"),
        ("seeds/b.md", "+++\ntitle = \"B\"\n"),
        ("seeds/c.md", "---\ntitle: [\n---\n"),
    ]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for file in ["seeds/a.md:3", "seeds/b.md:1", "seeds/c.md"] {
        assert!(err.contains(file), "{file} missing from {err}");
    }
    assert!(err.contains("3 files could not be read"), "{err}");
}

#[test]
fn missing_site_toml_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no site.toml in ")
            && stderr(&out).contains(": create one with `broadsheet init`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::new(&[("seeds/good.md", GOOD)]);
    let out = site.run(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = site.run(&["build", "--now", "yesterday"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = site.run(&["build", "--output-dir", "seeds"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(site.root().join("seeds/good.md").exists());
}

#[test]
fn unknown_front_matter_keys_warn_and_build() {
    let site = Site::new(&[(
        "seeds/a.md",
        "+++\ntitle = \"A\"\ndate = 2025-01-02\nauthr = \"X\"\n+++\nA\n",
    )]);
    let out = site.build();
    assert!(
        stderr(&out).contains("warning: seeds/a.md:4: unknown front matter key `authr` (did you mean `author`?); ignored"),
        "{}",
        stderr(&out)
    );
}
