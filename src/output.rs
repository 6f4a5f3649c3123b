//! The output sink: pages are written into a staging folder inside the work folder
//! (`.broadsheet/`), and only a complete build is swapped in for the output folder,
//! atomically where the system allows. A failed or killed build leaves the previous
//! output exactly as it was; kept entries (`.git`, `CNAME`) survive every build.

use crate::error::{Error, Result};
use crate::urls::OutPath;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where a build writes, and the lock that keeps two builds apart.
pub struct Output {
    out: PathBuf,
    work: PathBuf,
    stage: PathBuf,
    keep: Vec<String>,
    files: AtomicUsize,
    _lock: std::fs::File,
}

/// The work folder for a site whose output goes to `out`: `<root>/.broadsheet` when the
/// output is inside the site root, else `.broadsheet` beside the output folder.
pub fn work_dir(root: &Path, out: &Path) -> PathBuf {
    if out.starts_with(root) {
        root.join(".broadsheet")
    } else {
        out.parent().unwrap_or(root).join(".broadsheet")
    }
}

impl Output {
    /// Takes the lock, recovers from any earlier killed build, and opens a fresh staging folder.
    pub fn stage(out: &Path, work: &Path, keep: &[String]) -> Result<Output> {
        check_out(out)?;
        let lock = crate::fs::lock(&work.join("lock"))?;
        recover(out, work, keep)?;
        let stage = work.join(format!("{}{}", stage_prefix(out), std::process::id()));
        crate::fs::remove_dir_all(&stage)?;
        crate::fs::create_dir_all(&stage)?;
        Ok(Output {
            out: out.to_path_buf(),
            work: work.to_path_buf(),
            stage,
            keep: keep.to_vec(),
            files: AtomicUsize::new(0),
            _lock: lock,
        })
    }

    /// Writes one file of the site; a second write to the same path is an error, never
    /// a silent overwrite (an alias, a page and a feed cannot take each other's place).
    pub fn write(&self, path: &OutPath, bytes: &[u8]) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        crate::fs::write_new(&self.stage.join(path.to_fs()), bytes).map_err(|e| match e {
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
                Error::Clash { path: path.to_string() }
            }
            other => other,
        })
    }

    /// Copies a file from disk into the site.
    pub fn copy(&self, from: &Path, to: &OutPath) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        crate::fs::copy(from, &self.stage.join(to.to_fs()))
    }

    /// True when the site already holds `path` (written earlier in this build).
    pub fn has(&self, path: &OutPath) -> bool {
        self.stage.join(path.to_fs()).exists()
    }

    /// Copies every file under `dir` (e.g. `static/`) into the site root, as is.
    /// Hidden files are skipped; links are followed only inside `dir`.
    pub fn copy_tree(&self, dir: &Path) -> Result<usize> {
        if !dir.is_dir() {
            return Ok(0);
        }
        let mut copied = 0;
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).to_path_buf();
                Error::io(
                    "read",
                    path,
                    e.into_io_error().unwrap_or_else(|| std::io::Error::other("loop")),
                )
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).expect("walkdir yields paths under its root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let Some(to) = OutPath::checked(&rel) else { continue };
            if rel.split('/').any(|p| p.starts_with('.')) {
                continue;
            }
            self.copy(entry.path(), &to)?;
            copied += 1;
        }
        Ok(copied)
    }

    /// How many files were written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Swaps the finished site in for the output folder and carries kept entries across.
    pub fn finish(self) -> Result<usize> {
        let files = self.files();
        if let Some(parent) = self.out.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        if !self.out.exists() {
            crate::fs::rename(&self.stage, &self.out)?;
            return Ok(files);
        }
        exchange(&self.stage, &self.out)?;
        // `stage` now holds the previous site: move kept entries into the new one.
        carry_kept(&self.stage, &self.out, &self.keep)?;
        crate::fs::remove_dir_all(&self.stage)?;
        let _ = &self.work;
        Ok(files)
    }

    /// Throws the staging folder away after a failed build.
    pub fn abandon(self) {
        crate::fs::discard(&self.stage);
    }
}

/// Swaps two folders: atomically on Linux, else by two renames.
fn exchange(a: &Path, b: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = a.with_extension("old"); // `recover` puts it back if we die before the next line
    crate::fs::rename(b, &aside)?;
    crate::fs::rename(a, b)?;
    crate::fs::rename(&aside, a)
}

fn carry_kept(from: &Path, to: &Path, keep: &[String]) -> Result<()> {
    for name in keep {
        let Some(name) = OutPath::checked(name) else { continue };
        let (src, dst) = (from.join(name.to_fs()), to.join(name.to_fs()));
        if src.symlink_metadata().is_ok() && dst.symlink_metadata().is_err() {
            if let Some(parent) = dst.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            crate::fs::rename(&src, &dst)?;
        }
    }
    Ok(())
}

/// Refuses an output folder that is a file or a symbolic link: swapping it would
/// replace the link itself, and the site would not land where the link points.
fn check_out(out: &Path) -> Result<()> {
    let Ok(meta) = out.symlink_metadata() else { return Ok(()) };
    let what = if meta.file_type().is_symlink() {
        "a symbolic link; point --output-dir at the folder it leads to"
    } else if !meta.is_dir() {
        "a file, not a folder; move it away or choose another --output-dir"
    } else {
        return Ok(());
    };
    Err(Error::Usage(format!("the output folder {} is {what}", out.display())))
}

/// How staging folders for `out` begin: `stage-public-` for `public/`. Outputs sharing a
/// work folder (`public/` and `serve`'s) then never recover each other's leftovers.
fn stage_prefix(out: &Path) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    format!("stage-{name}-")
}

/// Cleans up after a build into `out` that was killed: a previous site set aside by the
/// two-rename swap comes back if the output folder is missing, kept entries left in an
/// old staging folder go back to the output folder, and every leftover folder is removed.
fn recover(out: &Path, work: &Path, keep: &[String]) -> Result<()> {
    let prefix = stage_prefix(out);
    if out.symlink_metadata().is_err()
        && let Some(aside) = crate::fs::list(work)?.into_iter().find(|n| {
            let n = n.to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".old")
        })
    {
        crate::fs::rename(&work.join(aside), out)?;
    }
    for name in crate::fs::list(work)? {
        let name = name.to_string_lossy();
        if !name.starts_with(&prefix) {
            continue;
        }
        let leftover = work.join(name.as_ref());
        if out.is_dir() {
            carry_kept(&leftover, out, keep)?;
        }
        crate::fs::remove_dir_all(&leftover)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_folder_sits_at_the_root_or_beside_the_output() {
        assert_eq!(
            work_dir(Path::new("/s"), Path::new("/s/public")),
            PathBuf::from("/s/.broadsheet")
        );
        assert_eq!(work_dir(Path::new("/s"), Path::new("/x/out")), PathBuf::from("/x/.broadsheet"));
    }

    #[test]
    fn staging_folders_name_their_output() {
        assert_eq!(stage_prefix(Path::new("/s/public")), "stage-public-");
        assert_eq!(stage_prefix(Path::new("/s/.broadsheet/serve")), "stage-serve-");
        assert_eq!(stage_prefix(Path::new("/s/my site.d")), "stage-my_site_d-");
    }
}
