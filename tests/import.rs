//! `broadsheet import jekyll|hugo|zola SRC`: posts land in seeds/ with their folders
//! and files, old URLs redirect to the new pages, site.toml starts from the peer's
//! settings, what is left behind is listed, and SRC is never changed.
#![allow(clippy::disallowed_methods)] // tests make fixture files directly

mod common;

use common::{Site, sel, stderr, stdout, texts, tree};
use std::path::Path;

/// A peer site made of `files` in a temp folder.
fn peer_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

/// An empty digest folder (no site.toml, no seeds/).
fn empty_digest() -> Site {
    let site = Site::new(&[]);
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    std::fs::remove_dir(site.root().join("seeds")).unwrap();
    site
}

/// Follows the redirect page at `old` (an output path) to the page's `<h1>`.
fn follow(site: &Site, old: &str) -> Vec<String> {
    let doc = site.html(old);
    let refresh = doc.select(&sel("meta[http-equiv=refresh]")).next().expect("a redirect page");
    let target = refresh.value().attr("content").unwrap().trim_start_matches("0; url=");
    let page = site.public().join(Path::new(old).parent().unwrap()).join(target);
    texts(&scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap()), "main h1")
}

fn import(site: &Site, kind: &str, src: &Path) -> String {
    let out = site.run(&["import", kind, src.to_str().unwrap()]);
    assert!(out.status.success(), "import failed: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_jekyll_site_imports_with_its_settings_and_old_urls() {
    let src = peer_site(&[
        (
            "_config.yml",
            "title: Jekyll News\nurl: https://jekyllrb.com\nlang: en_US\ntimezone: America/Los_Angeles\ntheme: minima\ncollections:\n  posts:\n    permalink: /news/:year/:month/:day/:title/\n",
        ),
        (
            "_posts/2013-05-06-jekyll-1-0-0-released.markdown",
            "---\ntitle: \"Jekyll 1.0.0 Released\"\ndate: \"2013-05-06 02:12:52 +0200\"\ncategory: release\n---\n\nHey!\n",
        ),
        ("_posts/trips/2020-1-2-alps.md", "---\ntitle: Alps\n---\n![Peak](peak.jpg)\n"),
        ("_posts/trips/peak.jpg", "JPEG"),
        ("_layouts/post.html", "{{ content }}"),
    ]);
    let before = tree(src.path());
    let site = empty_digest();
    let said = import(&site, "jekyll", src.path());
    assert!(
        said.contains(
            "imported 3 files (0 standalone pages into pages/, 0 into static/; 2 with their old URL as an alias); wrote site.toml"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "not carried over: _config.yml: settings with no Broadsheet equivalent: theme"
        ),
        "{said}"
    );
    assert!(said.contains("not carried over: _layouts/"), "{said}");
    assert_eq!(tree(src.path()), before, "the Jekyll site was changed");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    assert_eq!(
        toml,
        "title = \"Jekyll News\"\nbase_url = \"https://jekyllrb.com/\"\nlanguage = \"en-us\"\ntimezone = \"America/Los_Angeles\"\n"
    );
    assert!(site.root().join("seeds/trips/peak.jpg").is_file());
    site.build();
    assert_eq!(
        follow(&site, "news/2013/05/05/jekyll-1-0-0-released/index.html"),
        ["Jekyll 1.0.0 Released"]
    );
    assert_eq!(follow(&site, "news/2020/01/02/alps/index.html"), ["Alps"]);
    let alps = site.html("articles/alps.html");
    let img = alps.select(&sel("main img")).next().unwrap().value().attr("src").unwrap();
    assert!(site.public().join("articles").join(img).is_file(), "{img}");
}

#[test]
fn a_hugo_site_imports_bundles_and_its_permalinks() {
    let src = peer_site(&[
        (
            "hugo.toml",
            "baseURL = 'https://h.example.org/'\ntitle = 'Hugo Blog'\nlanguageCode = 'fr'\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
        ),
        ("content/_index.md", "---\ntitle: Home\n---\n"),
        ("content/posts/first.md", "+++\ntitle = \"First Post\"\ndate = 2021-03-04\n+++\nBody.\n"),
        (
            "content/about/team/index.md",
            "---\ntitle: The team\naliases: [/people/]\n---\n![Us](us.png)\n",
        ),
        ("content/about/team/us.png", "PNG"),
        ("layouts/_default/single.html", ""),
    ]);
    let before = tree(src.path());
    let site = empty_digest();
    let said = import(&site, "hugo", src.path());
    assert!(
        said.contains(
            "imported 4 files (0 standalone pages into pages/, 0 into static/; 2 with their old URL as an alias)"
        ),
        "{said}"
    );
    assert_eq!(tree(src.path()), before);
    assert!(
        std::fs::read_to_string(site.root().join("site.toml"))
            .unwrap()
            .contains("language = \"fr\"")
    );
    site.build();
    assert_eq!(follow(&site, "2021/03/first-post/index.html"), ["First Post"]);
    assert_eq!(follow(&site, "about/team/index.html"), ["The team"]);
    assert_eq!(follow(&site, "people/index.html"), ["The team"]);
    assert!(site.root().join("seeds/about/team/us.png").is_file());
}

#[test]
fn a_zola_site_imports_with_slugified_paths() {
    let src = peer_site(&[
        ("config.toml", "base_url = \"https://z.example.org\"\ntitle = \"Zola Notes\"\n"),
        (
            "content/blog/2020-01-02_Hello World.md",
            "+++\ntitle = \"Hello\"\n[taxonomies]\ntags = [\"intro\"]\n+++\nHi.\n",
        ),
    ]);
    let site = empty_digest();
    import(&site, "zola", src.path());
    site.build();
    assert_eq!(follow(&site, "blog/hello-world/index.html"), ["Hello"]);
}

#[test]
fn an_import_never_overwrites_and_never_writes_into_the_source() {
    let src = peer_site(&[("_posts/2020-01-01-a.md", "---\ntitle: A\n---\nNew.\n")]);
    let site = Site::new(&[("seeds/2020-01-01-a.md", "---\ntitle: Mine\n---\nOld.\n")]);
    let said = import(&site, "jekyll", src.path());
    assert!(
        said.contains("2020-01-01-a.md: seeds/2020-01-01-a.md exists; not overwritten"),
        "{said}"
    );
    assert!(said.contains("site.toml exists; not changed"), "{said}");
    let kept = std::fs::read_to_string(site.root().join("seeds/2020-01-01-a.md")).unwrap();
    assert!(kept.contains("Old."));
    let inside = site.run(&["import", "jekyll", site.root().to_str().unwrap()]);
    assert!(!inside.status.success());
    let missing = site.run(&["import", "hugo", src.path().to_str().unwrap()]);
    assert!(stderr(&missing).contains("has no content/ folder"), "{}", stderr(&missing));
}
