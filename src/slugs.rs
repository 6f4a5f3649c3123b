//! Slugs: the ASCII names in URLs, made from headlines, file names and terms.

/// A URL-safe slug: ASCII lower case, digits and single hyphens, at most `max`
/// characters cut at a hyphen, never a reserved device name. Empty input gives "".
pub(crate) fn slugify(text: &str, max: usize) -> String {
    let mut slug = slug::slugify(fold_abbreviations(text));
    if slug.len() > max {
        let cut = &slug[..max];
        slug = match cut.rfind('-') {
            Some(i) if i > max / 2 => cut[..i].to_string(),
            _ => cut.trim_end_matches('-').to_string(),
        };
    }
    if is_reserved_name(&slug) {
        slug.push_str("-page");
    }
    slug
}

/// Drops apostrophes, and the dots of abbreviations (`U.S.` -> `US`), so that
/// `U.S.` and `US`, or `Don't` and `Dont`, make the same slug.
fn fold_abbreviations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: [Option<char>; 2] = [None, None];
    for c in text.chars() {
        let single_letter =
            prev[1].is_some_and(char::is_alphabetic) && !prev[0].is_some_and(char::is_alphabetic);
        let skip = matches!(c, '\'' | '’' | '`') || (c == '.' && single_letter);
        if !skip {
            out.push(c);
        }
        prev = [prev[1], Some(c)];
    }
    out
}

/// Names Windows (and so some editors' checkouts) cannot hold as files.
pub(crate) fn is_reserved_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_cuts() {
        assert_eq!(
            slugify("U.S. and Iran Engage in Historic Talks", 80),
            "us-and-iran-engage-in-historic-talks"
        );
        assert_eq!(slugify("U.S.", 80), slugify("US", 80));
        assert_eq!(slugify("Don't panic", 80), "dont-panic");
        assert_eq!(slugify("Version 2.0", 80), "version-2-0");
        assert_eq!(slugify("Café Société", 80), "cafe-societe");
        assert_eq!(slugify("one two three four", 10), "one-two");
        assert_eq!(slugify("../../etc/passwd", 80), "etc-passwd");
    }

    #[test]
    fn avoids_reserved_names() {
        assert_eq!(slugify("CON", 80), "con-page");
        assert!(is_reserved_name("com1.html"));
        assert!(!is_reserved_name("compact"));
    }
}
