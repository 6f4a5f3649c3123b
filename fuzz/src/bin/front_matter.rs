//! Fuzz target: the front-matter splitter and the TOML/YAML reader behind it.
//! Any bytes may come in; the only acceptable outcomes are a split (whose parts
//! really are parts of the text) or an error value, never a panic or a hang.

use broadsheet::content::{decode, front_matter, meta};
use broadsheet::warnings::Warnings;
use std::path::Path;

fn main() {
    let tz = jiff::tz::TimeZone::UTC;
    afl::fuzz!(|data: &[u8]| {
        let shown = Path::new("seeds/fuzz.md");
        let Ok(text) = decode(shown, data) else { return };
        let text = broadsheet::text::normalize(text);
        let Ok(split) = front_matter::split(&text) else { return };
        assert!(text.ends_with(split.body), "the body is the end of the text");
        assert!(split.body_line >= 1);
        if let Some(front) = split.front {
            assert!(text.contains(front.text));
            assert!(front.first_line < split.body_line);
            let _ = meta::parse(&front, shown, &tz, &mut Warnings::default());
        }
    });
}
