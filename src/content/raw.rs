//! The front matter as written: loose serde types that accept every spelling the
//! documentation (docs/pages/front-matter.md) names (a string or a list, a URL or a table). `meta` checks them.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

pub(crate) use super::extra::Loose;

/// Front matter fields as written. Every field is optional here; `meta::check` decides.
#[derive(Debug, Default, Deserialize)]
#[allow(missing_docs)]
pub(crate) struct RawMeta {
    pub title: Option<String>,
    pub date: Option<RawDate>,
    pub updated: Option<RawDate>,
    pub dek: Option<String>,
    pub subhead: Option<String>,
    pub summary: Option<String>,
    pub authors: Option<OneOrMany>,
    pub author: Option<OneOrMany>,
    pub tags: Option<OneOrMany>,
    pub source: Option<StrOrTable<RawSource>>,
    pub slug: Option<String>,
    pub draft: Option<bool>,
    pub lang: Option<String>,
    #[serde(alias = "translationKey")]
    pub translation_key: Option<String>,
    pub image: Option<StrOrTable<RawImage>>,
    pub lead: Option<bool>,
    pub thread: Option<String>,
    pub section: Option<String>,
    pub republished: Option<bool>,
    pub aliases: Option<OneOrMany>,
    pub corrections: Option<Vec<RawCorrection>>,
    // What Jekyll, Hugo and Zola call our fields; `peers::fold` maps them.
    pub description: Option<String>,
    pub excerpt: Option<String>,
    pub categories: Option<Words>,
    pub category: Option<String>,
    pub taxonomies: Option<std::collections::BTreeMap<String, OneOrMany>>,
    pub published: Option<Loose>,
    #[serde(rename = "publishDate", alias = "publishdate", alias = "publish_date")]
    pub publish_date: Option<RawDate>,
    #[serde(rename = "expiryDate", alias = "expirydate", alias = "expiry_date")]
    pub expiry_date: Option<RawDate>,
    #[serde(alias = "lastMod")]
    pub lastmod: Option<RawDate>,
    pub last_modified_at: Option<RawDate>,
    // Hugo's other names for publishDate, lastmod and expiryDate.
    pub pubdate: Option<RawDate>,
    pub modified: Option<RawDate>,
    pub unpublishdate: Option<RawDate>,
    pub permalink: Option<String>,
    pub url: Option<String>,
    pub path: Option<String>,
    pub redirect_from: Option<OneOrMany>,
    pub extra: Option<Loose>,
    pub params: Option<Loose>,
    pub headless: Option<bool>,
    pub build: Option<Loose>,
    pub cascade: Option<Loose>,
    // A standalone page's own keys (articles accept them unused: see QUIET_KEYS).
    pub template: Option<String>,
    pub menu: Option<Loose>,
    pub weight: Option<Loose>,
}

/// Every key `RawMeta` knows, for unknown-key warnings.
pub(crate) const KNOWN_KEYS: &[&str] = &[
    // `import feed`'s record of the item a seed came from (import::feed::seed); unused here.
    "import",
    "title",
    "date",
    "updated",
    "dek",
    "subhead",
    "summary",
    "authors",
    "author",
    "tags",
    "source",
    "slug",
    "draft",
    "lang",
    "translation_key",
    "translationKey",
    "image",
    "lead",
    "thread",
    "section",
    "republished",
    "aliases",
    "corrections",
    "description",
    "excerpt",
    "categories",
    "category",
    "taxonomies",
    "published",
    "publishDate",
    "publishdate",
    "publish_date",
    "expiryDate",
    "expirydate",
    "expiry_date",
    "lastmod",
    "lastMod",
    "last_modified_at",
    "pubdate",
    "modified",
    "unpublishdate",
    "permalink",
    "url",
    "path",
    "redirect_from",
    "extra",
    "params",
    "headless",
    "build",
    "cascade",
];

/// Keys that Jekyll, Hugo and Zola themes read for presentation (layouts, menus,
/// ordering, tables of contents). Broadsheet has no use for them, so they are accepted
/// without a warning per file and named once per build.
pub(crate) const QUIET_KEYS: &[&str] = &[
    "layout",
    "weight",
    "template",
    "page_template",
    "linkTitle",
    "linktitle",
    "toc",
    "menu",
    "menus",
    "keywords",
    "outputs",
    "type",
    "version",
    "comments",
    "sitemap",
    "markup",
    "sort_by",
    "paginate_by",
    "paginate_path",
    "insert_anchor_links",
    "in_search_index",
    "render",
    "transparent",
    "generate_feeds",
    "resources",
    "show_toc",
    "math",
    "identifier",
    "isCJKLanguage",
    "nav_order",
    "redirect_to",
    "parent",
];

/// What other site generators and newsroom systems call our keys, for unknown-key hints
/// that edit distance alone gets wrong (`headline` is nearest to `thread`).
pub(crate) const SYNONYMS: &[(&str, &str)] = &[
    ("headline", "title"),
    ("byline", "author"),
    ("by", "author"),
    ("writer", "author"),
    ("tag", "tags"),
    ("keywords", "tags"),
    ("kicker", "section"),
    ("standfirst", "dek"),
    ("teaser", "dek"),
    ("cover", "image"),
    ("photo", "image"),
    ("thumbnail", "image"),
    ("language", "lang"),
];

/// `source = { name, url }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub(crate) struct RawSource {
    pub name: Option<String>,
    pub url: Option<String>,
}

/// `image = { src, alt, caption, credit }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub(crate) struct RawImage {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// One entry of `corrections`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub(crate) struct RawCorrection {
    pub date: RawDate,
    pub note: String,
}

/// A date as written: a TOML date/datetime or a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawDate(pub String);

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2025-04-12 or 2025-04-12T09:30:00")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
            // TOML dates arrive as a one-entry map holding the date's text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDate, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom("expected a date"));
                };
                Ok(RawDate(text))
            }
        }
        d.deserialize_any(V)
    }
}

/// A string or a list of strings; a string with commas is read as a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(v.split(',').map(|s| s.trim().to_string()).collect()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// A list of words: a list, or a string split at commas or, without commas, at
/// spaces (Jekyll's `categories: release community`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Words(pub Vec<String>);

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let OneOrMany(items) = OneOrMany::deserialize(d)?;
        Ok(Words(match items.as_slice() {
            [one] if !one.contains(',') => one.split_whitespace().map(str::to_string).collect(),
            _ => items,
        }))
    }
}

/// A plain string, or a table of richer fields.
#[derive(Debug)]
pub(crate) enum StrOrTable<T> {
    /// Just a string (a URL or a path).
    Str(String),
    /// The full table.
    Table(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for StrOrTable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = StrOrTable<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a table")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StrOrTable::Str(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(StrOrTable::Table)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}
