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

/// Runs the action's step named `name` as the runner would (bash -eo pipefail) with `env`,
/// in `dir`; returns what it wrote to $GITHUB_OUTPUT.
fn run_action_step(name: &str, dir: &Path, env: &[(&str, &str)]) -> String {
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let steps = doc["runs"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["name"] == name).expect(name);
    assert_eq!(step["shell"], "bash");
    let output = dir.join("github-output");
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
        .arg(step["run"].as_str().unwrap())
        .current_dir(dir)
        .env("GITHUB_OUTPUT", &output)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(&output).unwrap_or_default()
}

#[test]
fn the_actions_build_step_builds_the_site_with_its_inputs() {
    let workspace = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_broadsheet");
    let init = Command::new(bin).args(["init", "digest"]).current_dir(workspace.path()).output();
    assert!(init.unwrap().status.success());
    let output = run_action_step(
        "Build the site",
        workspace.path(),
        &[
            ("BROADSHEET", bin),
            ("ROOT", "digest"),
            ("OUTPUT_DIR", "site-out"),
            // As configure-pages reports it, without the final slash.
            ("BASE_URL", "https://example.github.io/digest"),
            ("ARGS", "--drafts  --quiet"),
        ],
    );
    assert_eq!(output, "site=digest/site-out\n");
    let sitemap =
        std::fs::read_to_string(workspace.path().join("digest/site-out/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.github.io/digest/</loc>"), "{sitemap}");
}

#[test]
fn the_actions_plan_step_defaults_to_the_version_at_the_actions_ref() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("tool-cache");
    let env = [
        ("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR")),
        ("BROADSHEET_VERSION", ""), // the input's default
        ("RUNNER_TOOL_CACHE", cache.to_str().unwrap()),
    ];
    let output = run_action_step("Plan the install", dir.path(), &env);
    let version = env!("CARGO_PKG_VERSION");
    assert!(output.starts_with(&format!("version={version}\ntarget=")), "{output}");
    let root = format!("\nroot={}/broadsheet/{version}/", cache.display());
    assert!(output.contains(&root), "{output}");
}
