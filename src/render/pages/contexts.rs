//! The template contract: one struct per page kind, holding exactly the variables its
//! template sees besides `site` (the README's variable tables list them). A page's key
//! for the incremental build is the digest of its context, the templates, the site
//! view and the binary; a page whose key the last build recorded is not rendered again.
//!
//! Contexts are generic over their list items, `I`. Tera gets them with item views
//! (`Views`); the key is taken from the same context made with item digests
//! (`Digests`): the digest of an entry's view from the site root and of the page's
//! folder. A view differs from page to page only by its links, made relative to the
//! page's folder from the root view's links, so equal digests mean equal views, and a
//! page's key costs no item views.

use super::Ctx;
use super::paging::Pagination;
use crate::digest::Digest;
use crate::urls::OutPath;
use crate::views::search::SearchView;
use crate::views::{DateShown, ItemView, Link, PageView};
use serde::Serialize;
use std::cell::Cell;

/// A headline and its link.
#[derive(Serialize)]
pub(super) struct Named {
    pub(super) title: String,
    pub(super) href: String,
}

/// A taxonomy term (or an archive month) with its link and article count.
#[derive(Serialize)]
pub(super) struct TermView {
    pub(super) name: String,
    pub(super) href: String,
    pub(super) count: usize,
}

/// Items under a heading: an edition, a day.
#[derive(Serialize)]
pub(super) struct Group<I> {
    pub(super) title: String,
    pub(super) href: Option<String>,
    pub(super) key: String,
    pub(super) items: Vec<I>,
}

/// A month on a year page: its newest headlines, and how many it has in all.
#[derive(Serialize)]
pub(super) struct MonthGroup<I> {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) key: String,
    pub(super) count: usize,
    pub(super) items: Vec<I>,
}

/// A year on the archive's front page.
#[derive(Serialize)]
pub(super) struct YearView {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) count: usize,
    pub(super) months: Vec<TermView>,
}

/// A story of the same thread, for an article page.
#[derive(Serialize)]
pub(super) struct ThreadItem {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) date: Option<DateShown>,
    pub(super) current: bool,
}

/// An article's source, for its page.
#[derive(Serialize)]
pub(super) struct SourceView {
    pub(super) name: Option<String>,
    pub(super) url: Option<String>,
    /// The source's page on this site (everything from it).
    pub(super) href: Option<String>,
}

/// A correction, for its article's page.
#[derive(Serialize)]
pub(super) struct CorrectionView {
    pub(super) date: DateShown,
    pub(super) note: String,
}

/// `index.html` and `page/<n>.html`.
#[derive(Serialize)]
pub(super) struct FrontPage<I> {
    pub(super) page: PageView,
    pub(super) latest: Vec<Group<I>>,
    pub(super) older: Vec<Group<I>>,
    pub(super) undated: Vec<I>,
    pub(super) pagination: Option<Pagination>,
}

/// `article.html`.
#[derive(Serialize)]
pub(super) struct ArticlePage<'a, I> {
    pub(super) page: PageView,
    pub(super) article: ItemView<'a>,
    pub(super) html: &'a str,
    pub(super) subhead: &'a Option<String>,
    pub(super) source: Option<SourceView>,
    pub(super) updated: Option<DateShown>,
    pub(super) corrections: Vec<CorrectionView>,
    pub(super) newer: Option<Named>,
    pub(super) older: Option<Named>,
    pub(super) related: Vec<I>,
    pub(super) thread: Vec<ThreadItem>,
    pub(super) edition: Option<Named>,
}

/// `terms.html`: a taxonomy's index.
#[derive(Serialize)]
pub(super) struct TermsPage {
    pub(super) page: PageView,
    pub(super) taxonomy: Named,
    pub(super) terms: Vec<TermView>,
}

/// `term.html`: one term's articles.
#[derive(Serialize)]
pub(super) struct TermPage<'a, I> {
    pub(super) page: PageView,
    pub(super) taxonomy: Named,
    pub(super) term: TermView,
    pub(super) items: Vec<I>,
    pub(super) pagination: Option<Pagination>,
    pub(super) intro: Option<&'a str>,
}

/// `edition.html`.
#[derive(Serialize)]
pub(super) struct EditionPage<I> {
    pub(super) page: PageView,
    pub(super) edition: Group<I>,
    pub(super) newer_edition: Option<Named>,
    pub(super) older_edition: Option<Named>,
    pub(super) all_editions: String,
}

/// `editions.html`: the list of editions.
#[derive(Serialize)]
pub(super) struct EditionsPage<I> {
    pub(super) page: PageView,
    pub(super) editions: Vec<Group<I>>,
    pub(super) pagination: Option<Pagination>,
}

/// `archive.html`.
#[derive(Serialize)]
pub(super) struct ArchivePage {
    pub(super) page: PageView,
    pub(super) years: Vec<YearView>,
}

/// `year.html`.
#[derive(Serialize)]
pub(super) struct YearPage<I> {
    pub(super) page: PageView,
    pub(super) months: Vec<MonthGroup<I>>,
    pub(super) archive: String,
}

/// `month.html`.
#[derive(Serialize)]
pub(super) struct MonthPage<I> {
    pub(super) page: PageView,
    pub(super) days: Vec<Group<I>>,
    pub(super) year: Named,
}

/// `404.html`.
#[derive(Serialize)]
pub(super) struct NotFoundPage {
    pub(super) page: PageView,
}

/// `search.html`.
#[derive(Serialize)]
pub(super) struct SearchPage {
    pub(super) page: PageView,
    pub(super) search: SearchView,
}

/// `redirect.html`: an old path that sends readers to an article.
#[derive(Serialize)]
pub(super) struct RedirectPage {
    pub(super) page: PageView,
    pub(super) target: Link,
}

/// Any page's context: serialised as the page kind's own struct.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Context<'a, I> {
    Front(FrontPage<I>),
    Article(Box<ArticlePage<'a, I>>),
    Terms(TermsPage),
    Term(TermPage<'a, I>),
    Edition(EditionPage<I>),
    Editions(EditionsPage<I>),
    Archive(ArchivePage),
    Year(YearPage<I>),
    Month(MonthPage<I>),
    NotFound(NotFoundPage),
    Search(SearchPage),
    Redirect(RedirectPage),
}

/// How the entries a page lists appear in its context.
pub(super) trait Items<'a> {
    /// One listed entry.
    type Item: Serialize;
    /// Entry `i` as an item of the page `out`.
    fn item(&self, out: &OutPath, i: usize) -> Self::Item;
}

/// Items as the views templates show.
pub(super) struct Views<'c, 'a>(pub(super) &'c Ctx<'a>);

impl<'a> Items<'a> for Views<'_, 'a> {
    type Item = ItemView<'a>;

    fn item(&self, out: &OutPath, i: usize) -> ItemView<'a> {
        self.0.viewer().item_from(out, i, &self.0.parts[i])
    }
}

/// Items as the digests that stand for their views; `exact` turns false when an
/// entry has none (its page then has no key and is always rendered).
pub(super) struct Digests<'c, 'a> {
    pub(super) ctx: &'c Ctx<'a>,
    pub(super) exact: Cell<bool>,
}

impl<'a> Items<'a> for Digests<'_, 'a> {
    type Item = Digest;

    fn item(&self, out: &OutPath, i: usize) -> Digest {
        let Some(root) = self.ctx.roots[i] else {
            self.exact.set(false);
            return 0;
        };
        let mut h = crate::digest::Hasher::default();
        h.bytes(&root.to_le_bytes());
        h.bytes(out.as_str().rsplit_once('/').map_or("", |(folder, _)| folder).as_bytes());
        h.finish()
    }
}

/// The key of a page whose context (made with `Digests`) is `context`, rendered with
/// `template` under `global` (templates, site view, binary); `None` when the context
/// cannot be digested exactly.
pub(super) fn key(
    context: &Context<'_, Digest>,
    exact: bool,
    global: Digest,
    template: &str,
) -> Option<Digest> {
    let mut h = crate::digest::Hasher::default();
    let digested = h.value(context);
    h.bytes(&global.to_le_bytes());
    h.bytes(template.as_bytes());
    (exact && digested).then(|| h.finish())
}
