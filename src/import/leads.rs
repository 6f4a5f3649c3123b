//! Jekyll HTML pages the import cannot carry over (Liquid runs them) but whose address
//! still leads somewhere: a `redirect_to` page (jekyll-redirect-from) leads to its
//! target, a page listing `site.posts` to the archive, one listing
//! `site.categories.NAME` to that tag's page. Each becomes a `[redirects]` entry from
//! its `permalink` (and `redirect_from`), so the old addresses keep working.

use super::crosslinks::{Target, Targets, url_key};
use super::plan::Doc;
use crate::content::extra::{Loose, Node};
use crate::content::front_matter;
use crate::site::pagemap;
use std::path::{Path, PathBuf};

/// Where a page that is not carried over leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lead {
    /// Its `redirect_to`, as written.
    Url(String),
    /// The archive: it listed every post.
    Archive,
    /// A tag's page: it listed the posts of this category.
    Tag(String),
}

/// A page's old addresses and where they lead.
#[derive(Debug, Clone)]
pub(super) struct Leads {
    /// The page in the peer site.
    pub source: PathBuf,
    /// Its `permalink` (else its path) and `redirect_from` addresses.
    pub from: Vec<String>,
    pub to: Lead,
}

/// Where the Jekyll page `rel` (its text `text`) leads, when it leads anywhere.
pub(super) fn jekyll(rel: &Path, text: &str) -> Option<Leads> {
    // Only a page leads a reader somewhere: a feed listing `site.posts` (Broadsheet has
    // its own), a JSON index or a robots.txt does not lead to the archive.
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !matches!(ext.as_str(), "html" | "htm" | "md" | "markdown") {
        return None;
    }
    let split = front_matter::split(text).ok()?;
    let front = serde_saphyr::from_str::<Loose>(split.front?.text).ok()?.0;
    let text_of = |key: &str| front.get(key).and_then(Node::as_text).map(str::to_string);
    let to = if let Some(to) = text_of("redirect_to") {
        Lead::Url(to)
    } else if let Some(category) = category_listed(split.body) {
        Lead::Tag(category)
    } else if split.body.contains("site.posts") {
        Lead::Archive
    } else {
        return None;
    };
    let own = text_of("permalink")
        .unwrap_or_else(|| format!("/{}", rel.to_string_lossy().replace('\\', "/")));
    let mut from = vec![own];
    match front.get("redirect_from") {
        Some(Node::List(list)) => {
            from.extend(list.iter().filter_map(Node::as_text).map(String::from))
        }
        Some(node) => from.extend(node.as_text().map(String::from)),
        None => {}
    }
    Some(Leads { source: rel.to_path_buf(), from, to })
}

/// The category a page lists the posts of (`site.categories.release`).
fn category_listed(body: &str) -> Option<String> {
    let at = body.find("site.categories.")? + "site.categories.".len();
    let name: String =
        body[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// `[redirects]` entries for the pages jekyll-paginate wrote after the first (`/page2/`
/// and on, by `paginate_path`), for `posts` posts at the site's `paginate` a page (both
/// from `values`, the site's `site.X` values): each leads to the archive. None when the
/// site does not paginate or has no post.
pub(super) fn paginated(values: &[(String, String)], posts: usize) -> Vec<(String, String)> {
    let value = |key: &str| values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let Some(per_page) = value("site.paginate").and_then(|v| v.parse::<usize>().ok()) else {
        return Vec::new();
    };
    if per_page == 0 || posts == 0 {
        return Vec::new();
    }
    let pattern = value("site.paginate_path").unwrap_or("/page:num/");
    let archive = format!("/{}", pagemap::ARCHIVE);
    (2..=posts.div_ceil(per_page))
        .map(|n| {
            let path = pattern.replace(":num", &n.to_string());
            (format!("/{}", path.trim_start_matches('/')), archive.clone())
        })
        .collect()
}

/// `[redirects]` entries (old path, target) for `leads`, and a report line for each
/// that leads to nothing the new site has.
pub(super) fn resolve(
    leads: &[Leads],
    docs: &[Option<Doc>],
    t: &Targets,
) -> (Vec<(String, String)>, Vec<String>) {
    let (mut out, mut unled) = (Vec::new(), Vec::new());
    for lead in leads {
        let to = match &lead.to {
            Lead::Url(url) if is_elsewhere(url, &t.base_url) => Some(url.clone()),
            Lead::Url(url) => {
                url_key(url, &t.base_url).and_then(|k| t.by_url.get(&k)).map(Target::written)
            }
            Lead::Archive => docs.iter().flatten().next().map(|_| format!("/{}", pagemap::ARCHIVE)),
            Lead::Tag(name) => tagged(docs, name).then(|| {
                let slug = crate::slugs::slugify(name, 200);
                format!("/{}", pagemap::term("tags", &slug).as_str())
            }),
        };
        match to {
            Some(to) => out.extend(lead.from.iter().map(|from| (from.clone(), to.clone()))),
            None => unled.push(format!(
                "{}: it leads to no page carried over; its old URL {} is not kept",
                lead.source.display(),
                lead.from[0]
            )),
        }
    }
    (out, unled)
}

/// An absolute address of another site.
fn is_elsewhere(url: &str, base_url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && url_key(url, base_url).is_none()
}

/// True when a carried-over post names `name` among its categories or tags.
fn tagged(docs: &[Option<Doc>], name: &str) -> bool {
    docs.iter().flatten().any(|d| {
        ["categories", "category", "tags"].iter().any(|k| match d.front.get(k) {
            Some(Node::List(list)) => list.iter().any(|n| n.as_text() == Some(name)),
            Some(node) => node.as_text().is_some_and(|t| t.split_whitespace().any(|w| w == name)),
            None => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_where_a_jekyll_page_leads() {
        let redirect =
            "---\npermalink: /github.html\nredirect_to: https://github.com/jekyll/jekyll\n---\n";
        let leads = jekyll(Path::new("pages/redirects/github.html"), redirect).unwrap();
        assert_eq!(leads.from, ["/github.html"]);
        assert_eq!(leads.to, Lead::Url("https://github.com/jekyll/jekyll".into()));
        let releases = "---\nlayout: news\npermalink: /news/releases/\nredirect_from: [/old/]\n---\n{% for post in site.categories.release -%}\n";
        let leads = jekyll(Path::new("pages/releases.html"), releases).unwrap();
        assert_eq!(
            (leads.from, leads.to),
            (vec!["/news/releases/".into(), "/old/".into()], Lead::Tag("release".into()))
        );
        let news = "---\ntitle: News\n---\n{% for post in site.posts %}{% endfor %}";
        let leads = jekyll(Path::new("news.html"), news).unwrap();
        assert_eq!((leads.from, leads.to), (vec!["/news.html".into()], Lead::Archive));
        let values = [("site.paginate".to_string(), "2".to_string())];
        let pages: Vec<String> = paginated(&values, 5).into_iter().map(|(from, _)| from).collect();
        assert_eq!(pages, ["/page2/", "/page3/"]);
        let custom = [values[0].clone(), ("site.paginate_path".into(), "/blog/p:num".into())];
        assert_eq!(paginated(&custom, 3)[0].0, "/blog/p2");
        assert!(paginated(&[], 9).is_empty());
        let feed = "---\nlayout: null\n---\n<feed>{% for post in site.posts %}{% endfor %}</feed>";
        assert!(jekyll(Path::new("atom.xml"), feed).is_none(), "a feed is not a page");
        assert!(
            jekyll(
                Path::new("showcase.html"),
                "---\npermalink: /s/\n---\n{% for e in site.data.s %}"
            )
            .is_none()
        );
    }
}
