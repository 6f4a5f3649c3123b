//! What `send` checks before it builds or writes anything: the e-mail edition is on,
//! the sender is an address, there are readers, and `base_url` is not still the
//! placeholder `init` wrote (every link in an e-mail is absolute, so with the
//! placeholder they all point nowhere).

use super::SendOptions;
use crate::config::SiteConfig;
use crate::error::{Error, Result};
use std::path::Path;

/// What the checks found: the readers, and warnings for the caller to print.
pub(crate) struct Cleared {
    /// The readers from `--to` and `--list`, in order, each once.
    pub readers: Vec<String>,
    /// Things to fix that did not stop this run.
    pub warnings: Vec<String>,
}

/// Checks the settings and the readers of `options`; nothing is written.
pub(crate) fn check(options: &SendOptions) -> Result<Cleared> {
    let root = &options.build.root;
    let mut config = crate::config::load(&root.join("site.toml"), Path::new("site.toml"))?;
    if let Some(url) = &options.build.base_url {
        config = SiteConfig::with_base_url(config, url)?;
    }
    if !config.email.enabled {
        return Err(Error::Usage(
            "send: the e-mail edition is off (`[email] enabled = false`)".into(),
        ));
    }
    super::message::mailbox("[email] from", config.email.from.as_deref().unwrap_or(""))?;
    let readers = super::readers(options)?;
    if readers.is_empty() && options.eml.is_none() {
        return Err(Error::Usage("send: no readers: give --to ADDR… or --list FILE".into()));
    }
    let mut warnings = Vec::new();
    if is_placeholder(&config.base_url) {
        let problem = format!(
            "`base_url` in site.toml is still the placeholder `{}`: every link in the e-mail \
             would point nowhere; set it to the address the site is published at",
            config.base_url
        );
        if options.dry_run || options.force {
            warnings.push(problem);
        } else {
            return Err(Error::Usage(format!("send: {problem} (or pass --force to send anyway)")));
        }
    }
    Ok(Cleared { readers, warnings })
}

/// True for the address `init` writes (`https://example.github.io/<name>/`) and for
/// the names RFC 2606 keeps for examples (`example.org`, `*.example`, …), which no
/// published site has.
pub(crate) fn is_placeholder(base_url: &str) -> bool {
    let Some(host) = url::Url::parse(base_url).ok().and_then(|u| u.host_str().map(str::to_string))
    else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    let reserved = ["example.github.io", "example.com", "example.org", "example.net"];
    reserved.iter().any(|r| host == *r || host.ends_with(&format!(".{r}")))
        || host.ends_with(".example")
        || host.ends_with(".invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_placeholder_from_a_real_address() {
        assert!(is_placeholder("https://example.github.io/harbor-notes/"));
        assert!(is_placeholder("https://news.example.org/"));
        assert!(is_placeholder("https://digest.example/"));
        assert!(!is_placeholder("https://northport-news.github.io/digest/"));
        assert!(!is_placeholder("https://news.northport.co/"));
    }
}
