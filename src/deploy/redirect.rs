//! Redirect pages: where a page that only redirects sends its readers, read from its
//! `<meta http-equiv="refresh" content="0; url=…">` (what `templates/redirect.html`
//! writes, however an editor has changed the rest of it).

/// Pages larger than this are not redirect pages (they are read no further).
const LARGEST: usize = 16 * 1024;

/// Where the page at the output path `path`, with bytes `html`, redirects to: an
/// absolute URL, or a path from the site's root starting with `/`. `None` for a page
/// that is not a redirect.
pub(crate) fn target(path: &str, html: &[u8]) -> Option<String> {
    if html.len() > LARGEST {
        return None;
    }
    let text = std::str::from_utf8(html).ok()?;
    if !text.to_ascii_lowercase().contains("http-equiv") {
        return None;
    }
    let page = scraper::Html::parse_document(text);
    let selector = scraper::Selector::parse("meta[http-equiv][content]").ok()?;
    let content = page
        .select(&selector)
        .find(|m| m.attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")))?
        .attr("content")?;
    let (delay, rest) = content.split_once(';')?;
    if delay.trim().parse::<f64>().ok()? > 0.0 {
        return None;
    }
    let rest = rest.trim_start();
    let href = rest.get(..4).filter(|p| p.eq_ignore_ascii_case("url="))?;
    let href = rest[href.len()..].trim().trim_matches(['\'', '"']);
    resolve(path, href)
}

/// `href` as seen from the output path `path`: absolute URLs as they are, other links
/// made into paths from the site's root.
fn resolve(path: &str, href: &str) -> Option<String> {
    let base = url::Url::parse("https://site.invalid/").ok()?.join(path).ok()?;
    let to = base.join(href).ok()?;
    if to.host_str() != Some("site.invalid") {
        return matches!(to.scheme(), "http" | "https").then(|| to.to_string());
    }
    let mut rooted = to.path().to_string();
    if let Some(query) = to.query() {
        rooted.push('?');
        rooted.push_str(query);
    }
    if let Some(fragment) = to.fragment() {
        rooted.push('#');
        rooted.push_str(fragment);
    }
    Some(rooted)
}

#[cfg(test)]
mod tests {
    use super::target;

    fn page(href: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>x</title>\
             <meta http-equiv=\"refresh\" content=\"0; url={href}\"></head><body></body></html>"
        )
    }

    #[test]
    fn a_relative_target_is_made_a_path_from_the_root() {
        let to = |path: &str, href: &str| target(path, page(href).as_bytes());
        assert_eq!(
            to("2019/old/index.html", "../../articles/new.html").unwrap(),
            "/articles/new.html"
        );
        assert_eq!(to("old.html", "articles&#x2F;new.html#top").unwrap(), "/articles/new.html#top");
        assert_eq!(to("a/b.html", "https://example.org/x").unwrap(), "https://example.org/x");
        assert_eq!(to("a/b.html", "mailto:x@example.org"), None);
    }

    #[test]
    fn other_pages_are_not_redirects() {
        assert_eq!(target("a.html", b"<p>http-equiv is a word here</p>"), None);
        let delayed = page("new.html").replace("\"0; url", "\"5; url");
        assert_eq!(target("a.html", delayed.as_bytes()), None);
        let big = format!("{}{}", page("new.html"), " ".repeat(super::LARGEST));
        assert_eq!(target("a.html", big.as_bytes()), None);
    }
}
