//! Section front pages: a Hugo or Zola `_index.md` is no story but the introduction
//! of its folder's section. Here those files leave the article list, their bodies
//! become HTML for the section's term page, and the articles of the folder that name
//! no section of their own are put in it.

use crate::config::MarkdownConfig;
use crate::content::{Article, Body, is_section_index};
use crate::markdown::{self, Relink};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Section name (the folder's) -> its introduction.
pub(crate) type Intros = BTreeMap<String, Intro>;

/// A section's introduction: what its page shows above the list.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Intro {
    /// The `_index.md`'s title, the section page's heading (`Blog` for the folder
    /// `blog`), when it has one.
    pub title: Option<String>,
    /// Its text as HTML (empty when it has none).
    pub html: String,
}

/// Links in an introduction are left as written: its page is not an article's.
struct AsWritten;

impl Relink for AsWritten {
    fn relink(&self, _: &str) -> Option<String> {
        None
    }
}

/// Takes the section front pages out of `articles`, giving the rest their section.
pub(crate) fn split(articles: Vec<Article>, config: &MarkdownConfig) -> (Vec<Article>, Intros) {
    let (index, mut articles): (Vec<Article>, Vec<Article>) =
        articles.into_iter().partition(|a| is_section_index(&a.path));
    let mut folders: Vec<(PathBuf, String)> = Vec::new();
    let mut intros = Intros::new();
    for a in index {
        let Some(name) = a.meta.section.clone() else { continue };
        let html = match &a.body {
            Body::Markdown(source) if !source.trim().is_empty() => {
                markdown::render(source, config, &AsWritten).html
            }
            _ => a.meta.summary.as_deref().map(paragraph).unwrap_or_default(),
        };
        // An empty introduction still says the section exists, and never hides the
        // text of another folder's introduction of the same name. A draft's says
        // nothing: it would publish the page of a section that has no articles.
        let title = Some(a.meta.title.trim()).filter(|t| !t.is_empty()).map(String::from);
        match (a.meta.draft, html.is_empty()) {
            (true, _) => {}
            (false, false) => {
                let before = intros.get(&name).and_then(|i| i.title.clone());
                intros.insert(name.clone(), Intro { title: title.or(before), html });
            }
            (false, true) => {
                let intro = intros.entry(name.clone()).or_default();
                intro.title = intro.title.take().or(title);
            }
        }
        folders.extend(a.path.parent().map(|p| (p.to_path_buf(), name)));
    }
    // The deepest folder first, so a nested section wins over its parent.
    folders.sort_by_key(|(p, _)| std::cmp::Reverse(p.components().count()));
    for a in articles.iter_mut().filter(|a| a.meta.section.is_none()) {
        a.meta.section =
            folders.iter().find(|(f, _)| a.path.starts_with(f)).map(|(_, name)| name.clone());
    }
    (articles, intros)
}

fn paragraph(text: &str) -> String {
    let mut html = String::from("<p>");
    pulldown_cmark_escape::escape_html(&mut html, text).expect("writing to a String");
    html.push_str("</p>");
    html
}
