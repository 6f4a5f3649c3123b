//! `PageContext`: what one page's template sees, and a digest of it. Everything a page
//! shows comes from its context, the site view and the templates, so a page whose
//! context digest matches the last build's, under the same templates and site view,
//! would render to the same bytes and need not be rendered again.
//!
//! A context can be built for its digest alone (no Tera values are made), which is how
//! an incremental build finds the pages that changed at little cost.

use crate::digest::{Digest, Hasher};
use serde::Serialize;

/// A page's Tera context and the digest of everything inserted into it.
pub struct PageContext {
    context: Option<tera::Context>,
    hasher: Hasher,
    exact: bool,
}

impl PageContext {
    /// A context that only computes its digest.
    pub fn digest_only() -> PageContext {
        PageContext { context: None, hasher: Hasher::default(), exact: true }
    }

    /// A context for rendering, which also computes its digest.
    pub fn full() -> PageContext {
        PageContext { context: Some(tera::Context::new()), ..PageContext::digest_only() }
    }

    /// Whether this context is built only for its digest.
    pub fn probe(&self) -> bool {
        self.context.is_none()
    }

    /// Adds `value` under `key`.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.hasher.bytes(key.as_bytes());
        self.exact &= self.hasher.value(value);
        if let Some(context) = &mut self.context {
            context.insert(key, value);
        }
    }

    /// The page's key: its context's digest under `global` (templates, site view,
    /// binary) and `template`; `None` when some value could not be digested, so the
    /// page is always rendered.
    pub fn key(&self, global: Digest, template: &str) -> Option<Digest> {
        let mut h = self.hasher.clone();
        h.bytes(&global.to_le_bytes());
        h.bytes(template.as_bytes());
        self.exact.then(|| h.finish())
    }

    /// The Tera context (empty for a digest-only context).
    pub fn tera(&self) -> &tera::Context {
        static EMPTY: std::sync::OnceLock<tera::Context> = std::sync::OnceLock::new();
        self.context.as_ref().unwrap_or_else(|| EMPTY.get_or_init(tera::Context::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(pairs: &[(&'static str, &str)], full: bool) -> Option<Digest> {
        let mut c = if full { PageContext::full() } else { PageContext::digest_only() };
        for (k, v) in pairs {
            c.insert(k, v);
        }
        c.key(7, "article.html")
    }

    #[test]
    fn digest_only_and_full_contexts_agree() {
        let pairs = [("title", "A"), ("html", "<p>x</p>")];
        assert_eq!(key_of(&pairs, true), key_of(&pairs, false));
    }

    #[test]
    fn key_changes_with_values_keys_and_template() {
        let base = key_of(&[("title", "A")], false);
        assert_ne!(base, key_of(&[("title", "B")], false));
        assert_ne!(base, key_of(&[("headline", "A")], false));
        let mut c = PageContext::digest_only();
        c.insert("title", "A");
        assert_ne!(base, c.key(7, "term.html"));
        assert_ne!(base, c.key(8, "article.html"));
    }

    #[test]
    fn full_context_holds_the_values() {
        let mut c = PageContext::full();
        c.insert("title", "A");
        assert!(c.tera().contains_key("title"));
    }
}
