//! A Zola site's own shortcodes (`templates/shortcodes/*.html` and `*.md`, the theme's
//! under the site's), run through Tera at import so a page keeps what they stood for:
//! `{{ name(key="value") }}` becomes the template's output, and `{% name(…) %}body{% end %}`
//! too, with `body` given. They see what Zola gives them: their arguments, `body`,
//! `nth`, `lang`, `page.colocated_path` and `config` (the site's `config.toml`, `extra`
//! included), and the Zola functions and filters they call most: `get_url`,
//! `get_image_metadata`, `get_random`, `markdown`, `trim_start_matches`,
//! `trim_end_matches` and `slugify`. A shortcode that needs more (`load_data`,
//! `get_page`…), or that Tera 2 cannot read, is left as written and named in the report.

mod tera_one;

use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use tera::{Kwargs, State, Tera};

/// The peer site's shortcodes, ready to run.
pub(super) struct Shortcodes {
    tera: Tera,
    /// Names with the extension of their template (`.html` output is HTML, `.md`
    /// Markdown).
    names: BTreeMap<String, String>,
    config: Json,
}

impl std::fmt::Debug for Shortcodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Shortcodes {:?}", self.names.keys().collect::<Vec<_>>())
    }
}

/// Where a shortcode is called from.
pub(super) struct Call<'a> {
    /// The page's path below the peer's content folder (`blog/post/index.md`).
    pub page: &'a Path,
    /// The page's language.
    pub lang: &'a str,
    /// How many times this shortcode was called on the page so far, this one included.
    pub nth: usize,
}

impl Shortcodes {
    /// The shortcodes of the Zola site at `src` (content in `content_dir`), its theme's
    /// first (`None` when it has none), and the report's lines on those Tera 2 cannot
    /// read.
    pub(super) fn load(src: &Path, content_dir: &str) -> (Option<Shortcodes>, Vec<String>) {
        let config: Json = crate::fs::read(&src.join("config.toml"))
            .ok()
            .and_then(|b| toml::from_str::<toml::Value>(&String::from_utf8_lossy(&b)).ok())
            .and_then(|v| serde_json::to_value(v).ok())
            .unwrap_or(Json::Null);
        let mut dirs = Vec::new();
        if let Some(theme) = config.get("theme").and_then(Json::as_str) {
            dirs.push(src.join("themes").join(theme).join("templates/shortcodes"));
        }
        dirs.push(src.join("templates/shortcodes"));
        let mut tera = Tera::default();
        tera.autoescape_on(Vec::<&'static str>::new());
        register(&mut tera, src.to_path_buf(), src.join(content_dir));
        let mut names = BTreeMap::new();
        let mut unrunnable = Vec::new();
        for (shown, name, text) in templates(src, &dirs) {
            let Some((stem, ext)) = name.rsplit_once('.') else { continue };
            // A template Tera 2 cannot read stays a shortcode nobody knows.
            let text = tera_one::tera_two(&text);
            match tera.add_raw_template(&format!("shortcodes/{name}"), &text) {
                Ok(()) => {
                    names.insert(stem.to_string(), ext.to_string());
                }
                Err(e) => unrunnable.push(format!(
                    "{shown}: a shortcode that cannot run at import ({}); pages show its \
                     calls as written",
                    first_line(&error_text(&e))
                )),
            }
        }
        let loaded = (!names.is_empty()).then_some(Shortcodes { tera, names, config });
        (loaded, unrunnable)
    }

    /// True when the site has a shortcode called `name`.
    pub(super) fn knows(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The output of the shortcode `name` called with `args` (as written between its
    /// parentheses) and, for a block, `body`; the reason when it cannot be run.
    pub(super) fn render(
        &self,
        name: &str,
        args: &str,
        body: Option<&str>,
        call: &Call,
    ) -> Result<String, String> {
        let ext = self.names.get(name).ok_or_else(|| format!("no shortcode `{name}`"))?;
        let args = parse_args(args).ok_or_else(|| format!("cannot read the arguments `{args}`"))?;
        let mut context = tera::Context::new();
        for (key, value) in &args {
            context.insert(key.clone(), value);
        }
        context.insert("body", body.unwrap_or(""));
        context.insert("nth", &call.nth);
        context.insert("lang", call.lang);
        context.insert("config", &self.config);
        let page_dir = call.page.parent().unwrap_or(Path::new(""));
        let dir = page_dir.to_string_lossy().replace('\\', "/");
        let bundle = call
            .page
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == "index.md" || n.starts_with("index."));
        let colocated = if bundle && !dir.is_empty() { format!("{dir}/") } else { String::new() };
        let mut page = serde_json::Map::new();
        page.insert("colocated_path".into(), Json::String(colocated));
        page.insert("lang".into(), Json::String(call.lang.to_string()));
        context.insert("page", &page);
        context.insert("__page_dir", &dir);
        let out = self
            .tera
            .render(&format!("shortcodes/{name}.{ext}"), &context)
            .map_err(|e| error_text(&e))?;
        Ok(match ext.as_str() {
            // One HTML block: a blank line inside would end it in Markdown (but in
            // preformatted text, whose blank lines are its own).
            "html" if !out.contains("<pre") => {
                out.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
            }
            _ => out,
        })
    }
}

/// The shortcode templates (`.html`, `.md`) of the folders `dirs` of the site at `src`:
/// each as the report names it, its file name and its text.
fn templates(src: &Path, dirs: &[PathBuf]) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in crate::fs::list(dir).unwrap_or_default() {
            let name = entry.to_string_lossy().to_string();
            if !(name.ends_with(".html") || name.ends_with(".md")) {
                continue;
            }
            let Ok(bytes) = crate::fs::read(&dir.join(&name)) else { continue };
            let shown = dir.strip_prefix(src).unwrap_or(dir).join(&name);
            let shown = shown.to_string_lossy().replace('\\', "/");
            found.push((shown, name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    found
}

/// What a Tera error says first (`Unknown function `load_data``), without its excerpt.
fn first_line(text: &str) -> String {
    let said = text.split(" --> ").next().unwrap_or(text);
    said.trim_start_matches("error: ").trim().to_string()
}

/// The error and its causes, on one line.
fn error_text(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Zola functions and filters shortcodes call most, for the site at `root` whose
/// content is in `content`.
fn register(tera: &mut Tera, root: PathBuf, content: PathBuf) {
    let statics = root.join("static");
    let (content_a, statics_a) = (content.clone(), statics.clone());
    tera.register_function("get_url", move |kwargs: Kwargs, state: &State| {
        let path = kwargs.must_get::<String>("path")?;
        let page_dir = state.get::<String>("__page_dir")?.unwrap_or_default();
        Ok::<_, tera::Error>(url_of(&path, &page_dir, &content_a, &statics_a))
    });
    tera.register_function("get_image_metadata", move |kwargs: Kwargs, _: &State| {
        let path = kwargs.must_get::<String>("path")?;
        let allow_missing = kwargs.get::<bool>("allow_missing")?.unwrap_or(false);
        let path = path.trim_start_matches("@/").trim_start_matches('/');
        if leaves(path) {
            return Err(tera::Error::message(format!("`{path}` leads outside the site")));
        }
        let found = [content.join(path), statics.join(path)]
            .into_iter()
            .find_map(|file| image::image_dimensions(&file).ok());
        match found {
            Some((width, height)) => {
                let format = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
                Ok(tera::Value::from_serializable(
                    &serde_json::json!({ "width": width, "height": height, "format": format }),
                ))
            }
            None if allow_missing => Ok(tera::Value::none()),
            None => Err(tera::Error::message(format!("no picture `{path}`"))),
        }
    });
    random(tera);
    filters(tera);
}

/// Zola's random number: here the same sequence every import, so pages come out the
/// same every time.
fn random(tera: &mut Tera) {
    let counter = AtomicU64::new(0);
    tera.register_function("get_random", move |kwargs: Kwargs, _: &State| {
        let start = kwargs.get::<i64>("start")?.unwrap_or(0);
        let end = kwargs.must_get::<i64>("end")?;
        let n = counter.fetch_add(1, Ordering::Relaxed) as i64;
        Ok::<_, tera::Error>(start + (n * 7919).rem_euclid((end - start).max(1)))
    });
}

/// Zola's filters that Tera 2 lacks.
fn filters(tera: &mut Tera) {
    tera.register_filter("markdown", |text: &str, kwargs: Kwargs, _: &State| {
        let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
        let mut html = String::new();
        let parser = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::all());
        pulldown_cmark::html::push_html(&mut html, parser);
        let html = match inline {
            true => html.trim().trim_start_matches("<p>").trim_end_matches("</p>").to_string(),
            false => html,
        };
        Ok::<_, tera::Error>(html)
    });
    tera.register_filter("trim_start_matches", |text: &str, kwargs: Kwargs, _: &State| {
        let pat = kwargs.must_get::<String>("pat")?;
        Ok::<_, tera::Error>(text.trim_start_matches(pat.as_str()).to_string())
    });
    tera.register_filter("trim_end_matches", |text: &str, kwargs: Kwargs, _: &State| {
        let pat = kwargs.must_get::<String>("pat")?;
        Ok::<_, tera::Error>(text.trim_end_matches(pat.as_str()).to_string())
    });
    tera.register_filter("slugify", |text: &str, _: Kwargs, _: &State| {
        crate::slugs::slugify(text, 200)
    });
}

/// What Zola's `get_url` gives, as the import links it: `@/` pages as written (the
/// import's link rewriting takes them from there), a file beside the page relative to
/// it, a file of `static/` from the site root, anything else as written.
fn url_of(path: &str, page_dir: &str, content: &Path, statics: &Path) -> String {
    if path.starts_with("@/") || path.contains("://") {
        return path.to_string();
    }
    let plain = path.trim_start_matches('/');
    if leaves(plain) {
        return path.to_string();
    }
    if content.join(plain).is_file() {
        // From a file of the page's folder, as the import links files to files.
        return super::crosslinks::relative(&Path::new(page_dir).join("_"), Path::new(plain));
    }
    if statics.join(plain).is_file() || !path.starts_with('/') {
        return format!("/{plain}");
    }
    path.to_string()
}

/// True when `path` climbs out of the folder it is read from (`../x`): such a path names
/// nothing of the site, and no file outside it is ever looked at.
fn leaves(path: &str) -> bool {
    Path::new(path).components().any(|c| !matches!(c, std::path::Component::Normal(_)))
}

/// A Zola shortcode's arguments (`key="v", n=2, on=true, list=["a", 'b']`) as values;
/// `None` when they are not that. Commas between arguments may be left out, as Zola
/// lets them be.
pub(super) fn parse_args(args: &str) -> Option<Vec<(String, Json)>> {
    let mut p = Args { chars: args.chars().collect(), at: 0 };
    let mut out = Vec::new();
    loop {
        p.skip(|c| c.is_whitespace() || c == ',');
        if p.at == p.chars.len() {
            return Some(out);
        }
        let key = p.ident()?;
        p.skip(char::is_whitespace);
        p.expect('=')?;
        p.skip(char::is_whitespace);
        out.push((key, p.value()?));
    }
}

struct Args {
    chars: Vec<char>,
    at: usize,
}

impl Args {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip(&mut self, f: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&f) {
            self.at += 1;
        }
    }

    fn expect(&mut self, c: char) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.at += 1)
    }

    fn ident(&mut self) -> Option<String> {
        let start = self.at;
        self.skip(|c| c.is_ascii_alphanumeric() || c == '_');
        let ident: String = self.chars[start..self.at].iter().collect();
        ident.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_').then_some(ident)
    }

    fn value(&mut self) -> Option<Json> {
        match self.peek()? {
            q @ ('"' | '\'' | '`') => self.string(q).map(Json::String),
            '[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip(|c| c.is_whitespace() || c == ',');
                    if self.expect(']').is_some() {
                        return Some(Json::Array(items));
                    }
                    items.push(self.value()?);
                }
            }
            _ => {
                let start = self.at;
                self.skip(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'));
                let word: String = self.chars[start..self.at].iter().collect();
                match word.as_str() {
                    "true" => Some(Json::Bool(true)),
                    "false" => Some(Json::Bool(false)),
                    _ => word
                        .parse::<i64>()
                        .map(Json::from)
                        .ok()
                        .or_else(|| word.parse::<f64>().ok().map(Json::from)),
                }
            }
        }
    }

    fn string(&mut self, quote: char) -> Option<String> {
        self.at += 1;
        let mut text = String::new();
        while let Some(c) = self.peek() {
            self.at += 1;
            match c {
                '\\' => match self.peek()? {
                    'n' => (text.push('\n'), self.at += 1).1,
                    next => (text.push(next), self.at += 1).1,
                },
                c if c == quote => return Some(text),
                c => text.push(c),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_read_as_zola_reads_them() {
        let args = parse_args(
            r#"type="tip", title='It\'s', n=3, on=true, x=-1.5, list=["a", 'b'] alt="no comma""#,
        )
        .unwrap();
        let json: serde_json::Map<_, _> = args.into_iter().collect();
        assert_eq!(
            Json::Object(json),
            serde_json::json!({"type": "tip", "title": "It's", "n": 3, "on": true, "x": -1.5,
                               "list": ["a", "b"], "alt": "no comma"})
        );
        assert_eq!(parse_args("").unwrap(), []);
        assert_eq!(parse_args("src=\"open"), None);
        assert_eq!(parse_args("=1"), None);
    }

    #[test]
    fn paths_that_climb_out_name_nothing() {
        assert!(leaves("../secret.png") && leaves("img/../../x") && leaves("/etc/passwd"));
        assert!(!leaves("blog/post/img/a.webp"));
        let here = Path::new(".");
        assert_eq!(url_of("../../etc/passwd", "blog", here, here), "../../etc/passwd");
    }
}
