//! `broadsheet import feed FEED…`: real-world feeds served from 127.0.0.1 become seeds
//! that credit their source and build into pages; a second import writes nothing (the
//! server answers 304); hostile feeds stop with a message naming the feed, and nothing
//! outside seeds/ and the work folder ever changes.
#![allow(clippy::disallowed_methods)] // tests make fixture files directly

mod common;

use common::{Site, sel, stderr, stdout, texts, tree};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds");

/// A feed with what real feeds get wrong or odd: a named time zone, a missing date, a
/// duplicate guid, CDATA, relative links, a `javascript:` link, an image enclosure.
const ODD: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>City &amp; Council</title><link>https://council.example/</link>
<item><title><![CDATA[Budget <b>vote</b> passes]]></title><link>/news/budget</link>
<guid isPermaLink="false">council-1</guid><pubDate>Tue, 10 Jun 2025 09:30:00 EST</pubDate>
<category>Budget</category><description>The council voted 7 to 2.</description>
<content:encoded><![CDATA[<p>Read <a href="/docs/budget.pdf">the budget</a>.</p><script>alert(1)</script><p><a href="javascript:alert(2)">click</a></p>]]></content:encoded>
<enclosure url="https://council.example/img/vote.jpg" type="image/jpeg" length="1"/></item>
<item><title>Budget vote passes (again)</title><link>/news/budget-2</link>
<guid isPermaLink="false">council-1</guid><pubDate>Tue, 10 Jun 2025 10:30:00 EST</pubDate></item>
<item><title>Library hours</title><link>/news/library</link><description>Longer hours.</description></item>
</channel></rss>"#;

/// A feed with no home link (so relative URLs resolve against the feed's own) whose
/// items' images are on the test server: a PNG, and an SVG that must stay a link.
const PICS: &str = r#"<rss version="2.0"><channel><title>Pics</title>
<item><title>Vote</title><guid>p1</guid><pubDate>Tue, 10 Jun 2025 09:30:00 GMT</pubDate>
<enclosure url="/img/vote.png" type="image/png"/></item>
<item><title>Evil</title><guid>p2</guid><pubDate>Tue, 10 Jun 2025 09:40:00 GMT</pubDate>
<enclosure url="/img/evil.svg" type="image/svg+xml"/></item></channel></rss>"#;

/// Requests the test server answered: (path, status).
type Log = Arc<Mutex<Vec<(String, u16)>>>;

struct Server {
    base: String,
    log: Log,
    /// Set by a test: /odd.xml changes its text. Set by /busy.xml once it said 503.
    changed: Arc<AtomicBool>,
}

/// A reader that gives a byte every 50 ms, forever.
struct Slow;
impl Read for Slow {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        std::thread::sleep(std::time::Duration::from_millis(50));
        buf[0] = b' ';
        Ok(1)
    }
}

fn serve() -> Server {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let log: Log = Arc::default();
    let changed = Arc::new(AtomicBool::new(false));
    let (l, c) = (log.clone(), changed.clone());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (l, c) = (l.clone(), c.clone());
            std::thread::spawn(move || answer(request, &l, &c));
        }
    });
    Server { base: format!("http://127.0.0.1:{port}"), log, changed }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
}

fn answer(request: tiny_http::Request, log: &Log, changed: &AtomicBool) {
    let path = request.url().to_string();
    let etag = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.to_string());
    let fixture = |name: &str| std::fs::read(Path::new(FIXTURES).join(name)).unwrap();
    let since = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-Modified-Since"))
        .map(|h| h.value.to_string());
    if path == "/busy.xml" && since.as_deref() == Some("Fri, 24 Jan 2020 23:46:57 GMT") {
        log.lock().unwrap().push((path, 304));
        let _ = request.respond(tiny_http::Response::empty(304));
        return;
    }
    let (status, body, extra): (u16, Vec<u8>, Vec<tiny_http::Header>) = match path.as_str() {
        "/ars.xml" if etag.as_deref() == Some("\"v1\"") => (304, vec![], vec![]),
        "/ars.xml" => (200, fixture("rss_2.0_example_5.xml"), vec![header("ETag", "\"v1\"")]),
        "/atom.xml" => (200, fixture("atom_example_1.xml"), vec![]),
        "/feed.json" => (200, fixture("jsonfeed_example_1.json"), vec![]),
        "/odd.xml" if changed.load(Ordering::SeqCst) => {
            (200, ODD.replace("7 to 2", "8 to 1").into_bytes(), vec![])
        }
        "/odd.xml" => (200, ODD.as_bytes().to_vec(), vec![]),
        "/big.xml" => {
            let mut body = b"<rss><channel><title>Big</title>".to_vec();
            body.resize(50 * 1024 * 1024, b' ');
            (200, body, vec![])
        }
        "/laughs.xml" => (200, laughs().into_bytes(), vec![]),
        "/busy.xml" if !changed.swap(true, Ordering::SeqCst) => {
            (503, vec![], vec![header("Retry-After", "1")])
        }
        "/busy.xml" => (
            200,
            fixture("jsonfeed_example_1.json"),
            vec![header("Last-Modified", "Fri, 24 Jan 2020 23:46:57 GMT")],
        ),
        "/pics.xml" => (200, PICS.as_bytes().to_vec(), vec![]),
        // Compressed only for a client that asks for it, as servers do.
        "/gzip.xml" if accepts_gzip(&request) => {
            (200, gzip(&fixture("rss_2.0_example_5.xml")), vec![header("Content-Encoding", "gzip")])
        }
        "/gzip.xml" => (406, b"gzip only".to_vec(), vec![]),
        "/busy-until.xml" if !changed.swap(true, Ordering::SeqCst) => {
            let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
            let date = jiff::fmt::rfc2822::DateTimePrinter::new()
                .timestamp_to_rfc9110_string(&soon)
                .unwrap();
            (503, vec![], vec![header("Retry-After", &date)])
        }
        "/busy-until.xml" => (200, fixture("atom_example_1.xml"), vec![]),
        "/img/vote.png" => (200, b"\x89PNG\r\n\x1a\nnot really".to_vec(), vec![]),
        "/img/evil.svg" => (200, b"<svg onload=\"alert(1)\"/>".to_vec(), vec![]),
        "/loop.xml" => (302, vec![], vec![header("Location", "/loop.xml")]),
        "/page.html" => {
            (200, b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>".to_vec(), vec![])
        }
        "/endless.xml" => {
            log.lock().unwrap().push((path, 200));
            let response = tiny_http::Response::new(200.into(), vec![], Slow, None, None);
            let _ = request.respond(response);
            return;
        }
        _ => (404, b"not found".to_vec(), vec![]),
    };
    log.lock().unwrap().push((path, status));
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for h in extra {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

/// Ten levels of entities that would expand to a billion `lol`s.
fn laughs() -> String {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd += &format!("<!ENTITY lol{i} \"{refs}\">");
    }
    format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [{dtd}]><rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"
    )
}

fn import(site: &Site, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend(args);
    site.run(&all)
}

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "import failed: {}", stderr(&out));
    stdout(&out)
}

/// The seeds below `seeds/<folder>`, by file name.
fn seeds_in(site: &Site, folder: &str) -> Vec<(String, String)> {
    let dir = site.root().join("seeds").join(folder);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("no {}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every file of the site (with its bytes) but those below seeds/ and the work folder.
fn outside_seeds(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    tree(root)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("seeds") && !p.starts_with(".broadsheet"))
        .collect()
}

#[test]
fn real_feeds_become_seeds_that_credit_their_source_and_build() {
    let server = serve();
    let site = Site::new(&[]);
    let b = &server.base;
    let feeds = [
        format!("{b}/ars.xml"),
        format!("{b}/atom.xml"),
        format!("{b}/feed.json"),
        format!("{b}/odd.xml"),
    ];
    let mut args = vec!["feed"];
    args.extend(feeds.iter().map(String::as_str));
    let outside = outside_seeds(site.root());
    let said = ok(import(&site, &args));
    assert_eq!(outside_seeds(site.root()), outside, "only seeds/ and the work folder change");
    assert!(said.contains("imported 6 new items"), "{said}");
    assert!(said.contains("`council-1` appears twice in the feed; imported once"), "{said}");
    assert!(said.contains("`Library hours` has no date; dated at the fetch time"), "{said}");

    let ars = seeds_in(&site, "ars-technica");
    assert_eq!(
        ars[0].0,
        "2019-08-05-apple-isnt-the-most-cash-rich-company-in-the-world-anymore.md"
    );
    let text = &ars[0].1;
    for line in [
        "title = \"Apple isn’t the most cash-rich company in the world anymore, but it doesn’t matter\"\n",
        "date = \"2019-08-05T23:11:09Z\"\n",
        "authors = [\"Samuel Axon\"]\n",
        "tags = [\"Tech\", \"alphabet\", \"apple\", \"google\"]\n",
        "summary = \"Alphabet has $117 billion in cash on hand.\"\n",
        "source = { name = \"Ars Technica\", url = \"https://arstechnica.com/?p=1546121\" }\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains("republished"), "no --full, no content: {text}");

    let council = seeds_in(&site, "city-council");
    assert_eq!(council.len(), 2, "{council:?}");
    let budget =
        &council.iter().find(|(n, _)| n.starts_with("2025-06-10-budget-vote-passes")).unwrap().1;
    assert!(budget.contains("title = \"Budget vote passes\"\n"), "titles are text: {budget}");
    assert!(budget.contains("date = \"2025-06-10T14:30:00Z\"\n"), "EST is -05:00: {budget}");
    assert!(
        budget.contains("url = \"https://council.example/news/budget\""),
        "relative link resolved: {budget}"
    );
    assert!(budget.contains("image = \"https://council.example/img/vote.jpg\"\n"), "{budget}");
    assert_eq!(seeds_in(&site, "dive-into-mark").len(), 1);
    assert_eq!(seeds_in(&site, "daring-fireball").len(), 2);

    site.build();
    let headlines = texts(&site.html("index.html"), "main h2, main h3");
    assert!(headlines.iter().any(|h| h == "Budget vote passes"), "{headlines:?}");
    let atom = site.html("articles/atom-draft-07-snapshot.html");
    assert_eq!(texts(&atom, "main h1"), ["Atom draft-07 snapshot"]);
    assert!(texts(&atom, "main").join(" ").contains("Mark Pilgrim"), "the byline");
    let page =
        site.html("articles/apple-isnt-the-most-cash-rich-company-in-the-world-anymore.html");
    assert_eq!(
        texts(&page, "main h1"),
        ["Apple isn’t the most cash-rich company in the world anymore, but it doesn’t matter"]
    );
    let main = texts(&page, "main").join(" ");
    assert!(main.contains("Ars Technica"), "the source is credited: {main}");
    let link = page.select(&sel("main a[href='https://arstechnica.com/?p=1546121']")).count();
    assert!(link >= 1, "the page links to the story at its source");
    assert_eq!(page.select(&sel("meta[name=Googlebot-News]")).count(), 0);

    // Again: the server says 304 for the feed with an ETag, and nothing is written.
    let before = tree(&site.root().join("seeds"));
    let said = ok(import(&site, &args));
    assert!(said.contains("imported 0 new items"), "{said}");
    assert_eq!(tree(&site.root().join("seeds")), before);
    let log = server.log.lock().unwrap().clone();
    let ars_log: Vec<u16> = log.iter().filter(|(p, _)| p == "/ars.xml").map(|(_, s)| *s).collect();
    assert_eq!(ars_log, [200, 304]);
}

#[test]
fn full_imports_sanitised_content_as_republished() {
    let server = serve();
    let site = Site::new(&[]);
    let url = format!("{}/odd.xml", server.base);
    ok(import(&site, &["feed", &url, "--full"]));
    let council = seeds_in(&site, "city-council");
    let budget = &council.iter().find(|(n, _)| n.contains("budget")).unwrap().1;
    assert!(budget.contains("republished = true\n"), "{budget}");
    assert!(budget.contains("href=\"https://council.example/docs/budget.pdf\""), "{budget}");
    assert!(!budget.contains("<script") && !budget.contains("javascript:"), "{budget}");
    site.build();
    let page = site.html("articles/budget-vote-passes.html");
    assert_eq!(page.select(&sel("meta[name=Googlebot-News][content=noindex]")).count(), 1);
    let links: Vec<_> =
        page.select(&sel("main a")).filter_map(|a| a.value().attr("href")).collect();
    assert!(links.contains(&"https://council.example/docs/budget.pdf"), "{links:?}");
    assert!(texts(&page, "main").join(" ").contains("click"), "the link's text stays");
}

#[test]
fn a_change_at_the_source_is_taken_only_with_update_and_never_over_an_edit() {
    let server = serve();
    let site = Site::new(&[]);
    let url = format!("{}/odd.xml", server.base);
    ok(import(&site, &[&url]));
    server.changed.store(true, Ordering::SeqCst);
    let before = tree(site.root());
    let said = ok(import(&site, &[&url]));
    assert!(said.contains("changed at the source; `--update` takes the change"), "{said}");
    let after = tree(site.root());
    let changed: Vec<_> = after
        .keys()
        .filter(|p| !p.starts_with(".broadsheet") && before.get(*p) != after.get(*p))
        .collect();
    assert!(changed.is_empty(), "without --update nothing is written: {changed:?}");

    let said = ok(import(&site, &[&url, "--update"]));
    assert!(said.contains("updated 1"), "{said}");
    let budget =
        seeds_in(&site, "city-council").into_iter().find(|(n, _)| n.contains("budget")).unwrap();
    assert!(budget.1.contains("8 to 1") && budget.1.contains("updated = "), "{}", budget.1);

    // The editor changes the seed; the source changes again: the edit stays.
    let path = site.root().join("seeds/city-council").join(&budget.0);
    let edited = budget.1.replace("Budget vote passes", "Council passes budget");
    std::fs::write(&path, &edited).unwrap();
    server.changed.store(false, Ordering::SeqCst);
    let said = ok(import(&site, &[&url, "--update"]));
    assert!(said.contains("changed at the source, but also edited here; left alone"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn feeds_in_site_toml_are_refreshed_by_import_alone() {
    let server = serve();
    let toml = format!(
        "title = \"D\"\nbase_url = \"https://d.example/\"\n\n[[import]]\nurl = \"{}/feed.json\"\nname = \"DF\"\ntags = [\"links\"]\nsection = \"Elsewhere\"\n",
        server.base
    );
    let site = Site::new(&[("site.toml", &toml)]);
    ok(import(&site, &[]));
    let seeds = seeds_in(&site, "df");
    assert_eq!(seeds.len(), 2);
    let text = &seeds[0].1;
    assert!(
        text.contains("tags = [\"links\"]\n") && text.contains("section = \"Elsewhere\"\n"),
        "{text}"
    );
    assert!(text.contains("source = { name = \"DF\", "), "{text}");
}

#[test]
fn an_opml_file_imports_every_feed_it_lists() {
    let server = serve();
    let site = Site::new(&[]);
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"News\"><outline text=\"Ars\" xmlUrl=\"{0}/ars.xml\"/><outline text=\"Local\" title=\"Local file\" xmlUrl=\"atom_example_1.xml\"/></outline></body></opml>",
        server.base
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("feeds.opml"), opml).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("atom_example_1.xml"),
        dir.path().join("atom_example_1.xml"),
    )
    .unwrap();
    ok(import(&site, &[dir.path().join("feeds.opml").to_str().unwrap()]));
    assert_eq!(seeds_in(&site, "ars").len(), 1);
    assert_eq!(seeds_in(&site, "local-file").len(), 1);
}

fn accepts_gzip(request: &tiny_http::Request) -> bool {
    let accept = request.headers().iter().find(|h| h.field.equiv("Accept-Encoding"));
    accept.is_some_and(|h| h.value.as_str().contains("gzip"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn a_gzip_feed_and_a_retry_after_date_are_understood() {
    let server = serve();
    let site = Site::new(&[]);
    ok(import(&site, &[&format!("{}/gzip.xml", server.base)]));
    assert_eq!(seeds_in(&site, "ars-technica").len(), 1, "{:?}", server.log.lock().unwrap());
    // 503 with `Retry-After` as an HTTP date two seconds ahead: waited for, then fetched.
    ok(import(&site, &[&format!("{}/busy-until.xml", server.base)]));
    let log = server.log.lock().unwrap().clone();
    let busy: Vec<u16> =
        log.iter().filter(|(p, _)| p == "/busy-until.xml").map(|(_, s)| *s).collect();
    assert_eq!(busy, [503, 200]);
}

/// A server that answers anything, a TLS handshake included, with plain HTTP `400`.
fn plain_tcp() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.read(&mut [0; 1024]);
            let _ = std::io::Write::write_all(&mut stream, b"HTTP/1.1 400 Bad Request\r\n\r\n");
        }
    });
    addr
}

/// Imports `path` from the test server with small limits and returns the message.
fn hostile(path: &str, extra: &[&str]) -> String {
    let server = serve();
    let site = Site::new(&[]);
    let before = tree(site.root());
    let url = match extra.contains(&"tls") {
        true => format!("https://{}{path}", plain_tcp()),
        false => format!("{}{path}", server.base),
    };
    let mut args = vec!["feed", url.as_str(), "--timeout", "3", "--max-size", "1"];
    args.extend(extra.iter().filter(|a| **a != "tls"));
    let started = std::time::Instant::now();
    let out = import(&site, &args);
    assert!(started.elapsed().as_secs() < 20, "{path} took {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1), "{path} should fail: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("feed {url}: ")), "the message names the feed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let after = tree(site.root());
    let changed: Vec<_> = after
        .keys()
        .filter(|p| !p.starts_with(".broadsheet"))
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert!(changed.is_empty(), "{path} changed {changed:?}");
    err
}

#[test]
fn a_50_mb_feed_stops_at_the_size_cap() {
    assert!(hostile("/big.xml", &[]).contains("larger than the 1 MB limit"));
}

#[test]
fn a_billion_laughs_feed_expands_nothing() {
    let err = hostile("/laughs.xml", &[]);
    assert!(err.contains("declares XML entities (a billion-laughs bomb?); refused"), "{err}");
}

#[test]
fn a_feed_that_never_ends_stops_at_the_timeout() {
    assert!(hostile("/endless.xml", &[]).contains("no complete answer within 3 s"));
}

#[test]
fn a_redirect_loop_is_named() {
    assert!(hostile("/loop.xml", &[]).contains("redirects (a redirect loop?)"));
}

#[test]
fn an_html_page_is_not_a_feed() {
    assert!(hostile("/page.html", &[]).contains("this is an HTML page, not a feed"));
}

#[test]
fn a_404_is_named() {
    let err = hostile("/gone.xml", &[]);
    assert!(err.starts_with("error: feed http://127.0.0.1:"), "{err}");
    assert!(err.trim_end().ends_with("/gone.xml: the server answered 404, not a feed"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_tls_failure_is_named() {
    let err = hostile("/ars.xml", &["tls"]);
    assert!(err.contains("the secure connection failed"), "{err}");
}

#[test]
fn a_busy_server_is_asked_again_after_its_retry_after_and_last_modified_makes_it_304() {
    let server = serve();
    let site = Site::new(&[]);
    let url = format!("{}/busy.xml", server.base);
    let said = ok(import(&site, &["feed", &url]));
    assert!(said.contains("imported 2 new items"), "{said}");
    let said = ok(import(&site, &["feed", &url]));
    assert!(said.contains("; 1 feed unchanged since the last import (304)"), "{said}");
    let log: Vec<u16> = server.log.lock().unwrap().iter().map(|(_, s)| *s).collect();
    assert_eq!(log, [503, 200, 304]);
}

#[test]
fn a_peer_name_with_no_folder_is_a_usage_error_and_feed_alone_too() {
    let site = Site::new(&[]);
    let out = import(&site, &["jekyll"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim(), "error: usage: broadsheet import jekyll SRC (one site folder)");
    let out = import(&site, &["feed"]);
    assert_eq!(stderr(&out).trim(), "error: usage: broadsheet import feed FEED…");
    let out = import(&site, &[]);
    assert!(stderr(&out).contains("site.toml has no [[import]] feeds"), "{}", stderr(&out));
}

#[test]
fn a_feed_file_named_on_its_own_is_imported() {
    let site = Site::new(&[]);
    let file = Path::new(FIXTURES).join("rss_2.0_spec_1.xml");
    let said = ok(import(&site, &[file.to_str().unwrap()]));
    assert!(said.contains("imported 2 new items"), "{said}");
    let names: Vec<String> =
        seeds_in(&site, "scripting-news").into_iter().map(|(n, _)| n).collect();
    assert!(names.iter().all(|n| n.starts_with("2002-09-")), "{names:?}");

    // A relative enclosure resolves against the feed's home.
    let file = Path::new(FIXTURES).join("rss_2.0_relurl_2.xml");
    ok(import(&site, &["feed", file.to_str().unwrap()]));
    let (_, text) = &seeds_in(&site, "relative-enclosure-url-example-feed")[0];
    assert!(
        text.contains("image = \"https://kryogenix.org/images/me/hackergotchi-simpler.png\"\n"),
        "{text}"
    );
    assert!(text.contains("date = \"2021-03-17T18:14:23Z\"\n"), "GMT: {text}");

    // An item with no guid, link or date, in ISO-8859-1, is still imported only once.
    let file = Path::new(FIXTURES).join("rss_0.91_missing_id.xml");
    let said = ok(import(&site, &[file.to_str().unwrap()]));
    assert!(said.contains("imported 1 new item into") && said.contains("has no date"), "{said}");
    let said = ok(import(&site, &[file.to_str().unwrap()]));
    assert!(said.contains("imported 0 new items") && said.contains("1 already there"), "{said}");
    let (_, text) = &seeds_in(&site, "servicio-de-personal-ingreso-diputacion")[0];
    assert!(text.contains("title = \"Oferta de Empleo Público // 3 PROFESOR/A"), "{text}");
}

#[test]
fn images_are_kept_beside_their_seed_only_with_images_and_only_real_ones() {
    let server = serve();
    let site = Site::new(&[]);
    let url = format!("{}/pics.xml", server.base);
    let said = ok(import(&site, &["feed", &url, "--images"]));
    assert!(
        said.contains(
            "/img/evil.svg: image not downloaded (not a JPEG, PNG, GIF, WebP or AVIF image); linked"
        ),
        "{said}"
    );
    let seeds = seeds_in(&site, "pics");
    let names: Vec<&str> = seeds.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["2025-06-10-evil.md", "2025-06-10-vote.md", "2025-06-10-vote.png"]);
    assert!(seeds[1].1.contains("image = \"2025-06-10-vote.png\"\n"), "{}", seeds[1].1);
    assert!(
        seeds[0].1.contains(&format!("image = \"{}/img/evil.svg\"\n", server.base)),
        "{}",
        seeds[0].1
    );
    site.build();
    let page = site.html("articles/vote.html");
    let srcs: Vec<_> = page
        .select(&sel("main img"))
        .filter_map(|i| i.value().attr("src"))
        .map(String::from)
        .collect();
    assert_eq!(srcs.len(), 1, "{srcs:?}");
    let copied = std::fs::read(site.public().join("articles").join(&srcs[0])).unwrap();
    assert_eq!(copied, b"\x89PNG\r\n\x1a\nnot really", "the image is published with the page");
    // Imported again: nothing changed at the source, nothing is written.
    let said = ok(import(&site, &["feed", &url, "--images"]));
    assert!(
        said.contains("imported 0 new items into ")
            && said.contains("/seeds/, updated 0, 2 already there"),
        "{said}"
    );
}
