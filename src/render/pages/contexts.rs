//! The template contract: one struct per page kind, holding exactly the variables its
//! template sees besides `site` (docs/pages/variables.md lists them). A page's key
//! for the incremental build is the digest of its context, the templates, the site
//! view and the binary; a page whose key the last build recorded is not rendered again.
//!
//! Contexts are generic over their list items. A page's context is made once, with
//! `Slot`s: each listed entry and the digest of its view on that page (of its view
//! from the site root and of the page's folder; a view differs from page to page only
//! by its links, made relative to the page's folder from the root view's links, so
//! equal digests mean equal views). The key is taken from that context, so it costs no
//! item views; a page that must be rendered has its slots turned into item views
//! (`Context::map_items`) and goes to Tera.

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
    /// The count in words, in the language's plural form ("1 article", "2 articles").
    pub(super) count_text: String,
}

/// Items under a heading: an edition, a day.
#[derive(Serialize)]
pub(super) struct Group<I> {
    pub(super) title: String,
    pub(super) href: Option<String>,
    pub(super) key: String,
    pub(super) items: Vec<I>,
    /// How many articles it has in all, in words ("1 article", "12 articles").
    pub(super) count_text: String,
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

/// The front page's introduction: `intro` in `index.html`.
#[derive(Serialize)]
pub(super) struct FrontIntro<'a> {
    pub(super) title: Option<&'a str>,
    pub(super) html: &'a str,
    pub(super) image: Option<crate::views::ImageView<'a>>,
}

/// `index.html` and `page/<n>.html`.
#[derive(Serialize)]
pub(super) struct FrontPage<'a, I> {
    pub(super) page: PageView,
    /// The root `_index.md`'s title, text and picture, on the first page.
    pub(super) intro: Option<FrontIntro<'a>>,
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
    pub(super) html: std::borrow::Cow<'a, str>,
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
    /// On an author's first page: their profile.
    pub(super) profile: Option<ProfileView<'a>>,
}

/// A person's profile, on their author page.
#[derive(Serialize)]
pub(super) struct ProfileView<'a> {
    pub(super) name: &'a str,
    pub(super) role: Option<&'a str>,
    pub(super) email: Option<&'a str>,
    /// Their pages elsewhere.
    pub(super) links: Vec<Link>,
    pub(super) photo: Option<crate::views::ImageView<'a>>,
    /// The bio, as HTML.
    pub(super) bio: std::borrow::Cow<'a, str>,
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

/// `page.html` (or the page's own `template`): a standalone page.
#[derive(Serialize)]
pub(super) struct StandalonePage<'a> {
    pub(super) page: PageView,
    pub(super) title: &'a str,
    pub(super) dek: Option<&'a str>,
    pub(super) html: std::borrow::Cow<'a, str>,
    /// The date its front matter gives, if any (pages are never dated otherwise).
    pub(super) date: Option<DateShown>,
    pub(super) updated: Option<DateShown>,
    pub(super) image: Option<crate::views::ImageView<'a>>,
    pub(super) extra: crate::content::extra::Natural<'a>,
}

/// The sign-up form's settings (`[email.signup]`).
#[derive(Serialize)]
pub(super) struct SignupView {
    pub(super) action: Option<String>,
    pub(super) method: String,
    pub(super) email_field: String,
    pub(super) hidden: Vec<(String, String)>,
    pub(super) consent: Option<String>,
    /// A `mailto:` link, when no form action is set.
    pub(super) mailto: Option<String>,
}

/// `subscribe.html`: the sign-up page.
#[derive(Serialize)]
pub(super) struct SubscribePage {
    pub(super) page: PageView,
    pub(super) signup: SignupView,
    /// The latest e-mail edition, as a sample.
    pub(super) sample: Option<String>,
    pub(super) feeds: Vec<crate::views::FeedLink>,
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
    Front(FrontPage<'a, I>),
    Article(Box<ArticlePage<'a, I>>),
    Terms(TermsPage),
    Term(Box<TermPage<'a, I>>),
    Edition(EditionPage<I>),
    Editions(EditionsPage<I>),
    Archive(ArchivePage),
    Year(YearPage<I>),
    Month(MonthPage<I>),
    NotFound(NotFoundPage),
    Search(SearchPage),
    Redirect(RedirectPage),
    Standalone(Box<StandalonePage<'a>>),
    Subscribe(SubscribePage),
}

/// An entry a page lists, as its context holds it: the entry, and the digest that
/// stands for its view on this page (that of its view from the site root and of the
/// page's folder). Serialised, it is the digest alone: that is what a page's key sees.
/// Tera sees item views instead (`Context::map_items`).
#[derive(Serialize)]
pub(super) struct Slot {
    #[serde(skip)]
    pub(super) entry: usize,
    pub(super) digest: Digest,
}

/// Makes the slots of one page; `exact` turns false when an entry has no digest (its
/// page then has no key and is always rendered).
pub(super) struct Slots<'c, 'a> {
    pub(super) ctx: &'c Ctx<'a>,
    pub(super) exact: Cell<bool>,
}

impl<'c, 'a> Slots<'c, 'a> {
    /// The slots of a new page.
    pub(super) fn new(ctx: &'c Ctx<'a>) -> Self {
        Slots { ctx, exact: Cell::new(true) }
    }

    /// Entry `i` as listed on the page `out`.
    pub(super) fn item(&self, out: &OutPath, i: usize) -> Slot {
        let Some(root) = self.ctx.roots[i] else {
            self.exact.set(false);
            return Slot { entry: i, digest: 0 };
        };
        let mut h = crate::digest::Hasher::default();
        h.bytes(&root.to_le_bytes());
        h.bytes(out.as_str().rsplit_once('/').map_or("", |(folder, _)| folder).as_bytes());
        Slot { entry: i, digest: h.finish() }
    }
}

impl<I> Group<I> {
    fn map<J>(self, f: &mut impl FnMut(I) -> J) -> Group<J> {
        let Group { title, href, key, items, count_text } = self;
        Group { title, href, key, items: items.into_iter().map(f).collect(), count_text }
    }
}

fn map_groups<I, J>(groups: Vec<Group<I>>, f: &mut impl FnMut(I) -> J) -> Vec<Group<J>> {
    groups.into_iter().map(|g| g.map(f)).collect()
}

impl<'a, I> Context<'a, I> {
    /// The same context with every listed item turned by `f` (slots into views).
    pub(super) fn map_items<J>(self, mut f: impl FnMut(I) -> J) -> Context<'a, J> {
        let f = &mut f;
        match self {
            Context::Front(p) => Context::Front(p.map(f)),
            Context::Article(p) => Context::Article(Box::new(p.map(f))),
            Context::Term(p) => Context::Term(Box::new(p.map(f))),
            Context::Edition(p) => Context::Edition(p.map(f)),
            Context::Editions(EditionsPage { page, editions, pagination }) => {
                Context::Editions(EditionsPage {
                    page,
                    editions: map_groups(editions, f),
                    pagination,
                })
            }
            Context::Year(YearPage { page, months, archive }) => {
                let months = months.into_iter().map(|m| m.map(f)).collect();
                Context::Year(YearPage { page, months, archive })
            }
            Context::Month(MonthPage { page, days, year }) => {
                Context::Month(MonthPage { page, days: map_groups(days, f), year })
            }
            Context::Terms(p) => Context::Terms(p),
            Context::Archive(p) => Context::Archive(p),
            Context::NotFound(p) => Context::NotFound(p),
            Context::Search(p) => Context::Search(p),
            Context::Redirect(p) => Context::Redirect(p),
            Context::Standalone(p) => Context::Standalone(p),
            Context::Subscribe(p) => Context::Subscribe(p),
        }
    }
}

impl<'a, I> FrontPage<'a, I> {
    fn map<J>(self, f: &mut impl FnMut(I) -> J) -> FrontPage<'a, J> {
        let FrontPage { page, intro, latest, older, undated, pagination } = self;
        let (latest, older) = (map_groups(latest, f), map_groups(older, f));
        let undated = undated.into_iter().map(f).collect();
        FrontPage { page, intro, latest, older, undated, pagination }
    }
}

impl<'a, I> TermPage<'a, I> {
    fn map<J>(self, f: &mut impl FnMut(I) -> J) -> TermPage<'a, J> {
        let TermPage { page, taxonomy, term, items, pagination, intro, profile } = self;
        let items = items.into_iter().map(f).collect();
        TermPage { page, taxonomy, term, items, pagination, intro, profile }
    }
}

impl<I> EditionPage<I> {
    fn map<J>(self, f: &mut impl FnMut(I) -> J) -> EditionPage<J> {
        let EditionPage { page, edition, newer_edition, older_edition, all_editions } = self;
        let edition = edition.map(f);
        EditionPage { page, edition, newer_edition, older_edition, all_editions }
    }
}

impl<I> MonthGroup<I> {
    fn map<J>(self, f: &mut impl FnMut(I) -> J) -> MonthGroup<J> {
        let MonthGroup { title, href, key, count, items } = self;
        MonthGroup { title, href, key, count, items: items.into_iter().map(f).collect() }
    }
}

impl<'a, I> ArticlePage<'a, I> {
    fn map<J>(self, f: &mut impl FnMut(I) -> J) -> ArticlePage<'a, J> {
        let ArticlePage {
            page,
            article,
            html,
            subhead,
            source,
            updated,
            corrections,
            newer,
            older,
            related,
            thread,
            edition,
        } = self;
        let related = related.into_iter().map(f).collect();
        ArticlePage {
            page,
            article,
            html,
            subhead,
            source,
            updated,
            corrections,
            newer,
            older,
            related,
            thread,
            edition,
        }
    }
}

/// The key of a page whose context is `context`, rendered with `template` under
/// `global` (templates, site view, binary); `None` when the context cannot be
/// digested exactly.
pub(super) fn key(
    context: &Context<'_, Slot>,
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
