//! Containment: whether a path, once every symbolic link on it is followed, still
//! lies inside a folder. Seeds may link to each other, but a link to `/etc/passwd`
//! or `~/.ssh` must never be read, published or copied into the site.

use std::path::{Path, PathBuf};

/// A folder and its real location, resolved once.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    real: Option<PathBuf>,
}

impl Folder {
    /// The folder at `dir` (its links resolved now; a missing folder contains nothing).
    pub(crate) fn new(dir: &Path) -> Folder {
        Folder { real: crate::fs::real_path(dir) }
    }

    /// True when `path` exists and, links followed, lies inside the folder.
    pub(crate) fn holds(&self, path: &Path) -> bool {
        let Some(real) = &self.real else { return false };
        crate::fs::real_path(path).is_some_and(|p| p.starts_with(real))
    }
}

/// Where a symbolic link at `path` points, as written in the link, for messages.
pub(crate) fn link_target(path: &Path) -> String {
    crate::fs::link_target(path).map_or_else(|| "?".to_string(), |t| t.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn follows_links_before_judging() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        crate::fs::write(&seeds.join("a.md"), b"a").unwrap();
        crate::fs::write(&seeds.join("sub/b.md"), b"b").unwrap();
        crate::fs::write(&dir.path().join("secret"), b"s").unwrap();
        std::os::unix::fs::symlink("../a.md", seeds.join("sub/in.md")).unwrap();
        std::os::unix::fs::symlink("../secret", seeds.join("out.md")).unwrap();
        std::os::unix::fs::symlink("nowhere", seeds.join("gone.md")).unwrap();
        let folder = Folder::new(&seeds);
        assert!(folder.holds(&seeds.join("a.md")));
        assert!(folder.holds(&seeds.join("sub/in.md")));
        assert!(!folder.holds(&seeds.join("out.md")));
        assert!(!folder.holds(&seeds.join("gone.md")));
        assert!(!folder.holds(&seeds.join("sub/../../secret")));
        assert_eq!(link_target(&seeds.join("out.md")), "../secret");
    }
}
