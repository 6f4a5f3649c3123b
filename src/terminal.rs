//! Text bound for the editor's terminal. Messages quote file names and front matter,
//! which may hold escape sequences (`ESC [ 2 J` clears the screen) or bidirectional
//! overrides (`U+202E` makes `evil\u{202e}dm.txt` read as `eviltxt.md`). Such
//! characters are shown escaped; line breaks and tabs between messages stay.

use std::borrow::Cow;

/// True for characters that can make text on a terminal lie: control characters other
/// than line break and tab, and the bidirectional embeddings, overrides and isolates.
pub(crate) fn is_deceptive(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every deceptive character escaped (`\u{1b}`), unchanged when it has none.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !text.contains(is_deceptive) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_deceptive(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_escape_sequences_and_overrides_only() {
        assert_eq!(
            clean("seeds/a\u{1b}[2J.md:1: bad\n\tnext"),
            "seeds/a\\u{1b}[2J.md:1: bad\n\tnext"
        );
        assert_eq!(clean("evil\u{202e}dm.txt"), "evil\\u{202e}dm.txt");
        assert!(matches!(clean("café — ok"), Cow::Borrowed(_)));
    }
}
