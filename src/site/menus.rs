//! The menus, resolved: each entry of `[[menu.main]]` and `[[menu.footer]]` (and each
//! page whose front matter says `menu = "…"`) turned into a target the page map knows,
//! ordered by weight; and the publisher's policies, each the page it names. A menu
//! entry or a policy naming a page that does not exist is an error at its site.toml
//! line.

use super::{Entry, pagemap};
use crate::config::SiteConfig;
use crate::config::menus::MenuEntry;
use crate::error::{Error, Result};
use crate::urls::OutPath;

/// Where a menu entry leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) enum Target {
    /// A page of the site (relative links are made per page).
    Page(OutPath),
    /// Somewhere else, linked as written.
    External(String),
}

/// One entry, resolved.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Item {
    /// The text shown.
    pub name: String,
    /// The label key that names the entry in the page's language, for built-ins.
    pub label: Option<&'static str>,
    /// Where it leads.
    pub target: Target,
    /// Its order.
    pub weight: i64,
}

/// The site's menus.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(crate) struct Menus {
    /// The header's menu.
    pub main: Vec<Item>,
    /// The footer's menu.
    pub footer: Vec<Item>,
    /// The publisher's policies: (schema.org property, policy key, page).
    pub policies: Vec<(&'static str, &'static str, OutPath)>,
}

/// What the site has besides its pages, for the built-in entries.
struct Builtins<'a> {
    config: &'a SiteConfig,
    dated: bool,
    tagged: bool,
}

impl Menus {
    /// Resolves the menus and policies of `config` against the site's `pages`.
    pub(crate) fn resolve(
        config: &SiteConfig,
        pages: &[Entry],
        entries: &[Entry],
    ) -> Result<Menus> {
        let dated = entries.iter().any(|e| e.date.is_some());
        let tagged = entries.iter().any(|e| !e.article.meta.tags.is_empty());
        let has = Builtins { config, dated, tagged };
        let mut errors = Vec::new();
        let mut menus = Menus::default();
        let main_default = default_main();
        let main = config.menu.main.as_deref().unwrap_or(&main_default);
        for (list, entries) in [(&mut menus.main, main), (&mut menus.footer, &config.menu.footer)] {
            for entry in entries {
                match item(entry, pages, &has) {
                    Ok(Some(item)) => list.push(item),
                    Ok(None) => {}
                    Err(message) => errors.push(config_error(entry.line, message)),
                }
            }
        }
        for page in pages {
            for menu in &page.article.meta.menus {
                let list = match menu.as_str() {
                    "main" => &mut menus.main,
                    "footer" => &mut menus.footer,
                    _ => continue,
                };
                let target = Target::Page(page.out.clone());
                if !list.iter().any(|i| i.target == target) {
                    let weight = page.article.meta.weight.unwrap_or(0);
                    let name = page.article.meta.title.clone();
                    list.push(Item { name, label: None, target, weight });
                }
            }
        }
        menus.main.sort_by_key(|i| i.weight);
        menus.footer.sort_by_key(|i| i.weight);
        menus.policies = policies(config, pages, &mut errors);
        Error::collect(errors)?;
        Ok(menus)
    }
}

/// The header's menu when site.toml sets none: the site's own pages.
fn default_main() -> Vec<MenuEntry> {
    ["front", "editions", "topics", "archive", "search"]
        .iter()
        .map(|b| MenuEntry {
            name: None,
            page: None,
            url: None,
            builtin: Some(b.to_string()),
            weight: 0,
            line: 1,
        })
        .collect()
}

/// The entry resolved; `None` for a built-in page this site does not have (editions
/// without dated articles); an error message for a page that does not exist.
fn item(
    entry: &MenuEntry,
    pages: &[Entry],
    has: &Builtins,
) -> std::result::Result<Option<Item>, String> {
    let weight = entry.weight;
    if let Some(name) = &entry.page {
        let page = find(pages, name).ok_or_else(|| missing(name, "menu entry"))?;
        let title = entry.name.clone().unwrap_or_else(|| page.article.meta.title.clone());
        return Ok(Some(Item {
            name: title,
            label: None,
            target: Target::Page(page.out.clone()),
            weight,
        }));
    }
    if let Some(url) = &entry.url {
        let target = match url.strip_prefix('/').filter(|p| !p.starts_with('/')).and_then(site_path)
        {
            Some(path) => Target::Page(path),
            None => Target::External(url.clone()),
        };
        let name = entry.name.clone().unwrap_or_else(|| url.clone());
        return Ok(Some(Item { name, label: None, target, weight }));
    }
    let builtin = entry.builtin.as_deref().unwrap_or("front");
    let Some((label, path)) = builtin_page(builtin, has) else { return Ok(None) };
    let name = entry.name.clone().unwrap_or_default();
    let label = entry.name.is_none().then_some(label);
    Ok(Some(Item { name, label, target: Target::Page(path), weight }))
}

/// A built-in page's label key and path, when the site has the page.
fn builtin_page(builtin: &str, has: &Builtins) -> Option<(&'static str, OutPath)> {
    let path = pagemap::path;
    match builtin {
        "front" => Some(("home", path(pagemap::FRONT))),
        "editions" => has.dated.then(|| ("editions", path(pagemap::EDITIONS))),
        "topics" => has.tagged.then(|| ("tags", pagemap::terms("tags"))),
        "archive" => has.dated.then(|| ("archive", path(pagemap::ARCHIVE))),
        "search" => has.config.search.enabled.then(|| ("search", path(pagemap::SEARCH))),
        // The built-in page, or the editor's page at its path.
        "subscribe" => Some(("subscribe", path(pagemap::SUBSCRIBE))),
        _ => None,
    }
}

/// The output path a site-rooted URL names (`tags/index.html`; `about/` as
/// `about/index.html`; `` as the front page).
pub(crate) fn site_path(path: &str) -> Option<OutPath> {
    let last = path.rsplit('/').next().unwrap_or("");
    if path.is_empty() {
        Some(pagemap::path(pagemap::FRONT))
    } else if last.contains('.') {
        OutPath::checked(path)
    } else {
        pagemap::alias(path)
    }
}

/// The page named `name` (its path under pages/ without the extension).
pub(crate) fn find<'a>(pages: &'a [Entry], name: &str) -> Option<&'a Entry> {
    let name = name.trim().trim_matches('/').trim_end_matches(".md");
    // A page's slug is its name (see `Published::render`).
    pages.iter().find(|p| p.slug == name)
}

fn missing(name: &str, what: &str) -> String {
    format!("{what} names page `{name}`, but there is no pages/{name}.md")
}

fn config_error(line: usize, message: String) -> Error {
    Error::Config { path: "site.toml".into(), line, message }
}

/// The publisher's policies, each resolved to its page.
fn policies(
    config: &SiteConfig,
    pages: &[Entry],
    errors: &mut Vec<Error>,
) -> Vec<(&'static str, &'static str, OutPath)> {
    let Some(publisher) = &config.publisher else { return Vec::new() };
    let mut found = Vec::new();
    for (key, name) in publisher.policies() {
        let property = crate::config::publisher::POLICIES
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, p)| p);
        match find(pages, name) {
            Some(page) => found.push((property, key, page.out.clone())),
            None => {
                let line = publisher.lines.get(key).copied().unwrap_or(1);
                errors.push(config_error(line, missing(name, &format!("`{key}`"))));
            }
        }
    }
    found
}
