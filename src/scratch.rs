//! Text a build holds while it runs: the articles' Markdown sources between reading and
//! rendering, and their rendered bodies between rendering and writing. Up to a budget
//! (`[build] text_memory_mb`) it stays in memory; past it, each text goes to one
//! scratch file in the work folder and is read back when a page needs it, so that a
//! large archive's memory follows its metadata, not its text (at 100,000 articles the
//! sources and bodies are over a gigabyte). The file is unlinked as soon as it is
//! created, so nothing is left behind, whatever happens to the build.
//!
//! A text read back that cannot be read (a disk failing under the build) reads as empty
//! and the scratch remembers the error: the build asks `Scratch::check` before it
//! publishes, so such a build fails and the previous site stays.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Where a build keeps its text: a budget of bytes held in memory, and a file for the
/// rest, made when the budget is first spent.
pub(crate) struct Scratch {
    /// The work folder the file goes in.
    work: PathBuf,
    /// Bytes of text that may stay in memory.
    budget: usize,
    /// Bytes of text given to memory so far (never given back: the budget is spent once).
    held: AtomicUsize,
    /// The file, once made; `None` inside when it could not be made (text then stays
    /// in memory).
    file: OnceLock<Option<Arc<File>>>,
}

/// The scratch file: where the next text goes, and the first error reading one back.
struct File {
    file: std::fs::File,
    path: PathBuf,
    next: AtomicU64,
    failed: Mutex<Option<std::io::Error>>,
}

/// A text: held in memory, or kept in the scratch file.
#[derive(Clone, Default)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Held(String),
    Kept { file: Arc<File>, at: u64, len: usize },
}

impl Default for Repr {
    fn default() -> Repr {
        Repr::Held(String::new())
    }
}

impl Scratch {
    /// A scratch in the work folder `work` holding up to `budget` bytes in memory.
    pub(crate) fn new(work: &Path, budget: usize) -> Scratch {
        let (held, file) = Default::default();
        Scratch { work: work.to_path_buf(), budget, held, file }
    }

    /// Takes `text` in: held while the budget lasts, else written to the file (or held
    /// after all when the file cannot be written).
    pub(crate) fn hold(&self, text: String) -> Text {
        let len = text.len();
        if len == 0 || self.held.fetch_add(len, Ordering::Relaxed) + len <= self.budget {
            return Text(Repr::Held(text));
        }
        match self.file() {
            Some(file) => file.keep(text),
            None => Text(Repr::Held(text)),
        }
    }

    /// The first error reading a text back, if any: the build must not publish then.
    pub(crate) fn check(&self) -> Result<()> {
        let Some(Some(file)) = self.file.get() else { return Ok(()) };
        match file.failed.lock().expect("no panics while holding the lock").take() {
            Some(e) => Err(Error::io("read back", &file.path, e)),
            None => Ok(()),
        }
    }

    fn file(&self) -> Option<&Arc<File>> {
        self.file.get_or_init(|| File::create(&self.work).map(Arc::new)).as_ref()
    }
}

impl File {
    /// A new, already unlinked, file in `work` (Unix only: elsewhere text stays held).
    #[cfg(unix)]
    fn create(work: &Path) -> Option<File> {
        crate::fs::create_dir_all(work).ok()?;
        let path = work.join(format!("scratch-{}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .ok()?;
        let _ = std::fs::remove_file(&path); // open files live on unlinked
        Some(File { file, path, next: AtomicU64::new(0), failed: Mutex::new(None) })
    }

    #[cfg(not(unix))]
    fn create(_work: &Path) -> Option<File> {
        None
    }

    /// Writes `text` at the end of the file; it stays held when the write fails.
    fn keep(self: &Arc<File>, text: String) -> Text {
        let at = self.next.fetch_add(text.len() as u64, Ordering::Relaxed);
        match self.write_at(text.as_bytes(), at) {
            Ok(()) => Text(Repr::Kept { file: self.clone(), at, len: text.len() }),
            Err(_) => Text(Repr::Held(text)),
        }
    }

    #[cfg(unix)]
    fn write_at(&self, bytes: &[u8], at: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(&self.file, bytes, at)
    }

    #[cfg(unix)]
    fn read_at(&self, at: u64, len: usize) -> std::io::Result<String> {
        let mut bytes = vec![0; len];
        std::os::unix::fs::FileExt::read_exact_at(&self.file, &mut bytes, at)?;
        String::from_utf8(bytes).map_err(std::io::Error::other)
    }

    #[cfg(not(unix))]
    fn write_at(&self, _bytes: &[u8], _at: u64) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
    }

    #[cfg(not(unix))]
    fn read_at(&self, _at: u64, _len: usize) -> std::io::Result<String> {
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

impl Text {
    /// The text, read back if it was kept in the file.
    pub fn read(&self) -> std::io::Result<Cow<'_, str>> {
        match &self.0 {
            Repr::Held(text) => Ok(Cow::Borrowed(text)),
            Repr::Kept { file, at, len } => file.read_at(*at, *len).map(Cow::Owned),
        }
    }

    /// The text; empty if it cannot be read back, the error noted for
    /// `Scratch::check`.
    pub fn get(&self) -> Cow<'_, str> {
        self.read().unwrap_or_else(|e| {
            if let Repr::Kept { file, .. } = &self.0 {
                file.failed.lock().expect("no panics while holding the lock").get_or_insert(e);
            }
            Cow::Borrowed("")
        })
    }

    /// The text as an owned string, taken out of memory when it was held.
    pub fn take(&mut self) -> String {
        match std::mem::take(&mut self.0) {
            Repr::Held(text) => text,
            kept => Text(kept).get().into_owned(),
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Held(text) => text.is_empty(),
            Repr::Kept { len, .. } => *len == 0,
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Repr::Held(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Repr::Held(text.to_string()))
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.get(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Text {}

impl serde::Serialize for Text {
    /// As the string it is; a text that cannot be read back does not encode (a cache
    /// then leaves its record out rather than keep an empty one).
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let text = self.read().map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Text, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_past_the_budget_is_kept_in_the_file_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = Scratch::new(dir.path(), 8);
        let held = scratch.hold("12345".into());
        let kept = scratch.hold("abcdef".into());
        let more = scratch.hold("é — ü".into());
        assert!(matches!(held.0, Repr::Held(_)));
        assert!(matches!(kept.0, Repr::Kept { .. }));
        assert_eq!(
            (held.get(), kept.get(), more.get()),
            ("12345".into(), "abcdef".into(), "é — ü".into())
        );
        assert_eq!(
            postcard::to_stdvec(&kept).unwrap(),
            postcard::to_stdvec(&Text::from("abcdef")).unwrap()
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "the file is unlinked");
        scratch.check().unwrap();
    }

    #[test]
    fn a_text_that_cannot_be_read_back_fails_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = Scratch::new(dir.path(), 0);
        let kept = scratch.hold("abc".into());
        let Repr::Kept { file, at, .. } = &kept.0 else { panic!("kept") };
        let broken = Text(Repr::Kept { file: file.clone(), at: *at + 100, len: 3 });
        assert_eq!(broken.get(), "");
        assert!(postcard::to_stdvec(&broken).is_err());
        let e = scratch.check().unwrap_err().to_string();
        assert!(e.contains("scratch-"), "{e}");
        assert_eq!(kept.get(), "abc");
    }
}
