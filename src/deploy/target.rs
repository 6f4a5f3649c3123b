//! Where a deploy goes: the `s3://bucket/prefix` target and the settings that reach it,
//! merged from the command line over site.toml's `[deploy]` and the environment.

use crate::config::deploy::{DeployConfig, PruneLimit};
use crate::error::{Error, Result};

/// The name of the manifest object the deploy keeps under the prefix.
pub(crate) const MANIFEST: &str = ".broadsheet-deploy.json";

/// A bucket and the prefix the site lives under (no slash at either end; may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) bucket: String,
    pub(crate) prefix: String,
}

impl Target {
    /// Reads `s3://bucket` or `s3://bucket/some/prefix/`.
    pub(crate) fn parse(text: &str) -> std::result::Result<Target, String> {
        let Some(rest) = text.trim().strip_prefix("s3://") else {
            return Err(format!(
                "`{text}` is not a target: write s3://bucket or s3://bucket/prefix"
            ));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() || bucket.contains(|c: char| c.is_whitespace()) {
            return Err(format!(
                "`{text}` names no bucket: write s3://bucket or s3://bucket/prefix"
            ));
        }
        let parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
        if parts.iter().any(|p| *p == "." || *p == "..") {
            return Err(format!("`{text}`: the prefix may not hold `.` or `..`"));
        }
        Ok(Target { bucket: bucket.to_string(), prefix: parts.join("/") })
    }

    /// The object key of the output path `path`.
    pub(crate) fn key(&self, path: &str) -> String {
        if self.prefix.is_empty() { path.to_string() } else { format!("{}/{path}", self.prefix) }
    }

    /// The output path of the object key `key`, if it lies under the prefix.
    pub(crate) fn path_of<'a>(&self, key: &'a str) -> Option<&'a str> {
        if self.prefix.is_empty() {
            return Some(key);
        }
        key.strip_prefix(self.prefix.as_str())?.strip_prefix('/')
    }

    /// `s3://bucket/prefix`, for messages.
    pub(crate) fn shown(&self) -> String {
        match self.prefix.is_empty() {
            true => format!("s3://{}", self.bucket),
            false => format!("s3://{}/{}", self.bucket, self.prefix),
        }
    }
}

/// Everything the deploy needs to reach the store, checked.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) target: Target,
    pub(crate) endpoint: Option<String>,
    pub(crate) region: String,
    pub(crate) prune_limit: PruneLimit,
}

/// What the command line gave, each overriding site.toml.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Given<'a> {
    pub(crate) target: Option<&'a str>,
    pub(crate) endpoint: Option<&'a str>,
    pub(crate) region: Option<&'a str>,
}

/// The settings from `given` over `config`; `env` reads the environment (the region).
pub(crate) fn settings(
    given: Given<'_>,
    config: &DeployConfig,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Settings> {
    let Some(text) = given.target.or(config.target.as_deref()) else {
        return Err(Error::Usage(
            "deploy: no target: give one (`broadsheet deploy s3://bucket/prefix`) or set \
             `target` in site.toml's [deploy]"
                .into(),
        ));
    };
    let target = Target::parse(text).map_err(|m| Error::Usage(format!("deploy: {m}")))?;
    let endpoint = given.endpoint.map(str::to_string).or_else(|| config.endpoint.clone());
    if let Some(url) = &endpoint
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(Error::Usage(format!(
            "deploy: --endpoint must be an http(s) URL, got `{url}`"
        )));
    }
    let region = given
        .region
        .map(str::to_string)
        .or_else(|| config.region.clone())
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".into());
    let prune_limit = config.prune_limit.clone().unwrap_or_default();
    Ok(Settings { target, endpoint, region, prune_limit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bucket_and_prefix_without_stray_slashes() {
        let t = Target::parse("s3://news/digest/").unwrap();
        assert_eq!((t.bucket.as_str(), t.prefix.as_str()), ("news", "digest"));
        assert_eq!(t.key("index.html"), "digest/index.html");
        assert_eq!(t.path_of("digest/a/b.html"), Some("a/b.html"));
        assert_eq!(t.path_of("digest2/a.html"), None);
        assert_eq!(Target::parse("s3://news").unwrap().key("a.html"), "a.html");
    }

    #[test]
    fn rejects_targets_without_a_bucket_or_scheme() {
        assert!(Target::parse("news/digest").unwrap_err().contains("not a target"));
        assert!(Target::parse("s3:///digest").unwrap_err().contains("names no bucket"));
        assert!(Target::parse("s3://b/../x").unwrap_err().contains("`..`"));
    }

    #[test]
    fn the_command_line_wins_and_the_region_falls_back_to_the_environment() {
        let config = DeployConfig { target: Some("s3://a".into()), ..DeployConfig::default() };
        let env = |k: &str| (k == "AWS_REGION").then(|| "eu-west-3".to_string());
        let given = Given { target: Some("s3://b/p"), endpoint: None, region: None };
        let s = settings(given, &config, &env).unwrap();
        assert_eq!((s.target.bucket.as_str(), s.region.as_str()), ("b", "eu-west-3"));
        let none = Given { target: None, endpoint: None, region: None };
        let err = settings(none, &DeployConfig::default(), &env).unwrap_err();
        assert!(err.to_string().starts_with("deploy: no target"), "{err}");
    }
}
