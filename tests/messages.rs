//! What a newcomer reads: messages point at the line and table that are wrong, counts
//! have their singulars, help reads as a table of contents. Exact text throughout.

#![allow(clippy::disallowed_methods)] // tests read and write fixtures directly

mod common;

use common::{Site, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in `dir` with a fixed clock and no colour.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1745226000") // 2025-04-21T09:00:00Z
        .env("NO_COLOR", "1")
        .output()
        .expect("run broadsheet")
}

/// The first line of stderr.
fn first_error_line(out: &Output) -> String {
    stderr(out).lines().next().unwrap_or_default().to_string()
}

#[test]
fn a_key_appended_after_labels_names_its_line_column_and_table() {
    let parent = tempfile::tempdir().unwrap();
    assert!(run_in(parent.path(), &["init", "s"]).status.success());
    let toml = parent.path().join("s/site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    let labels = text.lines().position(|l| l == "[labels]").expect("init writes [labels]") + 1;
    text.push_str("  base_url = \"https://example.org/\"\n");
    let line = text.lines().count();
    std::fs::write(&toml, &text).unwrap();
    let out = run_in(parent.path(), &["build", "--root", "s"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        first_error_line(&out),
        format!(
            "error: site.toml:{line}: `base_url` is inside `[labels]` (line {labels}); move it above the first table"
        )
    );
    assert!(err.contains(&format!("--> site.toml:{line}:3\n")), "{err}");
}

#[test]
fn a_misspelt_setting_below_labels_is_told_where_settings_go() {
    let parent = tempfile::tempdir().unwrap();
    assert!(run_in(parent.path(), &["init", "s"]).status.success());
    let toml = parent.path().join("s/site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("titel = \"The Harbour Digest\"\n");
    let line = text.lines().count();
    std::fs::write(&toml, &text).unwrap();
    let out = run_in(parent.path(), &["build", "--root", "s"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        first_error_line(&out),
        format!(
            "error: site.toml:{line}: unknown label `titel`; if you meant the setting `title`, move it above the first table: a key below `[labels]` is a label"
        )
    );
}

#[test]
fn a_key_appended_to_the_example_site_names_the_table_it_landed_in() {
    let site = Site::bare_example();
    let mut text = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let table = text.lines().rfind(|l| l.starts_with('[')).unwrap().to_string();
    let table_line = text.lines().position(|l| l == table).unwrap() + 1;
    text.push_str("timezone = \"Europe/London\"\n");
    let line = text.lines().count();
    site.write("site.toml", &text);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let name = table.trim_matches(['[', ']']);
    assert_eq!(
        first_error_line(&out),
        format!(
            "error: site.toml:{line}: `timezone` is inside `[{name}]` (line {table_line}); move it above the first table"
        )
    );
}

#[test]
fn an_unknown_label_is_reported_at_its_own_line() {
    let toml = format!("{}[labels]\nhome = \"Today\"\nhom = \"x\"\n", common::SITE_TOML);
    let site = Site::new(&[("site.toml", &toml)]);
    let out = site.run(&["build"]);
    assert_eq!(
        first_error_line(&out),
        "error: site.toml:6: unknown label `hom`; did you mean `home`?"
    );
}

#[test]
fn a_missing_site_toml_names_the_folder_searched() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["build", "--root", "empty"]);
    let searched = dir.path().join("empty");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        first_error_line(&out),
        format!(
            "error: the folder {} does not exist (looked for site.toml there): give the site's folder with `--root DIR`, or create a digest there with `broadsheet init`",
            searched.display()
        )
    );
    std::fs::create_dir(&searched).unwrap();
    let out = run_in(dir.path(), &["check", "--root", "empty"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        first_error_line(&out),
        format!(
            "error: no site.toml in {}: create one with `broadsheet init`, or give the site's folder with `--root DIR` (site.toml needs at least `title` and `base_url`)",
            searched.display()
        )
    );
}

const ONE: &str = "+++\ntitle = \"One\"\ndate = 2025-01-02\nauthor = \"A. Writer\"\n+++\nBody.\n";

/// The `N page(s)` figure of a summary line.
fn pages_in(line: &str) -> usize {
    let at = line.find(" page").expect(line);
    line[..at].rsplit(' ').next().unwrap().parse().expect(line)
}

#[test]
fn build_and_check_count_pages_alike_with_singulars() {
    let site = Site::new(&[("seeds/one.md", ONE)]);
    let built = stdout(&site.build());
    assert!(built.starts_with("built 1 article, "), "{built}");
    let html = common::tree(&site.public())
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(pages_in(&built), html, "{built}");
    let out = site.run(&["check", "--now", "2026-01-01T00:00:00Z"]);
    let checked = stdout(&out);
    assert!(checked.starts_with("checked 1 article, "), "{checked}");
    assert_eq!(pages_in(&checked), html, "{checked}");
}

#[test]
fn a_feed_of_one_item_imports_as_one_new_item() {
    let site = Site::new(&[(
        "one.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>https://wire.example/</link>\
         <item><title>Only story</title><link>https://wire.example/only</link><pubDate>Thu, 02 Jan 2025 10:00:00 GMT</pubDate>\
         <description>Text.</description></item></channel></rss>",
    )]);
    let feed = site.root().join("one.xml");
    let out = site.run(&["import", feed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        format!(
            "imported 1 new item into {}/seeds/, updated 0, 0 already there",
            site.root().display()
        )
    );
}

#[test]
fn a_peer_site_of_one_post_imports_as_one_file() {
    let peer = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(peer.path().join("_posts")).unwrap();
    std::fs::write(peer.path().join("_config.yml"), "title: Peer\n").unwrap();
    std::fs::write(peer.path().join("_posts/2025-01-02-only.md"), "---\ntitle: Only\n---\nBody.\n")
        .unwrap();
    let site = Site::new(&[]);
    let out = site.run(&["import", "jekyll", peer.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "imported 1 file (0 standalone pages into pages/, 0 into static/; 1 with its old URL as an alias)"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn help_reads_as_a_table_of_contents_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    let top = stdout(&run_in(dir.path(), &["--help"]));
    assert!(
        top.contains(
            "  import  Bring stories in: feeds (RSS, Atom, JSON Feed, OPML) or a Jekyll, Hugo or Zola site\n"
        ),
        "{top}"
    );
    let order: Vec<&str> = top
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        order,
        ["init", "new", "serve", "build", "check", "import", "send", "deploy", "help"]
    );
    assert!(top.contains("A first session:\n  broadsheet init my-digest "), "{top}");
    let import = stdout(&run_in(dir.path(), &["help", "import"]));
    for line in [
        "  broadsheet import https://example.org/feed.xml    an RSS, Atom or JSON feed by URL",
        "  broadsheet import feeds.opml                      every feed an OPML file lists",
        "  broadsheet import jekyll ../old-blog",
        "  broadsheet import hugo ../old-site",
        "  broadsheet import zola ../old-site",
    ] {
        assert!(import.contains(line), "{line} missing from\n{import}");
    }
    for sub in ["init", "new", "serve", "build", "check", "import", "send", "deploy"] {
        let help = stdout(&run_in(dir.path(), &["help", sub]));
        assert!(
            help.contains(&format!("  broadsheet {sub}")),
            "`help {sub}` has no example:\n{help}"
        );
    }
}

#[test]
fn verbose_says_what_it_does_per_command_and_hides_where_it_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let verbose = |sub: &str| {
        let help = stdout(&run_in(dir.path(), &[sub, "--help"]));
        help.lines()
            .find(|l| l.contains("--verbose"))
            .map(|l| l.split("  ").last().unwrap().trim().to_string())
    };
    assert_eq!(verbose("build").as_deref(), Some("Print the settings used before building"));
    assert_eq!(verbose("serve").as_deref(), Some("Print each change seen and each request served"));
    assert_eq!(verbose("deploy").as_deref(), Some("List every file uploaded and deleted"));
    assert_eq!(verbose("init"), None);
    assert_eq!(verbose("send"), None);
    let init = stdout(&run_in(dir.path(), &["init", "--help"]));
    assert!(
        init.contains("Usage: broadsheet init [OPTIONS] [DIR]") && !init.contains("--root"),
        "{init}"
    );
}

#[test]
fn init_prints_the_next_three_commands_and_build_where_the_site_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["init", "harbor"]);
    assert_eq!(
        stdout(&out),
        "created a digest in harbor (29 files)\n\
         next: set `title` and `base_url` in harbor/site.toml, then\n  \
         broadsheet serve --root harbor                   preview it, reloading as you edit\n  \
         broadsheet new \"Your headline\" --root harbor     start a story\n  \
         broadsheet build --root harbor                   write the site, ready to publish\n"
    );
    let out = run_in(dir.path(), &["build", "--root", "harbor"]);
    let said = stdout(&out);
    let public = std::path::absolute(dir.path().join("harbor/public")).unwrap();
    assert_eq!(
        said.lines().last().unwrap(),
        format!(
            "open {} in a browser, or preview it with `broadsheet serve --root harbor`",
            public.join("index.html").display()
        )
    );
    assert!(public.join("index.html").is_file());
    assert_eq!(said.matches("open ").count(), 1, "{said}");
}

/// A Jekyll site of one post, with a title and an address.
fn jekyll_peer() -> tempfile::TempDir {
    let peer = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(peer.path().join("_posts")).unwrap();
    std::fs::write(
        peer.path().join("_config.yml"),
        "title: Peer News\nurl: https://peer.example\n",
    )
    .unwrap();
    std::fs::write(peer.path().join("_posts/2025-01-02-only.md"), "---\ntitle: Only\n---\nBody.\n")
        .unwrap();
    peer
}

#[test]
fn init_completes_a_folder_that_import_filled() {
    let peer = jekyll_peer();
    let dir = tempfile::tempdir().unwrap();
    let out =
        run_in(dir.path(), &["import", "jekyll", peer.path().to_str().unwrap(), "--root", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let imported = std::fs::read_to_string(dir.path().join("s/site.toml")).unwrap();
    let out = run_in(dir.path(), &["init", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "completed the digest in s (26 files added; kept 1 file already there: site.toml)\nnext:\n  broadsheet serve --root s "
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("s/site.toml")).unwrap(), imported);
    let seeds: Vec<_> = std::fs::read_dir(dir.path().join("s/seeds")).unwrap().collect();
    assert_eq!(seeds.len(), 1, "no sample stories beside the imported ones");
    let out = run_in(dir.path(), &["build", "--root", "s"]);
    assert!(stdout(&out).starts_with("built 1 article, "), "{}", stderr(&out));
}

#[test]
fn import_into_a_fresh_init_merges_the_peer_settings() {
    let peer = jekyll_peer();
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init", "s"]).status.success());
    let out =
        run_in(dir.path(), &["import", "jekyll", peer.path().to_str().unwrap(), "--root", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).lines().next().unwrap().ends_with("; wrote site.toml"),
        "{}",
        stdout(&out)
    );
    let toml = std::fs::read_to_string(dir.path().join("s/site.toml")).unwrap();
    assert!(toml.contains("\ntitle = \"Peer News\"\n"), "{toml}");
    assert!(toml.contains("\nbase_url = \"https://peer.example/\"\n"), "{toml}");
    assert!(toml.contains("# remove the `#` in front of a key"), "init's comments stay: {toml}");
    let out = run_in(dir.path(), &["build", "--root", "s"]);
    assert!(stdout(&out).starts_with("built 3 articles, "), "{}", stderr(&out));
}

const TWO_ITEMS: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Wire</title><link>https://wire.example/</link>\
<item><title>Only story</title><link>https://wire.example/only</link><pubDate>Thu, 02 Jan 2025 10:00:00 GMT</pubDate><description>Short.</description><content:encoded><![CDATA[<p>The full text.</p>]]></content:encoded></item>\
<item><title>Second</title><link>https://wire.example/two</link><pubDate>Thu, 02 Jan 2025 11:00:00 GMT</pubDate><description>Short 2.</description><content:encoded><![CDATA[<p>Second text.</p>]]></content:encoded></item></channel></rss>";

#[test]
fn import_full_after_a_plain_import_takes_the_text_or_says_why_not() {
    let site = Site::new(&[("wire.xml", TWO_ITEMS)]);
    let feed = site.root().join("wire.xml");
    let feed = feed.to_str().unwrap();
    assert!(site.run(&["import", feed]).status.success());
    let second = site.root().join("seeds/wire/2025-01-02-second.md");
    let mut text = std::fs::read_to_string(&second).unwrap();
    text.push_str("An editor's line.\n");
    std::fs::write(&second, text).unwrap();
    let out = site.run(&["import", "--full", feed]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "note: seeds/wire/2025-01-02-second.md: imported without its text and edited here since, so --full left it alone; delete it and import again with --full to take the text\n\
         imported 0 new items into {}/seeds/, updated 1, 1 already there\n",
            site.root().display()
        )
    );
    let first =
        std::fs::read_to_string(site.root().join("seeds/wire/2025-01-02-only-story.md")).unwrap();
    assert!(
        first.contains("\nrepublished = true\n") && first.contains("<p>The full text.</p>"),
        "{first}"
    );
    let again = site.run(&["import", "--full", feed]);
    assert!(stdout(&again).ends_with("updated 0, 2 already there\n"), "{}", stdout(&again));
}

#[test]
fn import_of_a_folder_says_what_import_takes() {
    let site = Site::new(&[]);
    let out = site.run(&["import", site.root().join("seeds").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let seeds = site.root().join("seeds");
    assert_eq!(
        stderr(&out),
        format!(
            "error: {0} is a folder: import takes a feed (a URL, or an RSS, Atom, JSON Feed or OPML file), or another generator's site as `broadsheet import jekyll|hugo|zola {0}`\n",
            seeds.display()
        )
    );
}

const TEMPLATE_HEAD: &str = "{% extends \"base.html\" %}\n{% block main %}\n";

#[test]
fn an_unclosed_if_is_reported_where_it_opened() {
    let template = format!(
        "{TEMPLATE_HEAD}<p>\n{{% if article.title %}}\n<h1>x</h1>\n{{% endblock main %}}\n"
    );
    let site = Site::new(&[("seeds/one.md", ONE), ("templates/article.html", &template)]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        first_error_line(&out),
        "error: templates/article.html:4: `{% if %}` opened here is never closed: add `{% endif %}` before `{% endblock main %}` (line 6)"
    );
    assert!(err.contains("--> templates/article.html:6:"), "{err}");
}

#[test]
fn a_misspelt_tag_or_function_names_the_nearest() {
    let tag = format!("{TEMPLATE_HEAD}<p>x</p>\n{{% endblok main %}}\n");
    let site = Site::new(&[("seeds/one.md", ONE), ("templates/article.html", &tag)]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let line = first_error_line(&out);
    assert!(line.ends_with(": Unknown tag `endblok`; did you mean `endblock`?"), "{line}");
    assert!(line.starts_with("error: templates/article.html:"), "{line}");
    let function = format!("{TEMPLATE_HEAD}<p>{{{{ nowz() }}}}</p>\n{{% endblock main %}}\n");
    let site = Site::new(&[("seeds/one.md", ONE), ("templates/article.html", &function)]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let line = first_error_line(&out);
    assert!(line.ends_with("; did you mean `now`?"), "{line}");
}

#[test]
fn an_unknown_filter_names_the_nearest_and_keeps_the_templates_folder() {
    let template = format!(
        "{TEMPLATE_HEAD}<h1>{{{{ article.title | upcase }}}}</h1>\n{{% endblock main %}}\n"
    );
    let site = Site::new(&[("seeds/one.md", ONE), ("templates/article.html", &template)]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        first_error_line(&out),
        "error: templates/article.html:3: Unknown filter `upcase`; did you mean `upper`?"
    );
    assert!(err.contains("--> templates/article.html:3:"), "{err}");
}

/// The first line of stderr after building a site whose one seed is `text`.
fn seed_error(text: &str) -> String {
    let site = Site::new(&[("seeds/a.md", text)]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn a_bad_month_reads_alike_in_yaml_and_toml() {
    let yaml = seed_error("---\ntitle: X\ndate: 2024-13-45\n---\nBody.\n");
    assert!(
        yaml.starts_with("error: seeds/a.md:3: cannot read date `2024-13-45`: the month must be 01 to 12, not 13\n"),
        "{yaml}"
    );
    let toml = seed_error("+++\ntitle = \"X\"\ndate = 2024-13-45\n+++\nBody.\n");
    assert!(
        toml.starts_with("error: seeds/a.md:3: cannot read date `2024-13-45`: the month must be 01 to 12, not 13\n"),
        "{toml}"
    );
    let day = seed_error("+++\ntitle = \"X\"\ndate = 2025-02-30\n+++\nBody.\n");
    assert!(
        day.starts_with(
            "error: seeds/a.md:3: cannot read date `2025-02-30`: 2025-02 has no day 30\n"
        ),
        "{day}"
    );
}

#[test]
fn yaml_slips_read_as_one_plain_sentence_at_the_right_line() {
    let open = seed_error("---\ntitle: X\ntags: [oops\n---\nBody.\n");
    assert!(
        open.starts_with("error: seeds/a.md:3: a list opened with `[` is not closed: close it with `]` after its last item; invalid YAML front matter: "),
        "{open}"
    );
    assert!(open.contains(" --> seeds/a.md:3:7\n"), "the caret is at the `[`: {open}");
    let colon = seed_error("---\ntitle: Talks: day two\n---\nBody.\n");
    assert!(
        colon.starts_with("error: seeds/a.md:2: the value `Talks: day two` holds a colon and a space (`: `): put it in quotes, as in `title: \"Talks: day two\"`; invalid YAML front matter: mapping values are not allowed in this context\n"),
        "{colon}"
    );
    assert!(colon.contains(" --> seeds/a.md:2:8\n"), "the caret is at the value: {colon}");
    let tab = seed_error("---\ntitle: X\ntags:\n\t- a\n---\nBody.\n");
    assert!(
        tab.starts_with("error: seeds/a.md:4: indent with spaces: YAML does not allow tabs there; invalid YAML front matter: "),
        "{tab}"
    );
}

#[test]
fn a_list_left_open_in_toml_front_matter_is_named_where_it_opened() {
    let err =
        seed_error("+++\ntitle = \"X\"\ntags = [\"a\", \"b\"\ndate = 2024-01-02\n+++\nBody.\n");
    assert!(
        err.starts_with("error: seeds/a.md:3: a list opened with `[` is not closed: close it with `]` after its last item; invalid TOML front matter: "),
        "{err}"
    );
    assert!(err.contains(" --> seeds/a.md:3:8\n"), "the caret is at the `[`: {err}");
}

#[test]
fn a_plain_story_of_only_a_headline_is_a_warning_naming_it() {
    let site = Site::new(&[("seeds/wire.txt", "台风逼近沿海地区…\n")]);
    let out = site.build();
    assert!(
        stderr(&out).contains(
            "warning: seeds/wire.txt: no body: only a headline, \"台风逼近沿海地区…\", was found"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_list_left_open_in_site_toml_is_named_where_it_opened() {
    let toml = format!("{}[feeds]\nformats = [\"rss\"\nper_tag = true\n", common::SITE_TOML);
    let site = Site::new(&[("site.toml", &toml)]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        first_error_line(&out).starts_with(
            "error: site.toml:5: a list opened with `[` is not closed: close it with `]` after its last item; "
        ),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains(" --> site.toml:5:11\n"), "{}", stderr(&out));
}
