//! The views every writer shares, one layer above the site model and below all of
//! them: the serde structs templates see (this file), the syndication view of an
//! article that feeds, sitemaps and page metadata use (`item`), the feed channels and
//! their links (`channels`), the `<meta>` tags (`meta`), the search page's view and
//! its bundles (`search`, `bundles`). Views borrow from the site; every URL in them is
//! finished (relative to the page being rendered), so templates never join paths. No
//! view writes anything, and no writer imports another writer.

pub(crate) mod bundles;
pub(crate) mod channels;
pub(crate) mod content;
pub(crate) mod item;
pub(crate) mod languages;
pub(crate) mod menus;
pub(crate) mod meta;
pub(crate) mod search;

use crate::content::article::Image;
use crate::dates::DateView;
use crate::i18n::{Labels, direction};
use crate::site::pictures::markup;
use crate::site::{Entry, Site};
use crate::urls::OutPath;
use serde::Serialize;

/// An edition's name: its day, or "Edition 2025-W16" for weekly editions.
pub(crate) fn edition_title(e: &crate::site::Edition, labels: &Labels) -> String {
    match e.period {
        crate::config::Period::Day => labels.day(e.first_day),
        crate::config::Period::Week => format!("{} {}", labels.map["edition"], e.key),
    }
}

/// What every page shares: serialised once per build into Tera's global context.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Site language.
    pub language: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Absolute base URL, ending in `/`.
    pub base_url: &'a str,
    /// Publisher name.
    pub publisher: &'a str,
    /// Built-in page text in the site language.
    pub labels: &'a std::collections::BTreeMap<String, String>,
    /// Is the search page built?
    pub search: bool,
}

/// Links every page carries, relative to that page.
#[derive(Serialize)]
pub(crate) struct NavLinks {
    /// The front page.
    pub home: String,
    /// The edition archive (absent when the site has no dated articles).
    pub editions: Option<String>,
    /// The date archive (absent when the site has no dated articles).
    pub archive: Option<String>,
    /// The tag index (absent when no article has a tag).
    pub tags: Option<String>,
    /// The search page.
    pub search: String,
    /// The stylesheet.
    pub css: String,
    /// The site icon.
    pub favicon: String,
    /// The site's feeds.
    pub feeds: Vec<FeedLink>,
}

/// A feed, for `<link rel="alternate">` and footer links.
#[derive(Serialize, Clone)]
pub(crate) struct FeedLink {
    /// MIME type.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// Human title.
    pub title: String,
    /// The format's name (`RSS`, `Atom`, `JSON Feed`), for footer links.
    pub name: &'static str,
    /// Relative link.
    pub href: String,
}

/// The page being rendered.
#[derive(Serialize)]
pub(crate) struct PageView {
    /// Its output path.
    pub path: String,
    /// Its absolute URL.
    pub canonical: String,
    /// What kind of page: `front`, `article`, `term`, `terms`, `edition`, `editions`, `archive`, `not_found`, `search`.
    pub kind: &'static str,
    /// The `<title>` text (without the site name).
    pub title: String,
    /// The meta description.
    pub description: String,
    /// Page language.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Site-wide links, relative to this page.
    pub links: NavLinks,
    /// The header's and footer's menus and the publisher's policies.
    pub menus: menus::MenusView,
    /// Extra feeds about this page's subject (a tag's feed on its tag page).
    pub feeds: Vec<FeedLink>,
    /// Open Graph, Twitter card and robots `<meta>` tags.
    pub meta: Vec<meta::MetaTag>,
    /// schema.org JSON-LD, escaped for `<script>` (empty when the page has none).
    pub jsonld: String,
    /// `hreflang` links to every language's version of the page (empty with one).
    pub alternates: Vec<languages::AlternateLink>,
    /// The language switcher (empty when the page has no other version).
    pub languages: Vec<languages::LanguageLink>,
}

/// A link with a label.
#[derive(Serialize, Clone)]
pub(crate) struct Link {
    /// Shown text.
    pub name: String,
    /// Relative link (None when the target page is not built).
    pub href: Option<String>,
}

/// A date ready to print.
#[derive(Serialize, Clone)]
pub(crate) struct DateShown {
    /// RFC 3339, for `datetime=`.
    pub iso: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// The day as the language writes it.
    pub shown: String,
    /// `HH:MM`, when a time was given.
    pub time: Option<String>,
    /// The day and, when given, the time, joined as the language joins them
    /// (the `date_time` label): "12 April 2025, 08:00", "12 أبريل 2025، 08:00".
    pub full: String,
}

impl DateShown {
    /// Prints `view` with the site's labels.
    pub(crate) fn new(view: &DateView, labels: &Labels) -> DateShown {
        let day = jiff::civil::Date::strptime("%Y-%m-%d", &view.day).unwrap_or_default();
        let shown = labels.day(day);
        let full = match &view.time {
            Some(time) => labels.map.get("date_time").map_or(format!("{shown}, {time}"), |f| {
                f.replace("{date}", &shown).replace("{time}", time)
            }),
            None => shown.clone(),
        };
        DateShown {
            iso: view.iso.clone(),
            day: view.day.clone(),
            shown,
            time: view.time.clone(),
            full,
        }
    }
}

/// An article in a list.
#[derive(Serialize)]
pub(crate) struct ItemView<'a> {
    /// Headline.
    pub title: &'a str,
    /// Link to the article page.
    pub href: String,
    /// Standfirst.
    pub dek: Option<&'a str>,
    /// Summary text.
    pub summary: &'a str,
    /// Publication date.
    pub date: Option<DateShown>,
    /// "By A and B", in the site language.
    pub byline: Option<String>,
    /// Authors with links to their pages.
    pub authors: Vec<Link>,
    /// Tags with links to their pages.
    pub tags: Vec<Link>,
    /// Section with a link.
    pub section: Option<Link>,
    /// Lead story of its edition.
    pub lead: bool,
    /// A draft (`draft = true`), published only by `build --drafts` and `serve --drafts`.
    pub draft: bool,
    /// Word count.
    pub words: usize,
    /// Reading time in minutes (at least 1).
    pub minutes: usize,
    /// Reading time in words, in the language's plural form ("1 min read").
    pub reading_time: String,
    /// The article's language when it differs from the site's.
    pub lang: Option<&'a str>,
    /// `ltr` or `rtl` for the article's language.
    pub dir: &'static str,
    /// Lead image.
    pub image: Option<ImageView<'a>>,
    /// Free-form front matter fields: Zola's `[extra]`, Hugo's `params`.
    pub extra: crate::content::extra::Natural<'a>,
}

/// The `<source>`s, the `srcset` of the `<img>`, and every copy of `p`, linked by `href`.
fn copies(
    p: &crate::site::pictures::Picture,
    href: &dyn Fn(&OutPath) -> String,
) -> (Vec<SourceView>, String, Vec<VariantView>) {
    let own = p.probe.kind;
    let sources = p.kinds().into_iter().filter(|k| *k != own);
    let sources =
        sources.map(|k| SourceView { kind: k.mime(), srcset: markup::srcset(p, k, href) });
    let variants = p.variants.iter().map(|v| VariantView {
        src: href(&v.path),
        width: v.width,
        height: v.height,
        kind: v.kind.mime(),
    });
    (sources.collect(), markup::srcset(p, own, href), variants.collect())
}

/// A `<source>` of a picture: a format and its copies.
#[derive(Serialize, Default)]
pub(crate) struct SourceView {
    /// The media type, e.g. `image/webp`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `href 320w, href 640w, …`.
    pub srcset: String,
}

/// One copy of a picture.
#[derive(Serialize)]
pub(crate) struct VariantView {
    /// Link relative to the page.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// The media type.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// A lead image: its copies and how to offer them (see `site::pictures`).
#[derive(Serialize)]
pub(crate) struct ImageView<'a> {
    /// Link relative to the page: the copy for browsers without `srcset` (the source's
    /// format, up to 1280 pixels wide), or the file as it is.
    pub src: String,
    /// The copies in the source's format, for `<img srcset>`; empty when there are none.
    pub srcset: String,
    /// The other formats' copies (WebP), for `<source>` elements, first choice first.
    pub sources: Vec<SourceView>,
    /// The `sizes` of the lead image on its article page (`[images] sizes`).
    pub sizes: &'a str,
    /// The picture's own size in pixels, when it is a local picture.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Every copy: `src`, `width`, `height`, `type`.
    pub variants: Vec<VariantView>,
    /// Alt text.
    pub alt: &'a str,
    /// Caption.
    pub caption: Option<&'a str>,
    /// Credit.
    pub credit: Option<&'a str>,
}

/// Builds item views for one page.
pub(crate) struct Viewer<'a> {
    /// The site.
    pub site: &'a Site,
    /// Page text.
    pub labels: &'a Labels,
}

/// The parts of an entry's list view that do not depend on the page showing it,
/// computed once per build: dates printed, terms looked up. Names and paths are
/// borrowed from the site: at a million articles each copy costs hundreds of MB.
#[derive(Clone)]
pub(crate) struct ItemParts<'a> {
    date: Option<DateShown>,
    authors: Vec<Term<'a>>,
    tags: Vec<Term<'a>>,
    section: Option<Term<'a>>,
}

/// A term's name as the entry shows it, and its page (none for a term with no page).
type Term<'a> = (&'a str, Option<&'a OutPath>);

impl<'a> Viewer<'a> {
    /// The page-independent parts of entry `i`'s list view.
    pub(crate) fn parts(&self, i: usize) -> ItemParts<'a> {
        let site = self.site;
        let e: &'a Entry = &site.entries[i];
        let term = |tax: &str, name: &'a str| {
            let out = site.taxonomy(tax).and_then(|t| t.term(name)).map(|t| &t.out);
            (name, out)
        };
        ItemParts {
            date: e.date.as_ref().map(|d| DateShown::new(d, self.labels)),
            // Tags and sections as the site names them; people as each byline has them.
            authors: self.authors_of(e).into_iter().map(|a| term("authors", a)).collect(),
            tags: site.tag_names(e).into_iter().map(|t| term("tags", t)).collect(),
            section: site.section_name(e).map(|s| term("sections", s)),
        }
    }

    /// The list view of entry `i` as seen from `page`, from its precomputed `parts`.
    pub(crate) fn item_from(
        &self,
        page: &OutPath,
        i: usize,
        parts: &ItemParts<'a>,
    ) -> ItemView<'a> {
        let site = self.site;
        let e: &'a Entry = &site.entries[i];
        let m = &e.article.meta;
        let href = |to: &OutPath| site.urls.href(page, to);
        let link = |&(name, out): &Term| Link { name: name.to_string(), href: out.map(href) };
        let image = m.image.as_ref().map(|img| self.image_view(e, img, page));
        let lang = m.lang.as_deref().unwrap_or(&site.config.language);
        let minutes = minutes(e.body.words, lang);
        let names: Vec<&str> = parts.authors.iter().map(|(name, _)| *name).collect();
        ItemView {
            title: &m.title,
            href: href(&e.out),
            dek: m.dek.as_deref(),
            summary: m.summary.as_deref().unwrap_or(&e.body.summary),
            date: parts.date.clone(),
            byline: byline(&names, self.labels),
            authors: parts.authors.iter().map(link).collect(),
            tags: parts.tags.iter().map(link).collect(),
            section: parts.section.as_ref().map(link),
            lead: m.lead,
            draft: m.draft,
            words: e.body.words,
            minutes,
            reading_time: self.labels.count("min_read", minutes, 0),
            lang: m.lang.as_deref(),
            dir: direction(m.lang.as_deref().unwrap_or(&site.config.language)),
            image,
            extra: crate::content::extra::Natural(&m.extra),
        }
    }

    /// The lead image of `e` as seen from `page`.
    pub(crate) fn image_view(&self, e: &'a Entry, img: &'a Image, page: &OutPath) -> ImageView<'a> {
        self.image_at((e.image.as_ref(), &e.out), img, page)
    }

    /// The view on `page` of picture `img`, published as `lead` by the document at `from`.
    pub(crate) fn image_at(
        &self,
        (lead, from): (Option<&'a crate::site::Lead>, &OutPath),
        img: &'a Image,
        page: &OutPath,
    ) -> ImageView<'a> {
        let site = self.site;
        let href = |to: &OutPath| site.urls.href(page, to);
        let picture = lead.and_then(|l| l.picture.as_deref());
        let src = match picture {
            Some(p) => href(&p.fallback().path),
            None => rebase(lead.map_or(&img.src, |l| &l.href), from, page, site),
        };
        let (sources, srcset, variants) = picture.map(|p| copies(p, &href)).unwrap_or_default();
        let size = lead.and_then(|l| l.size);
        ImageView {
            src,
            srcset,
            sources,
            sizes: &site.config.images.sizes,
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
            variants,
            alt: img.alt.as_deref().unwrap_or(""),
            caption: img.caption.as_deref(),
            credit: img.credit.as_deref(),
        }
    }

    /// The article's bylines, or the site's default author.
    pub(crate) fn authors_of(&self, e: &'a Entry) -> Vec<&'a str> {
        if e.article.meta.authors.is_empty() {
            self.site.config.author.as_deref().into_iter().collect()
        } else {
            e.article.meta.authors.iter().map(String::as_str).collect()
        }
    }
}

/// A link written relative to `from_page`, re-expressed relative to `to_page`.
fn rebase(href: &str, from_page: &OutPath, to_page: &OutPath, site: &Site) -> String {
    let folder = |p: &OutPath| p.as_str().rsplit_once('/').map(|(dir, _)| dir.to_string());
    if href.contains("://") || href.starts_with('/') || folder(from_page) == folder(to_page) {
        return href.to_string();
    }
    let mut base: Vec<&str> = from_page.as_str().split('/').collect();
    base.pop();
    let mut parts = base;
    for p in href.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    match OutPath::checked(&parts.join("/")) {
        Some(target) => site.urls.href(to_page, &target),
        None => href.to_string(),
    }
}

/// "By A, B and C" in the site language.
pub(crate) fn byline(authors: &[&str], labels: &Labels) -> Option<String> {
    let names = match authors {
        [] => return None,
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), labels.map["and"]),
    };
    Some(format!("{} {names}", labels.map["by"]))
}

/// Reading time in minutes, at least 1, of a text of `words` words (characters, in
/// Chinese and Japanese) in `language`, at that language's reading rate.
pub(crate) fn minutes(words: usize, language: &str) -> usize {
    words.div_ceil(crate::i18n::reading_rate(language)).max(1)
}
