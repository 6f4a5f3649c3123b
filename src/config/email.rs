//! `[email]` and `[email.smtp]`: the e-mail edition's settings. What the e-mail says
//! (postal address, unsubscribe merge tag, UTM suffix) and where `send` delivers it.
//! The SMTP password is never a setting: `send` reads it from the environment.

use serde::Deserialize;

/// The environment variable `send` reads the SMTP password from.
pub const PASSWORD_VAR: &str = "BROADSHEET_SMTP_PASSWORD";

/// `[email]`: every edition as an e-mail, built with the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// Write `email/<key>.html` and `.txt` for each edition.
    #[serde(default = "super::yes")]
    pub enabled: bool,
    /// The publisher's postal address, printed in the footer (anti-spam laws ask for it).
    #[serde(default)]
    pub address: Option<String>,
    /// What the unsubscribe link points to: a URL (`https:`, `mailto:`), or the sending
    /// service's merge tag (`*|UNSUB|*`, `{{ unsubscribe_url }}`), which only the
    /// `send --eml` copy for that service carries; the built e-mail pages then link
    /// to the publisher (see `email::unsubscribe`).
    #[serde(default)]
    pub unsubscribe: Option<String>,
    /// A query appended to every link to the site, e.g. `utm_source=email&utm_medium=email`.
    #[serde(default)]
    pub utm: Option<String>,
    /// The sender, `Name <addr@example.org>`, for `send`.
    #[serde(default)]
    pub from: Option<String>,
    /// The `List-Unsubscribe` URL `send` puts in the headers (an `https:` one-click
    /// endpoint, RFC 8058); it also replaces the body's placeholder when sending.
    #[serde(default)]
    pub list_unsubscribe: Option<String>,
    /// Where `send` delivers.
    #[serde(default)]
    pub smtp: SmtpConfig,
    /// `[email.signup]`: the sign-up page's form.
    #[serde(default)]
    pub signup: SignupConfig,
}

/// `[email.signup]`: where the sign-up page's form posts, so that any list service
/// (listmonk, Buttondown, Mailchimp) takes the address. Without `action` the page
/// offers a `mailto:` link to the publisher's or the e-mail's address instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupConfig {
    /// The form's `action`: the list service's subscribe URL.
    #[serde(default)]
    pub action: Option<String>,
    /// `post` or `get`.
    #[serde(default = "default_method")]
    pub method: String,
    /// The name of the e-mail field the service expects.
    #[serde(default = "default_email_field")]
    pub email_field: String,
    /// Hidden fields sent with the address (a list's id, say).
    #[serde(default)]
    pub hidden: std::collections::BTreeMap<String, String>,
    /// Consent text shown beside the button.
    #[serde(default)]
    pub consent: Option<String>,
}

impl Default for SignupConfig {
    fn default() -> Self {
        SignupConfig {
            action: None,
            method: default_method(),
            email_field: default_email_field(),
            hidden: Default::default(),
            consent: None,
        }
    }
}

fn default_method() -> String {
    "post".into()
}

fn default_email_field() -> String {
    "email".into()
}

impl EmailConfig {
    /// The merge tag `unsubscribe` gives, when it is one and not a URL.
    pub fn merge_tag(&self) -> Option<&str> {
        self.unsubscribe.as_deref().map(str::trim).filter(|u| !u.is_empty() && !is_url(u))
    }

    /// The URL `unsubscribe` gives, when it is one.
    pub fn unsubscribe_url(&self) -> Option<&str> {
        self.unsubscribe.as_deref().map(str::trim).filter(|u| is_url(u))
    }
}

/// True when `text` is an absolute `http:`, `https:` or `mailto:` URL as written, with
/// none of the characters merge tags are made of (`{`, `}`, `|`, `*`) and no spaces.
fn is_url(text: &str) -> bool {
    let plain =
        !text.contains(['{', '}', '|', '*', '<', '>', '"']) && !text.contains(char::is_whitespace);
    plain && url::Url::parse(text).is_ok_and(|u| ["http", "https", "mailto"].contains(&u.scheme()))
}

impl Default for EmailConfig {
    fn default() -> Self {
        EmailConfig {
            enabled: true,
            address: None,
            unsubscribe: None,
            utm: None,
            from: None,
            list_unsubscribe: None,
            smtp: SmtpConfig::default(),
            signup: SignupConfig::default(),
        }
    }
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Tls {
    /// Plain connection upgraded with STARTTLS (port 587); refuses servers without it.
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on this machine or a test server.
    None,
}

/// `[email.smtp]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// The server's host name, e.g. `smtp.example.org`.
    #[serde(default)]
    pub server: Option<String>,
    /// The port; default 587 with STARTTLS, 465 with TLS, 25 without.
    #[serde(default)]
    pub port: Option<u16>,
    /// The login name; the password comes from `BROADSHEET_SMTP_PASSWORD`.
    #[serde(default)]
    pub user: Option<String>,
    /// `starttls`, `tls` or `none`.
    #[serde(default)]
    pub tls: Tls,
    /// A certificate authority (PEM) to trust besides the public ones, relative to the
    /// site: for a newsroom's own relay whose certificate its own authority signed.
    #[serde(default)]
    pub ca_file: Option<std::path::PathBuf>,
}

impl SmtpConfig {
    /// The port to use: the one given, else the usual one for the `tls` mode.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.tls {
            Tls::Starttls => 587,
            Tls::Tls => 465,
            Tls::None => 25,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(unsubscribe: &str) -> EmailConfig {
        EmailConfig { unsubscribe: Some(unsubscribe.into()), ..EmailConfig::default() }
    }

    #[test]
    fn tells_a_merge_tag_from_a_url() {
        for tag in ["*|UNSUB|*", "{{ unsubscribe_url }}", "{{ UnsubscribeURL }}", "{{unsubscribe}}"]
        {
            assert_eq!(with(tag).merge_tag(), Some(tag));
            assert_eq!(with(tag).unsubscribe_url(), None);
        }
        for url in ["https://example.org/unsub", "mailto:desk@example.org?subject=Unsubscribe"] {
            assert_eq!(with(url).unsubscribe_url(), Some(url));
            assert_eq!(with(url).merge_tag(), None);
        }
        assert_eq!(EmailConfig::default().merge_tag(), None);
    }
}
