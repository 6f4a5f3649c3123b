//! Hostile and broken input (issue 5), one test per class, each through the real
//! binary on a fixture site in a temp folder: the exact message or the page produced,
//! and never a panic (exit code 101). Kill and concurrency tests are in crash.rs.
#![allow(clippy::disallowed_methods)] // tests write odd fixtures directly

mod common;

use common::{Site, sel, stderr, texts};
use std::path::Path;

/// Builds `site`; asserts no panic and returns the exit code and stderr.
fn build(site: &Site) -> (Option<i32>, String) {
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(101), "the build panicked:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err)
}

/// Builds `site`, expecting success; returns stderr (the warnings).
fn builds(site: &Site) -> String {
    let (code, err) = build(site);
    assert_eq!(code, Some(0), "{err}");
    err
}

/// Builds `site`, expecting exit code 1; returns stderr.
fn fails(site: &Site) -> String {
    let (code, err) = build(site);
    assert_eq!(code, Some(1), "{err}");
    err
}

fn assert_error(err: &str, message: &str) {
    assert!(
        err.lines().any(|l| l == format!("error: {message}")),
        "want error: {message}\ngot:\n{err}"
    );
}

fn assert_warning(err: &str, message: &str) {
    assert!(
        err.lines().any(|l| l == format!("warning: {message}")),
        "want warning: {message}\ngot:\n{err}"
    );
}

/// A site whose only seed is `name` holding `bytes`.
fn seed(name: &str, bytes: &[u8]) -> Site {
    let site = Site::new(&[]);
    write(&site, &format!("seeds/{name}"), bytes);
    site
}

fn write(site: &Site, path: &str, bytes: &[u8]) {
    let full = site.root().join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, bytes).unwrap();
}

fn md(front: &str, body: &str) -> Vec<u8> {
    format!("+++\n{front}\n+++\n{body}").into_bytes()
}

fn exists(site: &Site, path: &str) -> bool {
    site.public().join(path).exists()
}

// ---- Encodings and bytes -------------------------------------------------------

#[test]
fn invalid_utf8_is_an_error_naming_the_file_line_and_byte_offset() {
    let site = seed("a.md", b"+++\ntitle = \"A\"\n+++\nCaf\xe9 society\n");
    let err = fails(&site);
    assert_error(
        &err,
        "seeds/a.md:4: not valid UTF-8 (first bad byte at offset 23); save the file as UTF-8",
    );
}

#[test]
fn invalid_utf8_is_read_in_the_fallback_encoding_site_toml_names() {
    let site = seed("2025-01-02-cafe.txt", b"Caf\xe9 Opens\n\nThe caf\xe9 \x93opened\x94 today.\n");
    write(
        &site,
        "site.toml",
        format!("{}encoding = \"windows-1252\"\n", common::SITE_TOML).as_bytes(),
    );
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/2025-01-02-cafe.txt:1: not UTF-8 (first bad byte at offset 3); read as windows-1252",
    );
    let doc = site.html("articles/cafe-opens.html");
    assert_eq!(texts(&doc, "h1"), ["Café Opens"]);
    assert_eq!(texts(&doc, ".article-body p"), ["The café “opened” today."]);
}

#[test]
fn an_unknown_fallback_encoding_is_a_config_error() {
    let site = seed("a.md", &md("title = \"A\"", "x"));
    write(&site, "site.toml", format!("{}encoding = \"klingon\"\n", common::SITE_TOML).as_bytes());
    assert_error(
        &fails(&site),
        "site.toml:4: unknown encoding `klingon` (use a label such as `windows-1252`, `iso-8859-15` or `shift_jis`)",
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let text = "+++\ntitle = \"Wide\"\ndate = 2025-01-02\n+++\nFrom Notepad.\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let site = seed("wide.md", &bytes);
    builds(&site);
    assert_eq!(texts(&site.html("articles/wide.html"), ".article-body p"), ["From Notepad."]);
    bytes.extend([0x00, 0xd8]); // a lone surrogate
    let broken = seed("wide.md", &bytes);
    assert_error(
        &fails(&broken),
        "seeds/wide.md:1: starts with a UTF-16LE byte-order mark but is not valid UTF-16LE; save the file as UTF-8",
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_change_nothing() {
    let plain = "+++\ntitle = \"A\"\ndate = 2025-01-02\n+++\nOne\ntwo.\n\nThree.\n";
    let windows = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let (a, b) = (seed("a.md", plain.as_bytes()), seed("a.md", windows.as_bytes()));
    builds(&a);
    builds(&b);
    assert_eq!(a.read("articles/a.html"), b.read("articles/a.html"));
}

#[test]
fn nul_bytes_are_an_error() {
    let site = seed("a.md", b"+++\ntitle = \"A\"\n+++\nhi\x00there\n");
    assert_error(
        &fails(&site),
        "seeds/a.md:4: contains a NUL byte at offset 22; is this a text file?",
    );
}

#[test]
fn control_characters_in_front_matter_values_are_removed_with_a_warning() {
    let site = seed("2025-01-02-a.md", &md("title = \"Bell\\u0007 \\u001b[2JTolls\"", "x"));
    assert_warning(
        &builds(&site),
        "seeds/2025-01-02-a.md:2: control characters removed from front matter values",
    );
    assert_eq!(texts(&site.html("articles/a.html"), "h1"), ["Bell [2JTolls"]);
}

#[test]
fn control_characters_are_removed_with_a_warning() {
    let site =
        seed("2025-01-02-wire.txt", b"\x01Storm Warning\x02\n\nWinds \x1b[2Jup to 90 km/h.\x03\n");
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/2025-01-02-wire.txt:1: removed 4 control character(s), the first U+0001",
    );
    let doc = site.html("articles/storm-warning.html");
    assert_eq!(texts(&doc, "h1"), ["Storm Warning"]);
    assert_eq!(texts(&doc, ".article-body p"), ["Winds [2Jup to 90 km/h."]);
}

// ---- Empty and half-written files ---------------------------------------------------

#[test]
fn empty_files_are_skipped_with_a_warning() {
    let site = seed("empty.md", b"");
    write(&site, "seeds/blank.txt", b"\n  \n\t\n");
    write(&site, "seeds/2025-01-02-real.md", &md("title = \"Real\"", "x"));
    let err = builds(&site);
    assert_warning(&err, "seeds/empty.md: empty file; skipped");
    assert_warning(&err, "seeds/blank.txt: empty file; skipped");
    assert!(exists(&site, "articles/real.html"));
    assert!(!exists(&site, "articles/empty.html"));
    assert!(!exists(&site, "articles/blank.html"));
}

#[test]
fn front_matter_only_builds_a_page_with_a_warning() {
    let site = seed("2025-01-02-brief.md", &md("title = \"Brief\"", ""));
    assert_warning(&builds(&site), "seeds/2025-01-02-brief.md: no body text");
    assert_eq!(texts(&site.html("articles/brief.html"), "h1"), ["Brief"]);
}

#[test]
fn no_headline_anywhere_takes_the_file_name_with_a_warning() {
    let site = seed("a.md", &md("date = 2025-01-02", "Just a body, no heading.\n"));
    assert_warning(
        &builds(&site),
        "seeds/a.md: no `title` and no `# Headline`: headline made from the file name, \"A\"",
    );
    assert_eq!(texts(&site.html("articles/a.html"), "h1"), ["A"]);
}

#[test]
fn front_matter_never_closed_is_an_error_at_its_fence() {
    let toml = seed("a.md", b"\n+++\ntitle = \"A\"\nBody\n");
    assert_error(&fails(&toml), "seeds/a.md:2: front matter opened with `+++` is never closed");
    let yaml = seed("b.md", b"---\ntitle: B\nBody\n");
    assert_error(&fails(&yaml), "seeds/b.md:1: front matter opened with `---` is never closed");
}

#[test]
fn invalid_toml_and_yaml_name_the_line() {
    let toml = seed("a.md", b"+++\ntitle = \"A\"\ntags = [\"x\"\n+++\nBody\n");
    let err = fails(&toml);
    assert!(err.contains("error: seeds/a.md:3: a list opened with `[` is not closed"), "{err}");
    let yaml = seed("b.md", b"---\ntitle: A\ntitle: B\n---\nBody\n");
    assert_error(
        &fails(&yaml),
        "seeds/b.md:3: invalid YAML front matter: duplicate mapping key `title` is not allowed here",
    );
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut yaml =
        String::from("---\ntitle: Bomb\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        yaml.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
    }
    yaml.push_str("---\nBody\n");
    let site = seed("bomb.md", yaml.as_bytes());
    assert_error(
        &fails(&site),
        "seeds/bomb.md:8: invalid YAML front matter: too many values (aliases that expand exponentially?); front matter holds a few short fields",
    );
}

#[test]
fn arrays_nested_100000_deep_are_refused() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let yaml = seed("y.md", format!("---\ntitle: Deep\ntags: {deep}\n---\nBody\n").as_bytes());
    assert_error(
        &fails(&yaml),
        "seeds/y.md:3: invalid YAML front matter: recursion limit exceeded",
    );
    let toml = seed("t.md", &md(&format!("title = \"Deep\"\ntags = {deep}"), "Body"));
    assert_error(
        &fails(&toml),
        "seeds/t.md:3: invalid TOML front matter: cannot recurse further; max recursion depth met",
    );
}

// ---- Values ----------------------------------------------------------------------------

#[test]
fn impossible_and_ambiguous_dates_are_errors() {
    let cases = [
        ("date = \"2025-02-30\"", "cannot read date `2025-02-30`: 2025-02 has no day 30"),
        (
            "date = \"2025-13-01T10:00:00\"",
            "cannot read date `2025-13-01T10:00:00`: the month must be 01 to 12, not 13",
        ),
        (
            "date = \"04/05/2025\"",
            "cannot read date `04/05/2025`: write it as YYYY-MM-DD, optionally with a time (2025-04-12T09:30:00) and an offset (+02:00 or Z)",
        ),
        (
            "date = \"2025-03-30T01:30:00\"",
            "cannot read date `2025-03-30T01:30:00`: Europe/London skips this time when the clocks change; add the offset meant (+00:00 or +01:00)",
        ),
        (
            "date = \"2025-10-26T01:30:00\"",
            "cannot read date `2025-10-26T01:30:00`: this time happens twice in Europe/London when the clocks change; add the offset meant (+01:00 or +00:00)",
        ),
    ];
    for (date, message) in cases {
        let site = seed("a.md", &md(&format!("title = \"A\"\n{date}"), "x"));
        write(&site, "site.toml", common::SITE_TOML.replace("UTC", "Europe/London").as_bytes());
        assert_error(&fails(&site), &format!("seeds/a.md:3: {message}"));
    }
}

#[test]
fn wrong_types_are_accepted_or_rejected_clearly() {
    let string_tags =
        seed("2025-01-02-a.md", &md("title = \"A\"\ntags = \"Transport, Harbor\"", "x"));
    builds(&string_tags);
    assert_eq!(texts(&string_tags.html("articles/a.html"), ".tags a"), ["Transport", "Harbor"]);
    let number_tags = seed("b.md", &md("title = \"B\"\ntags = 1", "x"));
    assert_error(
        &fails(&number_tags),
        "seeds/b.md:3: invalid TOML front matter: invalid type: integer `1`, expected a string or a list of strings",
    );
    let string_draft = seed("c.md", &md("title = \"C\"\ndraft = \"yes\"", "x"));
    assert_error(
        &fails(&string_draft),
        "seeds/c.md:3: invalid TOML front matter: invalid type: string \"yes\", expected a boolean",
    );
}

#[test]
fn unknown_keys_warn_and_the_page_builds() {
    let site = seed(
        "2025-01-02-a.md",
        b"---\ntitle: A\nheadline: Also A\nseo: {deep: [1, 2]}\n---\nBody\n",
    );
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/2025-01-02-a.md:3: unknown front matter key `headline` (did you mean `title`?); ignored",
    );
    assert_warning(&err, "seeds/2025-01-02-a.md:4: unknown front matter key `seo`; ignored");
    assert_eq!(texts(&site.html("articles/a.html"), "h1"), ["A"]);
}

#[test]
fn ten_thousand_tags_keep_the_first_hundred() {
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"tag {i}\"")).collect();
    let site =
        seed("2025-01-02-a.md", &md(&format!("title = \"A\"\ntags = [{}]", tags.join(", ")), "x"));
    assert_warning(
        &builds(&site),
        "seeds/2025-01-02-a.md:3: 10000 tags; only the first 100 are kept",
    );
    let shown = texts(&site.html("articles/a.html"), ".tags a");
    assert_eq!(shown.len(), 100);
    assert_eq!(shown[99], "tag 99");
    assert!(exists(&site, "tags/tag-99.html"));
    assert!(!exists(&site, "tags/tag-100.html"));
}

#[test]
fn five_megabyte_lines_build() {
    let line = "word ".repeat(1_000_000);
    let site = seed("2025-01-02-long.md", &md("title = \"Long\"", &line));
    write(&site, "seeds/2025-01-02-wire.txt", format!("Wire\n\n{line}\n").as_bytes());
    builds(&site);
    for page in ["articles/long.html", "articles/wire.html"] {
        let body = texts(&site.html(page), ".article-body p");
        assert_eq!(body.len(), 1, "{page}");
        assert_eq!(body[0].len(), line.trim_end().len(), "{page}");
    }
}

// ---- Names, duplicates, links ---------------------------------------------------------------

#[test]
fn duplicate_urls_are_numbered_or_published_once() {
    let site = seed("2025-01-02-harbor news.md", &md("title = \"One\"", "one"));
    write(&site, "seeds/2025-01-03-harbor-news.md", &md("title = \"Two\"", "two"));
    write(&site, "seeds/copy/2025-01-02-harbor news.md", &md("title = \"One\"", "one"));
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/copy/2025-01-02-harbor news.md: same bytes as seeds/2025-01-02-harbor news.md; published once",
    );
    assert_warning(
        &err,
        "seeds/2025-01-03-harbor-news.md: published as articles/harbor-news-2.html",
    );
    assert_eq!(texts(&site.html("articles/harbor-news.html"), "h1"), ["One"]);
    assert_eq!(texts(&site.html("articles/harbor-news-2.html"), "h1"), ["Two"]);
}

#[test]
fn file_names_with_spaces_lookalikes_and_reserved_characters_get_safe_urls() {
    let names = [
        ("my story.md", "articles/my-story.html"),
        ("apple.md", "articles/apple.html"),
        ("\u{430}pple.md", "articles/apple-2.html"), // Cyrillic а
        ("what?.md", "articles/what.html"),
        ("a:b*c<d>|e.md", "articles/a-b-c-d-e.html"),
        ("back\\slash.md", "articles/back-slash.html"),
        ("con.md", "articles/con-page.html"),
        ("%2e%2e.md", "articles/2e-2e.html"),
        ("🔥.md", "articles/fire.html"),
    ];
    let site = Site::new(&[]);
    for (name, _) in names {
        write(
            &site,
            &format!("seeds/{name}"),
            &md(&format!("title = {name:?}\ndate = 2025-01-02"), name),
        );
    }
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/\u{430}pple.md: URL articles/apple.html is already used by seeds/apple.md",
    );
    for (name, page) in names {
        assert_eq!(texts(&site.html(page), "h1"), [name], "{page}");
    }
}

#[test]
fn file_names_with_control_characters_are_shown_escaped() {
    let site = seed("red\u{1b}[31m\u{202e}dm.txt", &md("title = \"Red\"\ndate = 2025-01-02", "x"));
    let err = builds(&site);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{err:?}");
    assert_warning(
        &err,
        "seeds/red\\u{1b}[31m\\u{202e}dm.txt: the file name holds control or bidirectional characters (red\\u{1b}[31m\\u{202e}dm.txt); rename it",
    );
}

#[test]
fn symbolic_links_leading_outside_seeds_are_never_read() {
    let site = seed(
        "2025-01-02-a.md",
        &md("title = \"A\"\nimage = \"leak.png\"", "![x](leak.png) [y](notes/key.md)"),
    );
    write(&site, "secret.md", b"+++\ntitle = \"SECRET-TITLE\"\n+++\nSECRET-BODY\n");
    write(&site, "private/key.md", b"+++\ntitle = \"SECRET-KEY\"\n+++\nSECRET-KEY\n");
    std::os::unix::fs::symlink("../secret.md", site.root().join("seeds/secret.md")).unwrap();
    std::os::unix::fs::symlink("../secret.md", site.root().join("seeds/leak.png")).unwrap();
    std::os::unix::fs::symlink("../private", site.root().join("seeds/notes")).unwrap();
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/secret.md: symbolic link to ../secret.md leads outside seeds/; skipped",
    );
    assert_warning(&err, "seeds/notes: symbolic link to ../private leads outside seeds/; skipped");
    assert_warning(
        &err,
        "seeds/2025-01-02-a.md: link `leak.png` is a symbolic link leading outside seeds/; left as written",
    );
    for (path, bytes) in site.snapshot() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET"), "{} leaks the linked file", path.display());
    }
}

#[test]
fn symbolic_link_loops_and_broken_links_are_named() {
    let site = seed("2025-01-02-a.md", &md("title = \"A\"", "x"));
    std::os::unix::fs::symlink(".", site.root().join("seeds/loop")).unwrap();
    std::os::unix::fs::symlink("gone.png", site.root().join("seeds/photo.png")).unwrap();
    let err = builds(&site);
    assert_warning(&err, "seeds/loop: symbolic link loop; skipped");
    assert_warning(&err, "seeds/photo.png: broken symbolic link to gone.png; skipped");
    std::os::unix::fs::symlink("gone.md", site.root().join("seeds/story.md")).unwrap();
    assert_error(
        &fails(&site),
        "cannot read seeds/story.md: it is a symbolic link to gone.md, which does not exist",
    );
}

#[test]
fn fifos_and_folders_named_like_seeds_do_not_hang_the_build() {
    let site = seed("2025-01-02-a.md", &md("title = \"A\"", "x"));
    write(&site, "seeds/2025-01-02-wire.txt", b"Wire\n\nBody.\n");
    for fifo in ["seeds/pipe.md", "seeds/2025-01-02-wire.toml"] {
        let made =
            std::process::Command::new("mkfifo").arg(site.root().join(fifo)).status().unwrap();
        assert!(made.success());
    }
    write(&site, "seeds/folder.md/2025-01-03-inner.md", &md("title = \"Inner\"", "x"));
    let err = builds(&site);
    assert_warning(&err, "seeds/pipe.md: not a regular file (a FIFO, socket or device?); skipped");
    assert_warning(
        &err,
        "seeds/2025-01-02-wire.txt: its sidecar is not a regular file (a FIFO, socket or device?); ignored",
    );
    assert!(exists(&site, "articles/wire.html"));
    assert!(exists(&site, "articles/inner.html"));
}

#[test]
fn unreadable_files_are_errors_naming_them() {
    // A sidecar that is a folder cannot be read, even by root.
    let site = seed("2025-01-02-wire.txt", b"Wire\n\nBody.\n");
    std::fs::create_dir(site.root().join("seeds/2025-01-02-wire.toml")).unwrap();
    assert_error(
        &fails(&site),
        "cannot read seeds/2025-01-02-wire.toml: Is a directory (os error 21)",
    );
    // Permissions stop reads only for other users: as root the file is simply read.
    let site = seed("2025-01-02-locked.md", &md("title = \"Locked\"", "x"));
    let file = site.root().join("seeds/2025-01-02-locked.md");
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        builds(&site);
        assert!(exists(&site, "articles/locked.html"));
    } else {
        assert_error(
            &fails(&site),
            "cannot read seeds/2025-01-02-locked.md: Permission denied (os error 13)",
        );
    }
}

// ---- Nothing escapes the output folder ----------------------------------------------------

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Every file of the site folder outside public/ and the work folder.
fn files_outside_output(root: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("public" | ".broadsheet")))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn no_slug_alias_or_link_writes_outside_the_output_folder() {
    let hostile = [
        "../../escape",
        "/etc/escape",
        "..\\..\\escape",
        "C:\\escape",
        "C:/escape",
        "a/../../escape",
        "%2e%2e/escape",
        "%2E%2E%2Fescape",
        "escape\u{0}nul",
        "//server/share/escape",
        "nul",
        "con.html",
        "./.git/escape",
        ".git",
        "CNAME",
        "~/escape",
        "\\\\?\\C:\\escape",
    ];
    for value in hostile {
        let site = Site::new(&[]);
        let (v, html) = (toml_string(value), toml_string(&format!("{value}.html")));
        let front = format!(
            "title = \"A\"\ndate = 2025-01-02\nslug = {v}\naliases = [{v}, {html}]\nimage = {v}"
        );
        let link = value.replace('\0', "%00");
        write(&site, "seeds/a.md", &md(&front, &format!("[x]({link}) ![y]({link})")));
        let before = files_outside_output(site.root());
        builds(&site);
        std::fs::write(site.public().join("CNAME"), "news.example.org").unwrap();
        std::fs::create_dir_all(site.public().join(".git")).unwrap();
        std::fs::write(site.public().join(".git/HEAD"), "ref").unwrap();
        builds(&site);
        assert_eq!(files_outside_output(site.root()), before, "{value:?} wrote outside public/");
        assert_eq!(site.read("CNAME"), "news.example.org", "{value:?}");
        assert_eq!(site.read(".git/HEAD"), "ref", "{value:?}");
        for path in site.snapshot().keys() {
            let path = path.to_string_lossy();
            assert!(
                !path.contains(['\\', ':', '\0', '%']) && !path.contains(".."),
                "{value:?} wrote {path}"
            );
        }
    }
}

#[test]
fn aliases_cannot_replace_site_pages_or_kept_entries() {
    let front = "title = \"A\"\ndate = 2025-01-02\ntags = [\"x\"]\naliases = [\"index.html\", \"tags/x.html\", \"CNAME\", \".git/config.html\", \"old/a.html\"]";
    let site = seed("2025-01-02-a.md", &md(front, "x"));
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/2025-01-02-a.md: alias `index.html` would replace a page of the site; ignored",
    );
    assert_warning(
        &err,
        "seeds/2025-01-02-a.md: alias `tags/x.html` would replace a page of the site; ignored",
    );
    assert_warning(
        &err,
        "seeds/2025-01-02-a.md: alias `CNAME` would replace `CNAME` in the output folder; ignored",
    );
    assert_warning(
        &err,
        "seeds/2025-01-02-a.md: alias `.git/config.html` would replace `.git` in the output folder; ignored",
    );
    assert_eq!(site.html("index.html").select(&sel("body.kind-front")).count(), 1);
    assert_eq!(site.html("tags/x.html").select(&sel("body.kind-term")).count(), 1);
    let refresh = site.html("old/a.html").select(&sel("meta[http-equiv=refresh]")).count();
    assert_eq!(refresh, 1, "the alias that takes no one's place redirects");
}

#[test]
fn an_output_folder_that_is_a_file_or_a_link_is_refused() {
    let site = seed("2025-01-02-a.md", &md("title = \"A\"", "x"));
    std::fs::write(site.public(), "not a folder").unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let shown = site.public().display().to_string();
    assert_error(
        &stderr(&out),
        &format!(
            "the output folder {shown} is a file, not a folder; move it away or choose another --output-dir"
        ),
    );
    std::fs::remove_file(site.public()).unwrap();
    std::fs::create_dir(site.root().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("elsewhere", site.public()).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert_error(
        &stderr(&out),
        &format!(
            "the output folder {shown} is a symbolic link; point --output-dir at the folder it leads to"
        ),
    );
}

// ---- Nothing runs that the editor did not allow -------------------------------------------

const PAYLOAD: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>&amp;";

/// Every element, attribute and URL of every HTML page, checked for the payloads' code
/// (`alert(…)`) in a place that runs it, and every JSON-LD block for valid JSON.
fn assert_nothing_runs(site: &Site) {
    for (path, bytes) in site.snapshot() {
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        let page = path.display();
        for el in doc.select(&sel("*")) {
            let v = el.value();
            let code = el.text().collect::<String>();
            if v.name() == "script" && v.attr("type") == Some("application/ld+json") {
                // Data, not code: it must stay one valid JSON value.
                assert!(
                    serde_json::from_str::<serde_json::Value>(&code).is_ok(),
                    "{page}: JSON-LD {code}"
                );
                continue;
            }
            assert!(v.name() != "script" || !code.contains("alert("), "{page}: script {code}");
            for (name, value) in v.attrs() {
                assert!(
                    !(name.starts_with("on") && value.contains("alert(")),
                    "{page}: {name}={value}"
                );
                let value = value.trim().to_ascii_lowercase();
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("data:"),
                    "{page}: {name}={value}"
                );
            }
        }
        for script in doc.select(&sel("script[type='application/ld+json']")) {
            let json = script.text().collect::<String>();
            assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "{page}: JSON-LD {json}"
            );
        }
    }
}

#[test]
fn front_matter_values_are_text_in_every_page() {
    let p = PAYLOAD;
    let front = format!(
        "title = {p:?}\ndate = 2025-01-02\ndek = {p:?}\nsubhead = {p:?}\nsummary = {p:?}\nauthors = [{p:?}]\n\
         tags = [{p:?}]\nsection = {p:?}\nthread = {p:?}\nsource = {{ name = {p:?}, url = \"javascript:alert(3)\" }}\n\
         image = {{ src = \"data:text/html,x\", alt = {p:?}, caption = {p:?}, credit = {p:?} }}\n\
         corrections = [{{ date = 2025-01-03, note = {p:?} }}]"
    );
    let site = seed("2025-01-02-x.md", &md(&front, "Body."));
    write(
        &site,
        "site.toml",
        format!("{}taxonomies = [\"sections\"]\n", common::SITE_TOML).as_bytes(),
    );
    let err = builds(&site);
    assert_warning(
        &err,
        "seeds/2025-01-02-x.md:11: source URL `javascript:alert(3)` is not a web address; dropped",
    );
    assert_warning(
        &err,
        "seeds/2025-01-02-x.md:12: image `data:text/html,x` is not a file or web address; dropped",
    );
    assert_nothing_runs(&site);
    let doc = site.html("articles/x.html");
    assert_eq!(texts(&doc, "h1"), [p]);
    assert_eq!(texts(&doc, ".dek"), [p]);
    assert_eq!(texts(&doc, ".tags a"), [p]);
    assert_eq!(
        texts(&doc, ".corrections li")[0],
        format!("{}: {p}", texts(&doc, ".corrections time")[0])
    );
}

/// A site with raw HTML and script links in its body, built under `policy` (None: default).
fn raw_html_site(policy: Option<&str>) -> Site {
    let body = "Hi <b onclick=\"alert(0)\">bold</b> <script>alert(1)</script> [js](javascript:alert(2)) ![d](data:image/png;base64,AA) [ok](https://example.org)";
    let site = seed("2025-01-02-raw.md", &md("title = \"Raw\"", body));
    if let Some(policy) = policy {
        let toml = format!("{}[markdown]\nraw_html = \"{policy}\"\n", common::SITE_TOML);
        write(&site, "site.toml", toml.as_bytes());
    }
    builds(&site);
    site
}

#[test]
fn raw_html_is_sanitized_by_default() {
    let default = raw_html_site(None);
    assert_nothing_runs(&default);
    let doc = default.html("articles/raw.html");
    assert_eq!(texts(&doc, ".article-body b"), ["bold"]);
    let hrefs: Vec<_> =
        doc.select(&sel(".article-body a")).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, ["https://example.org"]);
    assert!(texts(&doc, ".article-body p")[0].contains("js"), "the dropped link keeps its text");
    assert_eq!(
        default.read("articles/raw.html"),
        raw_html_site(Some("sanitize")).read("articles/raw.html")
    );
}

#[test]
fn raw_html_is_shown_as_text_when_escaped() {
    let site = raw_html_site(Some("escape"));
    assert_nothing_runs(&site);
    let body = texts(&site.html("articles/raw.html"), ".article-body p").join(" ");
    assert!(body.contains("<b onclick=\"alert(0)\">bold</b>"), "{body}");
    assert!(body.contains("<script>alert(1)</script>"), "{body}");
}

#[test]
fn raw_html_and_script_links_pass_only_when_allowed() {
    let site = raw_html_site(Some("allow"));
    let doc = site.html("articles/raw.html");
    assert_eq!(doc.select(&sel(".article-body script")).count(), 1);
    assert_eq!(doc.select(&sel(".article-body b[onclick]")).count(), 1);
    assert_eq!(doc.select(&sel(".article-body a[href^='javascript:']")).count(), 1);
}

// ---- Pathological Markdown -----------------------------------------------------------------

/// The deepest element nesting inside `.article-body` of `page`.
fn body_depth(site: &Site, page: &str) -> usize {
    let doc = site.html(page);
    let body = doc.select(&sel(".article-body")).next().expect("article body");
    let depth =
        |el: scraper::ElementRef| el.ancestors().take_while(|a| a.id() != body.id()).count();
    body.select(&sel("*")).map(depth).max().unwrap_or(0)
}

#[test]
fn pathological_markdown_builds_with_bounded_nesting() {
    let cases = [
        ("quotes", ">".repeat(100_000) + " deep"),
        ("lists", "- ".repeat(100_000) + "deep"),
        ("ordered", "1. ".repeat(100_000) + "deep"),
        ("emphasis", "*".repeat(1_000_000) + "deep"),
        ("pairs", "*a ".repeat(300_000) + "deep"),
        ("links", "[a".repeat(100_000) + &"](x)".repeat(100_000) + " deep"),
        ("divs", "<div>".repeat(100_000) + "deep"),
        ("formatting", "x <b>".to_string() + &"<i><b>".repeat(100_000) + "deep"),
    ];
    for (name, body) in cases {
        let site = seed(&format!("2025-01-02-{name}.md"), &md("title = \"Deep\"", &body));
        builds(&site);
        let page = format!("articles/{name}.html");
        assert!(site.read(&page).contains("deep"), "{name}: the text survives");
        let depth = body_depth(&site, &page);
        assert!(depth <= 200, "{name}: nested {depth} deep");
    }
}
