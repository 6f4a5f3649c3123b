//! News hygiene: what a copy editor would flag before publishing, as warnings that point
//! at the file and line. No byline, a source credited without a URL, a lead image or a
//! body image without alt text. (A missing date is the build's own warning.)

use crate::content::{Article, Body};
use crate::text::line_of;
use crate::warnings::Warnings;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

/// Checks one article read from `root`; `house_byline` is site.toml's `author`.
pub(crate) fn inspect(root: &Path, article: &Article, house_byline: bool, warn: &mut Warnings) {
    let meta = &article.meta;
    if meta.authors.is_empty() && !house_byline {
        warn.file(
            &article.path,
            "no byline: add `authors` to the front matter, or set `author` in site.toml",
        );
    }
    if let Some(source) = &meta.source
        && source.url.as_deref().is_none_or(str::is_empty)
    {
        let name = source.name.as_deref().unwrap_or("");
        let (path, line) = key_place(root, &article.path, "source");
        at(
            warn,
            &path,
            line,
            format!("source `{name}` has no URL: add `url` so readers can check it"),
        );
    }
    if let Some(image) = &meta.image
        && image.alt.as_deref().is_none_or(|a| a.trim().is_empty())
    {
        let (path, line) = key_place(root, &article.path, "image");
        at(warn, &path, line, format!("lead image `{}` has no alt text: add `alt`", image.src));
    }
    // The build let the source go once rendered: it is read again here.
    if let Body::Markdown(_) = &article.body
        && let Some((text, body_line)) = crate::content::markdown_body(root, &article.path)
    {
        for (line, src) in images_without_alt(&text) {
            let line = body_line + line - 1;
            warn.at(&article.path, line, format!("image `{src}` has no alt text: write it between the brackets, ![like this]({src})"));
        }
    }
}

fn at(warn: &mut Warnings, path: &Path, line: Option<usize>, message: String) {
    match line {
        Some(line) => warn.at(path, line, message),
        None => warn.file(path, message),
    }
}

/// The file and line where `key` is set for `article`: its own front matter, else the
/// sidecar `NAME.toml` of plain copy. Paths are relative to `root`.
fn key_place(root: &Path, article: &Path, key: &str) -> (PathBuf, Option<usize>) {
    let sidecar = article.with_extension("toml");
    for file in [article, sidecar.as_path()] {
        let Ok(bytes) = crate::fs::read(&root.join(file)) else { continue };
        if let Some(line) = crate::text::key_line(&String::from_utf8_lossy(&bytes), key) {
            return (file.to_path_buf(), Some(line));
        }
    }
    (article.to_path_buf(), None)
}

/// `(line within text, src)` of every Markdown image with empty alt text, and of every
/// raw `<img>` with no `alt`.
pub(crate) fn images_without_alt(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, String, String)> = None; // (offset, src, alt so far)
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some((range.start, dest_url.to_string(), String::new()));
            }
            Event::Text(t) | Event::Code(t) if open.is_some() => {
                if let Some((_, _, alt)) = open.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, src, alt)) = open.take()
                    && alt.trim().is_empty()
                {
                    found.push((line_of(text.as_bytes(), at), src));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for src in raw_images_without_alt(&html) {
                    found.push((line_of(text.as_bytes(), range.start), src));
                }
            }
            _ => {}
        }
    }
    found
}

/// The `src` of every `<img>` tag in a raw HTML fragment that has no `alt` attribute.
fn raw_images_without_alt(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(html);
    let select = scraper::Selector::parse("img:not([alt])").expect("a constant, valid selector");
    doc.select(&select).map(|img| img.value().attr("src").unwrap_or("").to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_images_without_alt_text_by_line() {
        let text = "Intro.\n\n![](harbor.jpg)\n\n![The bridge](bridge.jpg)\n\n<img src=\"raw.png\">\n\nA ![ ](x.png) and <img src=\"ok.png\" alt=\"fine\">\n";
        assert_eq!(
            images_without_alt(text),
            [(3, "harbor.jpg".to_string()), (7, "raw.png".to_string()), (9, "x.png".to_string())]
        );
    }

    #[test]
    #[allow(clippy::too_many_lines)] // one scenario, written out
    fn asks_for_a_byline_a_source_url_and_alt_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = "+++\ntitle = \"T\"\nsource = { name = \"Wire\" }\nimage = \"lead.jpg\"\n+++\n\nBody ![](x.png)\n";
        crate::fs::write(&dir.path().join("seeds/a.md"), text.as_bytes()).unwrap();
        let meta = crate::content::Meta {
            title: "T".into(),
            source: Some(crate::content::article::Source { name: Some("Wire".into()), url: None }),
            image: Some(crate::content::article::Image {
                src: "lead.jpg".into(),
                alt: None,
                caption: None,
                credit: None,
            }),
            ..Default::default()
        };
        let article = Article {
            path: PathBuf::from("seeds/a.md"),
            dir: dir.path().join("seeds"),
            meta,
            body: Body::Markdown("\nBody ![](x.png)\n".into()),
            body_line: 6,
            digest: 0,
            kind: crate::content::DocKind::Article,
        };
        let mut warn = Warnings::default();
        inspect(dir.path(), &article, false, &mut warn);
        assert_eq!(
            warn.0,
            [
                "seeds/a.md: no byline: add `authors` to the front matter, or set `author` in site.toml",
                "seeds/a.md:3: source `Wire` has no URL: add `url` so readers can check it",
                "seeds/a.md:4: lead image `lead.jpg` has no alt text: add `alt`",
                "seeds/a.md:7: image `x.png` has no alt text: write it between the brackets, ![like this](x.png)",
            ]
        );
        let mut quiet = Warnings::default();
        let mut bylined = article.clone();
        bylined.meta.source = None;
        bylined.meta.image = None;
        // The source is read again from the file, as the build let it go.
        let text = text.replace("![](x.png)", "![A harbor](x.png)");
        crate::fs::write(&dir.path().join("seeds/a.md"), text.as_bytes()).unwrap();
        inspect(dir.path(), &bylined, true, &mut quiet);
        assert!(quiet.0.is_empty(), "{quiet:?}");
    }
}
