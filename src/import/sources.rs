//! Which files of a peer site are carried over, and where each goes: posts and
//! collection documents into `seeds/`, standalone pages into `pages/`, static files
//! into `static/`. Every file left out is named, with the reason, grouped by folder
//! when a whole folder is the peer's own (layouts, includes, styles). Only lists;
//! `mod.rs` copies.

use super::Peer;
use super::languages::PeerLanguage;
use super::settings::Settings;
use crate::error::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a carried-over file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A post or a collection's document, read as an article.
    Post,
    /// A standalone page.
    Page,
    /// Copied as it is (a picture beside a post, a static file).
    File,
}

/// One file to carry over.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Its path in the peer site.
    pub from: PathBuf,
    /// Its path in the digest: `seeds/…`, `pages/…` or `static/…`.
    pub to: PathBuf,
    /// What it is.
    pub kind: Kind,
    /// The folder its old URL is worked out from (`_posts`, `_docs`, `content/en`).
    pub base: PathBuf,
    /// Jekyll's collection (`posts`, `docs`), else empty.
    pub collection: String,
    /// The folder the old site served the file's language from (`fr/`), empty for the
    /// default language's root.
    pub prefix: String,
    /// True when its name says its language (`a.fr.md`).
    pub named: bool,
    /// The text carried over when the import made it (a Jekyll HTML page rendered by
    /// Liquid, `liquid_pages.rs`); else the file's own is read.
    pub text: Option<String>,
}

impl Item {
    /// The path below its base folder, as the old URL is made from it.
    pub(super) fn rel(&self) -> &Path {
        self.from.strip_prefix(&self.base).unwrap_or(&self.from)
    }

    /// `url` in the folder the old site served this file's language from (`/blog/` ->
    /// `/fr/blog/`), unless it names that folder already.
    pub(super) fn in_folder(&self, url: &str) -> String {
        let bare = url.trim_start_matches('/');
        match self.prefix.as_str() {
            "" => url.to_string(),
            prefix if bare.starts_with(prefix) => url.to_string(),
            prefix => format!("/{prefix}{bare}"),
        }
    }

    /// `rel` without the language its name may carry (`posts/a.fr.md` -> `posts/a.md`),
    /// as the old URL is made from it.
    pub(super) fn plain_rel(&self) -> PathBuf {
        match self.named {
            true => super::languages::unnamed(self.rel()),
            false => self.rel().to_path_buf(),
        }
    }
}

/// The files to carry over, and one line for each file (or folder) left behind.
/// What `list` found: the files to carry over, where the pages left behind lead, and
/// one line for each file (or folder) left behind.
pub(super) struct Listed {
    pub items: Vec<Item>,
    pub leads: Vec<super::leads::Leads>,
    pub left: Vec<String>,
}

pub(super) fn list(peer: Peer, src: &Path, settings: &Settings) -> Result<Listed> {
    let mut out = Listing::default();
    let mut leads = Vec::new();
    let globals = (peer == Peer::Jekyll).then(|| super::liquid_pages::globals(src, settings));
    for rel in super::files(src)? {
        match (peer, &globals) {
            (Peer::Jekyll, Some(globals)) => {
                let bytes = crate::fs::read(&src.join(&rel))?;
                let fronted = bytes.starts_with(b"---");
                let text = String::from_utf8_lossy(&bytes);
                let mut led = false;
                if fronted && !super::is_markdown(&rel) && !first(&rel).starts_with('_') {
                    let lead = super::leads::jekyll(&rel, &text);
                    led = lead.is_some();
                    leads.extend(lead);
                }
                // A page that leads elsewhere keeps doing so; any other may render.
                let liquid = (!led).then_some((text.as_ref(), globals));
                out.jekyll(rel, (fronted, liquid), settings)
            }
            _ => out.content(peer, rel, settings),
        }
    }
    let items = std::mem::take(&mut out.items);
    Ok(Listed { items, leads, left: out.summary() })
}

/// A Jekyll file's text and the site's Liquid globals, when it may be rendered.
type Liquid<'a> = Option<(&'a str, &'a super::liquid_pages::Globals)>;

#[derive(Default)]
struct Listing {
    items: Vec<Item>,
    /// Folder (or file) -> (reason, files).
    left: BTreeMap<String, (String, usize)>,
}

impl Listing {
    fn add(&mut self, from: PathBuf, to: PathBuf, kind: Kind, base: &str) {
        let collection = base.trim_start_matches('_').to_string();
        let base = PathBuf::from(base);
        let (prefix, named) = (String::new(), false);
        self.items.push(Item { from, to, kind, base, collection, prefix, named, text: None });
    }

    fn leave(&mut self, what: String, why: &str) {
        self.left.entry(what).or_insert_with(|| (why.to_string(), 0)).1 += 1;
    }

    fn summary(self) -> Vec<String> {
        let line = |(what, (why, n)): (String, (String, usize))| match n {
            1 => format!("{what}: {why}"),
            n => format!("{what} ({n} files): {why}"),
        };
        self.left.into_iter().map(line).collect()
    }

    /// Jekyll: `_posts/` and every collection to seeds/, Markdown pages elsewhere to
    /// pages/, files without front matter to static/.
    /// `liquid` is the file's text and the site's Liquid globals, for an HTML page that
    /// may be rendered (none for one that leads elsewhere).
    fn jekyll(&mut self, rel: PathBuf, (fronted, liquid): (bool, Liquid), settings: &Settings) {
        let top = first(&rel);
        let shown = rel.display().to_string();
        let rest = |base: &str| rel.strip_prefix(base).unwrap_or(&rel).to_path_buf();
        let collection = top
            .strip_prefix('_')
            .filter(|c| *c == "posts" || settings.collections.iter().any(|k| k == c));
        if let Some(name) = collection {
            let to = match name {
                "posts" => Path::new("seeds").join(rest(top)),
                _ => Path::new("seeds").join(name).join(rest(top)),
            };
            let kind = if super::is_markdown(&rel) { Kind::Post } else { Kind::File };
            return self.add(rel.clone(), to, kind, top);
        }
        if rel == Path::new(settings.file.as_deref().unwrap_or(Path::new("_config.yml")))
            || ["Gemfile", "Gemfile.lock"].contains(&shown.as_str())
        {
            return self.leave(shown, CONFIGURATION);
        }
        if top.starts_with('_') {
            return self.leave(format!("{top}/"), jekyll_folder_reason(top));
        }
        if settings.exclude.iter().any(|e| shown == *e || top == e.trim_end_matches('/')) {
            return self.leave(shown, "excluded by _config.yml");
        }
        match (fronted, super::is_markdown(&rel)) {
            (true, true) => {
                let to = Path::new("pages").join(rel.strip_prefix("pages").unwrap_or(&rel));
                self.add(rel, to, Kind::Page, "");
            }
            (true, false) if is_feed(&rel) => self.leave(shown, "a feed Jekyll makes with Liquid: Broadsheet writes its own (atom.xml, feed.xml, feed.json)"),
            (true, false) => match self.rendered(&rel, liquid) {
                Ok(()) => {}
                Err(why) => self.leave(shown, &why),
            },
            (false, _) => self.add(rel.clone(), Path::new("static").join(&rel), Kind::File, ""),
        }
    }

    /// A Jekyll HTML page rendered by Liquid into `pages/` as a Markdown page of HTML
    /// (`pages/showcase.html` -> `pages/showcase.md`); the reason when it cannot be.
    fn rendered(&mut self, rel: &Path, liquid: Liquid) -> std::result::Result<(), String> {
        const LIQUID: &str = "a page or file Jekyll runs through Liquid (HTML, Sass)";
        let html = matches!(
            rel.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
            Some("html" | "htm")
        );
        let Some((text, globals)) = liquid.filter(|_| html) else {
            return Err(match html {
                // `leads.rs` found where it leads: the archive, a tag, its `redirect_to`.
                true => "a page Liquid builds from the site's posts, or a `redirect_to`: its old addresses lead on ([redirects] in site.toml)".into(),
                false => format!("{LIQUID}: rewrite it as a Markdown page in pages/"),
            });
        };
        let split = crate::content::front_matter::split(text)
            .map_err(|_| "its front matter is not closed: fix it and import again".to_string())?;
        let front = split.front.map_or("", |f| f.text);
        let fields = serde_saphyr::from_str::<crate::content::extra::Loose>(front)
            .map(|l| l.0)
            .unwrap_or_default();
        let text_of = |key: &str| fields.get(key).and_then(|n| n.as_text()).map(str::trim);
        let permalink = text_of("permalink");
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "404.html" || permalink == Some("/404.html") {
            return Err("the site's 404 page: Broadsheet writes its own (404.html)".into());
        }
        let home = permalink == Some("/") || rel == Path::new("index.html");
        let html = super::liquid_pages::render(globals, front, split.body).map_err(|e| {
            format!(
                "{LIQUID}, with what only Jekyll has ({e}): rewrite it as a Markdown page in pages/"
            )
        })?;
        let body = super::liquid_pages::as_markdown_body(&html).ok_or_else(|| {
            format!("{LIQUID}, with preformatted text: rewrite it as a Markdown page in pages/")
        })?;
        let title = text_of("title").unwrap_or("");
        self.carry(rel, (front, title, home), body);
        Ok(())
    }

    /// A rendered Jekyll page carried over: its text, `body`, in `pages/` under its own
    /// front matter, or (the `home` page) in `seeds/_index.md` under its title.
    fn carry(&mut self, rel: &Path, (front, title, home): (&str, &str, bool), body: String) {
        if home {
            // The home page's text introduces Broadsheet's front page (the root
            // `_index.md`), under its title if it has one; the news list stays ours.
            // JSON's quoting is YAML's: any title stays one line of text.
            let title = serde_json::to_string(title).unwrap_or_default();
            self.add(rel.to_path_buf(), PathBuf::from("seeds/_index.md"), Kind::File, "");
            let item = self.items.last_mut().expect("just added");
            item.text = Some(format!("---\ntitle: {title}\n---\n\n{body}"));
            return;
        }
        let to = Path::new("pages").join(rel.strip_prefix("pages").unwrap_or(rel));
        self.add(rel.to_path_buf(), to.with_extension("md"), Kind::Page, "");
        let item = self.items.last_mut().expect("just added");
        item.text = Some(format!("---\n{}\n---\n\n{body}", front.trim_end()));
    }

    /// Hugo and Zola: the content folder to seeds/ (its top-level pages to pages/),
    /// each language's own content folder beside it (its files named `a.fr.md`),
    /// `static/` to static/.
    fn content(&mut self, peer: Peer, rel: PathBuf, settings: &Settings) {
        let mut dirs = vec![(settings.content_dir.as_str(), None)];
        for lang in settings.languages.iter().skip(1) {
            if let Some(dir) = lang.content_dir.as_deref().filter(|d| *d != settings.content_dir) {
                dirs.push((dir, Some(lang)));
            }
        }
        for (dir, own) in dirs {
            if let Ok(inner) = rel.strip_prefix(dir) {
                let inner = inner.to_path_buf();
                return self.content_file(peer, (&rel, dir, inner), own, settings);
            }
        }
        let top = first(&rel);
        if top == "static" {
            let to = Path::new("static").join(rel.strip_prefix("static").unwrap_or(&rel));
            return self.add(rel, to, Kind::File, "static");
        }
        if top == "content" {
            let why =
                format!("outside the folder the {peer:?} site serves ({})", settings.content_dir);
            return self.leave(rel.display().to_string(), &why);
        }
        if peer.theirs().contains(&top) {
            return self.leave(
                format!("{top}/"),
                "the site's own templates, styles, data or themes: Broadsheet has its own",
            );
        }
        let why = match (settings.file.as_deref() == Some(rel.as_path()), rel.components().count())
        {
            (true, _) => CONFIGURATION,
            (false, 1) => "the site's project files (README, licence, build files)",
            _ => "not part of the published site",
        };
        let what = if rel.components().count() == 1 {
            rel.display().to_string()
        } else {
            format!("{top}/")
        };
        self.leave(what, why);
    }
}

impl Listing {
    /// One file of a content folder, `own` being the language whose folder it is.
    fn content_file(
        &mut self,
        peer: Peer,
        (rel, dir, inner): (&Path, &str, PathBuf),
        own: Option<&PeerLanguage>,
        settings: &Settings,
    ) {
        let markdown = super::is_markdown(&inner);
        let by_name = match own {
            None if markdown => super::languages::of_name(&inner, &settings.languages),
            _ => None,
        };
        if markdown && own.is_none() && by_name.is_none() && !settings.languages.is_empty() {
            // The build reads `x.de.md` as German: a language the peer does not publish
            // (or turned off) would stop it.
            if let Some(code) = crate::site::languages::suffix(&inner) {
                let why = format!(
                    "its name gives the language `{code}`, which the {peer:?} site does not publish; rename it without `.{code}` to publish it in the site's language"
                );
                return self.leave(rel.display().to_string(), &why);
            }
        }
        let page = inner.components().count() == 1
            && markdown
            && !crate::content::is_section_index(&inner);
        let named = match own {
            Some(lang) if markdown => super::languages::named(&inner, &lang.key),
            _ => inner.clone(),
        };
        let (kind, to) = match (page, markdown) {
            (true, _) => (Kind::Page, Path::new("pages").join(&named)),
            (false, true) => (Kind::Post, Path::new("seeds").join(&named)),
            (false, false) => (Kind::File, Path::new("seeds").join(&named)),
        };
        self.add(rel.to_path_buf(), to, kind, dir);
        let item = self.items.last_mut().expect("just added");
        // A file in no other language is the default's (in its folder, with Hugo's
        // `defaultContentLanguageInSubdir`).
        let default = settings.languages.first();
        item.prefix = own.or(by_name).or(default).map(|l| l.prefix.clone()).unwrap_or_default();
        item.named = by_name.is_some();
    }
}

/// Why the peer's configuration file stays behind although settings come from it.
const CONFIGURATION: &str = "the site's configuration: what Broadsheet has an equivalent of (title, base URL, language, time zone, permalinks, menus) is carried into site.toml, the rest is listed below";

/// Why a Jekyll `_folder/` that is no collection stays behind.
fn jekyll_folder_reason(top: &str) -> &'static str {
    match top {
        "_drafts" => "drafts are not published by Jekyll either; move the ones you want to _posts/",
        "_includes" => "Liquid includes: plain ones are inlined where posts include them",
        "_data" => {
            "data files: the HTML pages rendered at import read them; Broadsheet has no `site.data`"
        }
        _ => "the Jekyll site's own templates, styles, data or output: Broadsheet has its own",
    }
}

fn first(rel: &Path) -> &str {
    rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("")
}

/// A feed a peer makes with its templates (`atom.xml`, `feed.json`).
pub(super) fn is_feed(rel: &Path) -> bool {
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "rss" | "atom")
        || (ext == "xml" && !name.starts_with("sitemap"))
        || (ext == "json" && name.starts_with("feed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(collections: &[&str]) -> Settings {
        Settings {
            collections: collections.iter().map(|c| c.to_string()).collect(),
            content_dir: "content".into(),
            ..Settings::default()
        }
    }

    #[test]
    fn sorts_a_jekyll_site() {
        let mut l = Listing::default();
        let s = settings(&["docs"]);
        for (rel, fronted) in [
            ("_posts/2020-01-01-a.md", true),
            ("_docs/history.md", true),
            ("pages/team.md", true),
            ("index.html", true),
            ("img/logo.png", false),
            ("_layouts/a.html", true),
            ("_layouts/b.html", true),
        ] {
            l.jekyll(PathBuf::from(rel), (fronted, None), &s);
        }
        let to: Vec<String> = l.items.iter().map(|i| i.to.display().to_string()).collect();
        assert_eq!(
            to,
            [
                "seeds/2020-01-01-a.md",
                "seeds/docs/history.md",
                "pages/team.md",
                "static/img/logo.png"
            ]
        );
        let left = l.summary();
        assert!(left[0].starts_with("_layouts/ (2 files): "), "{left:?}");
        // No Liquid to run (`None`): the page leads elsewhere (`leads.rs`).
        assert!(
            left[1].starts_with("index.html: a page Liquid builds from the site's posts"),
            "{left:?}"
        );
    }

    #[test]
    fn serves_hugo_content_from_its_language_folder() {
        let mut l = Listing::default();
        let s = Settings { content_dir: "content/en".into(), ..Settings::default() };
        for rel in [
            "content/en/about.md",
            "content/en/functions/x.md",
            "content/LICENSE.md",
            "static/a.png",
        ] {
            l.content(Peer::Hugo, PathBuf::from(rel), &s);
        }
        let to: Vec<String> = l.items.iter().map(|i| i.to.display().to_string()).collect();
        assert_eq!(to, ["pages/about.md", "seeds/functions/x.md", "static/a.png"]);
        assert_eq!(l.items[1].rel(), Path::new("functions/x.md"));
        assert!(
            l.summary()[0].contains("content/LICENSE.md: outside the folder the Hugo site serves")
        );
    }
}
