//! The release scripts: `scripts/package.sh` packs this very binary as the release
//! workflow does, and `scripts/install.sh` (the action's install logic) installs it from a
//! release folder on disk (a file:// URL), refuses a bad checksum, and falls back to
//! `cargo install` (a stub on PATH, so nothing is compiled) when there is no binary for
//! the platform.

#![cfg(unix)]
#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::stderr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The target triple of this machine, as rustc names it.
fn host() -> String {
    let out = Command::new("rustc").arg("-vV").output().expect("run rustc -vV");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc -vV names the host").into()
}

/// This binary packed once by scripts/package.sh: (folder, archive path).
fn packed() -> &'static (tempfile::TempDir, PathBuf) {
    static PACKED: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    PACKED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(repo().join("scripts/package.sh"))
            .args([env!("CARGO_BIN_EXE_broadsheet"), &host()])
            .arg(dir.path())
            .output()
            .expect("run scripts/package.sh");
        assert!(out.status.success(), "{}", stderr(&out));
        let archive = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim_end());
        (dir, archive)
    })
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().expect("run sha256sum");
    String::from_utf8(out.stdout).unwrap().split(' ').next().unwrap().to_string()
}

#[test]
fn package_holds_the_binary_readme_and_licence_with_a_matching_checksum() {
    let (_, archive) = packed();
    let name = format!("broadsheet-{}.tar.gz", host());
    assert_eq!(archive.file_name().unwrap().to_str(), Some(name.as_str()));
    let sums = std::fs::read_to_string(format!("{}.sha256", archive.display())).unwrap();
    assert_eq!(sums, format!("{}  {name}\n", sha256(archive)));

    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(dir.path()).output();
    assert!(out.unwrap().status.success());
    let folder = dir.path().join(format!("broadsheet-{}", host()));
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["LICENSE", "README.md", "broadsheet"]);
    assert_eq!(
        std::fs::read(folder.join("LICENSE")).unwrap(),
        std::fs::read(repo().join("LICENSE")).unwrap()
    );
    let out = Command::new(folder.join("broadsheet")).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("broadsheet {VERSION}\n"));
}

/// A release folder holding the packed archive of this binary under v<VERSION>/.
fn releases() -> tempfile::TempDir {
    let (_, archive) = packed();
    let dir = tempfile::tempdir().unwrap();
    let release = dir.path().join(format!("v{VERSION}"));
    std::fs::create_dir(&release).unwrap();
    let name = archive.file_name().unwrap().to_str().unwrap();
    std::fs::hard_link(archive, release.join(name)).unwrap();
    std::fs::copy(format!("{}.sha256", archive.display()), release.join(format!("{name}.sha256")))
        .unwrap();
    dir
}

/// A stub `cargo` that records its arguments in `cargo.log` beside it and installs a
/// `broadsheet` that prints this version into the `--root` folder.
fn stub_cargo(dir: &Path) -> PathBuf {
    let bin = dir.join("stub-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!(
        r#"#!/bin/sh
printf '%s\n' "$@" > "{log}"
root=""; prev=""
for arg in "$@"; do [ "$prev" = --root ] && root="$arg"; prev="$arg"; done
mkdir -p "$root/bin"
printf '#!/bin/sh\necho "broadsheet {VERSION}"\n' > "$root/bin/broadsheet"
chmod +x "$root/bin/broadsheet"
"#,
        log = dir.join("cargo.log").display()
    );
    std::fs::write(bin.join("cargo"), script).unwrap();
    Command::new("chmod").arg("+x").arg(bin.join("cargo")).status().unwrap();
    bin
}

/// Runs scripts/install.sh install against `releases`, installing into `dir`/root, with
/// the stub cargo first on PATH and `env` set.
fn install(releases: &Path, dir: &Path, env: &[(&str, &str)]) -> Output {
    let path = format!("{}:{}", stub_cargo(dir).display(), std::env::var("PATH").unwrap());
    let mut command = Command::new(repo().join("scripts/install.sh"));
    command
        .arg("install")
        .env("PATH", path)
        .env("BROADSHEET_RELEASES", format!("file://{}", releases.display()))
        .env("BROADSHEET_ROOT", dir.join("root"));
    for var in ["BROADSHEET_VERSION", "BROADSHEET_TARGET", "BROADSHEET_REPOSITORY"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied()).output().expect("run scripts/install.sh")
}

fn cargo_log(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join("cargo.log")).ok()
}

#[test]
fn install_checks_the_checksum_and_installs_the_release_binary() {
    let releases = releases();
    let dir = tempfile::tempdir().unwrap();
    let out = install(releases.path(), dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("installed the release binary"), "{}", stderr(&out));
    assert_eq!(cargo_log(dir.path()), None, "cargo was run: {}", stderr(&out));
    let bin = dir.path().join("root/bin");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}\n", bin.display()));
    // The very binary packed, not a copy of something else.
    let installed = std::fs::read(bin.join("broadsheet")).unwrap();
    assert!(installed == std::fs::read(env!("CARGO_BIN_EXE_broadsheet")).unwrap());
}

#[test]
fn install_refuses_an_archive_whose_checksum_does_not_match() {
    let releases = releases();
    let name = format!("broadsheet-{}.tar.gz", host());
    let sums = releases.path().join(format!("v{VERSION}/{name}.sha256"));
    std::fs::write(&sums, format!("{}  {name}\n", "0".repeat(64))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = install(releases.path(), dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let expected = format!(
        "install.sh: error: checksum mismatch for {name}: {name}.sha256 says {}, the download is {}; not installing\n",
        "0".repeat(64),
        sha256(&packed().1)
    );
    assert!(stderr(&out).ends_with(&expected), "{}", stderr(&out));
    assert!(!dir.path().join("root/bin/broadsheet").exists());
    assert_eq!(cargo_log(dir.path()), None, "a bad checksum must not fall back");
}

#[test]
fn install_falls_back_to_cargo_install_without_a_binary_for_the_platform() {
    let releases = releases();
    // A target the release has no archive for, and a machine no archive is built for.
    for target in ["riscv64gc-unknown-linux-gnu", ""] {
        let dir = tempfile::tempdir().unwrap();
        let out = install(releases.path(), dir.path(), &[("BROADSHEET_TARGET", target)]);
        assert!(out.status.success(), "{target}: {}", stderr(&out));
        let root = dir.path().join("root");
        let expected = format!(
            "install\n--locked\n{}\n--version\n{VERSION}\n--root\n{}\n",
            env!("CARGO_PKG_NAME"),
            root.display()
        );
        assert_eq!(cargo_log(dir.path()).as_deref(), Some(expected.as_str()), "{target}");
        assert!(stderr(&out).contains("from crates.io with cargo install"), "{}", stderr(&out));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}/bin\n", root.display()));
    }
}

#[test]
fn install_fails_clearly_when_the_binary_is_another_version() {
    let releases = releases();
    let dir = tempfile::tempdir().unwrap();
    // The stub cargo installs a binary that says VERSION; ask for another.
    let env = [("BROADSHEET_TARGET", ""), ("BROADSHEET_VERSION", "9.9.9")];
    let out = install(releases.path(), dir.path(), &env);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains(&format!("--version says 'broadsheet {VERSION}', not 'broadsheet 9.9.9'")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn plan_takes_the_repository_from_where_the_runner_checked_the_action_out() {
    for (action_path, tool_cache) in [
        ("/home/runner/work/_actions/harbor/broadsheet/v1", "/opt/hostedtoolcache"),
        (r"D:\a\_actions\harbor\broadsheet\0123abc", r"C:\hostedtoolcache\windows"),
    ] {
        let out = Command::new(repo().join("scripts/install.sh"))
            .arg("plan")
            .env("GITHUB_ACTION_PATH", action_path)
            .env("RUNNER_TOOL_CACHE", tool_cache)
            .env("BROADSHEET_TARGET", "aarch64-apple-darwin")
            .env_remove("BROADSHEET_VERSION")
            .env_remove("BROADSHEET_ROOT")
            .env_remove("BROADSHEET_RELEASES")
            .env_remove("BROADSHEET_REPOSITORY")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let cache = tool_cache.replace('\\', "/");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!(
                "version={VERSION}\ntarget=aarch64-apple-darwin\n\
                 root={cache}/broadsheet/{VERSION}/aarch64-apple-darwin\n\
                 releases=https://github.com/harbor/broadsheet/releases/download\n"
            )
        );
    }
}
