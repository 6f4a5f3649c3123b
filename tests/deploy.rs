//! `broadsheet deploy` against a real S3-compatible server on 127.0.0.1: moto's server
//! mode (PyPI `moto[server]`), started by each test on a free port. What was uploaded is
//! read from the server's own request log (each `PUT` it answered) and from the objects
//! it holds (their headers), never from the command's output.
//!
//! The server is `$BROADSHEET_MOTO_SERVER`, else `moto_server` on the PATH. Without it
//! the tests say so and pass, unless `BROADSHEET_REQUIRE_S3=1` (set by `.ci/run`, which
//! installs moto), where its absence fails them.

#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::{Site, stderr, stdout};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BUCKET: &str = "news";
const PREFIX: &str = "digest";

/// A moto server on a free port, killed when the test ends.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server with the bucket `news` holding `other/keep.txt` (outside the
    /// prefix); `None` (after saying why) when there is no server to start.
    fn start() -> Option<Server> {
        Server::start_checking(false)
    }

    /// The same; with `checking`, the server checks every request's keys once the
    /// bucket is made (moto's `INITIAL_NO_AUTH_ACTION_COUNT`), and knows none.
    fn start_checking(checking: bool) -> Option<Server> {
        let program =
            std::env::var("BROADSHEET_MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
        let found =
            Command::new(&program).arg("-h").stdout(Stdio::null()).stderr(Stdio::null()).status();
        if !found.is_ok_and(|s| s.success()) {
            let why =
                format!("`{program}` cannot be run: install moto (pip install 'moto[server]')");
            if std::env::var("BROADSHEET_REQUIRE_S3").is_ok_and(|v| v == "1") {
                panic!("{why}; BROADSHEET_REQUIRE_S3=1 requires it");
            }
            eprintln!("skipped: {why}");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.log");
        let mut command = Command::new(&program);
        if checking {
            command.env("INITIAL_NO_AUTH_ACTION_COUNT", "2");
        }
        let child = command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start moto_server");
        let server = Server { child, port, log, _dir: dir };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        server.request("PUT", &format!("/{BUCKET}"), b"");
        server.request("PUT", &format!("/{BUCKET}/other/keep.txt"), b"not the site's");
        Some(server)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A request straight to the server, with an `Authorization` header moto does not
    /// check (without one it answers as to an anonymous reader).
    fn request(&self, method: &str, path: &str, body: &[u8]) -> ureq::http::Response<ureq::Body> {
        let url = format!("{}{path}", self.endpoint());
        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).build().into();
        const AUTH: &str = "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/s3/aws4_request, \
                            SignedHeaders=host, Signature=00";
        let kind = if path.ends_with(".html") {
            "text/html; charset=utf-8"
        } else {
            "application/octet-stream"
        };
        let response = match method {
            "PUT" => agent
                .put(&url)
                .header("Authorization", AUTH)
                .header("Content-Type", kind)
                .header("Cache-Control", "public, max-age=300")
                .send(body),
            "GET" => agent.get(&url).header("Authorization", AUTH).call(),
            _ => unreachable!("only PUT and GET"),
        };
        response.expect("the server answers")
    }

    /// The headers of the object at `path` under the prefix, if it exists.
    fn object(&self, path: &str) -> Option<(String, String)> {
        let response = self.request("GET", &format!("/{BUCKET}/{PREFIX}/{path}"), b"");
        if response.status() != 200 {
            return None;
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        Some((header("content-type"), header("cache-control")))
    }

    /// Paths of every PUT the server has answered so far, in order.
    fn puts(&self) -> Vec<String> {
        std::thread::sleep(Duration::from_millis(300)); // the log line follows the answer
        let log = std::fs::read_to_string(&self.log).unwrap();
        log.lines()
            .filter_map(|l| l.split("\"PUT ").nth(1))
            .filter_map(|l| l.split(' ').next())
            .map(|p| p.split('?').next().unwrap().to_string())
            .filter(|p| p.starts_with(&format!("/{BUCKET}/{PREFIX}/")))
            .collect()
    }

    /// Runs `broadsheet deploy s3://news/digest --endpoint … <args>` with test keys.
    fn deploy(&self, site: &Site, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
        cmd.arg("deploy")
            .arg(format!("s3://{BUCKET}/{PREFIX}"))
            .args(["--endpoint", &self.endpoint()])
            .args(args)
            .arg("--root")
            .arg(site.root())
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .env("NO_COLOR", "1");
        cmd.output().expect("run broadsheet deploy")
    }
}

fn article(n: usize, body: &str) -> (String, String) {
    (
        format!("seeds/2025-04-{:02}-story-{n}.md", n + 1),
        format!("---\ntitle: Story {n}\ndate: 2025-04-{:02}\ntags: [world]\n---\n{body}\n", n + 1),
    )
}

/// A small site of five articles, built.
fn site(extra_toml: &str) -> Site {
    let toml = format!("{}{extra_toml}", common::SITE_TOML);
    let mut files: Vec<(String, String)> = (0..5).map(|n| article(n, "The body.")).collect();
    files.push(("site.toml".into(), toml));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = Site::new(&refs);
    site.build();
    site
}

fn ok(out: &Output) {
    assert!(out.status.success(), "deploy failed:\n{}{}", stdout(out), stderr(out));
}

/// Every file of public/, as output paths.
fn files(site: &Site) -> Vec<String> {
    site.snapshot().keys().map(|p| p.to_string_lossy().replace('\\', "/")).collect()
}

#[test]
fn a_first_deploy_uploads_everything_then_nothing_even_after_a_clean_rebuild() {
    let Some(server) = Server::start() else { return };
    let site = site("");
    ok(&server.deploy(&site, &[]));
    let puts = server.puts();
    let all = files(&site);
    assert_eq!(puts.len(), all.len() + 1, "every file and the manifest: {puts:?}");
    assert!(puts.last().unwrap().ends_with("/.broadsheet-deploy.json"), "manifest last: {puts:?}");
    let first_page = puts.iter().position(|p| p.ends_with(".html")).unwrap();
    assert!(
        puts[first_page..puts.len() - 1].iter().all(|p| p.ends_with(".html")),
        "assets first: {puts:?}"
    );
    let (kind, cache) = server.object("index.html").unwrap();
    assert_eq!(
        (kind.as_str(), cache.as_str()),
        ("text/html; charset=utf-8", "public, max-age=300")
    );
    let (kind, cache) = server.object("assets/style.css").unwrap();
    assert_eq!(
        (kind.as_str(), cache.as_str()),
        ("text/css; charset=utf-8", "public, max-age=3600")
    );

    ok(&server.deploy(&site, &[]));
    assert_eq!(server.puts().len(), puts.len(), "a second deploy uploads nothing");
    let out = site.run(&["build", "--clean", "--now", "2026-01-01T00:00:00Z"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = server.deploy(&site, &[]);
    ok(&out);
    assert_eq!(server.puts().len(), puts.len(), "a clean rebuild uploads nothing");
    assert!(
        stdout(&out).contains(&format!("0 uploaded (0.0 KB), {} unchanged, 0 deleted", all.len())),
        "{}",
        stdout(&out)
    );
    let keep = server.request("GET", &format!("/{BUCKET}/other/keep.txt"), b"");
    assert_eq!(keep.into_body().read_to_string().unwrap(), "not the site's");
}

#[test]
fn an_edited_article_uploads_only_the_files_whose_bytes_changed() {
    let Some(server) = Server::start() else { return };
    let site = site("");
    ok(&server.deploy(&site, &[]));
    let before = site.snapshot();
    let (path, text) = article(2, "A corrected body.");
    site.write(&path, &text);
    site.build();
    let after = site.snapshot();
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, bytes)| before.get(*p) != Some(bytes))
        .map(|(p, _)| format!("/{BUCKET}/{PREFIX}/{}", p.to_string_lossy()))
        .collect();
    assert!(!changed.is_empty() && changed.len() < after.len() / 2, "{changed:?}");
    let earlier = server.puts().len();
    ok(&server.deploy(&site, &[]));
    let mut sent = server.puts()[earlier..].to_vec();
    assert!(sent.pop().unwrap().ends_with("/.broadsheet-deploy.json"));
    sent.sort();
    assert_eq!(sent, changed);
}

#[test]
fn a_deploy_killed_half_way_is_finished_without_sending_again_what_arrived() {
    let Some(server) = Server::start() else { return };
    let site = site("");
    ok(&server.deploy(&site, &[]));
    let (path, text) = article(1, "News that changed.");
    site.write(&path, &text);
    site.build();
    let dry = server.deploy(&site, &["--dry-run"]);
    ok(&dry);
    let planned: Vec<String> = stdout(&dry)
        .lines()
        .filter_map(|l| l.strip_prefix("would upload "))
        .map(String::from)
        .collect();
    assert!(planned.len() >= 2, "{planned:?}");
    // What a killed deploy left: the first half arrived, no new manifest.
    let (arrived, rest) = planned.split_at(planned.len() / 2);
    for path in arrived {
        let bytes = std::fs::read(site.public().join(path)).unwrap();
        server.request("PUT", &format!("/{BUCKET}/{PREFIX}/{path}"), &bytes);
    }
    let earlier = server.puts().len();
    ok(&server.deploy(&site, &[]));
    let mut sent = server.puts()[earlier..].to_vec();
    sent.pop();
    let mut expected: Vec<String> =
        rest.iter().map(|p| format!("/{BUCKET}/{PREFIX}/{p}")).collect();
    sent.sort();
    expected.sort();
    assert_eq!(sent, expected, "only what had not arrived");
}

#[test]
fn a_deleted_article_stays_until_prune_and_a_prune_over_the_limit_is_refused() {
    let Some(server) = Server::start() else { return };
    let site = site("[deploy]\nprune_limit = 1\n");
    ok(&server.deploy(&site, &[]));
    std::fs::remove_file(site.root().join(article(4, "").0)).unwrap();
    site.build();
    let out = server.deploy(&site, &[]);
    ok(&out);
    let stale: Vec<String> =
        files(&site).into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    assert!(
        stdout(&out).contains("no longer in the site (kept; --prune deletes them)"),
        "{}",
        stdout(&out)
    );
    let missing = gone_paths(&server, &stale);
    assert!(!missing.is_empty(), "some objects are no longer in the site");
    assert!(missing.iter().all(|p| server.object(p).is_some()), "kept without --prune");
    assert!(missing.len() > 1, "the article's page, edition and e-mail: {missing:?}");
    {
        let out = server.deploy(&site, &["--prune"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out)
                .contains("more than `prune_limit` allows (1); check the target, then add --force"),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
        assert!(missing.iter().all(|p| server.object(p).is_some()), "nothing deleted when refused");
    }
    ok(&server.deploy(&site, &["--prune", "--force"]));
    assert!(missing.iter().all(|p| server.object(p).is_none()), "pruned");
    assert!(server.object("index.html").is_some());
    let keep = server.request("GET", &format!("/{BUCKET}/other/keep.txt"), b"");
    assert_eq!(keep.status(), 200, "outside the prefix nothing changes");
}

/// The objects under the prefix (from the server's listing) that are not in `site`.
fn gone_paths(server: &Server, site: &[String]) -> Vec<String> {
    let response = server.request("GET", &format!("/{BUCKET}?list-type=2&prefix={PREFIX}/"), b"");
    let xml = response.into_body().read_to_string().unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("Key"))
        .filter_map(|n| n.text()?.strip_prefix(&format!("{PREFIX}/")).map(String::from))
        .filter(|p| p != ".broadsheet-deploy.json" && !site.contains(p))
        .collect()
}

#[test]
fn a_missing_bucket_and_missing_credentials_are_one_clear_error_each() {
    let Some(server) = Server::start() else { return };
    let site = site("");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    let out = cmd
        .args(["deploy", "s3://no-such-bucket/x", "--endpoint", &server.endpoint(), "--root"])
        .arg(site.root())
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "error: s3://no-such-bucket/x: the bucket `no-such-bucket` does not exist (check the target and --endpoint)"
    );
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["deploy", "s3://news/x", "--endpoint", &server.endpoint(), "--root"])
        .arg(site.root())
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SHARED_CREDENTIALS_FILE")
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains(
            "no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set"
        ),
        "{text}"
    );
    assert!(text.contains(".aws/credentials does not exist"), "{text}");
    assert_eq!(text.trim().lines().count(), 1, "{text}");
}

#[test]
fn wrong_credentials_are_one_clear_error() {
    let Some(server) = Server::start_checking(true) else { return };
    let site = site("");
    let out = server.deploy(&site, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.starts_with(
            "error: s3://news/digest: the store refused the credentials from AWS_ACCESS_KEY_ID ("
        ),
        "{text}"
    );
    assert_eq!(text.trim().lines().count(), 1, "{text}");
    assert!(server.puts().is_empty());
}
