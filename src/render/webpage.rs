//! JSON-LD of the pages that are not news: a standalone page's `WebPage` (an
//! `AboutPage` or `ContactPage` when its path says so), the sign-up page's, and an
//! author page's `ProfilePage` about a `Person` (the `Person` articles name too).

use super::jsonld::script_json;
use super::organization::{Organization, publisher};
use crate::site::Site;
use crate::views::PageView;
use serde::Serialize;

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(rename = "isPartOf")]
    part_of: Website<'a>,
    name: &'a str,
    publisher: Organization<'a>,
    url: &'a str,
}

#[derive(Serialize)]
struct Website<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

/// A schema.org `Person`: a byline, with what their profile says.
#[derive(Serialize)]
pub(crate) struct PersonLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "<[String]>::is_empty")]
    same_as: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl<'a> PersonLd<'a> {
    /// The JSON-LD of `p`.
    pub(crate) fn of(p: &'a crate::views::item::Person) -> PersonLd<'a> {
        PersonLd {
            kind: "Person",
            image: p.image.as_deref(),
            job_title: p.job_title.as_deref(),
            name: &p.name,
            same_as: &p.same_as,
            url: p.url.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct ProfilePage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(rename = "mainEntity")]
    main_entity: PersonLd<'a>,
    name: &'a str,
    publisher: Organization<'a>,
    url: &'a str,
}

/// An author page's `ProfilePage` about `person`, ready for `<script>`.
pub(crate) fn profile_jsonld(
    site: &Site,
    page: &PageView,
    person: &crate::views::item::Person,
) -> String {
    script_json(&ProfilePage {
        context: "https://schema.org",
        id: &page.canonical,
        kind: "ProfilePage",
        language: &page.lang,
        main_entity: PersonLd::of(person),
        name: &page.title,
        publisher: publisher(site),
        url: &page.canonical,
    })
}

/// The schema.org type a page's path suggests: `about` and `contact` pages say so.
pub(crate) fn kind_of(path: &str) -> &'static str {
    let stem = path.rsplit('/').next().unwrap_or("").trim_end_matches(".html");
    match stem {
        "about" | "about-us" | "masthead" => "AboutPage",
        "contact" | "contact-us" => "ContactPage",
        _ => "WebPage",
    }
}

/// A page's `WebPage`, last modified `modified` (ISO), ready for `<script>`.
pub(crate) fn page_jsonld(site: &Site, page: &PageView, modified: Option<&str>) -> String {
    let base = site.urls.base();
    let value = WebPage {
        context: "https://schema.org",
        id: &page.canonical,
        kind: kind_of(&page.path),
        modified,
        description: &page.description,
        language: &page.lang,
        part_of: Website {
            id: format!("{base}#website"),
            kind: "WebSite",
            name: &site.config.title,
            url: base,
        },
        name: &page.title,
        publisher: publisher(site),
        url: &page.canonical,
    };
    script_json(&value)
}
