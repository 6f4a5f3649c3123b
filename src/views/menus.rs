//! The menus as a page shows them: each entry's text in the page's language, its link
//! relative to that page, and whether it is the page itself (`aria-current`).

use crate::i18n::Labels;
use crate::site::Site;
use crate::site::menus::{Item, Target};
use crate::urls::OutPath;
use serde::Serialize;

/// One menu entry on one page.
#[derive(Serialize, Clone, Debug, Hash)]
pub(crate) struct MenuLink {
    /// The text shown.
    pub name: String,
    /// The link, relative to the page (or as written, for other sites).
    pub href: String,
    /// True on the page the entry leads to.
    pub current: bool,
    /// True when it leads off the site.
    pub external: bool,
    /// For a policy, its key in `[publisher]` (`corrections_policy`).
    pub key: Option<&'static str>,
}

/// The menus of one page.
#[derive(Serialize, Clone, Debug, Default, Hash)]
pub(crate) struct MenusView {
    /// The header's menu.
    pub main: Vec<MenuLink>,
    /// The footer's menu.
    pub footer: Vec<MenuLink>,
    /// The publisher's policies, for the footer.
    pub policies: Vec<MenuLink>,
}

/// The menus of the page `out`, linked with `href` (page-relative, or rooted on the
/// 404 page).
pub(crate) fn view(
    site: &Site,
    labels: &Labels,
    out: &OutPath,
    href: &dyn Fn(&OutPath) -> String,
) -> MenusView {
    let links = |items: &[Item]| items.iter().map(|i| link(i, labels, out, href)).collect();
    let policies = site
        .menus
        .policies
        .iter()
        .map(|(_, key, page)| MenuLink {
            name: labels.map.get(*key).cloned().unwrap_or_default(),
            href: href(page),
            current: page == out,
            external: false,
            key: Some(*key),
        })
        .collect();
    MenusView { main: links(&site.menus.main), footer: links(&site.menus.footer), policies }
}

fn link(
    item: &Item,
    labels: &Labels,
    out: &OutPath,
    href: &dyn Fn(&OutPath) -> String,
) -> MenuLink {
    let name = match item.label {
        Some(key) => labels.map.get(key).cloned().unwrap_or_else(|| item.name.clone()),
        None => item.name.clone(),
    };
    match &item.target {
        Target::Page(page) => {
            MenuLink { name, href: href(page), current: page == out, external: false, key: None }
        }
        Target::External(url) => {
            MenuLink { name, href: url.clone(), current: false, external: true, key: None }
        }
    }
}
