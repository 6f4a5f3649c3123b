//! `broadsheet deploy` against real S3-compatible servers on 127.0.0.1, each test run
//! once on each server there is:
//! - Ceph's RADOS Gateway (Debian's `radosgw`, the S3 front of production Ceph), started
//!   once by `scripts/ceph-rgw.sh start`, whose settings arrive as `BROADSHEET_RGW_*`;
//!   every test makes its own bucket there;
//! - moto's server mode (PyPI `moto[server]`), started by each test on a free port:
//!   `$BROADSHEET_MOTO_SERVER`, else `moto_server` on the PATH.
//!
//! What was uploaded is read from the server's own request log (each `PUT` it
//! answered) and from the objects it holds (their headers and bytes), never from the
//! command's output. A server that is not there is skipped with a note, unless
//! `BROADSHEET_REQUIRE_S3=1` (moto) or `BROADSHEET_REQUIRE_RGW=1` (Ceph), which
//! `.ci/run` sets, where its absence fails the tests.

#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::{Site, stderr, stdout};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const PREFIX: &str = "digest";
/// moto's keys: it takes any until it is told to check.
const MOTO_KEYS: (&str, &str) = ("testing", "testing");

/// moto's process and folder, killed and removed when the test ends.
struct Moto {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server, with the bucket this test deploys to: it holds `other/keep.txt`, outside
/// the prefix.
struct Server {
    name: &'static str,
    endpoint: String,
    bucket: String,
    log: PathBuf,
    keys: (String, String),
    _moto: Option<Moto>,
}

/// The servers to run the test `test` on: Ceph's gateway and moto, where they are.
fn servers(test: &str) -> Vec<Server> {
    [Server::rgw(test), Server::moto(false)].into_iter().flatten().collect()
}

/// Says why a server is missing; fails when `require` (an environment variable) is 1.
fn missing(require: &str, why: &str) -> Option<Server> {
    if std::env::var(require).is_ok_and(|v| v == "1") {
        panic!("{why}; {require}=1 requires it");
    }
    eprintln!("skipped: {why}");
    None
}

impl Server {
    /// Ceph's gateway of `BROADSHEET_RGW_*`, with a new bucket for the test `test`.
    fn rgw(test: &str) -> Option<Server> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let (Some(endpoint), Some(log), Some(key), Some(secret)) = (
            var("BROADSHEET_RGW_ENDPOINT"),
            var("BROADSHEET_RGW_LOG"),
            var("BROADSHEET_RGW_KEY"),
            var("BROADSHEET_RGW_SECRET"),
        ) else {
            return missing(
                "BROADSHEET_REQUIRE_RGW",
                "no Ceph gateway: start one with `eval \"$(scripts/ceph-rgw.sh start DIR)\"`",
            );
        };
        let unique = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        let slug: String = test.chars().filter(char::is_ascii_alphanumeric).take(30).collect();
        let bucket = format!("{}-{}", slug.to_ascii_lowercase(), unique.as_nanos() % 1_000_000_000);
        let server = Server {
            name: "ceph",
            endpoint,
            bucket,
            log: log.into(),
            keys: (key, secret),
            _moto: None,
        };
        server.make_bucket();
        Some(server)
    }

    /// A moto server on a free port with the bucket `news`. With `checking`, the server
    /// checks every request's keys once the bucket is made (moto's
    /// `INITIAL_NO_AUTH_ACTION_COUNT`), and knows none.
    fn moto(checking: bool) -> Option<Server> {
        let program =
            std::env::var("BROADSHEET_MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
        let found =
            Command::new(&program).arg("-h").stdout(Stdio::null()).stderr(Stdio::null()).status();
        if !found.is_ok_and(|s| s.success()) {
            let why =
                format!("`{program}` cannot be run: install moto (pip install 'moto[server]')");
            return missing("BROADSHEET_REQUIRE_S3", &why);
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
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let server = Server {
            name: "moto",
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: "news".into(),
            log,
            keys: (MOTO_KEYS.0.into(), MOTO_KEYS.1.into()),
            _moto: Some(Moto { child, _dir: dir }),
        };
        server.make_bucket();
        Some(server)
    }

    fn make_bucket(&self) {
        let made = self.request("PUT", "", b"");
        assert_eq!(made.status(), 200, "{}: make the bucket {}", self.name, self.bucket);
        self.request("PUT", "other/keep.txt", b"not the site's");
    }

    /// `s3://<bucket>/digest`.
    fn target(&self) -> String {
        format!("s3://{}/{PREFIX}", self.bucket)
    }

    /// A request to the object `key` of the test's bucket (the bucket itself when
    /// empty; `key` may end in a query), signed with the server's keys by object_store's
    /// own SigV4 signer.
    fn request(&self, method: &str, key: &str, body: &[u8]) -> ureq::http::Response<ureq::Body> {
        let signed = self.signed(method, key, body);
        let mut request = ureq::http::Request::builder().method(method).uri(signed.uri());
        for (name, value) in signed.headers() {
            request = request.header(name, value);
        }
        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).build().into();
        agent.run(request.body(body.to_vec()).unwrap()).expect("the server answers")
    }

    /// The request of `request`, signed.
    fn signed(&self, method: &str, key: &str, body: &[u8]) -> object_store::client::HttpRequest {
        let url = match key {
            "" => format!("{}/{}", self.endpoint, self.bucket),
            _ => format!("{}/{}/{key}", self.endpoint, self.bucket),
        };
        let mut signed = object_store::client::HttpRequest::new(body.to_vec().into());
        *signed.method_mut() = method.parse().unwrap();
        *signed.uri_mut() = url.parse().unwrap();
        let headers = signed.headers_mut();
        if method == "PUT" && !key.is_empty() {
            let kind =
                if key.ends_with(".html") { "text/html; charset=utf-8" } else { "text/plain" };
            headers.insert("content-type", kind.parse().unwrap());
            headers.insert("cache-control", "public, max-age=300".parse().unwrap());
        }
        let credential = object_store::aws::AwsCredential {
            key_id: self.keys.0.clone(),
            secret_key: self.keys.1.clone(),
            token: None,
        };
        object_store::aws::AwsAuthorizer::new(&credential, "s3", "us-east-1")
            .try_authorize(&mut signed, None)
            .unwrap();
        signed
    }

    /// The headers of the object at `path` under the prefix, if it exists, as the store
    /// sent them: a HEAD request written by hand, since ureq drops `Content-Encoding`
    /// when it unpacks gzip.
    fn headers(&self, path: &str) -> Option<ureq::http::HeaderMap> {
        use std::io::Write;
        let signed = self.signed("HEAD", &format!("{PREFIX}/{path}"), b"");
        let uri = signed.uri();
        let mut stream =
            std::net::TcpStream::connect((uri.host().unwrap(), uri.port_u16().unwrap())).unwrap();
        let mut head =
            format!("HEAD {} HTTP/1.1\r\nhost: {}\r\n", uri.path(), uri.authority().unwrap());
        for (name, value) in signed.headers() {
            head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
        }
        head.push_str("connection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let mut lines = answer.lines();
        let status = lines.next().unwrap_or_default();
        if !status.contains(" 200 ") {
            return None;
        }
        let mut headers = ureq::http::HeaderMap::new();
        for (name, value) in lines.map_while(|l| l.split_once(": ")) {
            headers.append(
                ureq::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.trim().parse().unwrap(),
            );
        }
        Some(headers)
    }

    /// `Content-Type` and `Cache-Control` of the object at `path`, if it exists.
    fn object(&self, path: &str) -> Option<(String, String)> {
        let headers = self.headers(path)?;
        let header = |name: &str| {
            headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
        };
        Some((header("content-type"), header("cache-control")))
    }

    /// The bytes of the object at `path` as a browser reads them (ureq unpacks what the
    /// store sends with `Content-Encoding: gzip`).
    fn bytes(&self, path: &str) -> Vec<u8> {
        let response = self.request("GET", &format!("{PREFIX}/{path}"), b"");
        assert_eq!(response.status(), 200, "{}: {path}", self.name);
        let mut bytes = Vec::new();
        response.into_body().into_reader().read_to_end(&mut bytes).unwrap();
        bytes
    }

    /// Paths of every PUT the server has answered so far under the prefix, in order.
    fn puts(&self) -> Vec<String> {
        // A log line follows its answer: a request of our own, once its line is there,
        // says every earlier one's is too.
        static MARKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let mark = format!("mark-{}", MARKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        self.request("GET", &mark, b"");
        let deadline = Instant::now() + Duration::from_secs(20);
        let log = loop {
            let log = std::fs::read_to_string(&self.log).unwrap();
            if log.contains(&format!("/{}/{mark} ", self.bucket)) {
                break log;
            }
            assert!(Instant::now() < deadline, "{}: {mark} never reached the log", self.name);
            std::thread::sleep(Duration::from_millis(50));
        };
        let under = format!("/{}/{PREFIX}/", self.bucket);
        log.lines()
            .filter_map(|l| l.split("\"PUT ").nth(1))
            .filter_map(|l| l.split(' ').next())
            .map(|p| p.split('?').next().unwrap().to_string())
            .filter(|p| p.starts_with(&under))
            .collect()
    }

    /// The object keys under the prefix, from the server's listing, as output paths.
    fn listed(&self) -> Vec<String> {
        let response = self.request("GET", &format!("?list-type=2&prefix={PREFIX}/"), b"");
        let xml = response.into_body().read_to_string().unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("Key"))
            .filter_map(|n| n.text()?.strip_prefix(&format!("{PREFIX}/")).map(String::from))
            .filter(|p| p != ".broadsheet-deploy.json")
            .collect()
    }

    /// Runs `broadsheet deploy s3://<bucket>/digest --endpoint … <args>` with its keys.
    fn deploy(&self, site: &Site, args: &[&str]) -> Output {
        self.deploy_as(site, args, (&self.keys.0, &self.keys.1))
    }

    /// The same, signing with `keys`.
    fn deploy_as(&self, site: &Site, args: &[&str], keys: (&str, &str)) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
        cmd.arg("deploy")
            .arg(self.target())
            .args(["--endpoint", &self.endpoint])
            .args(args)
            .arg("--root")
            .arg(site.root())
            .env("AWS_ACCESS_KEY_ID", keys.0)
            .env("AWS_SECRET_ACCESS_KEY", keys.1)
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .env("NO_COLOR", "1");
        cmd.output().expect("run broadsheet deploy")
    }

    /// `other/keep.txt`, outside the prefix, as the test left it.
    fn outside_untouched(&self) {
        let keep = self.request("GET", "other/keep.txt", b"");
        assert_eq!(keep.into_body().read_to_string().unwrap(), "not the site's", "{}", self.name);
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
    for server in servers("first") {
        first_deploy_then_nothing(&server);
    }
}

fn first_deploy_then_nothing(server: &Server) {
    let site = site("");
    ok(&server.deploy(&site, &[]));
    let puts = server.puts();
    let all = files(&site);
    let name = server.name;
    assert_eq!(puts.len(), all.len() + 1, "{name}: every file and the manifest: {puts:?}");
    assert!(puts.last().unwrap().ends_with("/.broadsheet-deploy.json"), "manifest last: {puts:?}");
    let first_page = puts.iter().position(|p| p.ends_with(".html")).unwrap();
    assert!(
        puts[first_page..puts.len() - 1].iter().all(|p| p.ends_with(".html")),
        "{name}: assets first: {puts:?}"
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
    assert_eq!(server.puts().len(), puts.len(), "{name}: a second deploy uploads nothing");
    let out = site.run(&["build", "--clean", "--now", "2026-01-01T00:00:00Z"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = server.deploy(&site, &[]);
    ok(&out);
    assert_eq!(server.puts().len(), puts.len(), "{name}: a clean rebuild uploads nothing");
    assert!(
        stdout(&out).contains(&format!("0 uploaded (0.0 KB), {} unchanged, 0 deleted", all.len())),
        "{}",
        stdout(&out)
    );
    server.outside_untouched();
}

#[test]
fn an_edited_article_uploads_only_the_files_whose_bytes_changed() {
    for server in servers("edited") {
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
            .map(|(p, _)| format!("/{}/{PREFIX}/{}", server.bucket, p.to_string_lossy()))
            .collect();
        assert!(!changed.is_empty() && changed.len() < after.len() / 2, "{changed:?}");
        let earlier = server.puts().len();
        ok(&server.deploy(&site, &[]));
        let mut sent = server.puts()[earlier..].to_vec();
        assert!(sent.pop().unwrap().ends_with("/.broadsheet-deploy.json"));
        sent.sort();
        assert_eq!(sent, changed, "{}", server.name);
    }
}

#[test]
fn a_deploy_killed_half_way_is_finished_without_sending_again_what_arrived() {
    for server in servers("killed") {
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
            server.request("PUT", &format!("{PREFIX}/{path}"), &bytes);
        }
        let earlier = server.puts().len();
        ok(&server.deploy(&site, &[]));
        let mut sent = server.puts()[earlier..].to_vec();
        sent.pop();
        let mut expected: Vec<String> =
            rest.iter().map(|p| format!("/{}/{PREFIX}/{p}", server.bucket)).collect();
        sent.sort();
        expected.sort();
        assert_eq!(sent, expected, "{}: only what had not arrived", server.name);
    }
}

#[test]
fn a_deleted_article_stays_until_prune_and_a_prune_over_the_limit_is_refused() {
    for server in servers("pruned") {
        deleted_stays_until_prune(&server);
    }
}

fn deleted_stays_until_prune(server: &Server) {
    let site = site("[deploy]\nprune_limit = 1\n");
    ok(&server.deploy(&site, &[]));
    std::fs::remove_file(site.root().join(article(4, "").0)).unwrap();
    site.build();
    let out = server.deploy(&site, &[]);
    ok(&out);
    assert!(
        stdout(&out).contains("no longer in the site (kept; --prune deletes them)"),
        "{}",
        stdout(&out)
    );
    let now = files(&site);
    let missing: Vec<String> = server.listed().into_iter().filter(|p| !now.contains(p)).collect();
    assert!(missing.len() > 1, "the article's page, edition and e-mail: {missing:?}");
    assert!(missing.iter().all(|p| server.object(p).is_some()), "kept without --prune");
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
    assert!(missing.iter().all(|p| server.object(p).is_none()), "{}: pruned", server.name);
    assert!(server.object("index.html").is_some());
    let mut listed = server.listed();
    listed.sort();
    assert_eq!(listed, now, "{}: the bucket holds the site, no more", server.name);
    server.outside_untouched();
}

#[test]
fn redirects_answer_from_the_store_and_compressed_text_matches_the_site() {
    for server in servers("redirects") {
        redirects_and_compression(&server);
    }
}

fn redirects_and_compression(server: &Server) {
    let name = server.name;
    let site = site("[deploy]\ncompress = true\n");
    let moved = "+++\ntitle = \"Talks Collapse\"\ndate = 2025-04-09\nslug = \"talks-collapse\"\n\
                 aliases = [\"2019/04/talks.html\"]\n+++\nBody.\n";
    site.write("seeds/2025-04-09-talks.md", moved);
    site.build();
    ok(&server.deploy(&site, &[]));
    let alias = server.headers("2019/04/talks.html").expect("the old address is an object");
    let location = alias.get("x-amz-website-redirect-location").map(|v| v.to_str().unwrap());
    assert_eq!(location, Some("/digest/articles/talks-collapse.html"), "{name}");
    assert!(server.object("articles/talks-collapse.html").is_some());
    let index = server.headers("index.html").unwrap();
    assert_eq!(index.get("content-encoding").map(|v| v.to_str().unwrap()), Some("gzip"), "{name}");
    let stored: usize = index.get("content-length").unwrap().to_str().unwrap().parse().unwrap();
    let page = std::fs::read(site.public().join("index.html")).unwrap();
    assert!(stored < page.len() / 2, "{name}: {stored} bytes stored of {}", page.len());
    assert_eq!(server.bytes("index.html"), page, "{name}: read back, the page itself");
    assert!(server.headers("assets/style.css").unwrap().get("content-encoding").is_some());
    let puts = server.puts().len();
    let again = server.deploy(&site, &[]);
    ok(&again);
    assert_eq!(server.puts().len(), puts, "{name}: compressed bytes are the same every time");
    assert!(stdout(&again).contains(": 0 uploaded"), "{}", stdout(&again));
}

/// The link check over the bucket: every object under the prefix read back (and
/// decompressed) into a folder, whose pages must link only to objects that exist,
/// and every redirect must lead to one.
#[test]
fn the_site_read_back_from_the_bucket_has_no_broken_links() {
    for server in servers("links") {
        let site = Site::example();
        let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write("site.toml", &format!("{toml}\n[deploy]\ncompress = true\n"));
        assert!(site.build().status.success());
        ok(&server.deploy(&site, &[]));
        let mirror = tempfile::tempdir().unwrap();
        let listed = server.listed();
        assert_eq!(listed.len(), files(&site).len(), "{}", server.name);
        let mut redirects = 0;
        for path in &listed {
            let headers = server.headers(path).unwrap();
            let bytes = server.bytes(path);
            assert_eq!(bytes, std::fs::read(site.public().join(path)).unwrap(), "{path}");
            if let Some(to) = headers.get("x-amz-website-redirect-location") {
                let to = to.to_str().unwrap().split('#').next().unwrap();
                let to = to.strip_prefix(&format!("/{PREFIX}/")).expect("under the prefix");
                let to = percent_encoding::percent_decode_str(to).decode_utf8().unwrap();
                assert!(listed.contains(&to.to_string()), "{path} redirects to a missing {to}");
                redirects += 1;
            }
            let file = mirror.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        assert!(redirects > 0, "{}: the example site has old addresses", server.name);
        let picture = listed.iter().find(|p| p.starts_with("images/")).expect("a picture copy");
        let (_, cache) = server.object(picture).unwrap();
        assert!(cache.ends_with("immutable"), "{}: {picture}: {cache}", server.name);
        let broken = common::broken_links(mirror.path());
        assert!(broken.is_empty(), "{}: {broken:?}", server.name);
    }
}

#[test]
fn a_missing_bucket_and_missing_credentials_are_one_clear_error_each() {
    for server in servers("missing") {
        let site = site("");
        let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["deploy", "s3://no-such-bucket/x", "--endpoint", &server.endpoint, "--root"])
            .arg(site.root())
            .env("AWS_ACCESS_KEY_ID", &server.keys.0)
            .env("AWS_SECRET_ACCESS_KEY", &server.keys.1)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out).trim(),
            "error: s3://no-such-bucket/x: the bucket `no-such-bucket` does not exist (check the target and --endpoint)"
        );
        let home = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["deploy", &server.target(), "--endpoint", &server.endpoint, "--root"])
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
}

#[test]
fn wrong_credentials_are_one_clear_error() {
    // Ceph's gateway always checks keys; moto only when told to.
    let checking = [Server::rgw("wrong"), Server::moto(true)];
    for server in checking.into_iter().flatten() {
        let site = site("");
        let out = server.deploy_as(&site, &[], ("AKIAWRONGWRONGWRONG", "not-the-secret"));
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = stderr(&out);
        assert!(
            text.starts_with(&format!(
                "error: {}: the store refused the credentials from AWS_ACCESS_KEY_ID (",
                server.target()
            )),
            "{}: {text}",
            server.name
        );
        assert_eq!(text.trim().lines().count(), 1, "{text}");
        assert!(server.puts().is_empty());
    }
}

/// A file over the multipart threshold (64 MB) goes up in parts, read a piece at a time;
/// the bucket holds it whole, and the next deploy trusts it through the manifest.
#[test]
fn a_large_file_goes_up_in_parts_and_only_once() {
    for server in servers("large") {
        let site = site("");
        // Bytes that do not repeat (a little LCG), so nothing in the path can shrink them.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let bytes: Vec<u8> = (0..70 * 1024 * 1024)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (state >> 56) as u8
            })
            .collect();
        site.write("static/archive.bin", "");
        std::fs::write(site.root().join("static/archive.bin"), &bytes).unwrap();
        site.build();
        ok(&server.deploy(&site, &[]));
        let head = server.headers("archive.bin").expect("uploaded");
        let etag = head.get("etag").unwrap().to_str().unwrap().to_string();
        assert!(etag.contains('-'), "{}: a multipart ETag, got {etag}", server.name);
        let size: usize = head.get("content-length").unwrap().to_str().unwrap().parse().unwrap();
        assert_eq!(size, bytes.len(), "{}", server.name);
        assert!(server.bytes("archive.bin") == bytes, "{}: the bytes, whole", server.name);
        let puts = server.puts().len();
        let again = server.deploy(&site, &[]);
        ok(&again);
        assert_eq!(server.puts().len(), puts, "{}: nothing sent again", server.name);
        assert!(stdout(&again).contains(": 0 uploaded"), "{}", stdout(&again));
    }
}

/// A stand-in for a store that does not implement `x-amz-website-redirect-location`, as
/// Cloudflare R2 does not: a proxy on 127.0.0.1 before moto that answers a PUT carrying
/// it with 501 NotImplemented, and passes every other request on.
fn refusing_proxy(to: u16) -> u16 {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(client.try_clone().unwrap());
                let mut head = String::new();
                while reader.read_line(&mut head).is_ok_and(|n| n > 2) {
                    if head.ends_with("\r\n\r\n") {
                        break;
                    }
                }
                let lower = head.to_ascii_lowercase();
                let length = lower
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |v| v.trim().parse::<usize>().unwrap());
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let mut client = client;
                if lower.starts_with("put ") && lower.contains("x-amz-website-redirect-location") {
                    let text = "<Error><Code>NotImplemented</Code></Error>";
                    let answer = format!(
                        "HTTP/1.1 501 Not Implemented\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
                        text.len()
                    );
                    let _ = client.write_all(answer.as_bytes());
                    return;
                }
                let head = head.replacen("\r\n", "\r\nconnection: close\r\n", 1);
                let mut store = std::net::TcpStream::connect(("127.0.0.1", to)).unwrap();
                store.write_all(head.as_bytes()).unwrap();
                store.write_all(&body).unwrap();
                let mut answer = Vec::new();
                let _ = store.read_to_end(&mut answer);
                let _ = client.write_all(&answer);
            });
        }
    });
    port
}

#[test]
fn a_store_that_refuses_the_redirect_header_gets_the_redirect_pages_without_it() {
    let Some(server) = Server::moto(false) else { return };
    let moto_port: u16 = server.endpoint.rsplit(':').next().unwrap().parse().unwrap();
    let proxy = refusing_proxy(moto_port);
    let site = site("");
    let moved = "+++\ntitle = \"Talks Collapse\"\ndate = 2025-04-09\nslug = \"talks-collapse\"\n\
                 aliases = [\"2019/04/talks.html\", \"2019/05/talks.html\"]\n+++\nBody.\n";
    site.write("seeds/2025-04-09-talks.md", moved);
    site.build();
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["deploy", &server.target(), "--endpoint", &format!("http://127.0.0.1:{proxy}")])
        .arg("--root")
        .arg(site.root())
        .env("AWS_ACCESS_KEY_ID", MOTO_KEYS.0)
        .env("AWS_SECRET_ACCESS_KEY", MOTO_KEYS.1)
        .output()
        .unwrap();
    ok(&out);
    for old in ["2019/04/talks.html", "2019/05/talks.html"] {
        let head = server.headers(old).expect("the redirect page is there");
        assert!(head.get("x-amz-website-redirect-location").is_none(), "{old}");
        let page = String::from_utf8(server.bytes(old)).unwrap();
        assert!(page.contains("url=../../articles/talks-collapse.html"), "{page}");
    }
}
