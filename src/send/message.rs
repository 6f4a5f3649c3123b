//! One reader's message: the edition's e-mail as built (`email/<key>.html` and `.txt`
//! from the output folder) in a multipart/alternative message with `Date`,
//! `Message-ID`, and `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058) when
//! site.toml gives an unsubscribe URL, which then also replaces the body's placeholder.

use crate::config::email::EmailConfig;
use crate::error::{Error, Result};
use crate::site::{Site, pagemap};
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use std::path::Path;

/// The `{email}` placeholder of `list_unsubscribe`, replaced by the reader's address.
const READER: &str = "{email}";

/// An edition's e-mail as built: subject, HTML and text.
pub(crate) struct Letter {
    /// The subject line.
    pub subject: String,
    /// The HTML part, styles inlined.
    pub html: String,
    /// The text part.
    pub text: String,
}

impl Letter {
    /// Edition `k`'s e-mail from the output folder `out` (a build has just written it).
    pub(crate) fn read(site: &Site, k: usize, out: &Path) -> Result<Letter> {
        let labels = crate::i18n::Labels::new(&site.config.language, &site.config.labels);
        let key = &site.editions[k].key;
        let read = |path: crate::urls::OutPath| {
            let bytes = crate::fs::read(&out.join(path.to_fs()))?;
            Ok::<_, Error>(String::from_utf8_lossy(&bytes).into_owned())
        };
        Ok(Letter {
            subject: crate::email::view::of(site, k, &labels).subject,
            html: read(pagemap::email(key))?,
            text: read(pagemap::email_text(key))?,
        })
    }

    /// The message for reader `to` (the sender itself when `None`, for `--eml`).
    pub(crate) fn compose(&self, config: &EmailConfig, to: Option<&str>) -> Result<Message> {
        let from = mailbox("[email] from", config.from.as_deref().unwrap_or(""))?;
        let to = match to {
            Some(to) => mailbox("the reader", to)?,
            None => from.clone(),
        };
        let unsubscribe = config.list_unsubscribe.as_deref().map(|url| for_reader(url, &to));
        let (mut html, mut text) = (self.html.clone(), self.text.clone());
        let mut builder = Message::builder().from(from).to(to).subject(&self.subject);
        if let Some(url) = &unsubscribe {
            html = html.replace(&escaped(&config.unsubscribe), &escaped(url));
            text = text.replace(&config.unsubscribe, url);
            builder = builder.raw_header(header("List-Unsubscribe", format!("<{url}>")));
            if url.starts_with("https://") {
                let one_click = "List-Unsubscribe=One-Click".to_string();
                builder = builder.raw_header(header("List-Unsubscribe-Post", one_click));
            }
        }
        builder
            .date_now()
            .message_id(None)
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| Error::Usage(format!("send: cannot make the message: {e}")))
    }
}

/// `text` as a mailbox, or an error naming `what` gave it.
fn mailbox(what: &str, text: &str) -> Result<Mailbox> {
    if text.trim().is_empty() {
        return Err(Error::Usage(format!(
            "send: set {what} in site.toml, e.g. `from = \"Desk <desk@example.org>\"`"
        )));
    }
    text.trim()
        .parse()
        .map_err(|e| Error::Usage(format!("send: {what} `{text}` is not an e-mail address ({e})")))
}

/// The unsubscribe URL for one reader: `{email}` replaced by their address, escaped.
fn for_reader(url: &str, to: &Mailbox) -> String {
    url.replace(READER, &utf8_percent_encode(to.email.as_ref(), NON_ALPHANUMERIC).to_string())
}

fn header(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// `text` as the HTML part writes it in an attribute.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::markdown::escape(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter {
            subject: "Digest — 21 April 2025".into(),
            html: "<a href=\"{{unsubscribe}}\">Unsubscribe</a>".into(),
            text: "Unsubscribe: {{unsubscribe}}\n".into(),
        }
    }

    fn config(list_unsubscribe: Option<&str>) -> EmailConfig {
        EmailConfig {
            from: Some("Desk <desk@example.org>".into()),
            list_unsubscribe: list_unsubscribe.map(str::to_string),
            ..EmailConfig::default()
        }
    }

    #[test]
    fn one_click_unsubscribe_headers_name_the_reader() {
        let url = Some("https://example.org/unsub?u={email}&a=1");
        let raw = letter().compose(&config(url), Some("ann+x@example.org")).unwrap().formatted();
        let raw = String::from_utf8(raw).unwrap();
        assert!(
            raw.contains(
                "List-Unsubscribe: <https://example.org/unsub?u=ann%2Bx%40example%2Eorg&a=1>\r\n"
            ),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{raw}");
        assert!(raw.contains("Content-Type: multipart/alternative;"), "{raw}");
        assert!(!raw.contains("{{unsubscribe}}"), "the placeholder is replaced: {raw}");
    }

    #[test]
    fn without_an_unsubscribe_url_the_placeholder_stays_for_the_service() {
        let raw = letter().compose(&config(None), None).unwrap().formatted();
        let raw = String::from_utf8(raw).unwrap();
        assert!(!raw.contains("List-Unsubscribe"), "{raw}");
        assert!(raw.contains("To: Desk <desk@example.org>\r\n"), "{raw}");
    }

    #[test]
    fn a_missing_sender_says_what_to_set() {
        let err = letter().compose(&EmailConfig::default(), Some("a@example.org")).unwrap_err();
        assert!(err.to_string().contains("set [email] from in site.toml"), "{err}");
    }
}
