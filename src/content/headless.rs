//! Hugo's headless files: include snippets and bundles that no page should come from
//! (`headless = true`, `build.render = "never"`, or below an `_index.md` whose
//! `cascade` says so, as Hugo's own `_common/` folder does). They are read like every
//! seed, then left out with their warnings, and one note says how many went.

use super::Article;
use super::names::is_section_index;
use crate::error::Result;
use crate::warnings::Warnings;
use std::path::{Path, PathBuf};

/// The folders below which nothing is published: those of `_index.md` files whose
/// `cascade` makes what is below them headless.
pub(super) fn folders(results: &[(Result<Option<Article>>, Warnings)]) -> Vec<PathBuf> {
    results
        .iter()
        .filter_map(|(r, _)| r.as_ref().ok().and_then(Option::as_ref))
        .filter(|a| a.meta.headless_below && is_section_index(&a.path))
        .filter_map(|a| a.path.parent().map(Path::to_path_buf))
        .collect()
}

/// True when `article` has no page: headless itself, or below one of `folders`.
pub(super) fn is_headless(article: &Article, folders: &[PathBuf]) -> bool {
    // The `_index.md` that makes its folder headless says for itself (`meta.headless`).
    let own_index =
        |f: &PathBuf| is_section_index(&article.path) && article.path.parent() == Some(f);
    article.meta.headless || folders.iter().any(|f| article.path.starts_with(f) && !own_index(f))
}

/// The note for `skipped` headless files, the first of them named.
pub(super) fn note(skipped: &[PathBuf], warn: &mut Warnings) {
    let Some(first) = skipped.first() else { return };
    let more = match skipped.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    warn.site(format!(
        "{}{more}: headless (`headless`, `build.render = \"never\"` or a `cascade` saying so); no pages made",
        first.display()
    ));
}
