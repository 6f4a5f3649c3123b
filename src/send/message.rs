//! One reader's message: the edition's e-mail as built (`email/<key>.html` and `.txt`
//! from the output folder) in a multipart/alternative message with `Date`,
//! `Message-ID` at the site's domain, and `List-Unsubscribe` with
//! `List-Unsubscribe-Post` (RFC 8058) when site.toml gives `list_unsubscribe`, which
//! then also becomes the body's unsubscribe link. Without it, the copy written for a
//! list service (`--eml`) carries the service's merge tag (`[email] unsubscribe`)
//! there instead; everything else keeps the built page's working link.

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
    /// The site's domain, for `Message-ID`s (never this machine's name).
    pub domain: String,
    /// The unsubscribe link as the built e-mail has it (a working URL).
    pub unsubscribe: String,
}

/// Who a message is for.
#[derive(Clone, Copy)]
pub(crate) enum Recipient<'a> {
    /// A reader, sent over SMTP or written for a dry run.
    Reader(&'a str),
    /// A list service taking the message as a file (`--eml`), which fills in merge
    /// tags; addressed to `reader`, or to the sender when `None`.
    Service(Option<&'a str>),
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
            unsubscribe: crate::email::view::unsubscribe(site, &labels),
            html: read(pagemap::email(key))?,
            text: read(pagemap::email_text(key))?,
            domain: domain(&site.config.base_url),
        })
    }

    /// The message for `recipient`.
    pub(crate) fn compose(&self, config: &EmailConfig, recipient: Recipient) -> Result<Message> {
        let from = mailbox("[email] from", config.from.as_deref().unwrap_or(""))?;
        let (to, service) = match recipient {
            Recipient::Reader(to) => (mailbox("the reader", to)?, false),
            Recipient::Service(Some(to)) => (mailbox("the reader", to)?, true),
            Recipient::Service(None) => (from.clone(), true),
        };
        let unsubscribe = config.list_unsubscribe.as_deref().map(|url| for_reader(url, &to));
        let link = unsubscribe.as_deref().or(config.merge_tag().filter(|_| service));
        let (mut html, mut text) = (self.html.clone(), self.text.clone());
        if let Some(link) = link {
            html = html.replace(&escaped(&self.unsubscribe), &escaped(link));
            text = text.replace(&self.unsubscribe, link);
        }
        let mut builder = Message::builder().from(from).to(to.clone()).subject(&self.subject);
        if let Some(url) = &unsubscribe {
            builder = builder.raw_header(header("List-Unsubscribe", format!("<{url}>")));
            if url.starts_with("https://") {
                let one_click = "List-Unsubscribe=One-Click".to_string();
                builder = builder.raw_header(header("List-Unsubscribe-Post", one_click));
            }
        }
        builder
            .date_now()
            .message_id(Some(message_id(&self.domain, &to)))
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| Error::Usage(format!("send: cannot make the message: {e}")))
    }
}

/// The host of `base_url` (`news.example.org`), or `localhost` when it has none.
fn domain(base_url: &str) -> String {
    let host = url::Url::parse(base_url).ok().and_then(|u| u.host_str().map(str::to_string));
    host.unwrap_or_else(|| "localhost".into())
}

/// A `Message-ID` unique to this message: the time, the process and the reader,
/// hashed, at the site's domain.
fn message_id(domain: &str, to: &Mailbox) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!("{now}.{}.{}", std::process::id(), to.email);
    let hash = xxhash_rust::xxh3::xxh3_128(seed.as_bytes());
    format!("<{hash:032x}@{domain}>")
}

/// `text` as a mailbox, or an error naming `what` gave it.
pub(super) fn mailbox(what: &str, text: &str) -> Result<Mailbox> {
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

    const WEB: &str = "mailto:desk@example.org?subject=Unsubscribe";

    fn letter() -> Letter {
        Letter {
            subject: "Digest — 21 April 2025".into(),
            html: format!("<a href=\"{}\">Unsubscribe</a>", escaped(WEB)),
            text: format!("Unsubscribe: {WEB}\n"),
            domain: domain("https://news.northport.test/digest/"),
            unsubscribe: WEB.into(),
        }
    }

    fn config(list_unsubscribe: Option<&str>, tag: Option<&str>) -> EmailConfig {
        EmailConfig {
            from: Some("Desk <desk@example.org>".into()),
            list_unsubscribe: list_unsubscribe.map(str::to_string),
            unsubscribe: tag.map(str::to_string),
            ..EmailConfig::default()
        }
    }

    fn raw(config: &EmailConfig, to: Recipient) -> String {
        String::from_utf8(letter().compose(config, to).unwrap().formatted()).unwrap()
    }

    #[test]
    fn one_click_unsubscribe_headers_name_the_reader() {
        let url = Some("https://example.org/unsub?u={email}&a=1");
        let raw = raw(&config(url, None), Recipient::Reader("ann+x@example.org"));
        let reader_url = "https://example.org/unsub?u=ann%2Bx%40example%2Eorg&a=1";
        assert!(raw.contains(&format!("List-Unsubscribe: <{reader_url}>\r\n")), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{raw}");
        assert!(raw.contains("Content-Type: multipart/alternative;"), "{raw}");
        assert!(!raw.contains(WEB), "the web copy's link is replaced: {raw}");
        let id = raw.lines().find_map(|l| l.strip_prefix("Message-ID: ")).unwrap();
        assert!(id.starts_with('<') && id.ends_with("@news.northport.test>"), "{id}");
    }

    #[test]
    fn a_merge_tag_goes_only_into_the_copy_for_a_service() {
        let tagged = config(None, Some("*|UNSUB|*"));
        let for_service = raw(&tagged, Recipient::Service(None));
        assert!(!for_service.contains("List-Unsubscribe"), "{for_service}");
        assert!(for_service.contains("To: Desk <desk@example.org>\r\n"), "{for_service}");
        assert!(for_service.contains("*|UNSUB|*"), "{for_service}");
        assert!(!for_service.contains(WEB), "{for_service}");
        let for_reader = raw(&tagged, Recipient::Reader("ann@example.org"));
        assert!(!for_reader.contains("*|UNSUB|*"), "{for_reader}");
        assert!(for_reader.contains(WEB), "the working link stays: {for_reader}");
    }

    #[test]
    fn a_missing_sender_says_what_to_set() {
        let err = letter()
            .compose(&EmailConfig::default(), Recipient::Reader("a@example.org"))
            .unwrap_err();
        assert!(err.to_string().contains("set [email] from in site.toml"), "{err}");
    }
}
