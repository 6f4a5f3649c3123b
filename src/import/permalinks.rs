//! The URL a post had on its old site, worked out as its generator works it out, so
//! that the imported post can carry it as an alias and old links keep working:
//! Jekyll's permalink styles and placeholders, Hugo's section paths and `[permalinks]`,
//! Zola's slugified paths.

use super::Peer;
use crate::content::extra::Node;
use crate::dates::{self, Published};
use crate::slugs::slugify;
use jiff::tz::TimeZone;
use std::path::Path;

/// What the old URL is made from: the post's path below the content folder (or
/// `_posts/`), its front matter, and the site's patterns and time zone.
pub(super) struct Post<'a> {
    /// The path below the content folder, `news/2020-01-02-a.md`.
    pub rel: &'a Path,
    /// The front matter, as a table.
    pub front: &'a Node,
    /// (section, pattern) pairs from the peer's configuration.
    pub patterns: &'a [(String, String)],
    /// The old site's time zone.
    pub tz: &'a TimeZone,
}

/// What a post's file name and front matter say, as its generator reads them.
struct Names<'a> {
    /// The file's stem, or a bundle's folder name.
    stem: &'a str,
    /// The stem without its date prefix.
    name: &'a str,
    /// The folders above the post (above a bundle's folder).
    folders: Vec<&'a str>,
    /// The top folder: Hugo's section.
    section: &'a str,
    date: Option<Published>,
    /// Front matter `slug`.
    slug: Option<String>,
    /// The headline (else the name), slugified.
    title_slug: String,
}

fn names<'a>(post: &Post<'a>, stem: &'a str) -> Names<'a> {
    let text = |k: &str| post.front.get(k).and_then(Node::as_text).map(str::to_string);
    let mut folders: Vec<&str> = post
        .rel
        .parent()
        .map(|p| p.iter().filter_map(|c| c.to_str()).collect())
        .unwrap_or_default();
    let section = folders.first().copied().unwrap_or("");
    if post.rel.file_stem().is_some_and(|s| s == "index") {
        folders.pop();
    }
    let name = match dates::file_name_prefix(stem) {
        Some((_, len)) => stem[len..].trim_start_matches(['-', '_']),
        None => stem,
    };
    Names {
        stem,
        name,
        folders,
        section,
        date: text("date")
            .and_then(|d| dates::parse(&d, post.tz).ok())
            .or_else(|| dates::from_file_name(stem, post.tz)),
        slug: text("slug"),
        title_slug: slugify(&text("title").unwrap_or_else(|| name.to_string()), 200),
    }
}

/// The old URL path of `post` (`/news/2020/01/02/a/`), when it can be worked out.
pub(super) fn old_url(peer: Peer, post: &Post) -> Option<String> {
    if ["permalink", "url", "path"].iter().any(|k| post.front.get(k).is_some()) {
        return None; // front matter names it: read as an alias already
    }
    let under = Path::new("content").join(post.rel); // a bundle at the top has a folder too
    let n = names(post, crate::content::bundle_stem(&under));
    let slug = n.slug.clone().unwrap_or_else(|| n.title_slug.clone());
    let pattern = post.patterns.iter().find(|(s, _)| s.is_empty() || s == n.section);
    let date = n.date.as_ref();
    let folder_path = |last: String, each: fn(&str) -> String| {
        let mut parts: Vec<String> = n.folders.iter().map(|s| each(s)).collect();
        parts.push(last);
        format!("/{}/", parts.join("/"))
    };
    let url = match (peer, pattern) {
        (Peer::Jekyll, Some((_, p))) => {
            let categories = jekyll_categories(post.front);
            let title = n.slug.clone().unwrap_or_else(|| n.name.to_string());
            Fill { date, title: &title, slug: &slug, section: &categories }.expand(jekyll_style(p))
        }
        (Peer::Hugo, Some((_, p))) => {
            let p = p.replace(":filename", n.name).replace(":contentbasename", n.name);
            Fill { date, title: &n.title_slug, slug: &slug, section: n.section }.expand(&p)
        }
        (Peer::Jekyll, None) => return None,
        (Peer::Hugo, None) => {
            folder_path(n.slug.clone().unwrap_or_else(|| n.stem.to_string()), str::to_string)
        }
        (Peer::Zola, _) => {
            folder_path(n.slug.clone().unwrap_or_else(|| slugify(n.name, 200)), |s| slugify(s, 200))
        }
    };
    // Hugo lower-cases every path it writes (unless `disablePathToLower`).
    let url = if peer == Peer::Hugo { url.to_lowercase() } else { url };
    Some(squash_slashes(&url))
}

/// The URL a Jekyll collection's document had: its collection's `pattern` filled
/// (`/:collection/:path/`), `rel` being its path inside the collection's folder.
pub(super) fn collection_url(collection: &str, pattern: &str, post: &Post) -> Option<String> {
    if ["permalink", "url", "path"].iter().any(|k| post.front.get(k).is_some()) {
        return None;
    }
    let path = post.rel.with_extension("");
    let path = path.to_str()?;
    let stem = post.rel.file_stem()?.to_str()?;
    let n = names(post, stem);
    let title = n.slug.clone().unwrap_or_else(|| n.name.to_string());
    let pattern = jekyll_style(pattern)
        .replace(":collection", collection)
        .replace(":path", path)
        .replace(":name", stem);
    let fill = Fill { date: n.date.as_ref(), title: &title, slug: &title, section: "" };
    Some(squash_slashes(&fill.expand(&pattern)))
}

/// The URL a standalone page had: Jekyll's `dir/name.html` (`dir/name/` when the site
/// is `pretty`, `dir/` for an index), Hugo's and Zola's `/name/`.
pub(super) fn page_url(peer: Peer, post: &Post) -> Option<String> {
    if ["permalink", "url", "path"].iter().any(|k| post.front.get(k).is_some()) {
        return None;
    }
    let stem = post.rel.file_stem()?.to_str()?;
    let slug = post.front.get("slug").and_then(Node::as_text).unwrap_or(stem);
    let dir = post.rel.parent().and_then(Path::to_str).unwrap_or("");
    let pretty = post.patterns.iter().any(|(s, p)| s.is_empty() && p == "pretty");
    let url = match peer {
        Peer::Jekyll if stem == "index" => format!("/{dir}/"),
        Peer::Jekyll if pretty => format!("/{dir}/{stem}/"),
        Peer::Jekyll => format!("/{dir}/{stem}:output_ext").replace(":output_ext", ".html"),
        Peer::Hugo => format!("/{dir}/{}/", slug.to_lowercase()),
        Peer::Zola => format!("/{dir}/{}/", slugify(slug, 200)),
    };
    Some(squash_slashes(&url))
}

/// The URLs the front matter itself names: `permalink`, `url`, `path`, `aliases`,
/// `redirect_from`.
pub(super) fn declared(front: &Node) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["permalink", "url", "path", "aliases", "redirect_from"] {
        match front.get(key) {
            Some(Node::Text(t)) => out.push(t.clone()),
            Some(Node::List(items)) => {
                out.extend(items.iter().filter_map(Node::as_text).map(String::from))
            }
            _ => {}
        }
    }
    out
}

/// The URL the front matter gives the file itself (`permalink`, `url`, `path`), as
/// against the other addresses it lists (`aliases`, `redirect_from`).
pub(super) fn own(front: &Node) -> Option<String> {
    ["permalink", "url", "path"].iter().find_map(|k| front.get(k)?.as_text().map(String::from))
}

/// Jekyll's named permalink styles.
fn jekyll_style(pattern: &str) -> &str {
    match pattern {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
}

/// A post's categories as Jekyll puts them in URLs: lowercased, joined with `/`.
fn jekyll_categories(front: &Node) -> String {
    let mut out: Vec<String> = Vec::new();
    for key in ["category", "categories"] {
        match front.get(key) {
            Some(Node::Text(t)) => out.extend(t.split_whitespace().map(str::to_lowercase)),
            Some(Node::List(items)) => {
                out.extend(items.iter().filter_map(Node::as_text).map(str::to_lowercase))
            }
            _ => {}
        }
    }
    out.join("/")
}

/// What a pattern's placeholders are filled with.
struct Fill<'a> {
    date: Option<&'a Published>,
    title: &'a str,
    slug: &'a str,
    section: &'a str,
}

impl Fill<'_> {
    fn expand(&self, pattern: &str) -> String {
        let at = self.date.map(|d| &d.at);
        let f = |fmt: &str| at.map(|a| a.strftime(fmt).to_string()).unwrap_or_default();
        // Longest names first, so `:i_month` is not read as `:i` + `_month`.
        let pairs = [
            (":output_ext", ".html".to_string()),
            (":categories", self.section.to_string()),
            (":short_year", f("%y")),
            (":sections", self.section.to_string()),
            (":section", self.section.to_string()),
            (":i_month", f("%-m")),
            (":i_day", f("%-d")),
            (":y_day", f("%j")),
            (":month", f("%m")),
            (":title", self.title.to_string()),
            (":year", f("%Y")),
            (":slug", self.slug.to_string()),
            (":day", f("%d")),
        ];
        let mut out = pattern.to_string();
        for (name, value) in pairs {
            out = out.replace(name, &value);
        }
        out
    }
}

fn squash_slashes(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 1);
    for c in format!("/{url}").chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(yaml: &str) -> Node {
        serde_saphyr::from_str::<crate::content::extra::Loose>(yaml).unwrap().0
    }

    fn url(peer: Peer, rel: &str, yaml: &str, patterns: &[(&str, &str)]) -> Option<String> {
        let patterns: Vec<(String, String)> =
            patterns.iter().map(|(s, p)| (s.to_string(), p.to_string())).collect();
        let tz = TimeZone::get("America/Los_Angeles").unwrap();
        let front = front(yaml);
        old_url(peer, &Post { rel: Path::new(rel), front: &front, patterns: &patterns, tz: &tz })
    }

    #[test]
    fn follows_jekyll_styles_in_the_site_zone() {
        let yaml = "title: X\ndate: 2013-05-06 02:12:52 +0200\ncategory: release\n";
        let post = "2013-05-06-jekyll-1-0-0-released.markdown";
        assert_eq!(
            url(Peer::Jekyll, post, yaml, &[("", "date")]).as_deref(),
            Some("/release/2013/05/05/jekyll-1-0-0-released.html")
        );
        assert_eq!(
            url(Peer::Jekyll, post, yaml, &[("", "/news/:year/:month/:day/:title/")]).as_deref(),
            Some("/news/2013/05/05/jekyll-1-0-0-released/")
        );
        assert_eq!(url(Peer::Jekyll, post, "title: X\npermalink: /x/\n", &[("", "date")]), None);
    }

    #[test]
    fn follows_hugo_sections_and_patterns() {
        let yaml = "title: My Post\ndate: 2020-01-02\n";
        assert_eq!(
            url(Peer::Hugo, "posts/my-post.md", yaml, &[]).as_deref(),
            Some("/posts/my-post/")
        );
        assert_eq!(
            url(Peer::Hugo, "posts/trip/index.md", yaml, &[]).as_deref(),
            Some("/posts/trip/")
        );
        assert_eq!(
            url(Peer::Hugo, "posts/p.md", yaml, &[("posts", "/:year/:month/:slug/")]).as_deref(),
            Some("/2020/01/my-post/")
        );
    }

    #[test]
    fn follows_zola_paths() {
        let yaml = "title: T\n";
        assert_eq!(
            url(Peer::Zola, "blog/2020-01-02_Hello World.md", yaml, &[]).as_deref(),
            Some("/blog/hello-world/")
        );
        assert_eq!(
            url(Peer::Zola, "blog/trip/index.md", yaml, &[]).as_deref(),
            Some("/blog/trip/")
        );
    }
}
