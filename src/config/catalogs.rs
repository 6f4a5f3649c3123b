//! A site's own page text: `i18n/<code>.toml` beside site.toml, one flat table of label
//! keys per language (`i18n/pl.toml`, `i18n/fr.toml`), laid over the theme's catalog for
//! that language; site.toml's `[labels]` (and `[languages.<code>.labels]`) win over it.
//! A file for `pt-BR` is looked for as `i18n/pt-BR.toml`, then `i18n/pt.toml`.

use super::SiteConfig;
use crate::error::{Error, Result};
use crate::i18n::{Catalog, Labels};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of a site's catalogs, beside site.toml.
pub const FOLDER: &str = "i18n";

impl SiteConfig {
    /// Reads the catalogs of the site's languages from `root`'s `i18n/` and lays each
    /// under the labels of its language.
    pub(super) fn read_catalogs(&mut self, root: &Path) -> Result<()> {
        let mut codes = vec![self.language.clone()];
        codes.extend(self.languages.keys().filter(|c| **c != self.language).cloned());
        for code in codes {
            if let Some((path, catalog)) = read_one(root, &code)? {
                self.catalogs.insert(code, (path, catalog));
            }
        }
        self.labels = self.labels_for(&self.language.clone(), &BTreeMap::new());
        Ok(())
    }

    /// The label overrides of pages in `code`: its catalog, then site.toml's `[labels]`,
    /// then the language's own `labels`.
    pub(super) fn labels_for(&self, code: &str, own: &BTreeMap<String, String>) -> Catalog {
        let mut labels = self.catalogs.get(code).map(|(_, c)| c.clone()).unwrap_or_default();
        labels.extend(self.own_labels.clone());
        labels.extend(own.clone());
        labels
    }

    /// Where the text of `code`'s pages comes from when it is not built in: its catalog
    /// file, if the site has one.
    pub fn catalog_path(&self, code: &str) -> Option<&Path> {
        self.catalogs.get(code).map(|(p, _)| p.as_path())
    }
}

/// `i18n/<code>.toml`, else `i18n/<primary subtag>.toml`, read and checked.
fn read_one(root: &Path, code: &str) -> Result<Option<(PathBuf, Catalog)>> {
    let primary = code.split('-').next().unwrap_or(code);
    for name in [code, primary] {
        let shown = Path::new(FOLDER).join(format!("{name}.toml"));
        let Some(bytes) = crate::fs::read_if_exists(&root.join(&shown))? else { continue };
        return parse(&shown, &bytes).map(|c| Some((shown, c)));
    }
    Ok(None)
}

/// A catalog's text: a flat table of known label keys and their text.
fn parse(path: &Path, bytes: &[u8]) -> Result<Catalog> {
    let at = |line: usize, message: String| Error::Config { path: path.into(), line, message };
    let text = String::from_utf8_lossy(bytes);
    let text = crate::text::normalize(&text);
    let catalog: Catalog = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| crate::text::line_of(text.as_bytes(), s.start));
        let message = super::explain_toml(e.message());
        at(line, format!("{message} (a catalog is one `key = \"text\"` per line)"))
    })?;
    if let Some(bad) = catalog.keys().find(|k| !Labels::is_key(k)) {
        let known: Vec<&str> = Labels::keys().collect();
        let hint = super::nearest(bad, &known).map(|n| format!("; did you mean `{n}`?"));
        let line = crate::text::key_line(&text, bad).unwrap_or(1);
        return Err(at(line, format!("unknown label `{bad}`{}", hint.unwrap_or_default())));
    }
    Ok(catalog)
}
