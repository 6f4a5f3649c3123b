//! Plain words for the template mistakes Tera reports in its own terms: a block left
//! open (Tera sees the next closing tag as an "Unknown tag"), and a misspelt filter,
//! test or function (named with the nearest one Tera knows). Text only; `render` turns
//! Tera's errors into ours and asks here for the better sentence.

/// Tera's built-in filters.
const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
    "map",
];

/// Tera's built-in tests.
const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];

/// Tera's built-in functions.
const FUNCTIONS: &[&str] = &["range", "now", "throw", "get_random", "get_env"];

/// Tera's tags.
const TAGS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "break",
    "continue",
    "block",
    "endblock",
    "macro",
    "endmacro",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "set",
    "set_global",
    "include",
    "import",
    "extends",
];

/// `message` with "; did you mean `x`?" when it is Tera's "Unknown filter|test|function
/// `name`" and a known name is close.
pub(super) fn did_you_mean(message: &str) -> String {
    let kinds = [
        ("Unknown filter `", FILTERS),
        ("Unknown test `", TESTS),
        ("Unknown function `", FUNCTIONS),
    ];
    for (prefix, known) in kinds {
        let Some(name) = message.strip_prefix(prefix).and_then(|r| r.strip_suffix('`')) else {
            continue;
        };
        if let Some(near) = crate::config::nearest(name, known) {
            return format!("{message}; did you mean `{near}`?");
        }
    }
    message.to_string()
}

/// When Tera stops at line `line` of `source` with "Unknown tag" and no block is left
/// open: the misspelt tag there, with the nearest tag Tera knows.
pub(super) fn unknown_tag(source: &str, line: usize) -> Option<String> {
    let (_, name, _) = tags(source).find(|(at, name, _)| *at == line && !TAGS.contains(name))?;
    Some(match crate::config::nearest(name, TAGS) {
        Some(near) => format!("Unknown tag `{name}`; did you mean `{near}`?"),
        None => format!("Unknown tag `{name}`"),
    })
}

/// The tags that open a block, with the tag that closes each.
const BLOCKS: &[(&str, &str)] = &[
    ("if", "endif"),
    ("for", "endfor"),
    ("block", "endblock"),
    ("macro", "endmacro"),
    ("filter", "endfilter"),
    ("raw", "endraw"),
];

/// A block tag of `source`: its 1-based line, its name and the whole tag as written.
fn tags(source: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    source.match_indices("{%").filter_map(move |(at, _)| {
        let rest = &source[at..];
        let end = rest.find("%}")? + 2;
        let whole = &rest[..end];
        let name =
            whole[2..].trim_start_matches(['-', ' ', '\n', '\t']).split_whitespace().next()?;
        let line = source[..at].matches('\n').count() + 1;
        Some((line, name.trim_end_matches(['-', '%']), whole))
    })
}

/// When Tera stops at line `line` of `source` with "Unknown tag", the block left open
/// before it: a sentence naming where it opened and what closes it.
pub(super) fn unclosed(source: &str, line: usize) -> Option<(usize, String)> {
    let mut open: Vec<(usize, &str, &str)> = Vec::new();
    for (at, name, whole) in tags(source) {
        if BLOCKS.iter().any(|(o, _)| *o == name) {
            open.push((at, name, whole));
        } else if let Some((opener, _)) = BLOCKS.iter().find(|(_, c)| *c == name) {
            match open.last() {
                Some((_, top, _)) if top == opener => {
                    open.pop();
                }
                Some(&(opened, top, _)) if at == line => {
                    let close = BLOCKS.iter().find(|(o, _)| *o == top).map_or("", |(_, c)| *c);
                    return Some((
                        opened,
                        format!(
                            "`{{% {top} %}}` opened here is never closed: add `{{% {close} %}}` \
                             before `{whole}` (line {at})"
                        ),
                    ));
                }
                _ => return None,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_nearest_filter_test_and_function() {
        assert_eq!(
            did_you_mean("Unknown filter `upcase`"),
            "Unknown filter `upcase`; did you mean `upper`?"
        );
        assert_eq!(
            did_you_mean("Unknown test `defind`"),
            "Unknown test `defind`; did you mean `defined`?"
        );
        assert_eq!(
            did_you_mean("Unknown function `rnge`"),
            "Unknown function `rnge`; did you mean `range`?"
        );
        assert_eq!(did_you_mean("Unknown filter `zzzzqqq`"), "Unknown filter `zzzzqqq`");
        assert_eq!(
            did_you_mean("Unknown function `nowz`"),
            "Unknown function `nowz`; did you mean `now`?"
        );
        let source = "{% block main %}\n<p>x</p>\n{% endblok main %}\n";
        assert_eq!(
            unknown_tag(source, 3).as_deref(),
            Some("Unknown tag `endblok`; did you mean `endblock`?")
        );
        assert_eq!(unknown_tag(source, 1), None);
    }

    #[test]
    fn finds_the_block_left_open() {
        let source = "{% block main %}\n<p>\n{% if page %}\n{% for x in y %}{% endfor %}\n{% endblock main %}\n";
        let (line, message) = unclosed(source, 5).unwrap();
        assert_eq!(line, 3);
        assert_eq!(
            message,
            "`{% if %}` opened here is never closed: add `{% endif %}` before `{% endblock main %}` (line 5)"
        );
        assert_eq!(unclosed("{% if a %}{% endif %}", 1), None);
    }
}
