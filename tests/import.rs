//! `broadsheet import jekyll|hugo|zola SRC`: posts land in seeds/ with their folders
//! and files, old URLs redirect to the new pages, site.toml starts from the peer's
//! settings, what is left behind is listed, and SRC is never changed.
#![allow(clippy::disallowed_methods)] // tests make fixture files directly

mod common;

use common::{Site, peer_site, sel, stderr, stdout, texts, tree};
use std::path::Path;

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
            "imported 3 files (0 standalone pages into pages/, 0 into static/; 2 with their old URLs as aliases); wrote site.toml"
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
            "imported 4 files (0 standalone pages into pages/, 0 into static/; 2 with their old URLs as aliases)"
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
fn every_section_keeps_its_old_url_unless_the_site_has_its_own_page_there() {
    // tabi: `archive/_index.md` (no pages: Broadsheet's own archive is at /archive/),
    // `docs/_index.md` above a section (Hugo's `/functions/`), a taxonomy term's index.
    let src = peer_site(&[
        (
            "config.toml",
            "base_url = \"https://z.example.org\"\ntitle = \"Z\"\ntaxonomies = [{name = \"tags\"}]\n",
        ),
        (
            "content/archive/_index.md",
            "+++\ntitle = \"Archive\"\ntemplate = \"archive.html\"\n+++\n",
        ),
        ("content/docs/_index.md", "+++\ntitle = \"Docs\"\n+++\nAll of it.\n"),
        ("content/docs/setup/_index.md", "+++\ntitle = \"Setup\"\n+++\n"),
        (
            "content/docs/setup/install.md",
            "+++\ntitle = \"Install\"\ndate = 2020-01-02\n+++\nRun it.\n",
        ),
        ("content/tags/rust/_index.md", "+++\ntitle = \"Rust\"\n+++\n"),
        ("content/docs/time/_index.md", "+++\ntitle = \"Time docs\"\n+++\n"),
        // hugoDocs' time.AsTime names its section's URL among its aliases: Hugo serves
        // the section there.
        (
            "content/docs/time/now.md",
            "+++\ntitle = \"Now\"\naliases = [\"/docs/time\"]\n+++\nNow.\n",
        ),
        ("content/api/time/_index.md", "+++\ntitle = \"Time API\"\n+++\n"),
        // Below an `_index.md` whose cascade makes its folder headless, no section has a
        // page, and none is named in the clash of `time` folders.
        (
            "content/notes/_index.md",
            "+++\ntitle = \"Notes\"\n[cascade.build]\nrender = \"never\"\n+++\n",
        ),
        ("content/notes/sub/_index.md", "+++\ntitle = \"Sub\"\n+++\n"),
    ]);
    let site = empty_digest();
    let said = import(&site, "zola", src.path());
    assert!(
        said.contains("alias `/docs/time`: the old URL of seeds/docs/time/_index.md"),
        "{said}"
    );
    let toml = seed(&site, "site.toml");
    assert!(toml.contains("\"/docs/\" = \"/sections/docs.html\""), "{toml}");
    assert!(!toml.contains("\"/archive/\""), "{toml}");
    assert!(!toml.contains("/notes/"), "{toml}");
    // Two `time` folders are two sections, as the build names them.
    assert!(toml.contains("\"/docs/time/\" = \"/sections/docs-time.html\""), "{toml}");
    assert!(toml.contains("\"/api/time/\" = \"/sections/api-time.html\""), "{toml}");
    assert!(!toml.contains("\"/tags/rust/\""), "{toml}");
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(follow(&site, "docs/index.html"), ["Docs"]);
    assert_eq!(follow(&site, "api/time/index.html"), ["Time API"]);
    assert_eq!(follow(&site, "docs/time/index.html"), ["Time docs"]);
    assert!(site.read("archive/index.html").contains("<h1"), "our own archive page");
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

/// Imports the fixture peer site `tests/fixtures/import/<name>` (excerpts of the
/// real sites, credited in its README) into an empty digest: the report and the site.
fn import_fixture(name: &str) -> (Site, String, String) {
    import_fixture_as(name, name)
}

/// The same, for a fixture of the peer `kind` in a folder of another name.
fn import_fixture_as(kind: &str, name: &str) -> (Site, String, String) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
    let site = empty_digest();
    let out = site.run(&["import", kind, src.to_str().unwrap()]);
    assert!(out.status.success(), "import failed: {}", stderr(&out));
    (site, stdout(&out), stderr(&out))
}

/// The file an `<a>` with text `text` on output page `page` leads to, followed.
fn followed(site: &Site, page: &str, text: &str) -> std::path::PathBuf {
    let doc = site.html(page);
    let a = doc.select(&sel("main a")).find(|a| a.text().collect::<String>() == text);
    let href =
        a.unwrap_or_else(|| panic!("{page}: no link `{text}`")).value().attr("href").unwrap();
    let path = href.split('#').next().unwrap();
    site.public().join(Path::new(page).parent().unwrap()).join(path)
}

fn seed(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap()
}

#[test]
fn jekyll_links_become_checked_paths_to_the_imported_pages() {
    let (site, said, warned) = import_fixture("jekyll");
    let post = seed(&site, "seeds/2014-05-06-jekyll-turns-2-0-0.markdown");
    assert!(post.contains("[jekyll-1]: 2013-05-06-jekyll-1-0-0-released.markdown\n"), "{post}");
    assert!(post.contains("[changelog]: docs/history.md\n"), "{post}");
    assert!(post.contains("(https://github.com/jekyll/jekyll/issues/2050)"), "{post}");
    assert!(post.contains("[the philosophy](../pages/philosophy.md)"), "{post}");
    let split = seed(&site, "seeds/2017-10-21-jekyll-3-6-2-released.markdown");
    assert!(split.contains("(2017-10-19-diversity-open-source.markdown)"), "{split}");
    let linux = seed(&site, "seeds/docs/installation/other-linux.md");
    assert!(linux.contains("[Ubuntu](ubuntu.md)"), "{linux}");
    assert!(linux.contains("[history](../history.md)"), "{linux}");
    assert!(
        linux.contains("**Note:** installation needs Ruby."),
        "the include is inlined: {linux}"
    );
    assert!(
        warned.contains("warning: seeds/docs/installation/other-linux.md:9: link `{% link _docs/gone.md %}` names no page of the imported site; left as written"),
        "{warned}"
    );
    assert!(
        said.contains("imported 12 files (2 standalone pages into pages/, 1 into static/;"),
        "{said}"
    );
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let target = followed(&site, "articles/jekyll-turns-2-0-0.html", "we released Jekyll 1.0.0");
    assert!(std::fs::read_to_string(target).unwrap().contains("Jekyll 1.0.0 Released"));
    let target = followed(&site, "articles/other-linux.html", "Ubuntu");
    assert!(std::fs::read_to_string(target).unwrap().contains("Jekyll on Ubuntu"));
    assert!(site.public().join("img/footer-arrow.png").is_file());
}

#[test]
fn jekyll_collections_pages_and_menus_come_over_and_the_rest_is_named() {
    let (site, said, _) = import_fixture("jekyll");
    assert!(site.root().join("seeds/docs/history.md").is_file());
    assert!(site.root().join("seeds/tutorials/custom-404-page.md").is_file());
    let page = seed(&site, "pages/philosophy.md");
    assert!(page.starts_with("---\nmenu: \"main\"\nweight: 1\nlayout: page\n"), "{page}");
    let tutorial = seed(&site, "seeds/tutorials/custom-404-page.md");
    assert!(tutorial.contains("aliases: [\"/tutorials/custom-404-page/\"]"), "{tutorial}");
    assert!(tutorial.contains("![Arrow](/img/footer-arrow.png)"), "{tutorial}");
    for line in [
        "not carried over: _layouts/: the Jekyll site's own templates",
        "not carried over: _data/ (2 files): data files: the HTML pages rendered at import read them",
        "not carried over: _config.yml: the site's configuration: what Broadsheet has an equivalent of (title, base URL, language, time zone, permalinks, menus) is carried into site.toml, the rest is listed below",
    ] {
        assert!(said.contains(line), "{line}\n{said}");
    }
}

#[test]
fn a_jekyll_html_page_liquid_alone_builds_comes_over_rendered() {
    // Jekyll's showcase: a loop over `_data/showcase.yml`, images from a `_config.yml` value.
    let (site, _, _) = import_fixture("jekyll");
    let page = seed(&site, "pages/showcase.md");
    assert!(page.starts_with("---\nlayout: page\ntitle: Showcase\n"), "{page}");
    assert!(!page.contains("{%") && !page.contains("{{"), "{page}");
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let doc = site.html("showcase.html");
    assert_eq!(texts(&doc, "main h1"), ["Showcase"]);
    // `reversed`, as Jekyll lists them: the last entry of the data file first.
    assert_eq!(texts(&doc, "main figcaption"), ["SiteLeaf", "Tom Preston Werner Blog"]);
    let img = doc.select(&sel("main figure img")).next().unwrap();
    assert_eq!(
        img.value().attr("src"),
        Some(
            "https://res.cloudinary.com/jekyll/image/upload/f_auto,q_auto,w_404/showcase/siteleaf.png"
        )
    );
    assert!(texts(&doc, "main pre").is_empty(), "no HTML shown as code");
    // The home page's text (`<h1>{{ site.name }}</h1>`) introduces the front page.
    let home = seed(&site, "seeds/_index.md");
    assert!(home.starts_with("---\ntitle: \"Home\"\n---\n"), "{home}");
    let front = site.html("index.html");
    assert_eq!(texts(&front, ".front-intro h2"), ["Home"]);
    assert_eq!(
        texts(&front, ".front-intro-text h1"),
        ["Jekyll • Simple, blog-aware, static sites"]
    );
    // Its old address (`permalink: /showcase/`) and its `redirect_from` still lead to it.
    for old in ["showcase/index.html", "docs/sites/index.html"] {
        let redirect = site.read(old);
        assert!(redirect.contains("showcase.html"), "{old}: {redirect}");
    }
}

#[test]
fn hugo_content_is_served_from_its_language_folder_at_its_lower_case_urls() {
    let (site, said, warned) = import_fixture("hugo");
    assert!(
        said.contains("content/LICENSE.md: outside the folder the Hugo site serves (content/en)"),
        "{said}"
    );
    let toml = seed(&site, "site.toml");
    assert!(toml.contains("timezone = \"Europe/Oslo\"\n"), "{toml}");
    let intro = seed(&site, "seeds/about/introduction.md");
    assert!(intro.contains("See [AbsURL](../functions/urls/AbsURL.md) and"), "{intro}");
    assert!(intro.contains("[its relative twin](../functions/urls/AbsURL.md#examples)"), "{intro}");
    assert!(intro.contains("the [functions](/sections/urls.html)"), "{intro}");
    assert!(intro.contains("the [docs](../../pages/documentation.md)"), "{intro}");
    assert!(intro.contains("src=\"/images/logos/logo-64x64.png\""), "{intro}");
    let common = seed(&site, "seeds/_common/gitignore-public.md");
    let shared = common.split("---\n").last().unwrap().trim();
    assert!(intro.contains(shared), "the headless snippet is inlined: {intro}");
    assert!(
        warned.contains("seeds/about/introduction.md:19: link `{{< ref \"no-such-page\" >}}`"),
        "{warned}"
    );
    let docs = seed(&site, "pages/documentation.md");
    assert!(docs.contains("menu: \"main\"\nweight: 20\n"), "{docs}");
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    // `functions/_index.md` has no article of its own, only a section below it: its old
    // URL leads to its section page all the same.
    let redirect = site.read("functions/index.html");
    assert!(redirect.contains("../sections/functions.html"), "{redirect}");
    let functions = site.html("sections/functions.html");
    assert_eq!(texts(&functions, "main h1"), ["Functions"]);
    let doc = site.html("articles/introduction.html");
    // No template code is left in the text; the one shortcode Broadsheet does not know
    // (the Hugo docs' own `new-in`) shows as code, and the build names it and its line.
    let text: String = doc.select(&sel("main")).next().unwrap().text().collect();
    let code: String = doc.select(&sel("main code")).flat_map(|c| c.text()).collect();
    assert_eq!(text.matches("{{").count(), code.matches("{{").count(), "{text}");
    assert!(code.contains("{{< new-in 0.140.0 />}}"), "{code}");
    assert!(
        stderr(&built).contains(
            "seeds/about/introduction.md:22: shortcode `{{< new-in 0.140.0 />}}` is not one Broadsheet knows"
        ),
        "{}",
        stderr(&built)
    );
    assert_eq!(texts(&doc, "main blockquote strong"), ["Note", "Note"]);
    let links: Vec<_> = doc.select(&sel("main a")).filter_map(|a| a.value().attr("href")).collect();
    assert!(links.contains(&"https://www.youtube.com/watch?v=0RKpf3rK57I"), "{links:?}");
    assert!(doc.select(&sel("main script, main iframe")).next().is_none());
    let target = followed(&site, "articles/introduction.html", "AbsURL");
    assert!(std::fs::read_to_string(target).unwrap().contains("absURL"));
    assert!(site.public().join("images/logos/logo-64x64.png").is_file());
    assert!(site.public().join("favicon-16x16.png").is_file());
    // Links to what hugoDocs' own `eturl` shortcode looks up: their text, unlinked, named.
    assert!(text.contains("Read the source code of the template, or its twin."), "{text}");
    assert!(!text.contains("eturl"), "{text}");
    // (Lines as in the page once the include above them is inlined.)
    for line in [35, 37] {
        let said = format!("seeds/about/introduction.md:{line}: link to `<{{{{% eturl");
        assert!(warned.contains(&said), "{said} in {warned}");
    }
}

/// Only pages kept from pages of their own by their section's cascade, and listed, are
/// shown on its page: a cascade of other keys, a headless snippet and a bundle stay files.
#[test]
fn only_a_listing_cascade_shows_its_pages_in_full() {
    let src = peer_site(&[
        ("hugo.toml", "baseURL = 'https://h.example.org/'\ntitle = 'Docs'\n"),
        (
            "content/docs/_index.md",
            "---\ntitle: Docs\ncascade:\n  type: docs\n---\n{{% children %}}\n",
        ),
        ("content/docs/snippet.md", "---\nheadless: true\n---\nA snippet.\n"),
        ("content/docs/page.md", "---\ntitle: Page\n---\nText.\n"),
        (
            "content/terms/_index.md",
            "---\ntitle: Terms\nbuild:\n  render: always\ncascade:\n  build:\n    render: never\n    list: local\n---\n{{% terms %}}\n",
        ),
        ("content/terms/word.md", "---\ntitle: word\n---\nA word.\n"),
        ("content/terms/picture/index.md", "---\ntitle: picture\n---\n![p](p.png)\n"),
        ("content/terms/picture/p.png", "PNG"),
    ]);
    let site = empty_digest();
    import(&site, "hugo", src.path());
    assert!(site.root().join("seeds/docs/snippet.md").is_file());
    assert!(seed(&site, "seeds/docs/_index.md").contains("{{% children %}}"));
    let terms = seed(&site, "seeds/terms/_index.md");
    assert!(terms.contains("<dt id=\"word\">word</dt>"), "{terms}");
    assert!(!terms.contains("{{% terms %}}") && !terms.contains("picture"), "{terms}");
    assert!(!site.root().join("seeds/terms/word.md").exists());
    assert!(site.root().join("seeds/terms/picture/index.md").is_file());
}

/// hugoDocs' glossary: terms that are never pages of their own (`cascade` of
/// `build.render = never`), shown in full by the section's `{{% glossary %}}`; pages
/// link them as `[term](g)` and show one with `{{% glossary-term %}}`.
#[test]
fn pages_a_section_shows_in_full_become_entries_of_its_page() {
    let (site, said, _) = import_fixture("hugo");
    assert!(
        said.contains("content/en/quick-reference/glossary/ (3 files): never pages of their own"),
        "{said}"
    );
    assert!(!site.root().join("seeds/quick-reference/glossary/action.md").exists());
    let index = seed(&site, "seeds/quick-reference/glossary/_index.md");
    assert!(!index.contains("{{% glossary %}}"), "the list takes the shortcode's place: {index}");
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let glossary = site.html("sections/glossary.html");
    // A section page with an introduction and no articles says nothing of "0 articles".
    assert!(glossary.select(&sel(".list-count")).next().is_none());
    // In the order of their titles, each with its id, its text and its links.
    assert_eq!(texts(&glossary, "main dl.entries > dt"), ["action", "template", "template action"]);
    let ids: Vec<_> = glossary
        .select(&sel("main dl.entries > dt"))
        .filter_map(|d| d.value().attr("id"))
        .collect();
    assert_eq!(ids, ["action", "template", "template-action"]);
    let hrefs = |doc: &scraper::Html, text: &str| -> Vec<String> {
        doc.select(&sel("main a"))
            .filter(|a| a.text().collect::<String>() == text)
            .filter_map(|a| a.value().attr("href").map(String::from))
            .collect()
    };
    assert_eq!(hrefs(&glossary, "template action"), ["glossary.html#template-action"]);
    assert!(
        hrefs(&glossary, "details")
            .contains(&"https://pkg.go.dev/text/template#hdr-Actions".to_string())
    );
    let intro = site.html("articles/introduction.html");
    // The link written in the page, and the one in the definition shown there.
    assert_eq!(hrefs(&intro, "template"), ["../sections/glossary.html#template"; 2]);
    assert_eq!(hrefs(&intro, "actions"), ["../sections/glossary.html#action"]);
    let text: String = intro.select(&sel("main")).next().unwrap().text().collect();
    assert!(text.contains("A data evaluation or control structure within a template"), "{text}");
}

#[test]
fn zola_at_links_static_files_and_embeds_come_over() {
    let (site, said, warned) = import_fixture("zola");
    assert!(said.contains("1 standalone page into pages/, 1 into static/"), "{said}");
    let overview = seed(&site, "seeds/documentation/getting-started/overview.md");
    assert!(overview.contains("[documentation](/sections/documentation.html)"), "{overview}");
    assert!(overview.contains("[pages](../content/page.md#front-matter)"), "{overview}");
    assert!(
        warned.contains(
            "seeds/documentation/getting-started/overview.md:43: link `@/documentation/gone.md`"
        ),
        "{warned}"
    );
    let toml = seed(&site, "site.toml");
    assert!(toml.contains("taxonomies = [\"sections\"]"));
    // Zola's section pages that only lead on (`redirect_to`) still lead on, followed to
    // the page at the end; one leading to no page carried over is named in the report.
    let to_overview = "\"seeds/documentation/getting-started/overview.md\"";
    assert!(toml.contains(&format!("[redirects]\n\"/documentation/\" = {to_overview}\n\"/documentation/getting-started/\" = {to_overview}\n")), "{toml}");
    assert!(
        said.contains("not carried over: content/documentation/content/_index.md: `redirect_to` leads to no page carried over; its old URL /documentation/content/ is not kept"),
        "{said}"
    );
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let doc = site.html("articles/overview.html");
    let links: Vec<_> = doc.select(&sel("main a")).filter_map(|a| a.value().attr("href")).collect();
    assert!(links.contains(&"https://vimeo.com/124313553"), "{links:?}");
    let target = followed(&site, "articles/overview.html", "pages");
    assert!(target.is_file(), "{}", target.display());
    assert!(site.public().join("logos/Zola-icon-cream-on-coffee.svg").is_file());
    let old = site.read("documentation/getting-started/index.html");
    assert!(old.contains("url=../../articles/overview.html"), "{old}");
}

/// tabi's own shortcodes (excerpts, MIT: see the fixtures' README) run at import: what
/// they stand for reaches the page, with pictures beside it and their sizes; one that
/// needs what an import cannot give (`load_data`) is named and shown as written.
#[test]
fn a_zola_sites_own_shortcodes_run_at_import() {
    let (site, said, warned) = import_fixture_as("zola", "zola-shortcodes");
    let page = "seeds/blog/shortcodes/index.md";
    let seed = seed(&site, page);
    assert!(!seed.contains("{{ admonition("), "{seed}");
    assert!(!seed.contains("{% wide_container"), "{seed}");
    assert!(seed.contains("{{/* dual_theme_image("), "escaped examples stay: {seed}");
    assert!(
        said.contains("not carried over: templates/shortcodes/remote_text.html: a shortcode that cannot run at import (Unknown function `load_data`)"),
        "{said}\n{warned}"
    );
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let shown = "seeds/blog/shortcodes/index.md:52: shortcode `{{ remote_text(src=\"https://example.com/script.py\") }}` is not one Broadsheet knows";
    assert!(stderr(&built).contains(shown), "{}", stderr(&built));
    let doc = site.html("articles/shortcodes.html");
    let main = |css: &str| texts(&doc, format!("main {css}").trim());
    // Five admonitions titled by their type, one with its own title; their Markdown run.
    let titles = main("strong");
    for title in ["NOTE", "TIP", "INFO", "WARNING", "DANGER", "Custom title and icon"] {
        assert!(titles.iter().any(|t| t == title), "{title}: {titles:?}");
    }
    assert!(main("p em").iter().filter(|t| *t == "Markdown").count() >= 6);
    // The dual-theme pictures: beside the page, with their sizes read from the files.
    let imgs: Vec<_> = doc.select(&sel("main img[alt='The Eiffel tower']")).collect();
    assert_eq!(imgs.len(), 2);
    for img in imgs {
        let src = img.value().attr("src").unwrap();
        assert!(site.public().join("articles").join(src).is_file(), "{src}");
        assert_eq!(img.value().attr("width"), Some("1000"), "{src}");
        // `lazy_loading | default(value=true)`: a name nobody passed keeps its default.
        assert_eq!(img.value().attr("loading"), Some("lazy"), "{src}");
    }
    // The block's body (a Markdown table) rendered; the spoiler's text in its paragraph.
    assert_eq!(main("table tr").len(), 4);
    let text = main("").join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("a few months. Yes, really."), "{text}");
    assert!(main("code").iter().any(|c| c.starts_with("{{ remote_text(")), "shown as written");
    let broken = common::broken_links_under(&site.public(), &["/tabi/"]);
    assert!(broken.is_empty(), "{broken:?}");
    // tabi's home page picture (`[extra] header.img`) heads the front page's introduction.
    let front = site.html("index.html");
    let img = front.select(&sel(".front-intro-photo img")).next().expect("the home picture");
    assert_eq!(img.value().attr("alt"), Some("Óscar Fernández, the theme's author"));
    assert!(site.public().join(img.value().attr("src").unwrap()).is_file());
}
