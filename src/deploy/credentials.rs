//! The keys a deploy signs with, only from where AWS's own tools look:
//! `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`), else the
//! `AWS_PROFILE` (or `default`) profile of the shared credentials file
//! (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). Never from site.toml.

use crate::error::{Error, Result};
use std::path::PathBuf;

/// An access key, with where it was found (for messages).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    pub(crate) key_id: String,
    pub(crate) secret: String,
    pub(crate) token: Option<String>,
    pub(crate) from: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials {{ key_id: {}, from: {} }}", self.key_id, self.from)
    }
}

/// The credentials the environment `env` points to.
pub(crate) fn find(env: &dyn Fn(&str) -> Option<String>) -> Result<Credentials> {
    let var = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    if let (Some(key_id), Some(secret)) = (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
        let from = "AWS_ACCESS_KEY_ID".to_string();
        return Ok(Credentials { key_id, secret, token: var("AWS_SESSION_TOKEN"), from });
    }
    let profile = var("AWS_PROFILE").unwrap_or_else(|| "default".into());
    let file = var("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".aws").join("credentials")));
    let text = match &file {
        Some(path) => {
            crate::fs::read_if_exists(path)?.map(|b| String::from_utf8_lossy(&b).into_owned())
        }
        None => None,
    };
    let shown = file.as_ref().map_or("~/.aws/credentials".into(), |p| p.display().to_string());
    if let Some(found) = text.as_deref().and_then(|t| profile_in(t, &profile)) {
        let from = format!("profile `{profile}` of {shown}");
        return Ok(Credentials { from, ..found });
    }
    Err(Error::Usage(format!(
        "deploy: no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set, \
         and {shown} {} (set AWS_PROFILE to use another profile)",
        match text {
            None => "does not exist".to_string(),
            Some(_) => format!(
                "has no profile `{profile}` with aws_access_key_id and aws_secret_access_key"
            ),
        }
    )))
}

/// The keys of `[profile]` in the INI text of a credentials file.
fn profile_in(text: &str, profile: &str) -> Option<Credentials> {
    let (mut inside, mut key_id, mut secret, mut token) = (false, None, None, None);
    for line in text.lines().map(str::trim) {
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = section.trim();
            inside =
                name == profile || name.strip_prefix("profile ").map(str::trim) == Some(profile);
            continue;
        }
        let Some((key, value)) = line.split_once('=').filter(|_| inside) else { continue };
        let value = Some(value.trim().to_string());
        match key.trim().to_ascii_lowercase().as_str() {
            "aws_access_key_id" => key_id = value,
            "aws_secret_access_key" => secret = value,
            "aws_session_token" => token = value,
            _ => {}
        }
    }
    Some(Credentials { key_id: key_id?, secret: secret?, token, from: String::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_comes_first() {
        let env = |k: &str| match k {
            "AWS_ACCESS_KEY_ID" => Some("AK".to_string()),
            "AWS_SECRET_ACCESS_KEY" => Some("SK".to_string()),
            _ => None,
        };
        let found = find(&env).unwrap();
        assert_eq!((found.key_id.as_str(), found.token), ("AK", None));
    }

    #[test]
    fn reads_the_named_profile_of_the_credentials_file() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n\
                    [news]\naws_access_key_id=C\naws_secret_access_key=D\naws_session_token=E\n";
        let news = profile_in(text, "news").unwrap();
        assert_eq!((news.key_id.as_str(), news.secret.as_str()), ("C", "D"));
        assert_eq!(news.token.as_deref(), Some("E"));
        assert_eq!(profile_in(text, "default").unwrap().key_id, "A");
        assert!(profile_in(text, "other").is_none());
    }

    #[test]
    fn says_where_it_looked_when_nothing_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_string_lossy().into_owned();
        let env = |k: &str| (k == "HOME").then(|| home.clone());
        let err = find(&env).unwrap_err().to_string();
        assert!(
            err.contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set"),
            "{err}"
        );
        assert!(err.contains(".aws/credentials does not exist"), "{err}");
    }
}
