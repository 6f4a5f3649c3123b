//! `broadsheet init`: the files of a new digest. site.toml with every key explained,
//! the built-in templates and stylesheet ready to edit, two sample articles, a
//! .gitignore and a GitHub Pages workflow (made by `scaffold::workflow`). Writing them is
//! `scaffold::write_all`'s job.

use super::{Planned, toml_string};
use crate::error::Result;
use crate::render::{BUILTIN, STYLE};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::path::Path;

const SITE_TOML: &str = include_str!("site.toml");
const GITIGNORE: &str = include_str!("gitignore");
const WELCOME: &str = include_str!("welcome.md");
const WIRE: &str = include_str!("wire.txt");
const ABOUT: &str = include_str!("pages/about.md");
const CONTACT: &str = include_str!("pages/contact.md");
const CORRECTIONS: &str = include_str!("pages/corrections.md");

/// The path of the GitHub Pages workflow inside a site.
pub const WORKFLOW: &str = ".github/workflows/pages.yml";

/// What `init` did: the files it wrote and those it found and kept.
#[derive(Debug)]
pub struct Made {
    /// Files written.
    pub written: Vec<Planned>,
    /// Files of the plan that were there already (an imported site's) and were kept.
    pub kept: Vec<std::path::PathBuf>,
}

/// Creates a new site in `dir`, with samples dated on the UTC day of `now`. `dir` may
/// exist but must hold none of its files, unless it already holds a site whose
/// site.toml reads (as `import jekyll|hugo|zola` leaves one): then init completes it,
/// keeping every file there and adding no sample stories to seeds/ that has some.
pub fn init(dir: &Path, now: Timestamp) -> Result<Made> {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let mut files = plan(&name, now.to_zoned_datetime(TimeZone::UTC).date());
    let mut kept = Vec::new();
    if crate::config::load(&dir.join("site.toml"), Path::new("site.toml")).is_ok() {
        let has_seeds = std::fs::read_dir(dir.join("seeds")).is_ok_and(|mut d| d.next().is_some());
        let (there, missing): (Vec<Planned>, Vec<Planned>) = files.into_iter().partition(|f| {
            dir.join(&f.path).symlink_metadata().is_ok()
                || (has_seeds && f.path.starts_with("seeds"))
        });
        kept = there.into_iter().map(|f| f.path).filter(|p| dir.join(p).exists()).collect();
        files = missing;
    }
    super::write_all(dir, &files)?;
    Ok(Made { written: files, kept })
}

/// Every file of a new site named after its folder `name`, with samples dated `today`.
pub fn plan(name: &str, today: Date) -> Vec<Planned> {
    let mut files = vec![
        Planned::new("site.toml", site_toml(name)),
        Planned::new(".gitignore", GITIGNORE),
        Planned::new(
            WORKFLOW,
            super::workflow::pages(
                env!("CARGO_PKG_NAME"),
                env!("CARGO_PKG_VERSION"),
                super::workflow::Release::of_this_build(),
            ),
        ),
        Planned::new(
            format!("seeds/{today}-welcome.md"),
            WELCOME.replace("__DATE__", &today.to_string()),
        ),
        Planned::new(format!("seeds/{today}-harbor-ferry.txt"), WIRE),
        Planned::new("pages/about.md", ABOUT),
        Planned::new("pages/contact.md", CONTACT),
        Planned::new("pages/policies/corrections.md", CORRECTIONS),
        Planned::new("static/assets/style.css", STYLE),
    ];
    for (name, text) in BUILTIN {
        let name = name.strip_prefix("builtin/").unwrap_or(name);
        files.push(Planned::new(format!("templates/{name}"), *text));
    }
    files
}

/// site.toml for a digest in folder `name`: title and base URL made from the name.
fn site_toml(name: &str) -> String {
    let slug = crate::slugs::slugify(name, 60);
    let slug = if slug.is_empty() { "digest".to_string() } else { slug };
    let title: Vec<String> = slug.split('-').map(capitalise).collect();
    SITE_TOML
        .replace("__TITLE__", &toml_string(&title.join(" ")))
        .replace("__BASE_URL__", &toml_string(&format!("https://example.github.io/{slug}/")))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    fn file(plan: &[Planned], path: &str) -> String {
        plan.iter().find(|p| p.path == Path::new(path)).expect(path).text.clone()
    }

    #[test]
    fn site_toml_parses_and_names_the_folder() {
        let plan = plan("harbor-news", Date::constant(2025, 4, 21));
        let config =
            SiteConfig::from_toml(Path::new("site.toml"), file(&plan, "site.toml").as_bytes())
                .unwrap();
        assert_eq!(config.title, "Harbor News");
        assert_eq!(config.base_url, "https://example.github.io/harbor-news/");
    }

    /// Uncomments every `# key = value` line.
    fn uncomment(text: &str) -> String {
        let line = |l: &str| match l.strip_prefix("# ") {
            Some(rest) if rest.split_once(" = ").is_some_and(|(k, _)| !k.contains(' ')) => {
                rest.to_string()
            }
            _ => l.to_string(),
        };
        text.lines().map(|l| line(l) + "\n").collect()
    }

    /// The keys SiteConfig knows in `table` (None: the top level), from serde's own list.
    fn known_keys(table: Option<&str>) -> Vec<String> {
        let head = "title = \"T\"\nbase_url = \"https://x.org/\"\n";
        let text = match table {
            Some(t) => format!("{head}[{t}]\nzz_no_such_key = 1\n"),
            None => format!("{head}zz_no_such_key = 1\n"),
        };
        let err = toml::from_str::<SiteConfig>(&text).unwrap_err().to_string();
        let expected = err.split_once(", expected").expect(&err).1;
        expected.split('`').skip(1).step_by(2).map(String::from).collect()
    }

    #[test]
    fn every_key_is_documented_and_uncomments_to_a_valid_config() {
        let text = uncomment(&file(&plan("x", Date::constant(2025, 4, 21)), "site.toml"));
        let config = SiteConfig::from_toml(Path::new("site.toml"), text.as_bytes()).unwrap();
        assert_eq!(config.labels.get("home").map(String::as_str), Some("Today"));
        let doc: toml::Table = toml::from_str(&text).unwrap();
        for key in known_keys(None) {
            assert!(doc.contains_key(&key), "site.toml template lacks `{key}`");
        }
        let tables = [
            "markdown",
            "editions",
            "feeds",
            "search",
            "related",
            "images",
            "email",
            "publisher",
            "build",
            "deploy",
        ];
        for table in tables {
            for key in known_keys(Some(table)) {
                assert!(doc[table].get(&key).is_some(), "site.toml template lacks `{table}.{key}`");
            }
        }
    }

    #[test]
    fn copies_every_built_in_template() {
        let plan = plan("x", Date::constant(2025, 4, 21));
        for (name, text) in BUILTIN {
            let path = format!("templates/{}", name.strip_prefix("builtin/").unwrap());
            assert_eq!(file(&plan, &path), *text);
        }
    }
}
