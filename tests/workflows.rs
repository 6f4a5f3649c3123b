//! What this repository ships besides the binary: the crate's file list as crates.io
//! would get it, the GitHub workflows and the action (pinned actions, the action's
//! inputs and its install script). The workflows' own linting is scripts/lint-workflows.sh.

#![allow(clippy::disallowed_methods)] // tests read the repository's files directly

mod common;

use common::stderr;
use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_crate_packs_templates_and_static_files_and_nothing_of_the_example_site() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline", "--manifest-path"])
        .arg(repo().join("Cargo.toml"))
        .output()
        .expect("run cargo package --list");
    assert!(out.status.success(), "{}", stderr(&out));
    let list = String::from_utf8(out.stdout).unwrap();
    let files: Vec<&str> = list.lines().collect();
    for wanted in [
        "Cargo.toml",
        "Cargo.lock",
        "LICENSE",
        "README.md",
        "src/main.rs",
        "src/scaffold/pages.yml",
        "templates/base.html",
        "templates/partials/item.html",
        "static/assets/style.css",
        "static/assets/favicon.svg",
    ] {
        assert!(files.contains(&wanted), "the crate lacks {wanted}:\n{list}");
    }
    let unwanted = ["public/", ".broadsheet/", "target/", "bench/", "seeds/", "tests/", "docs/"];
    for file in &files {
        assert!(!unwanted.iter().any(|u| file.starts_with(u)), "the crate holds {file}");
    }
}

/// Every `uses:` in the workflows and the action, pinned to a full commit hash.
#[test]
fn every_action_this_repository_uses_is_pinned_to_a_commit() {
    let mut files = vec![repo().join("action.yml")];
    for entry in std::fs::read_dir(repo().join(".github/workflows")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let mut seen = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for line in
            text.lines().filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        {
            let (action, rest) = line.split_once('@').unwrap_or((line, ""));
            let (pin, comment) = rest.split_once(" # v").unwrap_or((rest, ""));
            let hex = pin.len() == 40 && pin.bytes().all(|b| b.is_ascii_hexdigit());
            assert!(
                hex && !comment.is_empty(),
                "{}: {action} is not pinned as `@<sha> # v<version>`",
                file.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} actions found");
}

#[test]
fn the_action_installs_with_the_script_and_builds_with_its_inputs() {
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).expect("action.yml is YAML");
    assert_eq!(doc["runs"]["using"], "composite");
    let mut inputs: Vec<&String> = doc["inputs"].as_object().unwrap().keys().collect();
    inputs.sort();
    assert_eq!(inputs, ["args", "base-url", "output-dir", "root", "version"]);
    let runs: Vec<&str> =
        doc["runs"]["steps"].as_array().unwrap().iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.contains(&"\"$GITHUB_ACTION_PATH/scripts/install.sh\" plan >> \"$GITHUB_OUTPUT\"")
    );
    assert!(runs.contains(&"\"$GITHUB_ACTION_PATH/scripts/install.sh\" install"));
    assert!(runs.iter().any(|r| r.contains("\"$BROADSHEET\" \"$@\"")), "{runs:?}");
}
