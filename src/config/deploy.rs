//! `[deploy]`: where `broadsheet deploy` publishes the built site (an S3-compatible
//! bucket) and which headers its objects get. Credentials are never settings: `deploy`
//! reads them from the environment and the AWS shared credentials file.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `[deploy]`: the target and its headers; the command line overrides each.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// `s3://bucket` or `s3://bucket/prefix`.
    #[serde(default)]
    pub target: Option<String>,
    /// The S3 API's URL for stores other than Amazon's (R2, MinIO, Garage…).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The bucket's region (default `AWS_REGION`, else `us-east-1`; R2 takes `auto`).
    #[serde(default)]
    pub region: Option<String>,
    /// How many objects `--prune` may delete without `--force`: a number, or a share
    /// of the objects such as `"10%"` (the default).
    #[serde(default)]
    pub prune_limit: Option<PruneLimit>,
    /// Gzip text files (pages, feeds, stylesheets, scripts, SVG) on upload and send
    /// them with `Content-Encoding: gzip`, for stores and CDNs that do not compress.
    #[serde(default)]
    pub compress: bool,
    /// Headers by glob over output paths (`"**/*.pdf"`, `"assets/*"`); where several
    /// match, the longest pattern wins.
    #[serde(default)]
    pub headers: BTreeMap<String, HeaderRule>,
}

/// `prune_limit`: a count of objects, or a percentage of those in the bucket.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum PruneLimit {
    /// At most this many objects.
    Count(usize),
    /// A share written as `"N%"`; checked when the settings are loaded.
    Share(String),
}

impl Default for PruneLimit {
    fn default() -> Self {
        PruneLimit::Share("10%".into())
    }
}

impl PruneLimit {
    /// The most objects a prune may delete without `--force`, out of `objects`.
    pub fn of(&self, objects: usize) -> usize {
        match self {
            PruneLimit::Count(n) => *n,
            PruneLimit::Share(_) => (objects * self.percent()).div_ceil(100),
        }
    }

    fn percent(&self) -> usize {
        match self {
            PruneLimit::Count(_) => 0,
            PruneLimit::Share(text) => parse_percent(text).unwrap_or(10),
        }
    }
}

/// `N%` with N from 0 to 100.
fn parse_percent(text: &str) -> Option<usize> {
    text.trim().strip_suffix('%')?.trim().parse().ok().filter(|n| *n <= 100)
}

/// One `[deploy.headers]` entry: the headers objects matching its glob get.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRule {
    /// `Cache-Control`, e.g. `public, max-age=86400`.
    #[serde(default)]
    pub cache_control: Option<String>,
    /// `Content-Type`, instead of the one the file name gives.
    #[serde(default)]
    pub content_type: Option<String>,
}

impl DeployConfig {
    /// Checks what serde cannot; returns the offending key and a message.
    pub(crate) fn check(&self) -> Result<(), (String, String)> {
        if let Some(target) = &self.target
            && !target.starts_with("s3://")
        {
            return Err((
                "target".into(),
                format!("`target` must look like `s3://bucket/prefix`, got `{target}`"),
            ));
        }
        if let Some(endpoint) = &self.endpoint
            && !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
        {
            let message = format!("`endpoint` must be an http(s) URL, got `{endpoint}`");
            return Err(("endpoint".into(), message));
        }
        if let Some(PruneLimit::Share(text)) = &self.prune_limit
            && parse_percent(text).is_none()
        {
            let message =
                format!("`prune_limit` must be a number or a share such as \"10%\", got `{text}`");
            return Err(("prune_limit".into(), message));
        }
        for (glob, rule) in &self.headers {
            if let Err(e) = glob::Pattern::new(glob) {
                let message = format!("[deploy.headers]: `{glob}` is not a glob: {}", e.msg);
                return Err((format!("\"{glob}\""), message));
            }
            if rule.cache_control.is_none() && rule.content_type.is_none() {
                let message = format!(
                    "[deploy.headers]: `{glob}` sets neither `cache_control` nor `content_type`"
                );
                return Err((format!("\"{glob}\""), message));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prune_limit_is_a_count_or_a_share_rounded_up() {
        assert_eq!(PruneLimit::default().of(25), 3);
        assert_eq!(PruneLimit::default().of(0), 0);
        assert_eq!(PruneLimit::Count(4).of(1000), 4);
        assert_eq!(PruneLimit::Share("50 %".into()).of(9), 5);
    }

    #[test]
    fn rejects_a_bad_share_a_bad_glob_and_an_empty_rule() {
        let read = |text: &str| toml::from_str::<DeployConfig>(text).unwrap().check();
        assert_eq!(read("prune_limit = \"lots\"").unwrap_err().0, "prune_limit");
        assert_eq!(read("prune_limit = \"101%\"").unwrap_err().0, "prune_limit");
        assert_eq!(read("[headers]\n\"a[\" = { cache_control = \"x\" }").unwrap_err().0, "\"a[\"");
        assert_eq!(read("[headers]\n\"*.pdf\" = {}").unwrap_err().0, "\"*.pdf\"");
        assert_eq!(read("target = \"bucket\"").unwrap_err().0, "target");
        assert!(read("target = \"s3://b/p\"\nprune_limit = 3").is_ok());
    }
}
