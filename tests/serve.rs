//! `broadsheet serve`, end to end: start the real binary on a free loopback port, talk
//! to it over HTTP, edit the site under it, and read what it serves. Every wait is
//! bounded; the server is killed when a test ends, pass or fail.

#![allow(clippy::disallowed_methods)] // tests read and write fixtures directly

mod common;

use common::{Site, sel, texts};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = "+++\ntitle = \"Harbor Bridge Reopens\"\ndate = 2025-04-17\nauthors = [\"Ana Ruiz\"]\ntags = [\"transport\"]\n+++\nThe bridge reopened at dawn.\n";

/// The longest any test waits for something to happen before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running `broadsheet serve`, killed on drop.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    origin: String,
    agent: ureq::Agent,
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start broadsheet serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let mut server = Server { child, origin: String::new(), agent: agent() };
        let line = receive.recv_timeout(PATIENCE).expect("serve printed no URL");
        let url = line.strip_prefix("serving ").and_then(|l| l.split(' ').next()).expect(&line);
        assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/digest/"), "{line}");
        server.origin = url.trim_end_matches("/digest/").to_string();
        server.wait_for("the first build", |s| s.status()["version"].as_u64() >= Some(1));
        server
    }

    /// GET `path` (as written, from the origin): status, headers' Location, body.
    fn get(&self, path: &str) -> (u16, Option<String>, String) {
        let mut response = self.agent.get(&format!("{}{path}", self.origin)).call().expect(path);
        let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_string());
        let body = response.body_mut().read_to_string().unwrap();
        (response.status().as_u16(), location, body)
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__broadsheet/status").2).unwrap()
    }

    /// Sends exactly `path` on the request line (no client normalises it): status, body.
    fn raw_get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(self.origin.trim_start_matches("http://")).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        let code = reply.split(' ').nth(1).and_then(|c| c.parse().ok()).expect(&reply);
        (code, reply)
    }

    /// Polls until `done` holds, failing the test after `PATIENCE`.
    fn wait_for(&self, what: &str, done: impl Fn(&Server) -> bool) {
        let started = Instant::now();
        while !done(self) {
            assert!(started.elapsed() < PATIENCE, "gave up waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(PATIENCE))
        .build()
        .into()
}

fn site() -> Site {
    Site::new(&[("seeds/2025-04-17-bridge.md", ARTICLE)])
}

#[test]
fn serves_pages_under_the_base_path_like_github_pages() {
    let site = site();
    let server = Server::start(&site);

    let (code, _, front) = server.get("/digest/");
    assert_eq!(code, 200);
    let doc = scraper::Html::parse_document(&front);
    assert_eq!(texts(&doc, ".masthead-title"), ["Test Digest"]);

    let (code, location, _) = server.get("/digest");
    assert_eq!((code, location.as_deref()), (301, Some("/digest/")));
    let (code, location, _) = server.get("/digest/tags");
    assert_eq!((code, location.as_deref()), (301, Some("/digest/tags/")));

    for path in ["/digest/articles/bridge.html", "/digest/articles/bridge"] {
        let (code, _, page) = server.get(path);
        assert_eq!(code, 200, "{path}");
        let doc = scraper::Html::parse_document(&page);
        assert_eq!(texts(&doc, "h1"), ["Harbor Bridge Reopens"], "{path}");
        // Built for this server: canonical URLs name it, never the published site.
        let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
        let expected = format!("{}/digest/articles/bridge.html", server.origin);
        assert_eq!(canonical.value().attr("href"), Some(expected.as_str()));
    }

    let (code, _, missing) = server.get("/digest/no/such/page.html");
    assert_eq!(code, 404);
    let built_404 =
        std::fs::read_to_string(site.root().join(".broadsheet/serve/404.html")).unwrap();
    let title = |html: &str| texts(&scraper::Html::parse_document(html), "h1");
    assert_eq!(title(&missing), title(&built_404));
    assert!(!title(&missing).is_empty());

    let (code, _, outside) = server.get("/elsewhere/");
    assert_eq!(code, 404);
    assert!(outside.contains("href=\"/digest/\""), "{outside}");

    // The reload script is added to responses only, never to built files, and nothing
    // is written to public/.
    assert!(front.contains("/__broadsheet/wait"));
    let built = std::fs::read_to_string(site.root().join(".broadsheet/serve/index.html")).unwrap();
    assert!(!built.contains("__broadsheet"));
    assert!(!site.root().join("public").exists());
}

#[test]
fn no_request_reads_outside_the_output_folder() {
    let site = site();
    site.write(".broadsheet/secret.txt", "TOP SECRET");
    let server = Server::start(&site);
    let attacks = [
        "/digest/../site.toml",
        "/../site.toml",
        "/digest/%2e%2e/site.toml",
        "/digest/%2E%2E/%2e%2e/site.toml",
        "/digest/..%2fsite.toml",
        "/digest/%2e%2e%2fsite.toml",
        "/digest/%2e%2e%2f%2e%2e%2fsite.toml",
        "/digest/articles/..%2f..%2f..%2fsite.toml",
        "/digest/..%5c..%5csite.toml",
        "/digest/%2e%2e/secret.txt",
        "/digest/%2e%2e/%2e%2e/seeds/2025-04-17-bridge.md",
        "/digest/site.toml%00.html",
        "/digest/%2fetc%2fpasswd",
    ];
    for attack in attacks {
        let (code, reply) = server.raw_get(attack);
        assert_eq!(code, 404, "{attack}");
        for secret in ["base_url", "TOP SECRET", "The bridge reopened", "root:"] {
            assert!(!reply.contains(secret), "{attack} leaked {secret}");
        }
    }
    // The same through a real client, for the ones it sends as written.
    for attack in ["/digest/%2e%2e/site.toml", "/digest/..%2fsite.toml"] {
        let (code, _, body) = server.get(attack);
        assert_eq!(code, 404, "{attack}");
        assert!(!body.contains("base_url"), "{attack}");
    }
}

#[test]
fn an_edited_article_is_served_and_open_pages_are_told() {
    let site = site();
    let server = Server::start(&site);
    let version = server.status()["version"].as_u64().unwrap();
    // An open page long-polls for the next version.
    let waiting = {
        let url = format!("{}/__broadsheet/wait?since={version}", server.origin);
        std::thread::spawn(move || {
            agent().get(&url).call().unwrap().body_mut().read_to_string().unwrap()
        })
    };
    site.write("seeds/2025-04-17-bridge.md", &ARTICLE.replace("at dawn", "to cheers at dawn"));
    let told: serde_json::Value = serde_json::from_str(&waiting.join().unwrap()).unwrap();
    assert!(told["version"].as_u64() > Some(version), "{told}");
    server.wait_for("the new text", |s| {
        s.get("/digest/articles/bridge.html").2.contains("to cheers at dawn")
    });

    // A new article appears too, and the front page links it.
    site.write(
        "seeds/2025-04-18-ferry.md",
        "+++\ntitle = \"Ferry Adds Sailings\"\n+++\nMore boats.\n",
    );
    server.wait_for("the new article", |s| s.get("/digest/articles/ferry.html").0 == 200);
    assert!(server.get("/digest/").2.contains("Ferry Adds Sailings"));
}

#[test]
fn a_broken_template_shows_the_error_over_the_last_good_site() {
    let site = site();
    let mut server = Server::start(&site);
    site.write("templates/article.html", "<p>\n{{ article.title | no_such_filter }}</p>\n");
    server.wait_for("the failed build", |s| s.status()["ok"] == false);
    let error = server.status()["error"].as_str().unwrap().to_string();
    assert!(error.contains("templates/article.html:2"), "{error}");

    let (code, _, page) = server.get("/digest/articles/bridge.html");
    assert_eq!(code, 200, "the last good page is still served");
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(texts(&doc, "h1"), ["Harbor Bridge Reopens"]);
    let overlay = texts(&doc, "#broadsheet-error pre");
    assert_eq!(overlay.len(), 1, "{page}");
    assert!(overlay[0].contains("templates/article.html:2"), "{overlay:?}");
    assert!(server.is_running());

    std::fs::remove_file(site.root().join("templates/article.html")).unwrap();
    server.wait_for("the fixed build", |s| s.status()["ok"] == true);
    let page = server.get("/digest/articles/bridge.html").2;
    assert!(!page.contains("broadsheet-error"), "{page}");
    assert!(server.is_running());
}

#[test]
fn a_broken_article_costs_only_itself_and_is_shown_over_the_rest() {
    let site = site();
    let server = Server::start(&site);
    // No date in the file name to fall back on: the date is an error.
    site.write("seeds/bad.md", "+++\ntitle = \"Bad\"\ndate = \"soon\"\n+++\nX.\n");
    site.write("seeds/2025-04-18-ferry.md", "+++\ntitle = \"Ferry Adds Sailings\"\n+++\nMore.\n");
    server.wait_for("the other new article", |s| s.get("/digest/articles/ferry.html").0 == 200);
    server.wait_for("the error", |s| s.status()["error"].as_str().is_some());
    let error = server.status()["error"].as_str().unwrap().to_string();
    assert!(error.contains("seeds/bad.md:3: cannot read date `soon`"), "{error}");
    let page = server.get("/digest/articles/ferry.html").2;
    assert!(page.contains("broadsheet-error"), "{page}");
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = Site::new(&[
        ("seeds/2025-04-17-bridge.md", ARTICLE),
        ("templates/base.html", "{% block main %}{% endblock main"),
    ]);
    let mut server = Server::start(&site);
    assert_eq!(server.status()["ok"], false);
    let (code, _, page) = server.get("/digest/");
    assert_eq!(code, 503);
    assert!(
        texts(&scraper::Html::parse_document(&page), "#broadsheet-error pre")[0]
            .contains("templates/base.html")
    );
    assert!(server.is_running());

    std::fs::remove_file(site.root().join("templates/base.html")).unwrap();
    server.wait_for("the first good build", |s| s.get("/digest/").0 == 200);
}

#[test]
fn serves_each_edition_as_an_email_with_links_to_this_server() {
    let site = site();
    let server = Server::start(&site);
    for path in ["/digest/email/2025-04-17.html", "/digest/email/latest.html"] {
        let (code, _, email) = server.get(path);
        assert_eq!(code, 200, "{path}");
        let doc = scraper::Html::parse_document(&email);
        assert_eq!(texts(&doc, ".headline"), ["Harbor Bridge Reopens"], "{path}");
        let view = doc.select(&sel(".online a")).next().unwrap();
        let expected = format!("{}/digest/editions/2025-04-17.html", server.origin);
        assert_eq!(view.value().attr("href"), Some(expected.as_str()), "{path}");
    }
    let (code, _, text) = server.get("/digest/email/latest.txt");
    assert_eq!(code, 200);
    assert!(text.contains("Harbor Bridge Reopens\n"), "{text}");
}
