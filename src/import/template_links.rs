//! Links whose target is only template code the import could not resolve (hugoDocs'
//! `[source code]: <{{% eturl highlight %}}>`, a site shortcode reading the site's
//! data): no page can be found for them and the build would print the tag as the
//! address, so the link is left out and its text kept, in the inline form
//! (`[text](<{{% x %}}>)`) and the reference form (the definition and every use of its
//! label in the file). Each one is named with its line in the report. Code blocks and
//! code spans are left as written, and so are the peers' escapes (`{{%/* x */%}}`).

/// `text` without those links, and each link left out as (line, target).
pub(super) fn unlink(text: &str) -> (String, Vec<(usize, String)>) {
    if !text.contains("{{") && !text.contains("{%") {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let (mut labels, mut dropped) = (Vec::new(), Vec::new());
    for (n, line, code) in lines(text) {
        if code {
            out.push_str(line);
        } else if let Some((label, target)) = definition(line) {
            labels.push(label.to_lowercase());
            dropped.push((n, target.to_string()));
        } else {
            out.push_str(&inline(line, n, &mut dropped));
        }
    }
    if labels.is_empty() {
        return (out, dropped);
    }
    let mut plain = String::with_capacity(out.len());
    for (_, line, code) in lines(&out) {
        plain.push_str(&if code { line.to_string() } else { uses(line, &labels) });
    }
    (plain, dropped)
}

/// Each line with its number (from 1) and whether it is a fenced code block's (its
/// fences included): what the import leaves as written.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut fence: Option<String> = None;
    text.split_inclusive('\n').enumerate().map(move |(n, line)| {
        let trimmed = line.trim_start();
        let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
        let mut code = fence.is_some();
        if marker.len() >= 3 {
            let bare = trimmed[marker.len()..].trim().is_empty();
            fence = match fence.take() {
                Some(open) if marker.starts_with(&open) && bare => None,
                None => Some(marker),
                keep => keep,
            };
            code = true;
        }
        (n + 1, line, code)
    })
}

/// True for a link target that is only a template tag (`<{{% eturl x %}}>`).
fn is_template(target: &str) -> bool {
    let t = target.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let paired =
        (t.starts_with("{{") && t.ends_with("}}")) || (t.starts_with("{%") && t.ends_with("%}"));
    paired && !t.contains("/*") && !t.contains(')')
}

/// A reference definition (`[label]: <{{% x %}}>`) whose target is a template tag.
fn definition(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start();
    let rest = t.strip_prefix('[')?;
    let (label, target) = rest.split_once("]:")?;
    (!label.contains(']') && is_template(target)).then(|| (label, target.trim()))
}

/// `line` with each `[text](<{{ tag }}>)` outside code spans as `text`.
fn inline(line: &str, n: usize, dropped: &mut Vec<(usize, String)>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let tail = &rest[at + 2..];
        let inside_code = (out.matches('`').count() + rest[..at].matches('`').count()) % 2 == 1;
        let end = closing(tail);
        let open = rest[..at].rfind('[');
        match (end, open) {
            (Some(end), Some(open)) if !inside_code && is_template(&tail[..end]) => {
                // A picture's `!` goes with its link: its alt text stays.
                let bang = usize::from(rest[..open].ends_with('!'));
                out.push_str(&rest[..open - bang]);
                out.push_str(&rest[open + 1..at]);
                dropped.push((n, tail[..end].trim().to_string()));
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&rest[..at + 2]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the `)` closing a link target that begins with a template tag is.
fn closing(tail: &str) -> Option<usize> {
    let t = tail.trim_start_matches('<');
    let end = match t.get(..2) {
        Some("{{") => "}}",
        Some("{%") => "%}",
        _ => return None,
    };
    let close = t.find(end)? + 2;
    let after = tail.len() - t.len() + close;
    let paren = tail[after..].find(')')?;
    tail[after..after + paren].trim_matches(['>', ' ']).is_empty().then_some(after + paren)
}

/// `line` with every use of a dropped label (`[text][label]`, `[label][]`, `[label]`)
/// outside code spans as its text.
fn uses(line: &str, labels: &[String]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let in_code = (out.matches('`').count() + rest[..open].matches('`').count()) % 2 == 1;
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        let text = &rest[open + 1..close];
        let after = &rest[close + 1..];
        let (label, len) = match after.strip_prefix('[') {
            Some(r) => match r.find(']') {
                Some(0) => (text, 2),
                Some(e) => (&r[..e], e + 2),
                None => (text, 0),
            },
            None => (text, 0),
        };
        let named = labels.iter().any(|l| l.eq_ignore_ascii_case(label));
        let link_follows = len == 0 && after.starts_with(['(', ':']);
        if named && !in_code && !link_follows && !text.contains('[') {
            out.push_str(&rest[..open]);
            out.push_str(text);
            rest = &after[len..];
        } else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_links_to_template_code_and_keeps_their_text() {
        // hugoDocs' `content/en/shortcodes/highlight.md` and `templates/embedded.md`.
        let body = "See the [source code]. Or [the code][source code], [Source Code][].\n\
            Copy the [source code](<{{% eturl disqus %}}>) to a file.\n\
            Keep [a link](https://gohugo.io/) and [x][other].\n\
            `[source code]` stays.\n\
            ```md\n[source code]: <{{%/* eturl alias */%}}>\n```\n\
            \n[source code]: <{{% eturl highlight %}}>\n[other]: https://go.dev/\n";
        let (out, dropped) = unlink(body);
        assert_eq!(
            out,
            "See the source code. Or the code, Source Code.\n\
            Copy the source code to a file.\n\
            Keep [a link](https://gohugo.io/) and [x][other].\n\
            `[source code]` stays.\n\
            ```md\n[source code]: <{{%/* eturl alias */%}}>\n```\n\
            \n[other]: https://go.dev/\n"
        );
        assert_eq!(
            dropped,
            [(2, "<{{% eturl disqus %}}>".to_string()), (9, "<{{% eturl highlight %}}>".into())]
        );
    }

    #[test]
    fn one_link_at_a_time_and_a_picture_with_its_mark() {
        let (out, dropped) = unlink("[a]({% x %}) [b]({{ y }}) and ![logo](<{{% eturl x %}}>).\n");
        assert_eq!(out, "a b and logo.\n");
        assert_eq!(dropped.len(), 3);
        // Multibyte text around the brackets.
        let (out, _) = unlink("é[ça]({{ z }})ü 日本[語]({% w %})\n");
        assert_eq!(out, "éçaü 日本語\n");
    }

    #[test]
    fn leaves_text_without_template_links_as_it_is() {
        let body = "A [link]({{< ref \"x.md\" >}}) is resolved elsewhere; {{< new-in 1 >}}\n";
        let (out, dropped) = unlink("Plain [text](a.md).\n");
        assert_eq!((out.as_str(), dropped.len()), ("Plain [text](a.md).\n", 0));
        // Only what is left unresolved by then arrives here; a `ref` would have gone.
        let (out, _) = unlink(body);
        assert_eq!(out, "A link is resolved elsewhere; {{< new-in 1 >}}\n");
    }
}
