//! The media type of a published file, from its name: one table (`mime_guess`) for
//! `serve`'s answers and `deploy`'s `Content-Type`, with `charset=utf-8` on text, since
//! every text file Broadsheet writes is UTF-8.

/// The `Content-Type` for the file at `path` (an output path or a file name).
pub(crate) fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext).to_ascii_lowercase();
    let essence = match ext.as_str() {
        // Where the table's answer is not the one browsers and feed readers expect.
        "js" | "mjs" => "text/javascript".to_string(),
        "xml" => "application/xml".to_string(),
        "ico" => "image/x-icon".to_string(),
        "webmanifest" => "application/manifest+json".to_string(),
        _ => mime_guess::from_ext(&ext).first_raw().unwrap_or("application/octet-stream").into(),
    };
    if essence.starts_with("text/") || essence == "application/json" {
        format!("{essence}; charset=utf-8")
    } else {
        essence
    }
}

#[cfg(test)]
mod tests {
    use super::content_type;

    #[test]
    fn names_what_the_site_writes_with_utf8_on_text() {
        for (path, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/search.js", "text/javascript; charset=utf-8"),
            ("feed.json", "application/json; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("sitemap.xml", "application/xml"),
            ("feed.rss", "application/rss+xml"),
            ("feed.atom", "application/atom+xml"),
            ("assets/favicon.svg", "image/svg+xml"),
            ("images/a-640.x1.JPG", "image/jpeg"),
            ("images/a-640.x1.webp", "image/webp"),
            ("f.woff2", "font/woff2"),
            ("site.webmanifest", "application/manifest+json"),
            ("pagefind/fragment/en_1.pf_fragment", "application/octet-stream"),
            ("no-extension", "application/octet-stream"),
            ("a.b/no-extension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }
}
