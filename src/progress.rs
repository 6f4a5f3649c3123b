//! What a build tells whoever watches it while it runs: the stage it is in, the files
//! placed in the site so far, the pictures done out of how many. The library only
//! reports (a call per file, which a watcher counts with an atomic add: nothing a
//! build would notice); drawing it, and only on a terminal, is the command line's.

use std::sync::Arc;

/// A stage of the build, in the order they begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading seeds/, pages/ and authors/.
    Reading,
    /// Ordering, linking and rendering the bodies.
    Assembling,
    /// Rendering pages and writing them, feeds, search and picture copies.
    Writing,
    /// Putting the new site in place of the old.
    Publishing,
}

/// Told of a build's progress as it happens; every method may be called from several
/// threads at once.
pub trait Progress: Send + Sync {
    /// A stage begins.
    fn stage(&self, _stage: Stage) {}
    /// One more file is in the site (written, or kept as the last build wrote it).
    fn placed(&self) {}
    /// The build has `total` pictures to publish with copies (per language).
    fn pictures(&self, _total: usize) {}
    /// One more picture's copies are done.
    fn picture_done(&self) {}
}

/// The watcher a build reports to; nobody by default.
#[derive(Clone, Default)]
pub struct Watch(Option<Arc<dyn Progress>>);

impl Watch {
    /// A watch reporting to `progress`.
    pub fn new(progress: Arc<dyn Progress>) -> Watch {
        Watch(Some(progress))
    }

    pub(crate) fn stage(&self, stage: Stage) {
        self.tell(|p| p.stage(stage));
    }

    pub(crate) fn placed(&self) {
        self.tell(|p| p.placed());
    }

    pub(crate) fn pictures(&self, total: usize) {
        self.tell(|p| p.pictures(total));
    }

    pub(crate) fn picture_done(&self) {
        self.tell(|p| p.picture_done());
    }

    /// Tells the watcher, when there is one.
    fn tell(&self, told: impl FnOnce(&dyn Progress)) {
        if let Some(p) = &self.0 {
            told(p.as_ref());
        }
    }
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Watch(watched)" } else { "Watch(none)" })
    }
}
