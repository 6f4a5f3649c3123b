//! `broadsheet check`: everything a build checks (settings, every article, every
//! template), plus every internal link and anchor of the rendered pages and news
//! hygiene and GitHub Pages' size limits, without touching the output folder: the site is rendered into the work
//! folder (`.broadsheet/check/`) and thrown away after. Broken links are errors;
//! hygiene findings are warnings. Printing and the exit code are the caller's.

pub(crate) mod hygiene;
pub(crate) mod links;
pub(crate) mod size;

use crate::BuildOptions;
use crate::content::Article;
use crate::error::{Error, Result};
use crate::site::Site;
use crate::warnings::Warnings;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Where `check` renders the site, relative to the root.
pub const CHECK_DIR: &str = ".broadsheet/check";

/// What a check found.
#[derive(Debug)]
pub struct Findings {
    /// Seed files that could not be read, then links that lead nowhere, each placed as
    /// well as can be (errors).
    pub errors: Vec<Error>,
    /// The build's warnings and the hygiene findings.
    pub warnings: Warnings,
    /// Articles checked.
    pub articles: usize,
    /// Pages read.
    pub pages: usize,
    /// Internal links followed.
    pub links: usize,
}

/// Checks the site at `options.root` (`output_dir` is ignored). A problem that stops the
/// build (bad settings or template) is the `Err`; everything else is reported, every seed
/// file that cannot be read among the errors (the rest of the site is still checked).
pub fn check(options: &BuildOptions) -> Result<Findings> {
    let out = PathBuf::from(CHECK_DIR);
    let build = BuildOptions { output_dir: Some(out), keep_going: true, ..options.clone() };
    let (report, sites) = crate::build_and_keep_all(&build)?;
    let out = options.root.join(CHECK_DIR);
    let findings = inspect(&options.root, &sites, report.warnings, &out);
    crate::fs::discard(&out);
    let errors = report.failed.into_iter();
    // One count of pages for `build` and `check`: the build's.
    findings.map(|f| Findings {
        errors: errors.chain(f.errors).collect(),
        pages: report.pages,
        ..f
    })
}

/// Inspects every language's site (`sites`, the default first) and the output `out`.
fn inspect(root: &Path, sites: &[Site], mut warnings: Warnings, out: &Path) -> Result<Findings> {
    let site = &sites[0];
    for s in sites {
        for entry in &s.entries {
            hygiene::inspect(root, &entry.article, s.config.author.is_some(), &mut warnings);
        }
    }
    let links = links::check(out, site.urls.base_path())?;
    // Pages by their path from the output's root (`fr/articles/x.html` in French).
    let rooted = |s: &Site, e: &crate::site::Entry| match &s.placement {
        Some(p) => p.rooted(&e.out).as_str().to_string(),
        None => e.out.as_str().to_string(),
    };
    let paths: Vec<(String, &Article)> = sites
        .iter()
        .flat_map(|s| s.entries.iter().map(move |e| (rooted(s, e), &e.article)))
        .collect();
    let articles: HashMap<&str, &Article> = paths.iter().map(|(p, a)| (p.as_str(), *a)).collect();
    let errors = place_all(root, &articles, &links.broken);
    template_images(&links.images_without_alt, &articles, &mut warnings);
    size::inspect(out, &mut warnings)?;
    Ok(Findings {
        errors,
        warnings,
        articles: sites.iter().map(|s| s.entries.len()).sum(),
        pages: links.pages,
        links: links.links,
    })
}

/// Broken links as errors: at the article line that wrote one, when it is in an
/// article's text; else, grouped by where they lead, as links drawn by a template.
fn place_all(
    root: &Path,
    articles: &HashMap<&str, &Article>,
    broken: &[links::Broken],
) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut from_templates: BTreeMap<(&str, &links::Missing), Vec<&str>> = BTreeMap::new();
    for b in broken {
        let article = articles.get(b.page.as_str());
        match article.and_then(|a| written(root, &a.path, &b.link).map(|w| (a, w))) {
            Some((article, (line, link))) => errors.push(Error::Article {
                path: article.path.clone(),
                line,
                message: format!("{} (on {})", links::Broken { link, ..b.clone() }, b.page),
            }),
            None => from_templates.entry((&b.target, &b.missing)).or_default().push(&b.page),
        }
    }
    for ((target, missing), pages) in from_templates {
        let what = match missing {
            links::Missing::File => format!("a template links to `{target}`, which does not exist"),
            links::Missing::Anchor(id) => {
                format!("a template links to `{target}#{id}`, an id that page does not have")
            }
        };
        let more = match pages.len() {
            1 => String::new(),
            n => format!(" and {}", crate::text::count(n - 1, "other page", "other pages")),
        };
        errors.push(Error::Usage(format!("{}{more}: {what}", pages[0])));
    }
    errors
}

/// Where the article at `root/path` writes `link` (as it appears on the page): the first
/// line holding it, or its anchor, or the last part of its path (links to other articles
/// are rewritten, so the source says `x.md`; a folder's index page is the folder), and
/// the whole link as written there.
fn written(root: &Path, path: &Path, link: &str) -> Option<(usize, String)> {
    let text = String::from_utf8_lossy(&crate::fs::read(&root.join(path)).ok()?).into_owned();
    let (before, anchor) = link.split_once('#').map_or((link, None), |(p, a)| (p, Some(a)));
    let last = before.rsplit('/').next().filter(|l| !l.is_empty());
    // A folder the source names (`/tags/`, `/tags`) is published as its index page: the
    // folder's link, ended as a link ends.
    let folder = before.strip_suffix("/index.html").and_then(|f| f.rsplit('/').next());
    let folder = folder.filter(|f| !f.is_empty() && *f != "." && *f != "..");
    let folder_links = folder
        .into_iter()
        .flat_map(|f| ["/)", "/\"", "/#", ")", "\"", "#"].map(|end| format!("/{f}{end}")));
    let needles = [Some(link.to_string()), anchor.map(|a| format!("#{a}"))]
        .into_iter()
        .flatten()
        .chain(folder_links)
        .chain(last.map(String::from));
    // The body first: a front-matter value that happens to hold the same words (`tags`,
    // a social card's file name) is not where the page's link was written.
    let body = crate::content::front_matter::split(&text).map_or(1, |s| s.body_line);
    let lines = || text.lines().enumerate();
    needles.into_iter().find_map(|needle| {
        [body, 1].into_iter().find_map(|from| {
            let (i, line) = lines().skip(from - 1).find(|(_, l)| l.contains(needle.as_str()))?;
            Some((i + 1, token_around(line, &needle)))
        })
    })
}

/// The whole link in `line` that contains `needle`: up to the brackets, quotes or
/// spaces around it (`[x](/a/b.html#c)` gives `/a/b.html#c` for `b.html`).
fn token_around(line: &str, needle: &str) -> String {
    let stop = |c: char| "()<>\"' ".contains(c);
    // Where a link is written (`](…`, `href="…`) before anywhere else (`[tags](tags)`).
    let linked = |i: &usize| {
        let token_start = line[..*i].rfind(stop);
        token_start.is_some_and(|j| line[..=j].ends_with("](") || line[..=j].ends_with("=\""))
    };
    let mut found = line.match_indices(needle).map(|(i, _)| i);
    let at = found.clone().find(linked).or_else(|| found.next()).unwrap_or(0);
    let start = line[..at].rfind(stop).map_or(0, |i| i + 1);
    let end = line[at..].find(stop).map_or(line.len(), |i| at + i);
    line[start..end].to_string()
}

/// Images without alt that templates (not articles' own text) drew: once per `src`.
fn template_images(
    images: &[(String, String)],
    articles: &HashMap<&str, &Article>,
    warn: &mut Warnings,
) {
    let mut by_src: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (page, src) in images.iter().filter(|(page, _)| !articles.contains_key(page.as_str())) {
        by_src.entry(src.as_str()).or_default().push(page.as_str());
    }
    for (src, pages) in by_src {
        let more = match pages.len() {
            1 => String::new(),
            n => format!(" and {}", crate::text::count(n - 1, "other page", "other pages")),
        };
        warn.site(format!(
            "{}{more}: <img src=\"{src}\"> has no alt attribute; a template draws it",
            pages[0]
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_link_as_the_editor_wrote_it() {
        assert_eq!(
            token_around("Also [the plan](/no-such-page.html).", "no-such-page.html"),
            "/no-such-page.html"
        );
        assert_eq!(token_around("<a href=\"x.md#h\">", "#h"), "x.md#h");
        assert_eq!(token_around("bare", "bare"), "bare");
    }

    #[test]
    fn a_link_is_found_in_the_body_before_the_front_matter() {
        let dir = tempfile::tempdir().expect("a temp folder");
        let text = "+++\ntitle = \"T\"\ntags = [\"a\"]\nother = \"zz\"\n[extra]\ncard = \"cards/x.jpg\"\n+++\nSee [tags](tags).\n\n![card](/img/cards/x.jpg)\n";
        crate::fs::write_atomically(&dir.path().join("a.md"), text.as_bytes()).expect("written");
        let at = |link| written(dir.path(), Path::new("a.md"), link);
        assert_eq!(at("tags"), Some((8, "tags".into())));
        assert_eq!(at("../img/cards/x.jpg"), Some((10, "/img/cards/x.jpg".into())));
        // Only the front matter has it: found there.
        assert_eq!(at("zz"), Some((4, "zz".into())));
        assert_eq!(at("../cards/x.jpg").map(|w| w.0), Some(10));
    }
}
