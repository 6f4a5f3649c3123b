//! Jekyll HTML pages run through Liquid at import: a page that only loops over the
//! site's data files and its `_config.yml` values (Jekyll's showcase: a `for` over
//! `site.data.showcase`) is rendered here, with the `liquid` crate (cobalt-org's, the
//! Liquid of the Cobalt generator), and carried over as a page of plain HTML. Strict:
//! a tag, filter or variable only Jekyll has (`include`, `site.posts`, `jsonify`) is an
//! error, and the page stays behind with the reason, as before.

use super::settings::Settings;
use crate::content::extra::{Loose, Node};
use liquid_core::{Display_filter, Filter, FilterReflection, ParseFilter};
use liquid_core::{Result as LiquidResult, Runtime, Value, ValueView};
use std::path::Path;

/// What a Jekyll page's Liquid can see: `site.*` (the `_config.yml` values and
/// `site.data` from `_data/`).
pub(super) struct Globals {
    site: liquid::Object,
    /// Liquid's standard tags and filters and Jekyll's URL filters, built once.
    parser: liquid::Parser,
}

/// The parser every page is read with.
fn parser() -> liquid::Parser {
    liquid::ParserBuilder::with_stdlib()
        .filter(RelativeUrl)
        .filter(AbsoluteUrl)
        .build()
        .expect("the standard library and two filters make a parser")
}

/// The globals of the Jekyll site at `src`.
pub(super) fn globals(src: &Path, settings: &Settings) -> Globals {
    let mut site = liquid::Object::new();
    for (key, value) in &settings.values {
        let key = key.strip_prefix("site.").unwrap_or(key);
        site.insert(key.to_string().into(), Value::scalar(value.clone()));
    }
    site.insert("data".into(), Value::Object(data(&src.join("_data"))));
    Globals { site, parser: parser() }
}

/// `_data/`'s YAML and JSON files, by name, folders as nested objects (Jekyll's
/// `site.data.folder.file`). A file that does not read is left out: a page using it
/// then fails as using an unknown variable.
fn data(dir: &Path) -> liquid::Object {
    let mut out = liquid::Object::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
            continue;
        };
        // Links are not followed: a loop, or a file outside the site, is no data.
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            out.insert(stem.into(), Value::Object(data(&path)));
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let Ok(bytes) = crate::fs::read(&path) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let value: Option<serde_json::Value> = match ext {
            "yml" | "yaml" => serde_saphyr::from_str(&text).ok(),
            "json" => serde_json::from_str(&text).ok(),
            _ => None,
        };
        if let Some(value) = value.and_then(|v| liquid::model::to_value(&v).ok()) {
            out.insert(stem.into(), value);
        }
    }
    out
}

/// `body` (a page's text after its front matter) run through Liquid with `front` (its
/// front matter, YAML) as `page`; the reason when it uses what only Jekyll has.
pub(super) fn render(globals: &Globals, front: &str, body: &str) -> Result<String, String> {
    let template = globals.parser.parse(body).map_err(|e| first_line(&e))?;
    let page = serde_saphyr::from_str::<Loose>(front).map(|l| l.0).unwrap_or_default();
    let page = liquid::model::to_value(&json_of(&page)).map_err(|e| first_line(&e))?;
    let mut vars = liquid::Object::new();
    vars.insert("site".into(), Value::Object(globals.site.clone()));
    vars.insert("page".into(), page);
    template.render(&vars).map_err(|e| first_line(&e))
}

/// A Liquid error in a line: what went wrong and what was asked for (`Unknown index,
/// requested index=nowhere`), without its trace through the template.
fn first_line(error: &liquid::Error) -> String {
    let text = error.to_string();
    let mut lines = text.lines().map(str::trim);
    let first = lines.next().unwrap_or_default().trim_start_matches("liquid: ").to_string();
    let asked: Vec<&str> =
        lines.filter(|l| l.starts_with("requested") || l.starts_with("variable=")).collect();
    match asked.is_empty() {
        true => first,
        false => format!("{first}, {}", asked.join(", ")),
    }
}

/// A front-matter node as JSON, for Liquid's model.
fn json_of(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match node {
        Node::Text(s) => J::String(s.clone()),
        Node::Bool(b) => J::Bool(*b),
        Node::Int(i) => J::from(*i),
        Node::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Node::List(items) => J::Array(items.iter().map(json_of).collect()),
        Node::Table(pairs) => {
            J::Object(pairs.iter().map(|(k, v)| (k.clone(), json_of(v))).collect())
        }
    }
}

/// The rendered HTML as the body of a Markdown page: one HTML block (a `<div>` with no
/// blank line inside), so that Markdown neither wraps nor indents any of it. None when
/// it holds preformatted text, which a blank line cannot be taken out of.
pub(super) fn as_markdown_body(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if ["<pre", "<textarea", "<script", "<style"].iter().any(|t| lower.contains(t)) {
        return None;
    }
    let lines: Vec<&str> = html.lines().filter(|l| !l.trim().is_empty()).collect();
    // What Liquid made is final: a `{{` it printed (from `{% raw %}`) is text, not a
    // tag for the import or the build to run again.
    let html = lines.join("\n").replace('{', "&#123;");
    Some(format!("<div>\n{html}\n</div>\n"))
}

/// Jekyll's `relative_url`: a path from the site's root, which the import's link
/// rewriting then makes relative to the page.
#[derive(Clone, ParseFilter, FilterReflection)]
#[filter(name = "relative_url", description = "A path from the site's root.", parsed(RootedFilter))]
struct RelativeUrl;

/// Jekyll's `absolute_url`: on an imported site, the same path from the root (the
/// build makes it absolute where an address must be).
#[derive(Clone, ParseFilter, FilterReflection)]
#[filter(name = "absolute_url", description = "A path from the site's root.", parsed(RootedFilter))]
struct AbsoluteUrl;

#[derive(Debug, Default, Display_filter)]
#[name = "relative_url"]
struct RootedFilter;

impl Filter for RootedFilter {
    fn evaluate(&self, input: &dyn ValueView, _runtime: &dyn Runtime) -> LiquidResult<Value> {
        let text = input.to_kstr();
        // An address (`https://`, `mailto:`) or a fragment (`#x`) is left as it is.
        let scheme = text.split('/').next().is_some_and(|first| first.contains(':'));
        if scheme || text.starts_with('#') {
            return Ok(Value::scalar(text.into_owned()));
        }
        Ok(Value::scalar(format!("/{}", text.trim_start_matches('/'))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globals_with(data: &str) -> Globals {
        let mut site = liquid::Object::new();
        site.insert("cloudinary_url".into(), Value::scalar("https://img.example/u"));
        let list: serde_json::Value = serde_saphyr::from_str(data).unwrap();
        let mut d = liquid::Object::new();
        d.insert("showcase".into(), liquid::model::to_value(&list).unwrap());
        site.insert("data".into(), Value::Object(d));
        Globals { site, parser: parser() }
    }

    #[test]
    fn a_loop_over_data_renders() {
        let g = globals_with(
            "- name: A\n  url: https://a.example/\n  image: a.png\n- name: B\n  url: https://b.example/\n  image: b.png\n",
        );
        let body = "<ul>\n  {% for e in site.data.showcase reversed -%}\n  <li><a href=\"{{ e.url }}\"><img src=\"{{ site.cloudinary_url }}/{{ e.image }}\" alt=\"{{ e.name }}\"></a></li>\n  {% endfor -%}\n</ul>\n<a href=\"{{ '/docs/home/' | relative_url }}\">{{ page.title }}</a>";
        let html = render(&g, "title: Showcase\n", body).unwrap();
        let b = html.find("alt=\"B\"").unwrap();
        assert!(b < html.find("alt=\"A\"").unwrap(), "{html}");
        assert!(html.contains("src=\"https://img.example/u/b.png\""), "{html}");
        assert!(html.contains("href=\"/docs/home/\">Showcase</a>"), "{html}");
        let kept =
            render(&g, "", "{{ '#top' | relative_url }} {{ 'mailto:a@b.org' | absolute_url }}");
        assert_eq!(kept.unwrap(), "#top mailto:a@b.org");
    }

    #[test]
    fn what_only_jekyll_has_is_an_error() {
        let g = globals_with("[]");
        for body in [
            "{% include news_item.html %}",
            "{% for p in site.posts %}{{ p.title }}{% endfor %}",
            "{{ page | jsonify }}",
            "{{ site.nowhere.x }}",
        ] {
            let why = render(&g, "", body).unwrap_err();
            assert!(!why.contains('\n') && !why.starts_with("liquid:"), "{why}");
        }
    }

    #[test]
    fn the_body_is_one_html_block() {
        let md = as_markdown_body("<p>a</p>\n\n    <ul>\n\n      <li>b</li>\n    </ul>\n").unwrap();
        assert_eq!(md, "<div>\n<p>a</p>\n    <ul>\n      <li>b</li>\n    </ul>\n</div>\n");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert!(!html.contains("<code>") && html.contains("<li>b</li>"), "{html}");
        assert!(as_markdown_body("<pre>a\n\nb</pre>").is_none());
        let md = as_markdown_body("<p>{{ site.title }}</p>").unwrap();
        assert!(!md.contains('{') && md.contains("&#123;&#123; site.title }}"), "{md}");
    }
}
