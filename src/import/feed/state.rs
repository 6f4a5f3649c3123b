//! The HTTP validators (ETag, Last-Modified) of each feed's last good fetch, kept in
//! the site's work folder as `imports.json`. Losing them costs one full download.

use super::fetch::Validators;
use std::collections::BTreeMap;
use std::path::Path;

/// Validators by feed URL.
pub(crate) type Known = BTreeMap<String, Validators>;

const FILE: &str = "imports.json";

/// The validators kept in `work`; none when the file is missing or unreadable.
pub(crate) fn load(work: &Path) -> Known {
    crate::fs::read_if_exists(&work.join(FILE))
        .ok()
        .flatten()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Keeps `known` in `work` (only the feeds that sent any).
pub(crate) fn save(work: &Path, known: &Known) -> crate::error::Result<()> {
    let kept: Known = known
        .iter()
        .filter(|(_, v)| **v != Validators::default())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if kept.is_empty() && !crate::fs::exists(&work.join(FILE)) {
        return Ok(());
    }
    crate::fs::create_dir_all(work)?;
    let json = serde_json::to_vec_pretty(&kept).expect("string maps always serialise");
    crate::fs::write_atomically(&work.join(FILE), &json)
}
