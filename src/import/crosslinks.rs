//! Links between the pages of a peer site, rewritten at import as paths the build
//! resolves and checks: Jekyll's `post_url`, `link`, `site.baseurl`/`site.url`,
//! `relative_url`/`absolute_url` and other `site.*` values; Hugo's `ref`/`relref` and
//! `param`; Zola's `@/…` (section `_index.md` too); and links written against the
//! old site's URLs (`/functions/abs/`, `https://old.site/x/`). A page's link becomes
//! the path from the new file to the new file (`../docs/x.md`), which
//! `site/links.rs` resolves; a section's becomes its section page. Jekyll includes
//! of plain files in `_includes/`, and Hugo includes of headless content files
//! (`{{% include "/_common/x.md" %}}`), are inlined. A target that cannot be found is left
//! as written and named, with its file and line, in the report.

use crate::content::foreign::{self, Hook, Tag};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Where a link to an old page now points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A file of the digest (`seeds/x.md`, `pages/about.md`).
    File(PathBuf),
    /// A page of the new site, site-rooted (`/sections/docs.html`).
    Site(String),
}

impl Target {
    /// The target as site.toml's `[redirects]` names it: the file, or the site path.
    pub(super) fn written(&self) -> String {
        match self {
            Target::File(path) => path.to_string_lossy().replace('\\', "/"),
            Target::Site(path) => path.clone(),
        }
    }
}

/// Every page of the old site, by each name a link may use.
#[derive(Debug, Default)]
pub(super) struct Targets {
    /// Old URL paths, normalised (see `url_key`).
    pub by_url: HashMap<String, Target>,
    /// Each file's own old URL (not its aliases), normalised, with the file it is now.
    pub owned: HashMap<String, PathBuf>,
    /// Paths in the peer site, and below its content folder.
    pub by_source: HashMap<String, Target>,
    /// Jekyll post names (`2013-05-06-jekyll-1-0-0-released`), Hugo file names.
    pub by_name: HashMap<String, Target>,
    /// The old site's base URL (`https://jekyllrb.com/`), to recognise absolute links.
    pub base_url: String,
    /// `site.X` / `params.X` values.
    pub values: HashMap<String, String>,
    /// Plain include files (no template code), by name below `_includes/`.
    pub includes: HashMap<String, String>,
    /// Bodies of Hugo's headless content (`_common/x` without `.md`), which its
    /// `include` shortcodes inline.
    pub shared: HashMap<String, String>,
    /// Bodies of the pages a section shows in full (`sections::Listing`), by their
    /// entry's id, for Hugo's `glossary-term` shortcode, which shows one inside a page.
    pub terms: HashMap<String, String>,
    /// Every file carried over, by its path below its base folder.
    pub files: std::collections::HashSet<String>,
    /// Files of Hugo's `assets/` folder, by path below it.
    pub assets: std::collections::HashSet<String>,
    /// Files copied into `static/`, by path below it (`img/logo.png`).
    pub statics: std::collections::HashSet<String>,
    /// A Zola site's own shortcodes, run at import.
    pub shortcodes: Option<super::site_shortcodes::Shortcodes>,
    /// The report's lines on the site's shortcodes that cannot run at import.
    pub unrunnable: Vec<String>,
    /// The site's language, for shortcodes of pages not named by language.
    pub language: String,
    /// Heading ids as the peer made them, where ours differ, by file in the digest
    /// (Zola's `d-amplada` for "d'amplada", which is our `damplada`).
    pub anchors: HashMap<PathBuf, HashMap<String, String>>,
}

/// A link that names nothing the import carried over.
pub(super) struct Dangling {
    /// Line in the file.
    pub line: usize,
    /// The link as written.
    pub link: String,
}

/// One file being rewritten.
pub(super) struct Rewrite<'a> {
    pub targets: &'a Targets,
    /// The file's path in the peer site.
    pub from: &'a Path,
    /// The file's path in the digest.
    pub to: &'a Path,
    /// Line of the body's first line in the file.
    pub body_line: usize,
    /// The URL the file had, for links written relative to it (`../ubuntu/`).
    pub old_url: Option<&'a str>,
    /// Files of the peer site's `assets/` that pictures name (Hugo's global
    /// resources), to copy into `static/`.
    pub assets: Vec<String>,
    pub dangling: Vec<Dangling>,
    /// Site shortcodes that could not be run, with why (in `link`).
    pub unrun: Vec<Dangling>,
    /// Links left out, their text kept, whose target was template code (in `link`).
    pub unlinked: Vec<Dangling>,
    /// Calls of each site shortcode so far (Zola's `nth`).
    pub calls: HashMap<String, usize>,
}

impl<'a> Rewrite<'a> {
    /// A rewrite of the file `from` of the peer site, now `to`, whose body starts on
    /// line `body_line`, once at `old_url`.
    pub(super) fn new(
        targets: &'a Targets,
        (from, to): (&'a Path, &'a Path),
        body_line: usize,
        old_url: Option<&'a str>,
    ) -> Self {
        Rewrite {
            targets,
            from,
            to,
            body_line,
            old_url,
            assets: Vec::new(),
            dangling: Vec::new(),
            unrun: Vec::new(),
            unlinked: Vec::new(),
            calls: HashMap::new(),
        }
    }

    /// The body with every link form rewritten.
    pub(super) fn body(&mut self, body: &str) -> String {
        let tags = foreign::resolve(body, self);
        let (tags, unlinked) = super::template_links::unlink(&tags);
        for (line, link) in unlinked {
            self.unlinked.push(Dangling { line: self.body_line + line - 1, link });
        }
        destinations(&tags, self)
    }

    fn missing(&mut self, line: usize, link: &str) {
        self.dangling.push(Dangling { line: self.body_line + line - 1, link: link.to_string() });
    }

    /// The link from this file to `target`, `#anchor` kept (as we name the heading).
    fn href(&self, target: &Target, anchor: &str) -> String {
        let (path, anchor) = match target {
            Target::File(to) => (relative(self.to, to), self.anchor_in(to, anchor)),
            Target::Site(path) => (path.clone(), anchor.to_string()),
        };
        format!("{}{anchor}", path.replace(' ', "%20"))
    }

    /// `#anchor` of a heading of the file `to` as the build names it.
    fn anchor_in(&self, to: &Path, anchor: &str) -> String {
        let named = anchor.strip_prefix('#').filter(|a| !a.is_empty());
        let ours = named.and_then(|a| self.targets.anchors.get(to)?.get(a));
        ours.map_or_else(|| anchor.to_string(), |ours| format!("#{ours}"))
    }

    /// A peer-site path (`_docs/x.md`, Hugo's `/functions/x`, `x.md` beside this one).
    fn find_source(&self, path: &str) -> Option<&Target> {
        let t = self.targets;
        let path = path.trim();
        let here = self.from.parent().unwrap_or(Path::new(""));
        let beside = normal(&here.join(path));
        let plain = path.trim_start_matches('/').trim_end_matches('/');
        let candidates = [
            plain.to_string(),
            format!("{plain}.md"),
            format!("{plain}/_index.md"),
            format!("{plain}/index.md"),
            beside.clone(),
        ];
        candidates.iter().find_map(|c| t.by_source.get(c)).or_else(|| {
            t.by_name.get(plain.rsplit('/').next().unwrap_or(plain).trim_end_matches(".md"))
        })
    }

    /// A link destination as an old URL, `@/` path or `.md` path, if it names a page.
    fn destination(&self, dest: &str) -> Option<Result<String, ()>> {
        let (path, anchor) = dest.split_at(dest.find('#').unwrap_or(dest.len()));
        if let Some(inner) = path.strip_prefix("@/") {
            return Some(self.find_source(inner).map(|t| self.href(t, anchor)).ok_or(()));
        }
        if path.ends_with(".md") && !path.contains("://") {
            return self.find_source(path).map(|t| Ok(self.href(t, anchor)));
        }
        let by_url = |url: &str| {
            url_key(url, &self.targets.base_url).and_then(|k| self.targets.by_url.get(&k))
        };
        if path.starts_with('/') || path.contains("://") {
            return by_url(path).map(|t| Ok(self.href(t, anchor)));
        }
        let file = Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_empty() && !anchor.is_empty() {
            let here = self.anchor_in(self.to, anchor);
            return (here != anchor).then_some(Ok(here));
        }
        if path.is_empty() || path.contains(':') {
            return None;
        }
        if file.contains('.') {
            // A static file named relative to the old URL (`../../img/x.png`) is named
            // from the site root, where the build serves `static/`, so it holds under a
            // subpath and at the page's new URL alike.
            let joined = self.against_old_url(path)?;
            let found = self.targets.statics.contains(&joined);
            return found.then(|| Ok(format!("/{}{anchor}", joined.replace(' ', "%20"))));
        }
        // Relative to the old page's URL, else (as Hugo's GetPage does) to the page's
        // folder or the root.
        let joined = self.against_old_url(path).map(|p| format!("/{p}"));
        let found = joined.as_deref().and_then(by_url).or_else(|| self.beside(path));
        let found = found.or_else(|| by_url(&format!("/{path}")));
        found.map(|t| Ok(self.href(t, anchor)))
    }

    /// The page `path` names in the source folder of this one (`multilingual/` from
    /// `content-management/menus.md` is `content-management/multilingual.md`).
    fn beside(&self, path: &str) -> Option<&Target> {
        let here = self.from.parent().unwrap_or(Path::new(""));
        let beside = normal(&here.join(path));
        let candidates =
            [format!("{beside}.md"), format!("{beside}/_index.md"), format!("{beside}/index.md")];
        candidates.iter().find_map(|c| self.targets.by_source.get(c))
    }

    /// A file named where it is not, that lies beside the page (a theme's README
    /// copied into Zola's docs shows `/screenshot.png` or GitHub's
    /// `../master/screenshot.png?raw=true`, and the peer's template showed the
    /// `screenshot.png` beside the page): named beside it.
    fn beside_file(&self, dest: &str) -> Option<String> {
        if dest.contains(':') || dest.starts_with('#') {
            return None;
        }
        let path = dest.split(['?', '#']).next()?;
        let name = path.rsplit('/').next()?;
        if !name.contains('.') || name == path {
            return None;
        }
        let here = self.from.parent().unwrap_or(Path::new(""));
        let files = &self.targets.files;
        // A link to a file that is there (`../b/cover.jpg`) is no README's mistake.
        if files.contains(&normal(&here.join(path))) {
            return None;
        }
        files.contains(&normal(&here.join(name))).then(|| name.to_string())
    }

    /// A relative `path` resolved against the old page's URL, as a browser did:
    /// `/a/b/` + `../x` is `a/x`; `/a/b.html` + `x` is `a/x`.
    fn against_old_url(&self, path: &str) -> Option<String> {
        let url = self.old_url?;
        let folder = if url.ends_with('/') { url } else { &url[..=url.rfind('/')?] };
        Some(normal(&Path::new(folder).join(path)))
    }

    /// hugoDocs' `glossary-term`: the definition of the term it names, shown inside a page.
    fn term(&self, args: &str) -> Option<String> {
        let term = crate::slugs::slugify(args.trim_matches(['"', '\'']), 100);
        self.targets.terms.get(&term).cloned()
    }

    /// Hugo's documentation links terms as `[term](g)`: an entry of its glossary page,
    /// found as its render hook finds it (the term as written, in the singular), or as
    /// a form of a word another term is (`chaining` is `chain`, `localized` is
    /// `localization`).
    fn glossary(&self, text: &str) -> Option<String> {
        let t = self.targets;
        let find = |s: &str| {
            let target = t.by_url.get(&format!("/quick-reference/glossary/{s}"))?;
            Some(self.href(target, ""))
        };
        let plain: String =
            text.chars().filter(|c| !matches!(c, '`' | '*' | '_')).collect::<String>();
        let slug = crate::slugs::slugify(&plain, 200);
        let packed: String = slug.chars().filter(|c| *c != '-').collect();
        let forms = word_forms(&slug).into_iter().chain([packed]);
        forms.into_iter().find_map(|s| find(&s)).or_else(|| {
            // The one term the word's stem begins (`localiz` for `localization`).
            let stem = stem(&slug).unwrap_or_else(|| slug.trim_end_matches('e').to_string());
            let stem = Some(stem).filter(|s| s.len() >= 5)?;
            let prefix = format!("/quick-reference/glossary/{stem}");
            let mut found = t.by_url.iter().filter(|(k, _)| k.starts_with(&prefix));
            let (_, target) = found.next().filter(|_| found.next().is_none())?;
            Some(self.href(target, ""))
        })
    }
}

/// A word as written and in the forms a dictionary entry takes: singular (`taxonomies`,
/// `aliases`, `pages`), and without `-ing`/`-ed` (`walking`, `interleaved`, with the
/// `e` they dropped).
fn word_forms(slug: &str) -> Vec<String> {
    let mut out = vec![slug.to_string()];
    if let Some(base) = slug.strip_suffix("ies") {
        out.push(format!("{base}y"));
    }
    if let Some(base) = slug.strip_suffix("es") {
        out.push(base.to_string());
    }
    if let Some(base) = slug.strip_suffix('s') {
        out.push(base.to_string());
    }
    if let Some(base) = stem(slug) {
        out.push(format!("{base}e"));
        out.push(base);
    }
    out
}

/// The word without `-ing`, `-ed` or `-d` (`paginating` → `paginat`).
fn stem(slug: &str) -> Option<String> {
    ["ing", "ed", "d"].iter().find_map(|end| slug.strip_suffix(end)).map(String::from)
}

impl Hook for Rewrite<'_> {
    fn block(&mut self, tag: &Tag, body: &str, line: usize) -> Option<String> {
        self.site_shortcode(tag, Some(body), line)
    }

    fn replace(&mut self, tag: &Tag, line: usize) -> Option<String> {
        let zola = !tag.text.starts_with("{{<") && !tag.text.starts_with("{{%");
        let site =
            (zola && tag.text.starts_with("{{")).then(|| self.site_shortcode(tag, None, line));
        site.flatten().or_else(|| self.link_or_value(tag, line))
    }
}

impl Rewrite<'_> {
    /// What a peer's link, value, include or picture tag becomes.
    fn link_or_value(&mut self, tag: &Tag, line: usize) -> Option<String> {
        let (name, args) = (tag.name, tag.args.trim());
        let filters = args.contains("relative_url") || args.contains("absolute_url");
        let found = |r: &Self, t: Option<&Target>, anchor: &str| t.map(|t| r.href(t, anchor));
        let text = match name {
            "post_url" => found(self, self.targets.by_name.get(args.rsplit('/').next()?), ""),
            "link" => found(self, self.targets.by_source.get(args.trim_start_matches('/')), ""),
            "ref" | "relref" => {
                let path = ref_path(args)?;
                let (path, anchor) = path.split_at(path.find('#').unwrap_or(path.len()));
                found(self, self.find_source(path), anchor)
            }
            "site.baseurl" | "site.url" | "site.BaseURL" | ".Site.BaseURL" => Some(String::new()),
            "param" | ".Site.Params" => self.targets.values.get(args.trim_matches('"')).cloned(),
            "include" => {
                let name = args.split_whitespace().next()?.trim_matches(['"', '\'']);
                let t = self.targets;
                let shared =
                    |n: &str| t.shared.get(n.trim_start_matches('/').trim_end_matches(".md"));
                return t.includes.get(name).or_else(|| shared(name)).cloned();
            }
            "figure" | "img" | "imgproc" => return self.global_picture(tag),
            "glossary-term" => return self.term(args),
            "resize_image" | "image" => {
                let path = foreign::arg(args, "path")?;
                return Some(tag.text.replacen(path, &format!("@/{path}"), 1));
            }
            // `relative_url` makes a path from the site's root, as the build reads it.
            _ if name.starts_with(['"', '\'']) && filters => Some(site_url(name)),
            _ => {
                let key =
                    name.strip_prefix(".Site.Params.").map_or(name.to_string(), |k| k.to_string());
                return self.targets.values.get(&key).cloned();
            }
        };
        if text.is_none() && matches!(name, "post_url" | "link" | "ref" | "relref") {
            self.missing(line, tag.text);
            return Some(ref_path(args).unwrap_or(args).to_string());
        }
        text
    }
}

impl Rewrite<'_> {
    /// A Zola site's own shortcode called by `tag` (`{{ name(…) }}`, or a block opening
    /// with `body`), run; `None` when the site has no such shortcode or it cannot run
    /// (then noted for the report).
    fn site_shortcode(&mut self, tag: &Tag, body: Option<&str>, line: usize) -> Option<String> {
        let shortcodes = self.targets.shortcodes.as_ref()?;
        let called = tag.text.contains(&format!("{}(", tag.name));
        if !called || !shortcodes.knows(tag.name) {
            return None;
        }
        let nth = self.calls.entry(tag.name.to_string()).or_default();
        *nth += 1;
        let stem = self.from.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let lang = match stem.rsplit_once('.') {
            Some((_, code)) if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) => {
                code
            }
            _ => self.targets.language.as_str(),
        };
        let call = super::site_shortcodes::Call { page: self.from, lang, nth: *nth };
        match shortcodes.render(tag.name, tag.args, body, &call) {
            Ok(out) => Some(out),
            Err(why) => {
                let line = self.body_line + line - 1;
                let link = format!("`{}` could not be run ({why})", tag.name);
                self.unrun.push(Dangling { line, link });
                None
            }
        }
    }

    /// A Hugo picture shortcode naming a global resource (a file of `assets/`, not one
    /// beside the page): the file is copied to `static/` and named from the root.
    fn global_picture(&mut self, tag: &Tag) -> Option<String> {
        let src = foreign::arg(tag.args, "src").or_else(|| foreign::arg(tag.args, "path"))?;
        let local = self.from.parent().unwrap_or(Path::new("")).join(src);
        let beside = self.targets.files.contains(&normal(&local));
        if beside || src.starts_with('/') || !self.targets.assets.contains(src) {
            return None;
        }
        self.assets.push(src.to_string());
        Some(tag.text.replacen(src, &format!("/{src}"), 1))
    }
}

/// What Jekyll's `relative_url` makes of the quoted `name`: a path from the site's root
/// (`/404.html`), an absolute URL left as it is.
fn site_url(name: &str) -> String {
    let url = name.trim_matches(['"', '\'']);
    match url.contains("://") {
        true => url.to_string(),
        false => format!("/{}", url.trim_start_matches('/')),
    }
}

/// Hugo's `ref` target: the first argument or `path=`, unquoted.
fn ref_path(args: &str) -> Option<&str> {
    let named = args.find("path=").map(|i| &args[i + 5..]);
    let first = named.unwrap_or(args).split_whitespace().next()?;
    Some(first.trim_matches(['"', '\'']))
}

/// An old URL as a lookup key: its site path, lower-cased, without `index.html`,
/// `.html` or the final `/`; `None` for other sites' links.
pub(super) fn url_key(url: &str, base_url: &str) -> Option<String> {
    let base = base_url.trim_end_matches('/');
    let host_end =
        base.find("://").map(|i| base[i + 3..].find('/').map_or(base.len(), |j| i + 3 + j));
    let (origin, base_path) = host_end.map_or(("", base), |e| base.split_at(e));
    let path = if let Some(rest) = url.strip_prefix(origin).filter(|_| !origin.is_empty()) {
        rest
    } else if url.contains("://") {
        return None;
    } else {
        url
    };
    let path = path.strip_prefix(base_path).filter(|_| !base_path.is_empty()).unwrap_or(path);
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let path = path.split('?').next().unwrap_or(path);
    let path = path.trim_end_matches("index.html").trim_end_matches(".html").trim_end_matches('/');
    Some(path.to_lowercase())
}

/// The relative path from the file `from` to the file `to` (both below the digest).
pub(super) fn relative(from: &Path, to: &Path) -> String {
    let from_dir: Vec<Component> =
        from.parent().map(|p| p.components().collect()).unwrap_or_default();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from_dir.len() - common];
    parts.extend(to_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// `a/./b/../c` as `a/c`.
fn normal(path: &Path) -> String {
    let mut out: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out.join("/")
}

/// Rewrites the destinations of Markdown links, reference definitions, `href`s and
/// `src`s outside code; a `@/` link naming nothing is reported.
fn destinations(text: &str, r: &mut Rewrite) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line, code) in super::template_links::lines(text) {
        match code {
            true => out.push_str(line),
            false => out.push_str(&relink_line(line, n, r)),
        }
    }
    out
}

/// One line, code spans left alone.
fn relink_line(line: &str, n: usize, r: &mut Rewrite) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let done = relink_part(part, n, r, &out);
        out.push_str(&done);
    }
    out
}

/// A part of a line outside code spans; `before` is the line's rewritten text before
/// it, where a link's text may begin (`[`float`](g)`).
fn relink_part(part: &str, n: usize, r: &mut Rewrite, before: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    let openers = ["](", "]: ", "href=\"", "src=\""];
    while let Some((at, open)) = openers.iter().filter_map(|o| rest.find(o).map(|i| (i, *o))).min()
    {
        let start = at + open.len();
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let len = tail.find([' ', ')', '>', '"', '\n']).unwrap_or(tail.len());
        let dest = &tail[..len];
        let glossary = (dest == "g" && open == "](")
            .then(|| {
                let line = format!("{before}{out}");
                let text = line.rfind('[').map_or("", |i| &line[i + 1..line.len() - 2]);
                r.glossary(text)
            })
            .flatten();
        match glossary.map(Ok).or_else(|| r.destination(dest)) {
            Some(Ok(new)) => out.push_str(&new),
            Some(Err(())) => {
                r.missing(n, dest);
                out.push_str(dest);
            }
            None => out.push_str(r.beside_file(dest).as_deref().unwrap_or(dest)),
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let mut t = Targets { base_url: "https://jekyllrb.com/".into(), ..Targets::default() };
        let file = |p: &str| Target::File(PathBuf::from(p));
        t.by_name.insert(
            "2013-05-06-jekyll-1-0-0-released".into(),
            file("seeds/2013-05-06-jekyll-1-0-0-released.markdown"),
        );
        t.by_source.insert("_docs/history.md".into(), file("seeds/docs/history.md"));
        t.by_source.insert(
            "documentation/_index.md".into(),
            Target::Site("/sections/documentation.html".into()),
        );
        t.by_url.insert("/docs/installation".into(), file("seeds/docs/installation.md"));
        t.values.insert("site.repository".into(), "https://github.com/jekyll/jekyll".into());
        t.statics.insert("img/logo.png".into());
        t.files.insert("_docs/shot.png".into());
        t.files.insert("_docs/other/shot.png".into());
        let zola_ids = |pairs: &[(&str, &str)]| {
            pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
        };
        t.anchors.insert("seeds/docs/history.md".into(), zola_ids(&[("d-amplada", "damplada")]));
        t.anchors.insert("seeds/docs/usage.md".into(), zola_ids(&[("l-index", "lindex")]));
        t
    }

    fn rewrite(body: &str) -> (String, Vec<(usize, String)>) {
        let t = targets();
        let paths = (Path::new("_docs/usage.md"), Path::new("seeds/docs/usage.md"));
        let mut r = Rewrite::new(&t, paths, 1, Some("/docs/usage/"));
        let out = r.body(body);
        (out, r.dangling.into_iter().map(|d| (d.line, d.link)).collect())
    }

    #[test]
    fn finds_a_glossary_term_in_the_forms_hugo_docs_link_it() {
        let mut t = targets();
        for term in ["chain", "localization", "taxonomy", "cicd", "float", "alias", "interleave"] {
            let entry = Target::Site(format!("/sections/glossary.html#{term}"));
            t.by_url.insert(format!("/quick-reference/glossary/{term}"), entry);
        }
        let paths = (Path::new("content/en/functions/x.md"), Path::new("seeds/functions/x.md"));
        let r = Rewrite::new(&t, paths, 1, None);
        let entry =
            |text: &str| r.glossary(text).map(|h| h.rsplit('#').next().unwrap().to_string());
        for (text, term) in [
            ("chaining", "chain"),
            ("localized", "localization"),
            ("localize", "localization"),
            ("taxonomies", "taxonomy"),
            ("CI/CD", "cicd"),
            ("`float`", "float"),
            ("_aliases_", "alias"),
            ("interleaved", "interleave"),
        ] {
            assert_eq!(entry(text).as_deref(), Some(term), "{text}");
        }
        assert_eq!(entry("unheard"), None);
    }

    #[test]
    fn translates_jekyll_links() {
        let (out, missing) = rewrite(
            "[1.0]({% post_url 2013-05-06-jekyll-1-0-0-released %}) and [h]({% link\n  _docs/history.md %}).\n[i]({{ site.baseurl }}/docs/installation/#gems) [r]({{ site.repository }}/issues/1)\n[x]({{ '/docs/installation/' | relative_url }})\n`{% link _docs/history.md %}`\n",
        );
        assert_eq!(
            out,
            "[1.0](../2013-05-06-jekyll-1-0-0-released.markdown) and [h](history.md).\n[i](installation.md#gems) [r](https://github.com/jekyll/jekyll/issues/1)\n[x](installation.md)\n`{% link _docs/history.md %}`\n"
        );
        assert!(missing.is_empty());
    }

    #[test]
    fn translates_raw_html_links_to_old_urls() {
        let (out, _) = rewrite(
            "<p>See <a href=\"/docs/installation/\">it</a>, <a href=\"{{ '/docs/installation/#x' | relative_url }}\">this</a> and <a href=\"/elsewhere/\">that</a>.</p>\n",
        );
        assert_eq!(
            out,
            "<p>See <a href=\"installation.md\">it</a>, <a href=\"installation.md#x\">this</a> and <a href=\"/elsewhere/\">that</a>.</p>\n"
        );
        // A picture named relative to the old URL (/docs/usage/) is named from the root,
        // as the build serves static/, so it holds under a subpath too.
        let (out, _) =
            rewrite("<img src=\"../../img/logo.png\" alt=\"\"> <img src=\"cover.jpg\">\n");
        assert_eq!(out, "<img src=\"/img/logo.png\" alt=\"\"> <img src=\"cover.jpg\">\n");
    }

    #[test]
    fn names_missing_targets_with_their_line() {
        let (out, missing) = rewrite("Text\n[a]({% link _docs/gone.md %})\n");
        assert_eq!(out, "Text\n[a](_docs/gone.md)\n");
        assert_eq!(missing, [(2, "{% link _docs/gone.md %}".to_string())]);
    }

    #[test]
    fn translates_zola_section_links_and_old_urls() {
        let (out, missing) = rewrite(
            "[d](@/documentation/_index.md#a) [o](https://jekyllrb.com/docs/installation/) [g](@/gone.md)\n",
        );
        assert_eq!(
            out,
            "[d](/sections/documentation.html#a) [o](installation.md) [g](@/gone.md)\n"
        );
        assert_eq!(missing, [(1, "@/gone.md".to_string())]);
    }

    #[test]
    fn finds_a_relative_link_beside_the_page_as_hugo_does() {
        // hugoDocs' menus page links `multilingual/#menus`, its sibling.
        let (out, missing) = rewrite("[l](history/#a) [m](nowhere/)\n");
        assert_eq!(out, "[l](history.md#a) [m](nowhere/)\n");
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn names_a_file_beside_the_page_where_a_readme_named_it_elsewhere() {
        let (out, _) =
            rewrite("![s](/shot.png) ![t](../master/shot.png?raw=true) ![g](/gone.png)\n");
        assert_eq!(out, "![s](shot.png) ![t](shot.png) ![g](/gone.png)\n");
    }

    #[test]
    fn translates_zola_heading_anchors_to_ours() {
        let (out, missing) = rewrite(
            "[a](@/_docs/history.md#d-amplada) [b](#l-index) [c](#kept) [d](@/_docs/history.md#other)\n",
        );
        assert_eq!(out, "[a](history.md#damplada) [b](#lindex) [c](#kept) [d](history.md#other)\n");
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn names_static_files_from_the_root_not_the_old_url() {
        // Written against the old URL /docs/usage/: two levels up is the site root.
        let (out, _) =
            rewrite("![l](../../img/logo.png) ![m](../../img/gone.png) ![b](shot.png)\n");
        assert_eq!(out, "![l](/img/logo.png) ![m](../../img/gone.png) ![b](shot.png)\n");
    }

    #[test]
    fn keys_old_urls() {
        assert_eq!(url_key("/Functions/X/", "https://gohugo.io/").as_deref(), Some("/functions/x"));
        assert_eq!(
            url_key("https://gohugo.io/a/index.html", "https://gohugo.io/").as_deref(),
            Some("/a")
        );
        assert_eq!(url_key("https://other.org/a/", "https://gohugo.io/"), None);
        assert_eq!(url_key("/b/x/", "https://h.io/b/").as_deref(), Some("/x"));
        assert_eq!(url_key("x.md", "https://h.io/"), None);
    }

    #[test]
    fn makes_relative_paths() {
        assert_eq!(relative(Path::new("seeds/a/b.md"), Path::new("seeds/c.md")), "../c.md");
        assert_eq!(
            relative(Path::new("pages/about.md"), Path::new("seeds/a/x.md")),
            "../seeds/a/x.md"
        );
        assert_eq!(relative(Path::new("seeds/a.md"), Path::new("seeds/b.md")), "b.md");
    }
}
