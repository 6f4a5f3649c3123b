//! Zola's templates are written for Tera 1; Broadsheet runs Tera 2, which is stricter.
//! A shortcode's text is brought over as Tera 1 read it: the string tests' positional
//! argument named (`is starting_with("http")` is `is starting_with(pat="http")`); `set`
//! made `set_global`, since Tera 1 keeps what is set inside an `if` after it; and in
//! `if` conditions, a name nobody set is false (`if meta.width` reads
//! `if (meta and meta.width)`, with `meta` given as none when undefined).

/// Words of a condition that are Tera's own, not variables.
const KEYWORDS: &[&str] =
    &["and", "or", "not", "is", "in", "true", "false", "none", "True", "False"];

/// The template `text` as Tera 2 reads it, and the names its conditions test, which the
/// renderer gives as none when nothing else does.
pub(super) fn tera_two(text: &str) -> (String, Vec<String>) {
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

/// Each `if`/`elif` condition of `text` with its dotted names guarded; the bare names.
fn conditions(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut names = Vec::new();
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
                out.push_str(&guard(&inner[keyword.len()..], &mut names));
            }
            None => out.push_str(tag),
        }
        rest = &rest[open + close..];
    }
    out.push_str(rest);
    names.sort();
    names.dedup();
    (out, names)
}

/// One condition with `a.b` made `(a and a.b)`; its variable names go to `names`.
fn guard(condition: &str, names: &mut Vec<String>) -> String {
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
        let next = chars[i..].iter().copied().find(|c| !c.is_whitespace());
        let after = chars[i..].iter().copied().filter(|c| !c.is_whitespace()).nth(1);
        // A call (`f(`), or an argument's name (`pat=`, not `a == b`).
        let called = next == Some('(') || (next == Some('=') && after != Some('='));
        let base = word.split('.').next().unwrap_or("").to_string();
        let variable = !called && !after_is && !KEYWORDS.contains(&base.as_str());
        after_is = word == "is" || (after_is && word == "not");
        if !variable {
            out.push_str(&word);
            continue;
        }
        names.push(base.clone());
        match word.contains('.') {
            true => out.push_str(&format!("({base} and {word})")),
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
        let (text, names) = tera_two(
            r#"{%- set x = 1 -%}{% if a is starting_with("http") or raw %}{% set y = 2 %}{% elif meta.width and not b is containing(pat="x") %}{{ f(u="if") }}{% endif %}"#,
        );
        assert_eq!(
            text,
            r#"{%- set_global x = 1 -%}{% if a is starting_with(pat="http") or raw %}{% set_global y = 2 %}{% elif (meta and meta.width) and not b is containing(pat="x") %}{{ f(u="if") }}{% endif %}"#
        );
        assert_eq!(names, ["a", "b", "meta", "raw"]);
    }
}
