//! Getting a feed's bytes: over HTTP(S) with ureq, or from a file. Every request has a
//! deadline for the whole exchange and a cap on the (decompressed) body, so a feed that
//! never ends, a huge one or a redirect loop stops with a message instead of a hang.
//! ETag and Last-Modified from the last good fetch make the request conditional; a 429
//! or 503 with a short `Retry-After` is tried once more after that wait. Parsing is left
//! to `parse`, what the validators are kept in to `state`.

use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// How long and how big one feed may be.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The deadline for one whole request (connect, redirects, body).
    pub timeout: Duration,
    /// The most bytes a feed may have, after decompression.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { timeout: Duration::from_secs(30), max_bytes: 10 * 1024 * 1024 }
    }
}

/// The longest `Retry-After` waited for; a longer one is reported instead.
const MAX_RETRY_WAIT: u64 = 10;

/// The redirects followed before a feed's URL counts as a loop.
const MAX_REDIRECTS: u32 = 5;

/// What makes a request conditional: the server's ETag and Last-Modified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last_modified: Option<String>,
}

/// A feed's bytes, or the news that they have not changed since the last fetch.
pub(crate) enum Fetched {
    Fresh { bytes: Vec<u8>, validators: Validators },
    Unchanged,
}

/// True when `feed` names a URL rather than a file.
pub(crate) fn is_url(feed: &str) -> bool {
    let lower = feed.get(..8).unwrap_or(feed).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `feed` (a URL, or a file path). The error is a sentence about the feed, for
/// the caller to prefix with its name.
pub(crate) fn fetch(
    feed: &str,
    known: Option<&Validators>,
    limits: Limits,
) -> Result<Fetched, String> {
    if !is_url(feed) {
        return file(Path::new(feed), limits)
            .map(|bytes| Fetched::Fresh { bytes, validators: Validators::default() });
    }
    let agent = agent(limits);
    match get(&agent, feed, known, limits)? {
        Answer::Retry(wait) => {
            std::thread::sleep(Duration::from_secs(wait));
            match get(&agent, feed, known, limits)? {
                Answer::Retry(_) => Err("the server is still busy (429/503) after a retry".into()),
                Answer::Done(fetched) => Ok(fetched),
            }
        }
        Answer::Done(fetched) => Ok(fetched),
    }
}

fn file(path: &Path, limits: Limits) -> Result<Vec<u8>, String> {
    match crate::fs::metadata(path) {
        None => return Err(format!("no such file: {}", path.display())),
        Some(meta) if meta.len() > limits.max_bytes => {
            return Err(format!("the file is larger than the {} limit", size(limits.max_bytes)));
        }
        Some(_) => {}
    }
    crate::fs::read(path).map_err(|e| format!("{e:#}"))
}

fn agent(limits: Limits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!(
            "Broadsheet/",
            env!("CARGO_PKG_VERSION"),
            " (feed import; +https://github.com/broadsheet)"
        ))
        .build()
        .into()
}

enum Answer {
    Done(Fetched),
    Retry(u64),
}

fn get(
    agent: &ureq::Agent,
    url: &str,
    known: Option<&Validators>,
    limits: Limits,
) -> Result<Answer, String> {
    let mut request = agent.get(url);
    if let Some(v) = known {
        if let Some(etag) = &v.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &v.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let mut response = request.call().map_err(|e| explain(&e, limits))?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string())
    };
    match status {
        304 => return Ok(Answer::Done(Fetched::Unchanged)),
        200..=299 => {}
        429 | 503 => return retry_after(status, header("retry-after").as_deref()),
        _ => return Err(format!("the server answered {status}, not a feed")),
    }
    let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
    let mut bytes = Vec::new();
    let body = response.body_mut().with_config().limit(limits.max_bytes).reader();
    body.take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| explain(&ureq::Error::from(e), limits))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(explain(&ureq::Error::BodyExceedsLimit(limits.max_bytes), limits));
    }
    Ok(Answer::Done(Fetched::Fresh { bytes, validators }))
}

/// A wait the server asked for, when short enough to honour.
/// The seconds a `Retry-After` asks to wait from `now`: a number of seconds, or an
/// HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, RFC 9110's form of RFC 2822's).
fn seconds_to_wait(header: &str, now: jiff::Timestamp) -> Option<u64> {
    let header = header.trim();
    if let Ok(seconds) = header.parse::<u64>() {
        return Some(seconds);
    }
    let when = jiff::fmt::rfc2822::parse(header).ok()?.timestamp();
    let wait = when.as_second() - now.as_second();
    Some(u64::try_from(wait).unwrap_or(0))
}

fn retry_after(status: u16, header: Option<&str>) -> Result<Answer, String> {
    match header.and_then(|h| seconds_to_wait(h, jiff::Timestamp::now())) {
        Some(wait) if wait <= MAX_RETRY_WAIT => Ok(Answer::Retry(wait)),
        Some(wait) => Err(format!("the server answered {status} and asks to retry in {wait} s")),
        None => Err(format!("the server answered {status} (busy); try again later")),
    }
}

/// A sentence for what went wrong with a request.
fn explain(error: &ureq::Error, limits: Limits) -> String {
    use ureq::Error as E;
    match error {
        E::Timeout(_) => format!("no complete answer within {} s", limits.timeout.as_secs()),
        E::BodyExceedsLimit(_) => {
            format!("the feed is larger than the {} limit", size(limits.max_bytes))
        }
        E::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)"),
        E::HostNotFound => "the host was not found".into(),
        E::ConnectionFailed => "the connection failed".into(),
        E::Tls(_) | E::Rustls(_) => format!("the secure connection failed ({error})"),
        E::Io(io) => match io.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
            Some(inner) => explain(inner, limits),
            // rustls reports a handshake with a server that speaks no TLS as bad data.
            None if io.kind() == std::io::ErrorKind::InvalidData => {
                format!("the secure connection failed ({io})")
            }
            None => format!("the connection failed ({io})"),
        },
        other => format!("the request failed ({other})"),
    }
}

/// `10 MB`, `512 KB`.
pub(crate) fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now: jiff::Timestamp = "2015-10-21T07:27:55Z".parse().unwrap();
        assert_eq!(seconds_to_wait("7", now), Some(7));
        assert_eq!(seconds_to_wait("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(5));
        assert_eq!(seconds_to_wait("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(0), "past");
        assert_eq!(seconds_to_wait("soon", now), None);
        let later = retry_after(503, Some("Wed, 21 Oct 2099 07:28:00 GMT")).err().unwrap();
        assert!(later.starts_with("the server answered 503 and asks to retry in "), "{later}");
    }
}
