//! Article HTML for feed readers. Bodies are rendered with links relative to the article
//! page, which readers resolve wrongly (RSS has no base URL). Rather than render every
//! body a second time with another link policy, the finished HTML goes once through
//! ammonia with `RewriteWithBase`: html5ever parses it, every relative `href` and `src`
//! (Markdown links, images, footnotes and raw HTML alike) is resolved against the page's
//! absolute URL, and the markup is sanitised, as feed readers expect.

use ammonia::{Builder, UrlRelative};

/// `html` as it reads from `page_url`, with every link and image URL absolute.
pub(crate) fn absolute(html: &str, page_url: &str) -> String {
    let Ok(base) = ammonia::Url::parse(page_url) else { return html.to_string() };
    Builder::default()
        .add_generic_attributes(["id", "class", "lang", "dir"])
        .add_tags(["figure", "figcaption", "section"])
        .link_rel(Some("noopener noreferrer"))
        .url_relative(UrlRelative::RewriteWithBase(base))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://x.org/d/articles/a.html";

    #[test]
    fn makes_links_images_and_fragments_absolute() {
        let html = absolute(
            "<p><a href=\"b.html\">b</a> <img src=\"a/cat.png\" alt=\"\"> <a href=\"#fn1\">1</a> <a href=\"../tags/x.html\">x</a></p>",
            PAGE,
        );
        assert!(html.contains("href=\"https://x.org/d/articles/b.html\""), "{html}");
        assert!(html.contains("src=\"https://x.org/d/articles/a/cat.png\""), "{html}");
        assert!(html.contains("href=\"https://x.org/d/articles/a.html#fn1\""), "{html}");
        assert!(html.contains("href=\"https://x.org/d/tags/x.html\""), "{html}");
    }

    #[test]
    fn keeps_absolute_links_and_drops_scripts() {
        let html = absolute("<p><a href='https://o.org/x'>o</a><script>x()</script></p>", PAGE);
        assert!(html.contains("href=\"https://o.org/x\""), "{html}");
        assert!(!html.contains("script"), "{html}");
    }
}
