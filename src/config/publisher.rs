//! `publisher`: the organisation behind the site. Either a name (`publisher = "…"`,
//! as before) or a `[publisher]` table with its details and the pages that hold its
//! policies, which every page's JSON-LD names (schema.org `NewsMediaOrganization`).

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// The publisher's details.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// The name readers know (default: the site's title).
    #[serde(default)]
    pub name: Option<String>,
    /// The registered name, when it differs.
    #[serde(default)]
    pub legal_name: Option<String>,
    /// The logo: a file under `static/` (`logo.png`), or an absolute URL.
    #[serde(default)]
    pub logo: Option<String>,
    /// The postal address, on one line.
    #[serde(default)]
    pub address: Option<String>,
    /// When it was founded (`2019` or `2019-04-01`).
    #[serde(default)]
    pub founded: Option<String>,
    /// The newsroom's e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    // The policies: each a page's path under `pages/` without `.md`.
    /// The masthead page (who runs the newsroom).
    #[serde(default)]
    pub masthead: Option<String>,
    /// The corrections policy.
    #[serde(default)]
    pub corrections_policy: Option<String>,
    /// The ethics policy.
    #[serde(default)]
    pub ethics_policy: Option<String>,
    /// Who owns and funds the publication.
    #[serde(default)]
    pub ownership_funding: Option<String>,
    /// How readers' feedback is acted on.
    #[serde(default)]
    pub feedback_policy: Option<String>,
    /// The diversity policy.
    #[serde(default)]
    pub diversity_policy: Option<String>,
    /// How facts are checked.
    #[serde(default)]
    pub fact_checking_policy: Option<String>,
    /// When unnamed sources are used.
    #[serde(default)]
    pub unnamed_sources_policy: Option<String>,
    /// The line of site.toml each policy key is on, for messages.
    #[serde(skip)]
    pub lines: std::collections::BTreeMap<&'static str, usize>,
}

/// Each policy key and the schema.org property it fills.
pub const POLICIES: [(&str, &str); 8] = [
    ("masthead", "masthead"),
    ("corrections_policy", "correctionsPolicy"),
    ("ethics_policy", "ethicsPolicy"),
    ("ownership_funding", "ownershipFundingInfo"),
    ("feedback_policy", "actionableFeedbackPolicy"),
    ("diversity_policy", "diversityPolicy"),
    ("fact_checking_policy", "verificationFactCheckingPolicy"),
    ("unnamed_sources_policy", "unnamedSourcesPolicy"),
];

impl Publisher {
    /// Each policy set: its key and the page it names, in `POLICIES` order.
    pub fn policies(&self) -> Vec<(&'static str, &str)> {
        let Publisher {
            masthead,
            corrections_policy,
            ethics_policy,
            ownership_funding,
            feedback_policy,
            diversity_policy,
            fact_checking_policy,
            unnamed_sources_policy,
            ..
        } = self;
        let values = [
            masthead,
            corrections_policy,
            ethics_policy,
            ownership_funding,
            feedback_policy,
            diversity_policy,
            fact_checking_policy,
            unnamed_sources_policy,
        ];
        POLICIES.iter().zip(values).filter_map(|((k, _), v)| Some((*k, v.as_deref()?))).collect()
    }
}

/// `publisher = "Name"` or `[publisher]`.
pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Publisher>, D::Error> {
    struct Either;
    impl<'de> Visitor<'de> for Either {
        type Value = Option<Publisher>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a name or a [publisher] table")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Publisher { name: Some(v.to_string()), ..Publisher::default() }))
        }
        fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
            Publisher::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_any(Either)
}
