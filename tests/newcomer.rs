//! The first hour, scripted: a newcomer's commands in a fresh folder, in the order the
//! tool suggests them (`init` prints the next three; `serve` is left out, it runs until
//! stopped), then `check`, a feed imported from a local server and `send --dry-run`.
//! Every exit code is asserted, and every path the tool prints exists.
#![allow(clippy::disallowed_methods)] // the test edits site.toml as a newcomer would

use std::path::Path;
use std::process::{Command, Output};

/// Runs `broadsheet args` in `cwd`, as typed at a prompt there.
fn run(cwd: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    cmd.args(args).current_dir(cwd).env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    cmd.output().expect("run broadsheet")
}

fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Every word of `text` that names a file or folder (it has a `/` and is no address,
/// option or setting), each of which must exist, seen from `cwd`.
fn printed_paths(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '`' || c == '"')
        .map(|w| w.trim_end_matches([',', '.', ':', ';', ')']).trim_start_matches('('))
        .filter(|w| w.contains('/') && !w.contains("://") && !w.contains(['<', '=', '@']))
        .filter(|w| !w.starts_with('-') && !w.starts_with("e.g"))
        .map(String::from)
        .collect()
}

/// Runs a step, asserts its exit code and that every path it printed exists.
fn step(cwd: &Path, args: &[&str], code: i32) -> String {
    let out = run(cwd, args);
    let text = said(&out);
    assert_eq!(out.status.code(), Some(code), "`broadsheet {}`:\n{text}", args.join(" "));
    for path in printed_paths(&text) {
        assert!(
            cwd.join(&path).exists(),
            "`broadsheet {}` printed {path}:\n{text}",
            args.join(" ")
        );
    }
    text
}

/// A local feed server answering every request with a real RSS feed (credited in
/// tests/fixtures/feeds/README.md).
fn feed_server() -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let feed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/rss_2.0_example_5.xml"),
    )
    .unwrap();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let _ = request.respond(tiny_http::Response::from_data(feed.clone()));
        }
    });
    format!("http://127.0.0.1:{port}/feed.xml")
}

#[test]
fn a_newcomers_first_hour_runs_as_the_tool_says() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let init = step(cwd, &["init", "site"], 0);
    // The commands `init` suggests, as printed (but `serve`, which runs until stopped).
    let suggested: Vec<Vec<String>> = init
        .lines()
        .filter_map(|l| l.trim().strip_prefix("broadsheet "))
        .map(|l| {
            let command = l.split("  ").next().unwrap();
            let mut words = Vec::new();
            for (i, part) in command.split('"').enumerate() {
                match i % 2 {
                    1 => words.push(part.to_string()),
                    _ => words.extend(part.split_whitespace().map(String::from)),
                }
            }
            words
        })
        .collect();
    assert_eq!(suggested.len(), 3, "{init}");
    assert_eq!(suggested[0][0], "serve", "{init}");
    // The newcomer does what `init` says first: names the site.
    let toml_path = cwd.join("site/site.toml");
    let toml = std::fs::read_to_string(&toml_path).unwrap();
    assert!(init.contains("set `title` and `base_url` in site/site.toml"), "{init}");
    let named = toml
        .lines()
        .map(|l| match l.split('=').next().map(str::trim) {
            Some("title") => "title = \"The Harbour Digest\"".to_string(),
            Some("base_url") => "base_url = \"https://harbour.example/\"".to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&toml_path, named).unwrap();
    for command in &suggested[1..] {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        step(cwd, &args, 0);
    }
    let built = std::fs::read_to_string(cwd.join("site/public/index.html")).unwrap();
    assert!(built.contains("The Harbour Digest"));
    step(cwd, &["check", "--root", "site"], 0);
    let feed = feed_server();
    let imported = step(cwd, &["import", &feed, "--root", "site"], 0);
    assert!(imported.contains("imported"), "{imported}");
    step(cwd, &["build", "--root", "site"], 0);
    // `send` asks for a sender first, then sends a dry run once it has one.
    let refused = step(cwd, &["send", "--dry-run", "--root", "site"], 2);
    assert!(refused.contains("set [email] from in site.toml"), "{refused}");
    let toml = std::fs::read_to_string(&toml_path).unwrap();
    let with_sender =
        toml.replacen("[email]", "[email]\nfrom = \"Desk <desk@harbour.example>\"", 1);
    assert_ne!(with_sender, toml, "init's site.toml has an [email] table");
    std::fs::write(&toml_path, with_sender).unwrap();
    let readers = step(cwd, &["send", "--dry-run", "--root", "site"], 2);
    assert!(readers.contains("no readers: give --to ADDR… or --list FILE"), "{readers}");
    let sent =
        step(cwd, &["send", "--dry-run", "--to", "reader@harbour.example", "--root", "site"], 0);
    assert!(printed_paths(&sent).iter().any(|p| p.ends_with(".eml")), "{sent}");
}

#[test]
fn printed_paths_are_the_words_with_a_slash() {
    let text = "created a digest in site/ (29 files)\nopen /tmp/x/public/index.html in a browser, or `broadsheet serve --root site`; see https://a.org/b e.g. `from = \"A <a@b.c>\"`";
    assert_eq!(printed_paths(text), ["site/", "/tmp/x/public/index.html"]);
}
