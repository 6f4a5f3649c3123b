//! Answers one HTTP request: a file of the built site by GitHub Pages' rules (see
//! `files`), the site's `404.html` on a miss, or one of the `/__broadsheet/` endpoints
//! open pages poll. HTML responses get a small live-reload script and, after a failed
//! build, the error laid over the page; built files on disk are never changed.

use super::files::{self, Answer};
use super::live::{Live, Status};
use std::path::Path;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response};

/// Where the live-reload endpoints live: outside any base path, so one script fits all.
pub(crate) const ENDPOINT: &str = "/__broadsheet/";

/// How long a page's reload poll is held open when nothing changes.
const POLL: Duration = Duration::from_secs(25);

/// One answer, before it is sent.
struct Reply {
    status: u16,
    body: Vec<u8>,
    content_type: std::borrow::Cow<'static, str>,
    location: Option<String>,
}

impl Reply {
    fn new(
        status: u16,
        content_type: impl Into<std::borrow::Cow<'static, str>>,
        body: Vec<u8>,
    ) -> Reply {
        Reply { status, body, content_type: content_type.into(), location: None }
    }
}

/// Answers `request` for the site in `out`; returns a log line (`GET /x 200`).
pub(crate) fn handle(request: Request, out: &Path, live: &Live) -> String {
    let url = request.url().to_string();
    let reply = match request.method() {
        Method::Get | Method::Head => answer(&url, out, live),
        _ => Reply::new(405, "text/plain; charset=utf-8", b"only GET and HEAD\n".to_vec()),
    };
    let line = format!("{} {url} {}", request.method(), reply.status);
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    response.add_header(header("Content-Type", &reply.content_type));
    response.add_header(header("Cache-Control", "no-store"));
    if let Some(location) = &reply.location {
        response.add_header(header("Location", location));
    }
    // The browser may have gone away; there is nobody left to tell.
    let _ = request.respond(response);
    line
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| Header::from_bytes("X-Invalid", "1").expect("a constant header"))
}

fn answer(url: &str, out: &Path, live: &Live) -> Reply {
    if let Some(endpoint) = url.strip_prefix(ENDPOINT) {
        return endpoint_reply(endpoint, live);
    }
    let status = live.status();
    if !status.ready {
        return page(503, &status, "The site is being built; this page reloads when it is ready.");
    }
    match files::resolve(out, &status.base, url) {
        Answer::File(path) => file_reply(200, &path, &status),
        Answer::Redirect(location) => Reply {
            location: Some(location),
            ..Reply::new(301, "text/plain; charset=utf-8", Vec::new())
        },
        Answer::Missing => not_found(out, &status),
        Answer::OutsideBase => {
            let base = escape(&status.base);
            page(
                404,
                &status,
                &format!(
                    "Nothing here: this site is served under <a href=\"{base}\">{base}</a>, as on GitHub Pages."
                ),
            )
        }
    }
}

/// `status` (now) or `wait?since=N` (when the version moves on, or after a while).
fn endpoint_reply(endpoint: &str, live: &Live) -> Reply {
    let status = match endpoint.split_once('?') {
        Some(("wait", query)) => {
            let since = query.strip_prefix("since=").and_then(|v| v.parse().ok()).unwrap_or(0);
            live.wait(since, POLL)
        }
        None if endpoint == "status" => live.status(),
        _ => return Reply::new(404, "text/plain; charset=utf-8", b"no such endpoint\n".to_vec()),
    };
    let json = serde_json::json!({
        "version": status.version,
        "ok": status.error.is_none(),
        "error": status.error,
        "base": status.base,
    });
    Reply::new(200, "application/json; charset=utf-8", json.to_string().into_bytes())
}

fn file_reply(code: u16, path: &Path, status: &Status) -> Reply {
    let Ok(bytes) = crate::fs::read(path) else {
        return Reply::new(404, "text/plain; charset=utf-8", b"404 Not Found\n".to_vec());
    };
    let name = path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    let content_type = crate::media_type::content_type(&name);
    let body = if content_type.starts_with("text/html") { inject(&bytes, status) } else { bytes };
    Reply::new(code, content_type, body)
}

/// The site's own 404 page with status 404, as GitHub Pages answers a miss.
fn not_found(out: &Path, status: &Status) -> Reply {
    let page_404 = out.join("404.html");
    if page_404.is_file() {
        return file_reply(404, &page_404, status);
    }
    page(404, status, "404 Not Found")
}

/// A small page of our own (nothing built yet, outside the base path), live-reloading.
fn page(code: u16, status: &Status, message: &str) -> Reply {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Broadsheet</title></head>\n<body>\n<p>{message}</p>\n</body>\n</html>\n"
    );
    Reply::new(code, "text/html; charset=utf-8", inject(html.as_bytes(), status))
}

/// The page with the live-reload script (and the build error, if any) before `</body>`.
pub(crate) fn inject(html: &[u8], status: &Status) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(error) = &status.error {
        extra.push_str(&overlay(error));
    }
    extra.push_str(&script(status.version));
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The build error, laid over the top of the page.
fn overlay(error: &str) -> String {
    format!(
        "<div id=\"broadsheet-error\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.5em;background:#fff4f4;color:#5c0000;border-bottom:4px solid #c00;font:14px/1.45 ui-monospace,monospace;text-align:left\" dir=\"ltr\">\
<p style=\"margin:0 0 .5em;font-weight:bold\">Broadsheet: the build failed. Showing the last good site; this page reloads when the build is fixed.</p>\
<pre style=\"margin:0;white-space:pre-wrap\">{}</pre></div>\n",
        escape(error)
    )
}

/// Polls `wait` and reloads the page when the site changes.
fn script(version: u64) -> String {
    format!(
        "<script>/* broadsheet serve: live reload */(function(){{var v={version};function poll(){{fetch(\"{ENDPOINT}wait?since=\"+v,{{cache:\"no-store\"}}).then(function(r){{return r.json()}}).then(function(s){{if(s.version!==v){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>\n"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Where the last `needle` (ASCII, matched case-insensitively) starts in `hay`.
fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(error: Option<&str>) -> Status {
        Status { version: 7, error: error.map(String::from), ready: true, base: "/d/".into() }
    }

    #[test]
    fn injects_the_script_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/BODY&gt;</p></BODY></html>";
        let out = String::from_utf8(inject(html, &status(None))).unwrap();
        assert!(out.starts_with("<html><body><p>&lt;/BODY&gt;</p><script>"), "{out}");
        assert!(out.ends_with("</script>\n</BODY></html>"), "{out}");
        assert!(out.contains("var v=7;"), "{out}");
        assert!(!out.contains("broadsheet-error"));
    }

    #[test]
    fn lays_the_error_over_the_page_escaped() {
        let out = inject(b"<body>x</body>", &status(Some("templates/a.html:2: <bad> & worse")));
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<pre style=\"margin:0;white-space:pre-wrap\">templates/a.html:2: &lt;bad&gt; &amp; worse</pre>"), "{out}");
    }

    #[test]
    fn appends_to_a_page_without_a_body_end() {
        let out = String::from_utf8(inject(b"<p>x", &status(None))).unwrap();
        assert!(out.starts_with("<p>x<script>"), "{out}");
    }
}
