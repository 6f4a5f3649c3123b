//! Small text facts shared by the parsers: line numbers from byte offsets,
//! input normalisation (BOM, CRLF), finding a key's line in front matter.

/// The 1-based line holding byte `offset` of `bytes`.
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Drops a UTF-8 byte-order mark and turns CRLF and lone CR line ends into LF.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The 1-based line (counted within `text`) where `key` is set as `key = …` (TOML)
/// or `key: …` (YAML), if any.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .and_then(|r| r.trim_start().chars().next())
                .is_some_and(|c| c == '=' || c == ':')
        })
        .map(|i| i + 1)
}

/// `n` and the noun in the number `n` asks for: `1 article`, `2 articles`, `0 copies`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// `n` of `total` things and the verb that agrees with `n`: `1 of 3 articles is`,
/// `2 of 3 articles are`, `1 of 1 article is`.
pub fn part_of(n: usize, total: usize, one: &str, many: &str) -> String {
    let noun = if total == 1 { one } else { many };
    let verb = if n == 1 { "is" } else { "are" };
    format!("{n} of {total} {noun} {verb}")
}

/// What to say about a `[` list left open, in TOML or YAML.
pub const LIST_LEFT_OPEN: &str =
    "a list opened with `[` is not closed: close it with `]` after its last item";

/// The 1-based line, at or above `line` of `text`, that opens a `[` list it does not close.
pub fn list_left_open(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    (1..=line.min(lines.len())).rev().find(|&n| unclosed_list(lines[n - 1]))
}

/// True when `line` opens more `[` than it closes (outside quoted strings and comments).
fn unclosed_list(line: &str) -> bool {
    let (mut depth, mut quote) = (0i32, None);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '[') => depth += 1,
            (None, ']') => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Collapses runs of white space into single spaces and trims the ends.
pub fn squash_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c)))
}

/// `text` without the characters XML 1.0 cannot hold or discourages (C0 controls but tab
/// and line ends, DEL, U+FFFE, U+FFFF): one of them makes a whole feed unreadable.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}' && c != '\u{7F}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "copy", "copies"), "1 copy");
        assert_eq!(count(0, "copy", "copies"), "0 copies");
        assert_eq!(part_of(1, 1, "article", "articles"), "1 of 1 article is");
        assert_eq!(part_of(1, 3, "article", "articles"), "1 of 3 articles is");
        assert_eq!(part_of(2, 3, "article", "articles"), "2 of 3 articles are");
    }

    #[test]
    fn xml_safe_drops_control_characters_only() {
        assert_eq!(xml_safe("a\u{1}b\u{B}c\td\u{FFFF}é ]]> <&"), "abc\tdé ]]> <&");
    }

    #[test]
    fn counts_lines_from_offsets() {
        assert_eq!(line_of(b"a\nb\nc", 0), 1);
        assert_eq!(line_of(b"a\nb\nc", 2), 2);
        assert_eq!(line_of(b"a\nb\nc", 99), 3);
    }

    #[test]
    fn normalizes_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn finds_key_lines_in_toml_and_yaml() {
        assert_eq!(key_line("title = 1\ndate = 2", "date"), Some(2));
        assert_eq!(key_line("title: 1\n  date: 2", "date"), Some(2));
        assert_eq!(key_line("dates = 1", "date"), None);
    }

    #[test]
    fn cuts_at_whole_words() {
        assert_eq!(cut_at_word("one two three four", 12), "one two…");
        assert_eq!(cut_at_word("short", 12), "short");
    }
}
