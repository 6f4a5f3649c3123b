//! The text part's layout: every line wrapped at 72 columns (by display width, so
//! wide scripts count as they show), indentation kept on continued lines, URLs never
//! broken (not even at their hyphens), trailing spaces dropped and runs of blank lines made one.

/// The column the text part wraps at.
pub(crate) const WIDTH: usize = 72;

/// `text` as the text part carries it.
pub(crate) fn layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut blank = true; // no blank lines at the top either
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        blank = false;
        for wrapped in wrap(line) {
            out.push_str(wrapped.trim_end());
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One line cut into lines of at most `WIDTH` columns; a word longer than that (a
/// URL) stays whole on its own line.
fn wrap(line: &str) -> Vec<std::borrow::Cow<'_, str>> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let options = textwrap::Options::new(WIDTH)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .subsequent_indent(indent);
    textwrap::wrap(line, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_lines_at_72_columns_keeping_the_indent() {
        let words = "word ".repeat(40);
        let text = layout(&format!("  {words}\n"));
        assert!(text.lines().count() > 2, "{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
            assert!(line.starts_with("  word"), "{line:?}");
        }
    }

    #[test]
    fn never_breaks_a_url_and_collapses_blank_lines() {
        let url = format!("https://example.org/ten-year-{}.html", "a".repeat(90));
        let text = layout(&format!("\n\nRead: {url}   \n\n\n\nEnd\n\n"));
        assert_eq!(text, format!("Read:\n{url}\n\nEnd\n"));
    }
}
