//! Section front pages: a Hugo or Zola `_index.md` is no story but the introduction
//! of its folder's section (of the front page, for the one at the root of the seeds).
//! Here those files leave the article list and the articles of the folder that name no
//! section of their own are put in it; their bodies are rendered with every other body
//! (links and pictures resolved from the page that shows them) and become the HTML of
//! the section's page.

use super::pagemap;
use crate::content::{Article, is_section_index};
use crate::urls::OutPath;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Section name (the folder's) -> its introduction.
pub(crate) type Intros = BTreeMap<String, Intro>;

/// A section's introduction: what its page shows above the list.
#[derive(Debug, Default, Clone)]
pub(crate) struct Intro {
    /// The `_index.md`'s title, the section page's heading (`Blog` for the folder
    /// `blog`), when it has one.
    pub title: Option<String>,
    /// Its text as HTML (empty when it has none).
    pub html: String,
    /// The front page's introduction's picture (its `image`), as published.
    pub image: Option<(crate::content::article::Image, super::Lead)>,
}

/// Takes the section front pages out of `articles`, giving the rest their section.
/// Returns the articles and the `_index.md` files that introduce something, not yet
/// rendered (a draft's says nothing: it would publish the page of a section that has
/// no articles); `collect` makes them introductions once their bodies are rendered.
pub(crate) fn split(mut articles: Vec<Article>) -> (Vec<Article>, Vec<Article>) {
    // Taken out in place: a copy of the whole list would be an archive's metadata twice.
    let mut index: Vec<Article> = articles.extract_if(.., |a| is_section_index(&a.path)).collect();
    // Two section folders of one name (`functions/time/`, `methods/time/`) are two
    // sections, named by their paths below the seeds folder.
    let below = |a: &Article| a.path.parent().map(|p| p.components().skip(1).collect::<PathBuf>());
    let paths: Vec<Option<PathBuf>> = index.iter().map(below).collect();
    let names = crate::content::section_names(paths.iter().flatten().map(PathBuf::as_path));
    for (a, path) in index.iter_mut().zip(&paths) {
        if let (Some(_), Some(name)) = (&a.meta.section, path.as_ref().and_then(|p| names.get(p))) {
            a.meta.section = Some(name.clone());
        }
    }
    let mut folders: Vec<(PathBuf, String)> = Vec::new();
    for a in &index {
        if let Some(name) = &a.meta.section {
            folders.extend(a.path.parent().map(|p| (p.to_path_buf(), name.clone())));
        }
    }
    // The deepest folder first, so a nested section wins over its parent.
    folders.sort_by_key(|(p, _)| std::cmp::Reverse(p.components().count()));
    for a in articles.iter_mut().filter(|a| a.meta.section.is_none()) {
        a.meta.section =
            folders.iter().find(|(f, _)| a.path.starts_with(f)).map(|(_, name)| name.clone());
    }
    (articles, index.into_iter().filter(|a| !a.meta.draft).collect())
}

/// Where an introduction is shown, which its links are made relative to: its
/// section's page, or the front page for the site's own `_index.md`.
pub(crate) fn shown_on(a: &Article) -> OutPath {
    match &a.meta.section {
        Some(name) => pagemap::term("sections", &crate::slugs::slugify(name, 60)),
        None => pagemap::path(pagemap::FRONT),
    }
}

/// The introductions of `files` (from `split`), their bodies rendered as `html` with
/// their pictures as published (`leads`): the sections', and the front page's (the
/// `_index.md` at the root of the seeds, which shows its `image` too).
pub(crate) fn collect(
    files: Vec<Article>,
    html: Vec<String>,
    leads: Vec<Option<super::Lead>>,
) -> (Intros, Option<Intro>) {
    let (mut intros, mut front) = (BTreeMap::<String, Option<Intro>>::new(), None);
    for ((a, html), lead) in files.into_iter().zip(html).zip(leads) {
        if a.meta.section.is_none()
            && let (Some(image), Some(lead)) = (a.meta.image.clone(), lead)
        {
            front.get_or_insert_with(Intro::default).image = Some((image, lead));
        }
        let html = match html.trim().is_empty() {
            true => a.meta.summary.as_deref().map(paragraph).unwrap_or_default(),
            false => html,
        };
        let title = Some(a.meta.title.trim()).filter(|t| !t.is_empty()).map(String::from);
        let slot = match a.meta.section {
            Some(name) => intros.entry(name).or_default(),
            None => &mut front,
        };
        add(slot, title, html);
    }
    let intros = intros.into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect();
    // A root `_index.md` with none (Zola's that only sets `sort_by`) shows nothing.
    (intros, front.filter(|f| f.title.is_some() || !f.html.is_empty() || f.image.is_some()))
}

/// One more introduction of the same section: an empty one still says the section
/// exists, and never hides the text of another folder's introduction of that name.
fn add(slot: &mut Option<Intro>, title: Option<String>, html: String) {
    let intro = slot.get_or_insert_with(Intro::default);
    if html.is_empty() {
        intro.title = intro.title.take().or(title);
    } else {
        *intro = Intro { title: title.or(intro.title.take()), html, image: intro.image.take() };
    }
}

fn paragraph(text: &str) -> String {
    let mut html = String::from("<p>");
    pulldown_cmark_escape::escape_html(&mut html, text).expect("writing to a String");
    html.push_str("</p>");
    html
}
