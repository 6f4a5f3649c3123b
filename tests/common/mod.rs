//! Helpers for end-to-end tests: make a site in a temp folder, run the real binary,
//! read and parse what it wrote.
#![allow(dead_code, clippy::disallowed_methods)] // tests make and read fixture files directly

use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A minimal site.toml.
pub const SITE_TOML: &str = "title = \"Test Digest\"\nbase_url = \"https://example.github.io/digest/\"\ntimezone = \"UTC\"\n";

/// A site in a temp folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with `files` (path, content); site.toml is added unless given.
    pub fn new(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        if !files.iter().any(|(p, _)| *p == "site.toml") {
            std::fs::write(dir.path().join("site.toml"), SITE_TOML).unwrap();
        }
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        Site { dir }
    }

    /// A copy of the repository's own example site (site.toml, seeds/, pages/, authors/,
    /// templates/, static/),
    /// with the copies of its pictures already made (see `example_pictures`).
    pub fn example() -> Site {
        let site = Site::bare_example();
        site.add_example_pictures();
        site
    }

    /// Puts the example's picture copies into the work folder (after a test removed it).
    pub fn add_example_pictures(&self) {
        copy_tree(example_pictures(), &self.root().join(".broadsheet/images"));
    }

    /// A copy of the example site as the repository holds it, with no work folder.
    pub fn bare_example() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
        for sub in ["seeds", "pages", "authors", "templates", "static"] {
            copy_tree(&repo.join(sub), &dir.path().join(sub));
        }
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    /// Runs `broadsheet <args> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
        cmd.args(args)
            .arg("--root")
            .arg(self.root())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1");
        cmd.output().expect("run broadsheet")
    }

    /// Builds with a fixed reference time and asserts success.
    pub fn build(&self) -> Output {
        let out = self.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path))
            .unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub fn html(&self, path: &str) -> Html {
        Html::parse_document(&self.read(path))
    }

    /// Every file under public/, with its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.public())
    }
}

/// The example site's picture copies (`.broadsheet/images/`), made once for all tests
/// in the test binaries' scratch folder, under a name that changes with the seeds'
/// pictures and the binary. Copies are named by what they hold, so sharing them is sound; without
/// this every test that builds the example would decode its photographs again.
fn example_pictures() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut key = 0u64;
        let folders =
            ["seeds", "authors"].map(|f| walkdir::WalkDir::new(repo.join(f)).sort_by_file_name());
        for entry in folders.into_iter().flatten() {
            let entry = entry.unwrap();
            let len = entry.metadata().unwrap().len();
            for b in entry.path().to_string_lossy().bytes().chain(len.to_le_bytes()) {
                key = (key ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
        // The binary too: its settings (default widths, encoders) decide the copies.
        let binary = std::fs::metadata(env!("CARGO_BIN_EXE_broadsheet")).unwrap();
        let built = binary.modified().unwrap().duration_since(std::time::UNIX_EPOCH).unwrap();
        for b in built.as_nanos().to_le_bytes().into_iter().chain(binary.len().to_le_bytes()) {
            key = (key ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let dir = scratch.join(format!("example-pictures-{key:016x}"));
        if !dir.is_dir() {
            let site = Site::bare_example();
            site.build();
            let made = tempfile::tempdir_in(scratch).unwrap();
            copy_tree(&site.root().join(".broadsheet/images"), made.path());
            // Another test binary may have got there first: either copy will do.
            let kept = made.keep();
            if std::fs::rename(&kept, &dir).is_err() {
                let _ = std::fs::remove_dir_all(&kept);
            }
        }
        dir
    })
}

/// Every file under `dir`, relative path -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.insert(
                entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

pub fn copy_tree(from: &Path, to: &Path) {
    if !from.exists() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Text of every element matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// Every internal `href`/`src` of every HTML file under `public`, as (page, target) pairs
/// that do not resolve to an existing file relative to the page.
pub fn broken_links(public: &Path) -> Vec<(String, String)> {
    broken_links_under(public, &["/digest/", "/broadsheet/"])
}

/// The same, for a site published under one of `bases` (`/` for a domain root): the base
/// paths root-relative links (those of 404.html) start from.
pub fn broken_links_under(public: &Path, bases: &[&str]) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    let a = sel("[href], [src], [srcset]");
    for (rel, bytes) in tree(public) {
        if rel.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for el in doc.select(&a) {
            let v = el.value();
            // A srcset names a copy per entry (`URL 480w, URL 960w`): each must resolve.
            let candidates = v
                .attr("srcset")
                .into_iter()
                .flat_map(|set| set.split(',').filter_map(|entry| entry.split_whitespace().next()));
            for link in v.attr("href").or(v.attr("src")).into_iter().chain(candidates) {
                if link.contains("://") || link.starts_with("mailto:") || link.starts_with("data:")
                {
                    continue;
                }
                // The e-mail's unsubscribe merge tag, for the sending service to replace.
                if link == "{{unsubscribe}}" && rel.starts_with("email") {
                    continue;
                }
                if !resolves(public, &rel, link, bases) {
                    broken.push((rel.display().to_string(), link.to_string()));
                }
            }
        }
    }
    broken
}

/// True when `link`, on the page `rel` under `public`, names a file that exists (and,
/// with a fragment, an element of that page with that id).
fn resolves(public: &Path, rel: &Path, link: &str, bases: &[&str]) -> bool {
    let (path, fragment) = link.split_once('#').map_or((link, None), |(p, f)| (p, Some(f)));
    let path = path.split('?').next().unwrap();
    let Some(target) = target(rel, path, bases) else { return false };
    let file = public.join(&target);
    if !file.is_file() {
        return false;
    }
    match fragment.filter(|f| !f.is_empty()) {
        Some(id) if target.extension().and_then(|e| e.to_str()) == Some("html") => {
            let page = Html::parse_document(&std::fs::read_to_string(&file).unwrap());
            page.select(&sel("[id]")).any(|e| e.value().attr("id") == Some(id))
                || page.select(&sel("a[name]")).any(|e| e.value().attr("name") == Some(id))
        }
        _ => true,
    }
}

/// The file a link's path names from the page `rel`; `None` for a root-relative link
/// outside the base paths the tests publish under.
fn target(rel: &Path, path: &str, bases: &[&str]) -> Option<PathBuf> {
    if path.is_empty() {
        return Some(rel.to_path_buf());
    }
    if path.starts_with('/') {
        // Root-relative links (404.html) name the base path first.
        let under = bases.iter().find_map(|base| path.strip_prefix(base))?;
        let under = if under.is_empty() || under.ends_with('/') {
            format!("{under}index.html")
        } else {
            under.to_string()
        };
        return Some(PathBuf::from(under));
    }
    let page_dir = rel.parent().unwrap_or(Path::new(""));
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    Some(normalize(&page_dir.join(decoded.as_ref())))
}

/// `path` with `.` and `..` resolved, without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A peer site (Jekyll, Hugo, Zola) made of `files` in a temp folder.
pub fn peer_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}
