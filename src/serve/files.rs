//! Which file answers a request path, by GitHub Pages' rules, under the site's base path:
//! `/x` is `x.html` when no `x` exists, a folder is its `index.html`, a folder asked for
//! without its slash is a 301 to the slashed path, `x.html` is never served at `x/`, and
//! anything else is a miss (the caller answers with the site's `404.html`).
//!
//! Nothing outside the output folder can be named: the path is split on `/` before it is
//! percent-decoded, and a part that decodes to `.`, `..`, or holds `/`, `\` or NUL is a
//! miss, so `..`, `%2e%2e` and `%2f` all fail; the file found is then checked, links
//! resolved, to lie inside the output folder.

use std::path::{Path, PathBuf};

/// What a request path comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// Serve this file.
    File(PathBuf),
    /// Answer 301 with this location (a folder asked for without its final slash).
    Redirect(String),
    /// Nothing here: answer with the site's 404 page.
    Missing,
    /// The path is not under the site's base path at all.
    OutsideBase,
}

/// Finds the answer to `target` (the request's path and query, still percent-encoded)
/// for a site built into `out` and served under `base` (such as `/digest/`).
pub(crate) fn resolve(out: &Path, base: &str, target: &str) -> Answer {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let query = target.find('?').map_or("", |i| &target[i..]);
    if !path.starts_with('/') {
        return Answer::Missing;
    }
    let Some(parts) = decode(path) else { return Answer::Missing };
    let base_parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    if !parts.starts_with(&base_parts.iter().map(|p| p.to_string()).collect::<Vec<_>>()) {
        return Answer::OutsideBase;
    }
    let slash = path.ends_with('/');
    let inner = &parts[base_parts.len()..];
    let mut file = out.to_path_buf();
    file.extend(inner);
    if file.is_dir() {
        if !slash {
            return Answer::Redirect(format!("{}/{query}", encode(&parts)));
        }
        return inside(out, &file.join("index.html"));
    }
    if slash || inner.is_empty() {
        return Answer::Missing;
    }
    match inside(out, &file) {
        Answer::Missing => {
            inside(out, &file.with_file_name(format!("{}.html", inner[inner.len() - 1])))
        }
        found => found,
    }
}

/// The decoded parts of a path, with empty parts dropped; `None` when a part is unsafe.
fn decode(path: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    for raw in path.split('/').filter(|p| !p.is_empty()) {
        let part = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
        if part == "." || part == ".." || part.contains(['/', '\\', '\0']) {
            return None;
        }
        parts.push(part.into_owned());
    }
    Some(parts)
}

/// The path for `parts`, percent-encoded again: `/a/b%20c`.
fn encode(parts: &[String]) -> String {
    const PART: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'/')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'\\')
        .add(b'`');
    parts.iter().map(|p| format!("/{}", percent_encoding::utf8_percent_encode(p, PART))).collect()
}

/// `file` when it is a regular file whose real path lies inside `out`.
fn inside(out: &Path, file: &Path) -> Answer {
    let (Ok(real_out), Ok(real)) = (out.canonicalize(), file.canonicalize()) else {
        return Answer::Missing;
    };
    if real.starts_with(&real_out) && real.is_file() { Answer::File(real) } else { Answer::Missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built site: index, an article, a folder with an index, a folder without one.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in [
            ("out/index.html", "front"),
            ("out/articles/a.html", "a"),
            ("out/tags/index.html", "tags"),
            ("out/tags.html", "tags file"),
            ("out/empty/x.css", "x"),
            ("out/a b.html", "spaced"),
            ("secret.txt", "secret"),
        ] {
            crate::fs::write(&dir.path().join(path), text.as_bytes()).unwrap();
        }
        dir
    }

    fn file(dir: &tempfile::TempDir, path: &str) -> Answer {
        Answer::File(dir.path().join("out").join(path).canonicalize().unwrap())
    }

    #[test]
    fn follows_github_pages_rules_under_the_base_path() {
        let dir = site();
        let out = dir.path().join("out");
        let at = |t: &str| resolve(&out, "/digest/", t);
        assert_eq!(at("/digest/"), file(&dir, "index.html"));
        assert_eq!(at("/digest"), Answer::Redirect("/digest/".into()));
        assert_eq!(at("/digest/articles/a.html"), file(&dir, "articles/a.html"));
        assert_eq!(at("/digest/articles/a"), file(&dir, "articles/a.html"));
        assert_eq!(at("/digest/articles/a/"), Answer::Missing);
        assert_eq!(at("/digest/tags"), Answer::Redirect("/digest/tags/".into()));
        assert_eq!(at("/digest/tags?x=1"), Answer::Redirect("/digest/tags/?x=1".into()));
        assert_eq!(at("/digest/tags/"), file(&dir, "tags/index.html"));
        assert_eq!(at("/digest/empty/"), Answer::Missing);
        assert_eq!(at("/digest/a%20b.html"), file(&dir, "a b.html"));
        assert_eq!(at("/digest/nope"), Answer::Missing);
        assert_eq!(at("/other/"), Answer::OutsideBase);
        assert_eq!(at("/"), Answer::OutsideBase);
    }

    #[test]
    fn serves_at_the_root_without_a_base_path() {
        let dir = site();
        let out = dir.path().join("out");
        assert_eq!(resolve(&out, "/", "/"), file(&dir, "index.html"));
        assert_eq!(resolve(&out, "/", "/tags"), Answer::Redirect("/tags/".into()));
    }

    #[test]
    fn never_leaves_the_output_folder() {
        let dir = site();
        let out = dir.path().join("out");
        for attack in [
            "/digest/../secret.txt",
            "/digest/%2e%2e/secret.txt",
            "/digest/%2E%2E/secret.txt",
            "/digest/..%2fsecret.txt",
            "/digest/%2e%2e%2fsecret.txt",
            "/digest/..%5csecret.txt",
            "/digest/articles/%2e%2e/%2e%2e/secret.txt",
            "/digest/secret.txt%00.html",
            "digest/index.html",
        ] {
            let answer = resolve(&out, "/digest/", attack);
            assert!(matches!(answer, Answer::Missing), "{attack}: {answer:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_lead_outside() {
        let dir = site();
        let out = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/", "/leak.txt"), Answer::Missing);
        assert_eq!(resolve(&out, "/", "/up/secret.txt"), Answer::Missing);
    }
}
