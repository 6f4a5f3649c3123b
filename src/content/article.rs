//! `Article` and `Meta`: the checked model of one seed file that later stages trust.

use crate::dates::Published;
use std::path::PathBuf;

/// One article as read from `seeds/`, before the site gives it a URL.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The file, relative to the site root (for messages), e.g. `seeds/talks.md`.
    pub path: PathBuf,
    /// The folder holding the file on disk, for files the article refers to.
    pub dir: PathBuf,
    /// The checked front matter, or what plain-text inference found.
    pub meta: Meta,
    /// The body, still as source.
    pub body: Body,
    /// The line of the file where the body starts.
    pub body_line: usize,
    /// A hash of the file's bytes: byte-identical files are published once.
    pub digest: u64,
    /// What kind of document it is: an article from seeds/, or a standalone page.
    pub kind: DocKind,
}

/// The kinds of document a site is made of. They share one model (front matter,
/// body, links, pictures); the site decides where each kind is published and listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocKind {
    /// A story from `seeds/`: dated, listed, in feeds, editions and archives.
    #[default]
    Article,
    /// A standalone page from `pages/` (About, policies): in no list or feed.
    Page,
    /// A person's profile from `authors/`: shown on their author page.
    Profile,
}

/// What a profile says of a person besides their name, photo and bio.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    /// The file's name without `.md`: the author page's slug it belongs to.
    pub key: String,
    /// Their job (schema.org `jobTitle`).
    pub role: Option<String>,
    /// Where to write to them.
    pub email: Option<String>,
    /// Their pages elsewhere, by name (schema.org `sameAs`).
    pub links: Vec<(String, String)>,
}

/// The body of an article. Once `Site::assemble` has rendered it, the text is let go
/// (`release`): the entry's rendered body is what the pages show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Body {
    /// Markdown source, held in memory or in the build's scratch file.
    Markdown(crate::scratch::Text),
    /// Paragraphs of plain copy, printed as text.
    Plain(Vec<String>),
}

impl Body {
    /// Lets the text go, keeping what kind of body it was: at 100,000 articles the
    /// sources are half a gigabyte the rest of the build never reads.
    pub(crate) fn release(&mut self) {
        match self {
            Body::Markdown(source) => *source = Default::default(),
            Body::Plain(paragraphs) => *paragraphs = Vec::new(),
        }
    }

    /// Hands a Markdown source to `hold`, which keeps it in memory or puts it aside
    /// until it is rendered (plain copy stays as it is).
    pub(crate) fn hold(&mut self, hold: impl FnOnce(String) -> crate::scratch::Text) {
        if let Body::Markdown(source) = self {
            *source = hold(source.take());
        }
    }
}

/// Checked metadata.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// The headline.
    pub title: String,
    /// When it was published; `None` is undated.
    pub date: Option<Published>,
    /// When it was last updated.
    pub updated: Option<Published>,
    /// The standfirst, a sentence that sells the story.
    pub dek: Option<String>,
    /// A second-level heading under the headline.
    pub subhead: Option<String>,
    /// A summary for lists and feeds.
    pub summary: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Tags, spelled as written.
    pub tags: Vec<String>,
    /// Where the story came from.
    pub source: Option<Source>,
    /// The URL slug the editor chose, with its line.
    pub slug: Option<(String, usize)>,
    /// Left out unless building with drafts.
    pub draft: bool,
    /// The article's language, when it differs from the site's.
    pub lang: Option<String>,
    /// The key its translations share, when they live apart (`seeds/fr/…`).
    pub translation_key: Option<String>,
    /// The lead image.
    pub image: Option<Image>,
    /// The lead story of its edition.
    pub lead: bool,
    /// A key shared by the articles of one running story.
    pub thread: Option<String>,
    /// The newspaper section.
    pub section: Option<String>,
    /// The full text of someone else's story.
    pub republished: bool,
    /// Old output paths that should redirect here.
    pub aliases: Vec<String>,
    /// Dated corrections.
    pub corrections: Vec<Correction>,
    /// When it leaves the site (Hugo's `expiryDate`): left out of builds after it.
    pub expires: Option<Published>,
    /// Free-form fields for templates: Zola's `[extra]`, Hugo's `params` (a table).
    pub extra: super::extra::Node,
    /// Presentation keys of other generators that the file carried, accepted unused.
    pub quiet: Vec<String>,
    /// No page of its own: a headless include (`headless`, `build.render = "never"`).
    pub headless: bool,
    /// An `_index.md` whose `cascade` makes every file below it headless.
    pub headless_below: bool,
    /// A page's template (`template = "contact.html"`); pages default to `page.html`.
    pub template: Option<String>,
    /// The menus a page puts itself in (`menu = "footer"`, or Hugo's `menu.main`).
    pub menus: Vec<String>,
    /// Where a page sits in its menus: lighter first.
    pub weight: Option<i64>,
    /// A person's details, on a profile.
    pub profile: Option<Box<Profile>>,
}

/// A source credit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The outlet's name.
    pub name: Option<String>,
    /// The original story's URL.
    pub url: Option<String>,
}

/// A lead image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Image {
    /// A URL, or a path relative to the article's file.
    pub src: String,
    /// Text for readers who cannot see it.
    pub alt: Option<String>,
    /// A caption.
    pub caption: Option<String>,
    /// Photographer or agency.
    pub credit: Option<String>,
}

/// A dated correction notice.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    /// When it was corrected.
    pub date: Published,
    /// What was corrected.
    pub note: String,
}
