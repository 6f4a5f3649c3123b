//! Zola's templates are written for Tera 1; Broadsheet runs Tera 2, which is stricter.
//! A shortcode's text is brought over as Tera 1 read it: the string tests' positional
//! argument named (`is starting_with("http")` is `is starting_with(pat="http")`); `set`
//! made `set_global`, since Tera 1 keeps what is set inside an `if` after it; and in
//! `if` conditions, a name nobody set is false, as in Tera 1: `if alt` reads
//! `if (alt is defined and alt)`, `if meta.width` reads `if (meta is defined and
//! meta.width)`. Names are never given a value, so `default` and `is defined` work
//! as written.

/// Words of a condition that are Tera's own, not variables.
const KEYWORDS: &[&str] =
    &["and", "or", "not", "is", "in", "true", "false", "none", "True", "False"];

/// The template `text` as Tera 2 reads it.
pub(super) fn tera_two(text: &str) -> String {
    let mut out = text.replace("{%- set ", "{%- set_global ").replace("{% set ", "{% set_global ");
    for test in ["starting_with(", "ending_with(", "containing("] {
        let mut at = 0;
        while let Some(i) = out[at..].find(&format!("is {test}")) {
            let open = at + i + 3 + test.len();
            let named = out[open..].trim_start().split([')', '"', '\'']).next().unwrap_or("");
            if !named.contains('=') {
                out.insert_str(open, "pat=");
            }
            at = open;
        }
    }
    conditions(&out)
}

/// Each `if`/`elif` condition of `text` with its names guarded.
fn conditions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{%") {
        let Some(close) = rest[open..].find("%}") else { break };
        let tag = &rest[open..open + close];
        out.push_str(&rest[..open]);
        let inner = tag[2..].trim_start_matches('-').trim_start();
        match ["if ", "elif "].iter().find(|k| inner.starts_with(*k)) {
            Some(keyword) => {
                let head = &tag[..tag.len() - inner.len() + keyword.len()];
                out.push_str(head);
                out.push_str(&guard(&inner[keyword.len()..]));
            }
            None => out.push_str(tag),
        }
        rest = &rest[open + close..];
    }
    out.push_str(rest);
    out
}

/// One condition with each name that stands alone as a truth value (followed by
/// nothing, `and`, `or` or `)`) guarded: `x` made `(x is defined and x)`, `a.b` made
/// `(a is defined and a.b)`. A name compared or tested (`x == 1`, `x is y`) is left.
fn guard(condition: &str) -> String {
    let mut out = String::with_capacity(condition.len());
    let chars: Vec<char> = condition.chars().collect();
    let (mut i, mut after_is) = (0, false);
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' {
            let end =
                chars[i + 1..].iter().position(|&x| x == c).map_or(chars.len(), |p| i + p + 2);
            out.extend(&chars[i..end.min(chars.len())]);
            i = end;
            continue;
        }
        if !(c.is_ascii_alphabetic() || c == '_') {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '.'))
        {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let rest: String = chars[i..].iter().collect();
        let rest = rest.trim_start();
        let alone = rest.is_empty()
            || rest.starts_with(')')
            || rest.starts_with("and ")
            || rest.starts_with("or ")
            || rest.starts_with('-');
        let base = word.split('.').next().unwrap_or("").to_string();
        // After `|` a name is a filter's.
        let filter = out.trim_end().ends_with('|');
        let variable = alone && !after_is && !filter && !KEYWORDS.contains(&base.as_str());
        after_is = word == "is" || (after_is && word == "not");
        match variable {
            true => out.push_str(&format!("({base} is defined and {word})")),
            false => out.push_str(&word),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tera_two;

    #[test]
    fn tera_one_templates_read_as_they_did() {
        let text = tera_two(
            r#"{%- set x = 1 -%}{% if a is starting_with("http") or raw -%}{% set y = 2 %}{% elif meta.width and not b is containing(pat="x") %}{{ f(u="if") }}{% elif n == 2 or (alt) %}{% elif m > xs | length %}{% endif %}"#,
        );
        assert_eq!(
            text,
            r#"{%- set_global x = 1 -%}{% if a is starting_with(pat="http") or (raw is defined and raw) -%}{% set_global y = 2 %}{% elif (meta is defined and meta.width) and not b is containing(pat="x") %}{{ f(u="if") }}{% elif n == 2 or ((alt is defined and alt)) %}{% elif m > xs | length %}{% endif %}"#
        );
    }
}
