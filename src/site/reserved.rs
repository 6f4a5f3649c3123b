//! Output paths an alias (an old URL that redirects) may not take: those Broadsheet
//! writes itself (the front page, `404.html`, every taxonomy, edition, archive and
//! asset folder), and those the output folder keeps for the user (`.git`, `CNAME`,
//! any hidden entry): an alias named `.git/config.html` or `CNAME` would replace them.
//! Under `articles/` only the article pages themselves are taken (`Site` checks those),
//! so a renamed article can redirect from its old `articles/<slug>.html`.

use crate::urls::OutPath;

/// Folders Broadsheet fills itself, besides `articles/`.
const SITE_FOLDERS: &[&str] =
    &["assets", "tags", "authors", "sources", "sections", "editions", "archive", "page"];

/// Files Broadsheet writes at the root (an alias `feed.xml` would be `feed.xml/index.html`,
/// a folder in the feed's place).
const SITE_FILES: &[&str] =
    &["index.html", "404.html", "search.html", "feed.xml", "atom.xml", "feed.json", "robots.txt"];

/// True when `path` lies where Broadsheet writes its own pages.
pub fn for_the_site(path: &OutPath) -> bool {
    let first = path.as_str().split('/').next().unwrap_or("");
    let nested = path.as_str().contains('/');
    let sitemap = (first.starts_with("sitemap") || first.starts_with("news-sitemap"))
        && first.ends_with(".xml");
    (nested && SITE_FOLDERS.contains(&first)) || SITE_FILES.contains(&first) || sitemap
}

/// The kept or hidden entry `path` would replace, if any.
pub fn for_the_user<'a>(path: &'a OutPath, keep: &'a [String]) -> Option<&'a str> {
    let first = path.as_str().split('/').next().unwrap_or("");
    if let Some(hidden) = path.as_str().split('/').find(|part| part.starts_with('.')) {
        return Some(hidden);
    }
    keep.iter()
        .map(|k| k.trim_matches('/'))
        .find(|k| k.split('/').next() == Some(first))
        .map(|_| first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OutPath {
        OutPath::new(s)
    }

    #[test]
    fn site_pages_are_taken_but_old_article_urls_are_free() {
        let taken = ["index.html", "404.html", "tags/x.html", "page/2.html", "feed.xml/index.html"];
        for taken in taken.into_iter().chain(["sitemap-2.xml", "robots.txt/index.html"]) {
            assert!(for_the_site(&p(taken)), "{taken}");
        }
        for free in ["articles/old.html", "2019/05/story.html", "tags.html", "news/index.html"] {
            assert!(!for_the_site(&p(free)), "{free}");
        }
    }

    #[test]
    fn kept_and_hidden_entries_are_the_users() {
        let keep = vec![".git".to_string(), "CNAME".to_string(), "docs/extra".to_string()];
        assert_eq!(for_the_user(&p(".git/config.html"), &keep), Some(".git"));
        assert_eq!(for_the_user(&p("CNAME/index.html"), &keep), Some("CNAME"));
        assert_eq!(for_the_user(&p("a/.well-known/x.html"), &keep), Some(".well-known"));
        assert_eq!(for_the_user(&p("docs/index.html"), &keep), Some("docs"));
        assert_eq!(for_the_user(&p("old/x.html"), &keep), None);
    }
}
