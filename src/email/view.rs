//! The edition view the e-mail templates get (`email` in `email.html` and `email.txt`):
//! the edition's name, its preheader, its stories with absolute links (with the UTM
//! suffix when set), the "view in browser" link and the footer's address and
//! unsubscribe placeholder. Built from the site model and the shared views.

use crate::i18n::{Labels, direction};
use crate::site::Site;
use crate::views::{Viewer, byline, edition_title};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// One edition as an e-mail.
#[derive(Serialize)]
pub(crate) struct EmailView<'a> {
    /// The edition's key, `2025-04-16` or `2025-W16`.
    pub key: &'a str,
    /// The edition's name, as its page heads it.
    pub title: String,
    /// The subject line: the site's title and the edition's name.
    pub subject: String,
    /// The inbox preview text: the lead's standfirst, else its summary.
    pub preheader: String,
    /// The edition's page (the "view in browser" link).
    pub url: String,
    /// The front page.
    pub home: String,
    /// Language and direction of the site.
    pub lang: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The stories, the lead first.
    pub items: Vec<EmailItem<'a>>,
    /// The publisher's name.
    pub publisher: &'a str,
    /// The publisher's postal address, when site.toml gives one.
    pub address: Option<&'a str>,
    /// The unsubscribe link's target: always a working URL (see `unsubscribe`).
    pub unsubscribe: String,
}

/// One story of an edition.
#[derive(Serialize)]
pub(crate) struct EmailItem<'a> {
    /// Headline.
    pub title: &'a str,
    /// The article page's absolute URL.
    pub url: String,
    /// Standfirst.
    pub dek: Option<&'a str>,
    /// Plain-text summary.
    pub summary: &'a str,
    /// "By A and B".
    pub byline: Option<String>,
    /// The section's name.
    pub section: Option<&'a str>,
    /// The lead story.
    pub lead: bool,
    /// Reading time in minutes.
    pub minutes: usize,
    /// Reading time in words, in the language's plural form ("1 min read").
    pub reading_time: String,
    /// The article's language when it differs from the site's.
    pub lang: Option<&'a str>,
    /// `ltr` or `rtl` for the article's language.
    pub dir: &'static str,
    /// The lead story's picture, when it has resized copies.
    pub image: Option<EmailImage<'a>>,
}

/// A picture in the e-mail: one copy by absolute URL, with the size it shows at (e-mail
/// clients need both `width` and `height`).
#[derive(Serialize)]
pub(crate) struct EmailImage<'a> {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: &'a str,
}

/// The widest an e-mail shows a picture: the 600-pixel sheet less its padding.
const EMAIL_WIDTH: u32 = 552;

/// The lead picture of `e` for an e-mail: its e-mail copy (twice `EMAIL_WIDTH`, sharp
/// on high-density screens), shown at most `EMAIL_WIDTH` wide.
fn email_image<'a>(site: &Site, e: &'a crate::site::Entry) -> Option<EmailImage<'a>> {
    let picture = e.image.as_ref()?.picture.as_deref()?;
    let copy = picture.email();
    let width = copy.width.min(EMAIL_WIDTH);
    let height = crate::site::pictures::scaled(copy.height, copy.width, width);
    let alt = e.article.meta.image.as_ref().and_then(|i| i.alt.as_deref()).unwrap_or("");
    Some(EmailImage { src: site.urls.absolute(&copy.path), width, height, alt })
}

/// The view of edition `k`.
pub(crate) fn of<'a>(site: &'a Site, k: usize, labels: &'a Labels) -> EmailView<'a> {
    let edition = &site.editions[k];
    let config = &site.config;
    let utm = config.email.utm.as_deref();
    let items: Vec<EmailItem> =
        edition.entries.iter().enumerate().map(|(n, &i)| item(site, i, n == 0, labels)).collect();
    let preheader = items.first().map(|lead| lead.dek.unwrap_or(lead.summary)).unwrap_or("");
    let title = edition_title(edition, labels);
    EmailView {
        key: &edition.key,
        subject: format!("{} — {title}", config.title),
        title,
        preheader: preheader.to_string(),
        url: tracked(&site.urls.absolute(&edition.out), utm),
        home: tracked(site.urls.base(), utm),
        lang: &config.language,
        dir: direction(&config.language),
        items,
        publisher: config.publisher_name(),
        address: config.email.address.as_deref(),
        unsubscribe: unsubscribe(site, labels),
    }
}

/// Where the built e-mail's unsubscribe link goes, a URL that validates and works on
/// the web copy too: `[email] unsubscribe` when it is a URL; else a `mailto:` to the
/// publisher's (or the sender's) address asking to unsubscribe; else the sign-up
/// page. A merge tag never goes here: `send --eml` puts it into the service's copy.
pub(crate) fn unsubscribe(site: &Site, labels: &Labels) -> String {
    let email = &site.config.email;
    if let Some(url) = email.unsubscribe_url() {
        return url.to_string();
    }
    let publisher = site.config.publisher.as_ref().and_then(|p| p.email.as_deref());
    let address = publisher.or(email.from.as_deref()).map(bare_address);
    match address.filter(|a| a.contains('@')) {
        Some(address) => {
            let subject = utf8_percent_encode(&labels.map["unsubscribe"], NON_ALPHANUMERIC);
            format!("mailto:{address}?subject={subject}")
        }
        // The built-in sign-up page, or the site's own page in its place.
        None => site.urls.absolute(&crate::site::pagemap::path(crate::site::pagemap::SUBSCRIBE)),
    }
}

/// `desk@example.org` from `Desk <desk@example.org>` (or from itself).
fn bare_address(mailbox: &str) -> &str {
    let inner = mailbox.rsplit_once('<').map_or(mailbox, |(_, rest)| rest);
    inner.trim_end_matches('>').trim()
}

fn item<'a>(site: &'a Site, i: usize, lead: bool, labels: &'a Labels) -> EmailItem<'a> {
    let e = &site.entries[i];
    let m = &e.article.meta;
    let viewer = Viewer { site, labels };
    let minutes =
        crate::views::minutes(e.body.words, m.lang.as_deref().unwrap_or(&site.config.language));
    EmailItem {
        title: &m.title,
        url: tracked(&site.urls.absolute(&e.out), site.config.email.utm.as_deref()),
        dek: m.dek.as_deref(),
        summary: m.summary.as_deref().unwrap_or(&e.body.summary),
        byline: byline(&viewer.authors_of(e), labels),
        section: site.section_name(e),
        lead,
        minutes,
        reading_time: labels.count("min_read", minutes, 0),
        lang: m.lang.as_deref(),
        dir: direction(m.lang.as_deref().unwrap_or(&site.config.language)),
        image: if lead { email_image(site, e) } else { None },
    }
}

/// `url` with the UTM query `utm` added (before any `#fragment`).
pub(crate) fn tracked(url: &str, utm: Option<&str>) -> String {
    let Some(utm) = utm.map(|u| u.trim_start_matches(['?', '&'])).filter(|u| !u.is_empty()) else {
        return url.to_string();
    };
    let (page, fragment) = url.split_once('#').map_or((url, None), |(p, f)| (p, Some(f)));
    let joiner = if page.contains('?') { '&' } else { '?' };
    match fragment {
        Some(fragment) => format!("{page}{joiner}{utm}#{fragment}"),
        None => format!("{page}{joiner}{utm}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_address_out_of_a_mailbox() {
        assert_eq!(bare_address("Desk <desk@example.org>"), "desk@example.org");
        assert_eq!(bare_address(" desk@example.org "), "desk@example.org");
    }

    #[test]
    fn utm_goes_before_the_fragment_and_after_a_query() {
        let utm = Some("utm_source=email");
        assert_eq!(tracked("https://x.org/a.html", utm), "https://x.org/a.html?utm_source=email");
        assert_eq!(
            tracked("https://x.org/a.html#t", utm),
            "https://x.org/a.html?utm_source=email#t"
        );
        assert_eq!(
            tracked("https://x.org/?p=1", Some("?utm_medium=e")),
            "https://x.org/?p=1&utm_medium=e"
        );
        assert_eq!(tracked("https://x.org/", None), "https://x.org/");
        assert_eq!(tracked("https://x.org/", Some("")), "https://x.org/");
    }
}
