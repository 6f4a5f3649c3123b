//! A depth cap for raw HTML, applied before the sanitiser. html5ever (inside ammonia)
//! checks its stack of open elements at every tag, so 100,000 nested `<div>`s take it
//! minutes; past `MAX_HTML_DEPTH` open elements, deeper start tags (and end tags that
//! close nothing open) are dropped here, keeping all text. A rough tokenizer is enough:
//! the sanitiser still decides what is safe, this pass only bounds its work. Input
//! that never nests that deep is returned untouched.

use std::borrow::Cow;

/// The most open elements the sanitiser is shown.
pub(crate) const MAX_HTML_DEPTH: usize = 128;

/// Elements that never hold children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// Elements a second start tag of the same name closes (`<p>a<p>b`, `<li>`…).
const SELF_CLOSING: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// `html` with nesting past `max` open elements removed, or borrowed when within bounds.
pub(crate) fn cap(html: &str, max: usize) -> Cow<'_, str> {
    match walk(html, max, None) {
        Ok(()) => Cow::Borrowed(html),
        Err(TooDeep) => {
            let mut out = String::with_capacity(html.len());
            let _ = walk(html, max, Some(&mut out));
            Cow::Owned(out)
        }
    }
}

/// Raised by the measuring walk as soon as nesting passes the cap.
struct TooDeep;

/// A tag found at some offset: its extent and what it does to the stack.
struct Token<'a> {
    end: usize,
    kind: Kind<'a>,
}

enum Kind<'a> {
    Start(&'a str),
    End(&'a str),
    Other,
}

/// Walks the tags of `html`. Without `out`, fails once nesting passes `max`; with it,
/// copies `html` into `out` minus the tags that would nest deeper.
fn walk(html: &str, max: usize, mut out: Option<&mut String>) -> Result<(), TooDeep> {
    let mut stack: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        emit(&mut out, &html[at..start]);
        let token = token(html, start);
        let keep = match token.kind {
            Kind::Start(name) => open(&mut stack, name, max, out.is_some())?,
            Kind::End(name) => close(&mut stack, name),
            Kind::Other => true,
        };
        if keep {
            emit(&mut out, &html[start..token.end]);
        }
        at = token.end;
    }
    emit(&mut out, &html[at..]);
    Ok(())
}

fn emit(out: &mut Option<&mut String>, text: &str) {
    if let Some(out) = out {
        out.push_str(text);
    }
}

/// Pushes a start tag; false when it is dropped (rewriting) or `TooDeep` (measuring).
fn open<'a>(
    stack: &mut Vec<&'a str>,
    name: &'a str,
    max: usize,
    rewriting: bool,
) -> Result<bool, TooDeep> {
    if VOID.iter().any(|v| name.eq_ignore_ascii_case(v)) {
        return Ok(true);
    }
    if stack.last().is_some_and(|top| top.eq_ignore_ascii_case(name))
        && SELF_CLOSING.iter().any(|s| name.eq_ignore_ascii_case(s))
    {
        stack.pop();
    }
    if stack.len() < max {
        stack.push(name);
        Ok(true)
    } else if rewriting {
        Ok(false)
    } else {
        Err(TooDeep)
    }
}

/// Pops to a matching open element; false (drop it) when none is open.
fn close(stack: &mut Vec<&str>, name: &str) -> bool {
    match stack.iter().rposition(|open| open.eq_ignore_ascii_case(name)) {
        Some(i) => {
            stack.truncate(i);
            true
        }
        None => false,
    }
}

/// The tag (or comment, or lone `<`) starting at `html[start]`.
fn token(html: &str, start: usize) -> Token<'_> {
    let rest = &html[start..];
    let bytes = rest.as_bytes();
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |i| start + 4 + i + 3);
        return Token { end, kind: Kind::Other };
    }
    let (closing, name_at) = if bytes.get(1) == Some(&b'/') { (true, 2) } else { (false, 1) };
    let name_len =
        rest[name_at..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
    let first_ok = bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic);
    if !first_ok {
        let end = if matches!(bytes.get(1), Some(b'!' | b'?')) {
            tag_end(html, start + 1)
        } else {
            start + 1
        };
        return Token { end, kind: Kind::Other };
    }
    let name = &rest[name_at..name_at + name_len];
    let end = tag_end(html, start + name_at + name_len);
    if closing {
        return Token { end, kind: Kind::End(name) };
    }
    if RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)) {
        return Token { end: raw_text_end(html, end, name), kind: Kind::Other };
    }
    Token { end, kind: Kind::Start(name) }
}

/// The offset just past the `>` closing a tag whose attributes start at `from`
/// (quoted values may hold `>`); the end of the text when it never closes.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if *b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return from + i + 1,
            (None, _) => {}
        }
    }
    html.len()
}

/// The offset just past `</name …>` after raw text starting at `from`.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let lower = name.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = html[at..].find("</") {
        let tag = at + i + 2;
        let candidate = bytes.get(tag..tag + lower.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(lower.as_bytes())) {
            return tag_end(html, tag + lower.len());
        }
        at = tag;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_ordinary_html_untouched() {
        let html = "<p>a <b>b</b><br><img src=\"x>y\"></p><!-- <div> --><script>'<div>'</script>";
        assert!(matches!(cap(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn drops_tags_nested_past_the_cap_and_keeps_the_text() {
        let html = "<div><div><div><div>deep</div></div></div></div>after";
        assert_eq!(cap(html, 2), "<div><div>deep</div></div>after");
    }

    #[test]
    fn counts_unclosed_paragraphs_as_siblings() {
        let html = "<p>a<p>b<p>c<p>d";
        assert!(matches!(cap(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn stays_linear_on_pathological_input() {
        let html = "<div>".repeat(100_000) + &"</span>".repeat(100_000) + "x";
        let capped = cap(&html, MAX_HTML_DEPTH);
        assert_eq!(capped.matches("<div>").count(), MAX_HTML_DEPTH);
        assert!(!capped.contains("</span>"));
        assert!(capped.ends_with('x'));
    }

    #[test]
    fn survives_broken_tags() {
        for html in ["<", "<div", "<a href='>", "</", "<!--", "<script>", "<1>", "<é>", "<div/"] {
            let _ = cap(html, 1);
            let _ = cap(&html.repeat(5), 1);
        }
    }
}
