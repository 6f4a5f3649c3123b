//! `broadsheet import hugo|zola` on real multilingual sites (tests/fixtures/import/
//! multilingual, credited in its CREDITS.md): every URL the peer served a page at is
//! served again, in the right language, translations are linked both ways, and no
//! internal link is broken.
#![allow(clippy::disallowed_methods)] // tests read the files they write directly

mod common;

use common::{Site, broken_links, normalize, peer_site, sel, stderr, stdout, texts};
use scraper::Html;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Imports the fixture `name` as a `kind` site into an empty digest and builds it.
fn imported(kind: &str, name: &str) -> (Site, String) {
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/multilingual").join(name);
    import_dir(kind, &src)
}

/// The peer's URLs: content file -> URL path.
fn peer_urls(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/multilingual")
        .join(name)
        .join("urls.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let pair = |l: &str| l.split_once('\t').map(|(f, u)| (f.to_string(), u.to_string()));
    text.lines().filter_map(pair).collect()
}

/// The page the old URL `url` serves, redirects followed: its output file and HTML.
fn served(site: &Site, url: &str) -> (PathBuf, Html) {
    let mut file = site.public().join(url.trim_matches('/')).join("index.html");
    for _ in 0..3 {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{url}: {} is not served: {e}", file.display()));
        let doc = Html::parse_document(&text);
        let refresh = doc.select(&sel("meta[http-equiv=refresh]")).next();
        let Some(refresh) = refresh else { return (file, doc) };
        let target = refresh.value().attr("content").unwrap().trim_start_matches("0; url=");
        file = file.parent().unwrap().join(target);
    }
    panic!("{url}: too many redirects")
}

fn lang(doc: &Html) -> String {
    let html = doc.select(&sel("html")).next().unwrap();
    html.value().attr("lang").unwrap().to_ascii_lowercase()
}

/// Every peer URL serves a page in the language of its folder; the pages by file.
/// `folders`: the other languages' URL folders.
fn check_urls(
    site: &Site,
    name: &str,
    default: &str,
    folders: &[&str],
) -> BTreeMap<String, (PathBuf, Html)> {
    let mut pages = BTreeMap::new();
    for (file, url) in peer_urls(name) {
        let (page, doc) = served(site, &url);
        let folder = url.trim_start_matches('/').split('/').next().unwrap_or("");
        let expected = if folders.contains(&folder) { folder } else { default };
        let found = lang(&doc);
        assert_eq!(found, expected, "{url} ({file}) is served in the wrong language");
        pages.insert(file, (normalize(&page), doc));
    }
    pages
}

/// The `hreflang` links of a page: language -> the output file they name.
fn alternates(site: &Site, doc: &Html, base: &str) -> BTreeMap<String, PathBuf> {
    doc.select(&sel("link[rel=alternate][hreflang]"))
        .filter(|l| l.value().attr("hreflang") != Some("x-default"))
        .map(|l| {
            let href = l.value().attr("href").unwrap();
            let rest = href.strip_prefix(base).unwrap_or_else(|| panic!("{href} not under {base}"));
            let file = match rest.is_empty() || rest.ends_with('/') {
                true => format!("{rest}index.html"),
                false => rest.to_string(),
            };
            (l.value().attr("hreflang").unwrap().to_ascii_lowercase(), site.public().join(file))
        })
        .collect()
}

/// Broken links, but for the 404 pages' (written from the domain's root, as a server
/// shows them at any path).
fn broken(site: &Site) -> Vec<(String, String)> {
    broken_links(&site.public())
        .into_iter()
        .filter(|(page, _)| !page.ends_with("404.html"))
        .collect()
}

#[test]
fn a_hugo_site_in_two_languages_keeps_every_url_and_links_its_translations() {
    let (site, report) = imported("hugo", "hugo-coder");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    assert!(toml.contains("language = \"en\""), "{toml}");
    assert!(
        toml.contains("[languages.pt-br]\ntitle = \"João Ninguém\"\ndescription = \"Sítio pessoal de João Ninguém\"\nprefix = \"pt-br\"\n"),
        "{toml}"
    );
    assert!(report.contains("wrote site.toml"), "{report}");
    let pages = check_urls(&site, "hugo-coder", "en", &["pt-br"]);
    assert_eq!(pages.len(), 24);
    // About's `aliases` list `contact`, which is Contact's own URL: Hugo serves Contact
    // there, and so does the import, naming the alias it left out.
    for (url, title) in [("/contact/", "Contact"), ("/pt-br/contact/", "Contato")] {
        let (_, doc) = served(&site, url);
        assert_eq!(texts(&doc, "h1"), [title], "{url}");
    }
    assert!(
        report.contains(
            "pages/about.md: alias `contact`: the old URL of pages/contact.md, which keeps it"
        ),
        "{report}"
    );
    // Each translated post names the other version, both ways.
    let base = "http://www.example.com/";
    for (file, (page, doc)) in pages.iter().filter(|(f, _)| f.ends_with(".pt-br.md")) {
        let english = pages[&file.replace(".pt-br.md", ".md")].clone();
        let links = alternates(&site, doc, base);
        assert_eq!(links.get("en").map(|p| normalize(p)), Some(english.0.clone()), "{file}");
        let back = alternates(&site, &english.1, base);
        assert_eq!(back.get("pt-br").map(|p| normalize(p)), Some(page.clone()), "{file}");
    }
    assert_eq!(broken(&site), Vec::<(String, String)>::new());
}

#[test]
fn a_zola_site_in_three_languages_keeps_every_url() {
    let (site, _) = imported("zola", "zola-i18n");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    assert!(toml.contains("[languages.fr]") && toml.contains("[languages.it]"), "{toml}");
    let pages = check_urls(&site, "zola-i18n", "en", &["fr", "it"]);
    assert_eq!(pages.len(), 11);
    // `slug` and bundles (`index.fr.md`) in every language.
    let (fr, _) = &pages["blog/fixed-slug.fr.md"];
    assert!(fr.starts_with(site.public().join("fr")), "{}", fr.display());
    let (bundle, doc) = &pages["blog/with-assets/index.fr.md"];
    assert!(bundle.starts_with(site.public().join("fr")), "{}", bundle.display());
    let links = alternates(&site, doc, "https://example.com/");
    assert_eq!(
        links.get("en").map(|p| normalize(p)),
        Some(pages["blog/with-assets/index.md"].0.clone())
    );
    assert_eq!(broken(&site), Vec::<(String, String)>::new());
}

#[test]
fn a_hugo_site_with_a_content_folder_per_language_keeps_every_url() {
    let (site, report) = imported("hugo", "hugo-book");
    check_urls(&site, "hugo-book", "en", &["ru", "zh"]);
    // Russian and Chinese come from their own folders, named by language.
    assert!(site.root().join("seeds/_index.ru.md").is_file());
    assert!(site.root().join("seeds/_index.zh.md").is_file());
    // A folder for a language the config does not publish is named as left behind.
    assert!(report.contains("content.bn/: not part of the published site"), "{report}");
    // A file with no front matter is given one for its old URL.
    let hidden = std::fs::read_to_string(site.root().join("seeds/docs/example/hidden.md")).unwrap();
    assert!(hidden.contains("/docs/example/hidden/"), "{hidden}");
}

/// Imports the `kind` site at `src` into an empty digest and builds it.
fn import_dir(kind: &str, src: &Path) -> (Site, String) {
    let site = Site::new(&[]);
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    std::fs::remove_dir(site.root().join("seeds")).unwrap();
    let out = site.run(&["import", kind, src.to_str().unwrap()]);
    assert!(out.status.success(), "import failed: {}", stderr(&out));
    site.build();
    (site, stdout(&out))
}

#[test]
fn every_language_in_its_folder_and_a_file_in_no_published_language_left_behind() {
    let post = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2024-05-01\naliases = [\"/en/old-{title}/\"]\n+++\nText.\n"
        )
    };
    let peer = peer_site(&[
        (
            "hugo.toml",
            "baseURL = 'https://news.example/'\ndefaultContentLanguageInSubdir = true\n[languages.en]\ntitle = 'News'\n[languages.fr]\ntitle = 'Nouvelles'\n[languages.de]\ndisabled = true\n",
        ),
        ("content/posts/harbour.md", &post("harbour")),
        ("content/posts/harbour.fr.md", &post("port")),
        ("content/posts/harbour.de.md", &post("hafen")),
    ]);
    let (site, report) = import_dir("hugo", peer.path());
    assert!(
        report.contains("content/posts/harbour.de.md: its name gives the language `de`, which the Hugo site does not publish"),
        "{report}"
    );
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    assert!(toml.contains("[languages.en]\ntitle = \"News\"\nprefix = \"en\"\n"), "{toml}");
    for (url, language) in
        [("/en/posts/harbour/", "en"), ("/fr/posts/harbour/", "fr"), ("/en/old-harbour/", "en")]
    {
        let (_, doc) = served(&site, url);
        assert_eq!(lang(&doc), language, "{url}");
    }
}
