//! Files Broadsheet writes for the editor, never over existing ones: a whole new site
//! (`init`, in `site`) and a new article (`new`, in `article`). Building is left to `build`.

pub mod article;
pub mod page;
pub mod site;
mod workflow;

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One file to create: its path relative to the site folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Where it goes, relative to the site folder.
    pub path: PathBuf,
    /// What it holds.
    pub text: String,
}

impl Planned {
    fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Planned {
        Planned { path: path.into(), text: text.into() }
    }
}

/// Writes every planned file under `dir`, or none of them when any already exists.
pub fn write_all(dir: &Path, files: &[Planned]) -> Result<()> {
    let taken: Vec<String> = files
        .iter()
        .filter(|f| dir.join(&f.path).symlink_metadata().is_ok())
        .map(|f| f.path.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite {} in {}: move {} away first",
            taken.join(", "),
            dir.display(),
            if taken.len() == 1 { "it" } else { "them" }
        )));
    }
    for file in files {
        crate::fs::write_exclusive(&dir.join(&file.path), file.text.as_bytes())?;
    }
    Ok(())
}

/// `text` with its spaces squashed, and the slug made from it.
pub(crate) fn named(text: &str, what: &str) -> Result<(String, String)> {
    let text = crate::text::squash_spaces(text);
    let slug = crate::slugs::slugify(&text, 80);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "cannot make a file name from the {what} `{text}`: give it some letters or digits"
        )));
    }
    Ok((text, slug))
}

/// A TOML string literal holding `text`, quoted and escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_nothing_when_one_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        crate::fs::write(&dir.path().join("b.txt"), b"mine").unwrap();
        let plan = [Planned::new("a.txt", "new"), Planned::new("b.txt", "new")];
        let err = write_all(dir.path(), &plan).unwrap_err();
        assert!(err.to_string().starts_with("refusing to overwrite b.txt in "), "{err}");
        assert!(!dir.path().join("a.txt").exists());
        assert_eq!(crate::fs::read(&dir.path().join("b.txt")).unwrap(), b"mine");
    }

    #[test]
    fn quotes_toml_strings() {
        for text in ["Say \"hi\"", "it's", "back\\slash", "line\nbreak"] {
            let doc: toml::Table = toml::from_str(&format!("k = {}", toml_string(text))).unwrap();
            assert_eq!(doc["k"].as_str(), Some(text));
        }
    }
}
