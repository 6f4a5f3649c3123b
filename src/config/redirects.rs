//! `[redirects]`: old addresses that lead on to a page of the site, set by the editor
//! (a story moved, a section renamed) or written by `import` for a peer site's section
//! pages. Each key is an old path from the site's root, each value where it now leads:
//! an article's or page's source file (`seeds/x.md`, `pages/about.md`), a path of the
//! site (`/tags/index.html`), or an absolute URL. `site::redirects` resolves them.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One redirect as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old path, as written (`/documentation/`).
    pub from: String,
    /// Where it leads, as written.
    pub to: String,
    /// Its line in site.toml, for messages.
    pub line: usize,
}

/// `[redirects]`, in the order of their old paths.
#[derive(Debug, Clone, Default)]
pub struct Redirects(pub Vec<Redirect>);

impl<'de> Deserialize<'de> for Redirects {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        Ok(Redirects(map.into_iter().map(|(from, to)| Redirect { from, to, line: 1 }).collect()))
    }
}

impl Redirects {
    /// Notes each redirect's line in `text` (site.toml).
    pub(super) fn find_lines(&mut self, text: &str) {
        for r in &mut self.0 {
            r.line = super::placement::line_in_table(text, "redirects", &r.from).unwrap_or(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Site {
        redirects: Redirects,
    }

    #[test]
    fn finds_each_redirect_line() {
        let text = "[redirects]\n\"/old/\" = \"seeds/a.md\"\n'/b.html' = \"/\"\n";
        let mut r = toml::from_str::<Site>(text).unwrap().redirects;
        r.find_lines(text);
        let lines: Vec<_> = r.0.iter().map(|r| (r.from.as_str(), r.line)).collect();
        assert_eq!(lines, [("/b.html", 3), ("/old/", 2)]);
    }
}
