//! `broadsheet send` against a real SMTP server on 127.0.0.1: a small sink written
//! here with std::net (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, QUIT), which can
//! refuse one recipient with 550. The example site's edition goes to three readers;
//! then the server refuses one, the report names who did and did not get it, and
//! `--resume` sends only to the rest.

#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::{Site, stderr, stdout};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One message the sink accepted.
#[derive(Debug, Clone)]
struct Mail {
    to: Vec<String>,
    data: String,
}

#[derive(Default)]
struct Shared {
    mails: Vec<Mail>,
    refuse: Option<String>,
    auth: Vec<String>,
}

/// An SMTP server on a free port of 127.0.0.1, serving until the test ends.
struct Sink {
    port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl Sink {
    fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = state.clone();
                std::thread::spawn(move || session(stream, &state));
            }
        });
        Sink { port, shared }
    }

    fn refuse(&self, address: Option<&str>) {
        self.shared.lock().unwrap().refuse = address.map(str::to_string);
    }

    fn take(&self) -> Vec<Mail> {
        std::mem::take(&mut self.shared.lock().unwrap().mails)
    }
}

/// One SMTP session: commands line by line, the message up to the lone dot.
fn session(stream: TcpStream, state: &Mutex<Shared>) {
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream);
    let mut reply = |text: &str| out.write_all(format!("{text}\r\n").as_bytes()).is_ok();
    reply("220 sink.test ESMTP ready");
    let mut to = Vec::new();
    let mut line = String::new();
    while lines.read_line(&mut line).unwrap_or(0) > 0 {
        let command = line.trim_end().to_string();
        line.clear();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        let ok = match verb.as_str() {
            "EHLO" => reply("250-sink.test\r\n250-8BITMIME\r\n250 AUTH PLAIN"),
            "AUTH" => {
                state.lock().unwrap().auth.push(command.clone());
                reply("235 2.7.0 authenticated")
            }
            "MAIL" | "RSET" | "NOOP" => {
                to.clear();
                reply("250 2.0.0 ok")
            }
            "RCPT" => {
                let address = command.split(['<', '>']).nth(1).unwrap_or("").to_string();
                if state.lock().unwrap().refuse.as_deref() == Some(address.as_str()) {
                    reply(&format!("550 5.1.1 <{address}>: mailbox unavailable"))
                } else {
                    to.push(address);
                    reply("250 2.1.5 ok")
                }
            }
            "DATA" => {
                reply("354 end with <CRLF>.<CRLF>");
                let data = read_data(&mut lines);
                state.lock().unwrap().mails.push(Mail { to: std::mem::take(&mut to), data });
                reply("250 2.0.0 queued")
            }
            "QUIT" => {
                reply("221 2.0.0 bye");
                false
            }
            _ => reply("502 5.5.1 unknown command"),
        };
        if !ok {
            break;
        }
    }
}

/// The message after DATA, dots unstuffed, up to the line holding only a dot.
fn read_data(lines: &mut BufReader<TcpStream>) -> String {
    let mut data = String::new();
    let mut line = String::new();
    while lines.read_line(&mut line).unwrap_or(0) > 0 {
        if line == ".\r\n" {
            break;
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
        line.clear();
    }
    data
}

const UNSUBSCRIBE: &str = "https://digest.northport.test/unsubscribe?u={email}";

/// Where the test sites are published: a real-looking address, not the placeholder.
const BASE_URL: &str = "https://digest.northport.test/";

/// The example site, sending through the sink on `port` (plain SMTP, a local test
/// server), with `extra` lines in `[email.smtp]`.
fn site_sending_to(port: u16, extra: &str) -> Site {
    let site = Site::example();
    let toml = example_toml(&site).replace("https://example.github.io/broadsheet/", BASE_URL);
    site.write(
        "site.toml",
        &format!(
            "{toml}\n[email]\nfrom = \"Northport Desk <desk@example.org>\"\n\
             list_unsubscribe = \"{UNSUBSCRIBE}\"\n\
             [email.smtp]\nserver = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\n{extra}"
        ),
    );
    site
}

fn send(site: &Site, args: &[&str]) -> std::process::Output {
    let mut all = vec!["send", "--now", "2026-01-01T00:00:00Z"];
    all.extend_from_slice(args);
    site.run(&all)
}

/// The header block of a message, folded lines joined.
fn headers(data: &str) -> String {
    let head = data.split("\r\n\r\n").next().unwrap();
    head.replace("\r\n ", " ").replace("\r\n\t", " ")
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.split("\r\n").find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
}

#[test]
fn sends_the_edition_to_three_readers_as_multipart_alternative() {
    let sink = Sink::start();
    let site = site_sending_to(sink.port, "");
    let readers = ["ann@example.org", "bo@example.org", "cy@example.org"];
    let out = send(&site, &["--to", readers[0], readers[1], readers[2]]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("sent edition 2025-04-21 to 3 readers"), "{}", stdout(&out));
    let mails = sink.take();
    assert_eq!(mails.len(), 3);
    let mut ids = Vec::new();
    for (mail, reader) in mails.iter().zip(readers) {
        assert_eq!(mail.to, [reader]);
        let head = headers(&mail.data);
        assert_eq!(header(&head, "To"), Some(reader), "{head}");
        assert_eq!(header(&head, "From"), Some("\"Northport Desk\" <desk@example.org>"), "{head}");
        assert!(
            header(&head, "Date").is_some_and(|d| d.contains(" +0000") || d.contains(" GMT")),
            "{head}"
        );
        assert!(header(&head, "Subject").is_some(), "{head}");
        let id = header(&head, "Message-ID").expect("a Message-ID");
        assert!(id.starts_with('<') && id.ends_with("@digest.northport.test>"), "{id}");
        ids.push(id.to_string());
        let unsubscribe =
            UNSUBSCRIBE.replace("{email}", &reader.replace('@', "%40").replace('.', "%2E"));
        assert_eq!(header(&head, "List-Unsubscribe"), Some(&*format!("<{unsubscribe}>")));
        assert_eq!(header(&head, "List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
        let kind = header(&head, "Content-Type").unwrap();
        assert!(kind.starts_with("multipart/alternative;"), "{kind}");
        let body = &mail.data[head.len()..];
        let plain = body.find("Content-Type: text/plain; charset=utf-8").expect("a text part");
        let html = body.find("Content-Type: text/html; charset=utf-8").expect("an HTML part");
        assert!(plain < html, "the text part comes first, the richer part last");
    }
    ids.dedup();
    assert_eq!(ids.len(), 3, "each message has its own id");
}

#[test]
fn a_refused_reader_is_reported_and_resume_sends_only_to_the_rest() {
    let sink = Sink::start();
    let site = site_sending_to(sink.port, "");
    sink.refuse(Some("bo@example.org"));
    let to = ["--to", "ann@example.org", "bo@example.org", "cy@example.org"];
    let out = send(&site, &to);
    assert!(!out.status.success());
    let (said, err) = (stdout(&out), stderr(&out));
    assert!(
        said.contains("sent edition 2025-04-21 to 2 readers: ann@example.org, cy@example.org"),
        "{said}"
    );
    let server = format!("127.0.0.1:{}", sink.port);
    assert!(
        err.contains(&format!("not sent to bo@example.org: {server}: permanent error (550)")),
        "{err}"
    );
    assert!(err.contains("mailbox unavailable"), "the server's reason: {err}");
    assert!(err.contains("reached 2 of 3 readers; rerun with --resume"), "{err}");
    let reached: Vec<Vec<String>> = sink.take().into_iter().map(|m| m.to).collect();
    assert_eq!(reached, [["ann@example.org"], ["cy@example.org"]]);

    sink.refuse(None);
    let out = send(&site, &[&to[..], &["--resume"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("to 1 reader: bo@example.org; 2 had it from an earlier run"),
        "{}",
        stdout(&out)
    );
    let reached: Vec<Vec<String>> = sink.take().into_iter().map(|m| m.to).collect();
    assert_eq!(reached, [["bo@example.org"]]);

    // Resumed again: everyone has it, nothing is sent.
    let out = send(&site, &[&to[..], &["--resume"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(sink.take().is_empty());
}

#[test]
fn a_server_that_is_not_there_is_named_and_no_one_else_is_tried() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let site = site_sending_to(port, ""); // the listener is gone: nothing listens there
    let out = send(&site, &["--to", "ann@example.org", "bo@example.org"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("not sent to ann@example.org: 127.0.0.1:{port}: ")), "{err}");
    assert!(err.contains("not sent to bo@example.org: not tried: 127.0.0.1"), "{err}");
}

#[test]
fn the_password_comes_from_the_environment_and_is_never_printed() {
    let sink = Sink::start();
    let site = site_sending_to(sink.port, "user = \"desk\"\n");
    let out = send(&site, &["--to", "ann@example.org"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("set BROADSHEET_SMTP_PASSWORD to the SMTP password of `desk`"));

    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    cmd.args(["send", "--now", "2026-01-01T00:00:00Z", "--to", "ann@example.org", "--root"])
        .arg(site.root())
        .env("BROADSHEET_SMTP_PASSWORD", "hunter2-not-printed");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sink.shared.lock().unwrap().auth.len(), 1, "it logged in");
    assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains("hunter2"));
    for (path, bytes) in common::tree(&site.root().join(".broadsheet")) {
        assert!(!String::from_utf8_lossy(&bytes).contains("hunter2"), "{}", path.display());
    }
}

#[test]
fn dry_run_and_eml_write_messages_instead_of_sending() {
    let sink = Sink::start();
    let site = site_sending_to(sink.port, "");
    let out =
        send(&site, &["2025-04-20", "--to", "ann@example.org", "bo@example.org", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let written: Vec<&str> = said.lines().filter_map(|l| l.strip_prefix("wrote ")).collect();
    assert_eq!(written.len(), 2, "{said}");
    let first = std::fs::read_to_string(written[0]).unwrap();
    assert!(first.contains("To: ann@example.org\r\n"), "{first}");
    assert!(first.contains("multipart/alternative"), "{first}");

    let eml = site.root().join("edition.eml");
    let out = send(&site, &["--eml", eml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let raw = std::fs::read_to_string(&eml).unwrap();
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{raw}");
    assert!(sink.take().is_empty(), "nothing was sent");
}

#[test]
fn an_unknown_edition_names_the_newest_ones() {
    let site = site_sending_to(1, "");
    let out = send(&site, &["1999-01-01", "--to", "ann@example.org"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no edition `1999-01-01` (the newest: 2025-04-21, 2025-04-20"),
        "{}",
        stderr(&out)
    );
}

/// The example's site.toml without its `[email]` table (the last one), for a test's own.
fn example_toml(site: &Site) -> String {
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    toml.split("\n[email]").next().unwrap().to_string()
}

/// A fresh site from `broadsheet init`, as a newcomer has it.
fn fresh_site() -> Site {
    let site = Site { dir: tempfile::tempdir().unwrap() };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["init", "--quiet"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// Appends `from` to the `[email]` table of an `init` site's site.toml.
fn with_sender(site: &Site) {
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let toml =
        toml.replacen("\n[email]\n", "\n[email]\nfrom = \"Desk <desk@northport.test>\"\n", 1);
    site.write("site.toml", &toml);
}

#[test]
fn a_missing_sender_is_reported_before_anything_is_written() {
    let site = fresh_site();
    let out = site.run(&["send", "--dry-run", "--to", "ann@example.org"]);
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out),
        "error: send: set [email] from in site.toml, e.g. `from = \"Desk <desk@example.org>\"`\n"
    );
    assert!(!site.root().join(".broadsheet").exists(), "nothing written, not even the outbox");
    assert!(!site.root().join("public").exists(), "not even the site");
}

#[test]
fn a_placeholder_base_url_is_a_warning_in_a_dry_run_and_refused_when_sending() {
    let site = fresh_site();
    with_sender(&site);
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let base_url = toml.lines().find_map(|l| l.strip_prefix("base_url = ")).unwrap();
    assert!(base_url.starts_with("\"https://example.github.io/"), "{base_url}");
    let placeholder = format!(
        "`base_url` in site.toml is still the placeholder `{}`: every link in the e-mail \
         would point nowhere; set it to the address the site is published at",
        base_url.trim_matches('"')
    );
    let out = site.run(&["send", "--dry-run", "--to", "ann@example.org"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("warning: {placeholder}\n")), "{}", stderr(&out));
    assert!(stdout(&out).contains("wrote "), "{}", stdout(&out));

    let sink = Sink::start();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let smtp = format!("server = \"127.0.0.1\"\nport = {}\ntls = \"none\"\n", sink.port);
    site.write(
        "site.toml",
        &toml.replacen("\n[email.smtp]\n", &format!("\n[email.smtp]\n{smtp}"), 1),
    );
    std::fs::remove_dir_all(site.root().join(".broadsheet/outbox")).unwrap();
    let out = site.run(&["send", "--to", "ann@example.org"]);
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out),
        format!("error: send: {placeholder} (or pass --force to send anyway)\n")
    );
    assert!(sink.take().is_empty(), "nothing was sent");

    let out = site.run(&["send", "--to", "ann@example.org", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("warning: {placeholder}\n")), "{}", stderr(&out));
    assert_eq!(sink.take().len(), 1);
}

#[test]
fn a_merge_tag_reaches_the_services_eml_and_no_reader() {
    let site = Site::example();
    let toml = example_toml(&site).replace("https://example.github.io/broadsheet/", BASE_URL);
    site.write(
        "site.toml",
        &format!(
            "{toml}\n[email]\nfrom = \"Northport Desk <desk@example.org>\"\n\
             unsubscribe = \"{{{{ unsubscribe_url }}}}\"\n"
        ),
    );
    let eml = site.root().join("edition.eml");
    let out = send(&site, &["--eml", eml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The parts are quoted-printable: soft line breaks undone, `=` is `=3D`.
    let raw = std::fs::read_to_string(&eml).unwrap().replace("=\r\n", "");
    assert!(raw.contains("Content-Transfer-Encoding: quoted-printable"), "{raw}");
    assert!(raw.contains("href=3D\"{{ unsubscribe_url }}\""), "{raw}");
    assert!(raw.contains("Unsubscribe: {{ unsubscribe_url }}"), "{raw}");
    assert!(!raw.contains("mailto:desk@example.org?subject=3DUnsubscribe"), "{raw}");

    let out = send(&site, &["--dry-run", "--to", "ann@example.org"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let written = said.lines().find_map(|l| l.strip_prefix("wrote ")).unwrap();
    let raw = std::fs::read_to_string(written).unwrap().replace("=\r\n", "");
    assert!(!raw.contains("unsubscribe_url"), "{raw}");
    assert!(raw.contains("href=3D\"mailto:desk@example.org?subject=3DUnsubscribe\""), "{raw}");
}
