//! What the request threads and the rebuild loop share: which version of the site is
//! up, the last build's error (if it failed), and the base path it is served under.
//! Open pages long-poll `wait` and reload when the version moves on.
//!
//! One `Mutex` and one `Condvar`: the server answers each request on its own thread,
//! while the watcher thread rebuilds, so the state has to be shared; it is a few words,
//! held only to read or bump it.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// The state of the served site at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Status {
    /// Bumped after every rebuild or copy, good or bad.
    pub version: u64,
    /// The last build's error, as text for people; `None` when it succeeded.
    pub error: Option<String>,
    /// Whether a good site has been built at all (else every request gets the error).
    pub ready: bool,
    /// The path the site is served under, such as `/digest/`.
    pub base: String,
}

/// The shared state, and a way to wait for it to change.
#[derive(Debug)]
pub(crate) struct Live {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Live {
    /// Nothing built yet, served under `base`.
    pub(crate) fn new(base: &str) -> Live {
        let status = Status { version: 0, error: None, ready: false, base: base.to_string() };
        Live { status: Mutex::new(status), changed: Condvar::new() }
    }

    /// A copy of the current state.
    pub(crate) fn status(&self) -> Status {
        self.lock().clone()
    }

    /// Records a good build (or copy) served under `base`, and wakes every waiting page.
    pub(crate) fn built(&self, base: &str) {
        let mut status = self.lock();
        status.version += 1;
        status.error = None;
        status.ready = true;
        status.base = base.to_string();
        self.changed.notify_all();
    }

    /// Records a failed build: the last good site stays up, with `error` shown over it.
    pub(crate) fn failed(&self, error: String) {
        let mut status = self.lock();
        status.version += 1;
        status.error = Some(error);
        self.changed.notify_all();
    }

    /// Waits until the version is no longer `since`, or `timeout` passes; returns the state.
    pub(crate) fn wait(&self, since: u64, timeout: Duration) -> Status {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.version == since)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.clone()
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        // A panicking request thread cannot leave the status half-written: every
        // change is a few plain assignments, so a poisoned lock is still good.
        self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_waiting_page_wakes_on_a_rebuild() {
        let live = Arc::new(Live::new("/d/"));
        let waiter = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || live.wait(0, Duration::from_secs(30)))
        };
        live.failed("templates/x.html:1: bad".into());
        let seen = waiter.join().unwrap();
        assert_eq!(seen.version, 1);
        assert_eq!(seen.error.as_deref(), Some("templates/x.html:1: bad"));
        assert!(!seen.ready);
    }

    #[test]
    fn a_good_build_clears_the_error_and_moves_the_base() {
        let live = Live::new("/d/");
        live.failed("bad".into());
        live.built("/e/");
        let status = live.status();
        assert_eq!((status.version, status.error, status.ready), (2, None, true));
        assert_eq!(status.base, "/e/");
        assert_eq!(live.wait(2, Duration::ZERO).version, 2);
    }
}
