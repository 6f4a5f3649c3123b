//! `[[menu.main]]` and `[[menu.footer]]`: the menus an editor sets in site.toml. Each
//! entry names a page, a URL or one of the site's own pages; `site::menus` resolves
//! them against the pages the site has, and reports a missing page at its line here.

use serde::Deserialize;

/// `[menu]`: the header's and the footer's menus.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenusConfig {
    /// The header's menu; when absent, the site's own pages (front page, editions,
    /// topics, archive, search), as before menus existed.
    #[serde(default)]
    pub main: Option<Vec<MenuEntry>>,
    /// The footer's menu.
    #[serde(default)]
    pub footer: Vec<MenuEntry>,
}

/// One entry of a menu.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    /// The text shown (default: the page's title, or the built-in page's label).
    #[serde(default)]
    pub name: Option<String>,
    /// A page's path under `pages/` without `.md` (`about`, `policies/corrections`).
    #[serde(default)]
    pub page: Option<String>,
    /// A URL: absolute (`https://…`) or from the site's root (`/tags/index.html`).
    #[serde(default)]
    pub url: Option<String>,
    /// One of the site's own pages: `front`, `editions`, `topics`, `archive`,
    /// `search`, `subscribe`.
    #[serde(default)]
    pub builtin: Option<String>,
    /// Lighter entries come first; equal weights keep the order written.
    #[serde(default)]
    pub weight: i64,
    /// The line of site.toml the entry's target is written on, for messages.
    #[serde(skip)]
    pub line: usize,
}

/// The built-in pages a menu entry may name.
pub const BUILTINS: [&str; 6] = ["front", "editions", "topics", "archive", "search", "subscribe"];

impl MenusConfig {
    /// Every entry, with the menu it is in.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &MenuEntry)> {
        let main = self.main.iter().flatten().map(|e| ("main", e));
        main.chain(self.footer.iter().map(|e| ("footer", e)))
    }

    /// Notes the line of each entry's target in `text` (site.toml), in order.
    pub(super) fn find_lines(&mut self, text: &str) {
        let mut lines = target_lines(text).into_iter();
        for entry in self.main.iter_mut().flatten().chain(self.footer.iter_mut()) {
            entry.line = lines.next().unwrap_or(1);
        }
    }

    /// Checks that each entry names exactly one target, and a known built-in.
    pub(super) fn check(&self) -> std::result::Result<(), (usize, String)> {
        for (menu, e) in self.entries() {
            let targets = [&e.page, &e.url, &e.builtin].iter().filter(|t| t.is_some()).count();
            if targets != 1 {
                let name = e.name.as_deref().unwrap_or("?");
                return Err((
                    e.line,
                    format!(
                        "menu.{menu} entry `{name}` needs exactly one of `page`, `url` or `builtin`"
                    ),
                ));
            }
            if let Some(b) = &e.builtin
                && !BUILTINS.contains(&b.as_str())
            {
                return Err((
                    e.line,
                    format!(
                        "unknown builtin `{b}` in menu.{menu}; use one of {}",
                        BUILTINS.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The lines of the menu entries' targets (`page =`, `url =`, `builtin =`) inside
/// `[[menu.main]]` and `[[menu.footer]]` tables, main entries first, as written.
fn target_lines(text: &str) -> Vec<usize> {
    let (mut main, mut footer) = (Vec::new(), Vec::new());
    let mut table: Option<bool> = None; // Some(true) in main, Some(false) in footer
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            let name: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            table = match name.as_str() {
                "[[menu.main]]" => Some(true),
                "[[menu.footer]]" => Some(false),
                _ => None,
            };
            continue;
        }
        let key = t.split('=').next().unwrap_or("").trim();
        if let Some(is_main) = table
            && t.contains('=')
            && ["page", "url", "builtin"].contains(&key)
        {
            if is_main { &mut main } else { &mut footer }.push(n + 1);
        }
    }
    main.extend(footer);
    main
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_entry_line() {
        let text = "title = \"x\"\n[[menu.footer]]\nname = \"A\"\npage = \"about\"\n[[menu.main]]\nbuiltin = \"front\"\n";
        assert_eq!(target_lines(text), vec![6, 4]);
    }
}
