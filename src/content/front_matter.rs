//! Splits a file into its front matter block (`+++` TOML or `---` YAML) and its
//! body, keeping line numbers so later errors can point at the right line.
//!
//! A YAML block may also end with `...`, YAML's end-of-document marker, as Jekyll's
//! reader allows. A `---` that is never closed and is not followed by a `key:` line
//! opens no block: the file is all body and the `---` a rule, as Jekyll reads it (its
//! own `_includes/sig.markdown` is such a file); an unclosed block that does hold
//! keys stays an error, as Hugo and Zola have it.

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` fences.
    Toml,
    /// Between `---` fences (or `---` and `...`).
    Yaml,
}

/// A file cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The block, if the file opens with one.
    pub front: Option<Front<'a>>,
    /// Everything after the closing fence (or the whole text).
    pub body: &'a str,
    /// The 1-based line the body starts on.
    pub body_line: usize,
}

/// A front matter block.
#[derive(Debug, PartialEq, Eq)]
pub struct Front<'a> {
    /// TOML or YAML.
    pub format: Format,
    /// The text between the fences.
    pub text: &'a str,
    /// The 1-based line of the block's first line (just after the opening fence).
    pub first_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub struct Unclosed {
    /// The line of the opening fence.
    pub line: usize,
    /// The fence that was opened.
    pub fence: &'static str,
}

/// Splits normalised text (LF line ends, no BOM). Blank lines before the opening fence
/// and trailing spaces after a fence are tolerated.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let mut offset = 0;
    let mut line = 1;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim_end();
        if trimmed.is_empty() {
            offset += raw.len();
            line += 1;
            continue;
        }
        let (fence, format) = match trimmed {
            "+++" => ("+++", Format::Toml),
            "---" => ("---", Format::Yaml),
            _ => break,
        };
        return match close(text, offset + raw.len(), line, fence, format) {
            Err(_) if format == Format::Yaml && !opens_keys(&text[offset + raw.len()..]) => {
                Ok(Split { front: None, body: text, body_line: 1 })
            }
            closed => closed,
        };
    }
    Ok(Split { front: None, body: text, body_line: 1 })
}

fn close<'a>(
    text: &'a str,
    start: usize,
    open_line: usize,
    fence: &'static str,
    format: Format,
) -> Result<Split<'a>, Unclosed> {
    let mut offset = start;
    for (line, raw) in (open_line + 1..).zip(text[start..].split_inclusive('\n')) {
        let end = raw.trim_end();
        if end == fence || (format == Format::Yaml && end == "...") {
            let front = Front { format, text: &text[start..offset], first_line: open_line + 1 };
            let body_start = offset + raw.len();
            return Ok(Split {
                front: Some(front),
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err(Unclosed { line: open_line, fence })
}

/// True when the first line after an opening fence that is not blank reads as a YAML
/// key (`title: x`, `tags:`): the block was meant as front matter.
fn opens_keys(rest: &str) -> bool {
    let Some(line) = rest.lines().find(|l| !l.trim().is_empty()) else { return false };
    let Some((key, _)) = line.split_once(':') else { return false };
    let key = key.trim().trim_matches(['"', '\'']);
    !key.is_empty() && !line.starts_with(char::is_whitespace) && !key.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_front_matter() {
        let s = split("+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
        let front = s.front.unwrap();
        assert_eq!(front.format, Format::Toml);
        assert_eq!(front.text, "title = \"A\"\n");
        assert_eq!(front.first_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn tolerates_blank_lines_and_trailing_spaces() {
        let s = split("\n\n---  \ntitle: A\n--- \nBody").unwrap();
        assert_eq!(s.front.unwrap().format, Format::Yaml);
        assert_eq!(s.body, "Body");
        assert_eq!(s.body_line, 6);
    }

    #[test]
    fn accepts_empty_front_matter() {
        let s = split("+++\n+++\nBody").unwrap();
        assert_eq!(s.front.unwrap().text, "");
    }

    #[test]
    fn reports_unclosed_front_matter_at_the_opening_fence() {
        assert_eq!(split("\n+++\ntitle = 1\n").unwrap_err(), Unclosed { line: 2, fence: "+++" });
    }

    #[test]
    fn closes_yaml_with_the_end_of_document_marker() {
        // From Jekyll's test/source/_posts/2014-03-03-yaml-with-dots.md (MIT).
        let text = "---\ntitle: Test Post Where YAML Ends in Dots\n...\n\n# Test\n";
        let s = split(text).unwrap();
        assert_eq!(s.front.unwrap().text, "title: Test Post Where YAML Ends in Dots\n");
        assert_eq!(s.body, "\n# Test\n");
        assert_eq!(s.body_line, 4);
        assert!(split("+++\ntitle = 1\n...\n").is_err(), "TOML ends only with +++");
    }

    #[test]
    fn an_unclosed_rule_without_keys_is_body() {
        // Jekyll's test/source/_includes/sig.markdown (MIT).
        let text = "---\nTom Preston-Werner\ngithub.com/mojombo\n";
        let s = split(text).unwrap();
        assert!(s.front.is_none());
        assert_eq!((s.body, s.body_line), (text, 1));
        assert_eq!(split("---\ntitle: A\nBody\n").unwrap_err(), Unclosed { line: 1, fence: "---" });
        assert_eq!(split("---\n\"a\": 1\n").unwrap_err().line, 1);
    }

    #[test]
    fn leaves_text_without_a_fence_alone() {
        let s = split("Headline\n\nBody").unwrap();
        assert!(s.front.is_none());
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn does_not_take_a_later_rule_for_a_fence() {
        let s = split("Text\n---\nMore").unwrap();
        assert!(s.front.is_none());
    }
}
