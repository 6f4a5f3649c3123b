//! The publisher as schema.org sees it: a `NewsMediaOrganization` with its details and
//! the absolute URL of each policy page (`correctionsPolicy`, `ethicsPolicy`, …), which
//! every page's JSON-LD carries as its `publisher`.

use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// The publisher, as JSON-LD.
#[derive(Serialize)]
pub(crate) struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(rename = "foundingDate", skip_serializing_if = "Option::is_none")]
    founded: Option<&'a str>,
    #[serde(rename = "legalName", skip_serializing_if = "Option::is_none")]
    legal_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<Logo>,
    name: &'a str,
    url: &'a str,
    /// `masthead`, `correctionsPolicy`, …: absolute URLs of the policy pages.
    #[serde(flatten)]
    policies: BTreeMap<&'static str, String>,
}

/// The logo, as an `ImageObject`: its copy's size when Broadsheet made one.
#[derive(Serialize)]
struct Logo {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

/// The site's publisher.
pub(crate) fn publisher(site: &Site) -> Organization<'_> {
    let p = site.config.publisher.as_ref();
    let field = |f: fn(&crate::config::publisher::Publisher) -> &Option<String>| {
        p.and_then(|p| f(p).as_deref())
    };
    let base = site.urls.base();
    let policies = site
        .menus
        .policies
        .iter()
        .map(|(property, _, page)| (*property, site.urls.absolute(page)))
        .collect();
    Organization {
        kind: "NewsMediaOrganization",
        id: format!("{base}#publisher"),
        address: field(|p| &p.address),
        email: field(|p| &p.email),
        founded: field(|p| &p.founded),
        legal_name: field(|p| &p.legal_name),
        logo: field(|p| &p.logo).map(|logo| match &site.logo {
            Some(picture) => {
                let copy = picture.social();
                let url = site.urls.absolute(&copy.path);
                Logo {
                    kind: "ImageObject",
                    url,
                    width: Some(copy.width),
                    height: Some(copy.height),
                }
            }
            None => {
                Logo { kind: "ImageObject", url: logo_url(base, logo), width: None, height: None }
            }
        }),
        name: site.config.publisher_name(),
        url: base,
        policies,
    }
}

/// The logo's absolute URL: as written when it is one, else a path under the site.
fn logo_url(base: &str, logo: &str) -> String {
    if logo.contains("://") {
        logo.to_string()
    } else {
        format!("{base}{}", logo.trim_start_matches('/'))
    }
}
