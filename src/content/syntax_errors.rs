//! The common front matter slips in one plain sentence, with the parser's own words
//! after it: a list left open, a colon inside an unquoted YAML value, a tab used to
//! indent, a date that no calendar has. `meta` names the file and line; this module
//! only words the message (and, for a list left open, moves the line to where it opened).

use crate::text::{LIST_LEFT_OPEN, list_left_open};

/// A TOML error at `line` (1-based, within `text`) in plain words, and the line to show.
pub(super) fn toml(text: &str, line: usize, detail: &str) -> (usize, String) {
    let detail = detail.trim();
    let said = format!("invalid TOML front matter: {detail}");
    let lines: Vec<&str> = text.lines().collect();
    if detail.contains("array")
        && let Some(opened) = list_left_open(text, line)
    {
        return (opened, format!("{LIST_LEFT_OPEN}; {said}"));
    }
    if detail.contains("date") || detail.contains("month") || detail.contains("day") {
        let value = lines.get(line.wrapping_sub(1)).and_then(|l| l.split_once('=')).map(|x| x.1);
        if let Some(Err(why)) =
            value.map(|v| crate::dates::parse(v.trim().trim_matches('"'), &jiff::tz::TimeZone::UTC))
        {
            return (line, why);
        }
    }
    (line, said)
}

/// A YAML error at `line` (1-based, within `text`) in plain words, the parser's after
/// them, and the line to show.
pub(super) fn yaml(text: &str, line: usize, detail: &str) -> (usize, String) {
    let said = format!("invalid YAML front matter: {detail}");
    if (detail.contains("unclosed bracket") || detail.contains("placement of ':'"))
        && let Some(opened) = list_left_open(text, line)
    {
        return (opened, format!("{LIST_LEFT_OPEN}; {said}"));
    }
    if detail.contains("mapping values are not allowed")
        && let Some((key, value)) =
            text.lines().nth(line.wrapping_sub(1)).and_then(|l| l.split_once(": "))
    {
        // Quoting the value as written also puts the caret under it, not the key's colon.
        let (key, value) = (key.trim(), value.trim());
        let quoted = value.replace('"', "\\\"");
        return (
            line,
            format!(
                "the value `{value}` holds a colon and a space (`: `): put it in quotes, as in `{key}: \"{quoted}\"`; {said}"
            ),
        );
    }
    (line, plain_yaml(detail, said))
}

fn plain_yaml(detail: &str, said: String) -> String {
    let plain = if detail.contains("unclosed bracket") {
        LIST_LEFT_OPEN
    } else if detail.contains("mapping values are not allowed") {
        "a value holds a colon and a space (`: `): put the value in quotes, as in `title: \"Talks: day two\"`"
    } else if detail.contains("tab") {
        "indent with spaces: YAML does not allow tabs there"
    } else {
        return said;
    };
    format!("{plain}; {said}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_list_is_named_where_it_opened() {
        let text = "title = \"X\"\ntags = [\"a\", \"b\"\ndate = 2024-01-02\n";
        let (line, message) = toml(text, 3, "missing comma between array elements, expected `,`");
        assert_eq!(line, 2);
        assert_eq!(
            message,
            "a list opened with `[` is not closed: close it with `]` after its last item; invalid TOML front matter: missing comma between array elements, expected `,`"
        );
    }

    #[test]
    fn a_bad_month_reads_alike_in_toml_and_yaml() {
        let (_, message) =
            toml("date = 2024-13-45\n", 1, "invalid date, expected month between 01 and 12");
        assert_eq!(message, "cannot read date `2024-13-45`: the month must be 01 to 12, not 13");
    }

    #[test]
    fn yaml_slips_read_as_one_sentence_and_the_parser_words() {
        let (line, message) =
            yaml("title: X\ntags: [a, b\nauthor: x\n", 3, "illegal placement of ':' indicator");
        assert_eq!(line, 2);
        assert!(message.starts_with("a list opened with `[` is not closed"), "{message}");
        let (_, message) =
            yaml("title: A: B\n", 1, "mapping values are not allowed in this context");
        assert!(
            message.starts_with(
                "the value `A: B` holds a colon and a space (`: `): put it in quotes, as in `title: \"A: B\"`"
            ),
            "{message}"
        );
    }
}
