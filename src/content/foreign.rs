//! Template code that Jekyll (Liquid), Hugo and Zola posts carry in their bodies:
//! Broadsheet never runs it. A few common tags are rewritten as the Markdown they
//! stand for (`highlight` as a fenced block, `raw` as its text, `figure` as an image,
//! `youtube` as a link, Hugo's `code-toggle` as a TOML block, Jekyll's `link` and
//! `post_url` as their target, Hugo's `glossary-term` as its term); every other tag
//! is dropped, keeping what a paired tag encloses. Code blocks and spans are left as
//! written but for `raw` fences and the peers' escapes (`{{</* x */>}}`), which show
//! there as the tag they escape. `translate` says where the first tag was, so the
//! file gets one warning.

use std::borrow::Cow;

/// The first template tag of a body, for the warning.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct First {
    /// Its line in the body, from 1.
    pub line: usize,
    /// The tag as written, shortened.
    pub tag: String,
}

/// The body with template code rewritten or dropped, and where the first tag was.
pub(super) fn translate(body: &str) -> (Cow<'_, str>, Option<First>) {
    if !body.contains("{%") && !body.contains("{{") {
        return (Cow::Borrowed(body), None);
    }
    let mut t =
        Translator { src: body, at: 0, out: String::with_capacity(body.len()), first: None };
    t.run();
    (Cow::Owned(t.out), t.first)
}

/// The one warning of a file whose body holds template code, naming the first tag.
pub(super) fn warning(tag: &str) -> String {
    format!(
        "template code `{tag}` (Liquid, Hugo or Zola) is not run: highlight, raw, figure and \
         youtube become Markdown, other tags are dropped"
    )
}

struct Translator<'a> {
    src: &'a str,
    at: usize,
    out: String,
    first: Option<First>,
}

/// What a tag opens with and closes with: Hugo's `{{< >}}`, `{{% %}}`, Liquid's and
/// Zola's `{% %}` and `{{ }}`.
const TAGS: [(&str, &str); 4] = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}")];

impl Translator<'_> {
    fn run(&mut self) {
        let mut fence: Option<String> = None;
        while self.at < self.src.len() {
            let line_start = self.at == 0 || self.src[..self.at].ends_with('\n');
            if line_start && let Some(marker) = fence_marker(&self.src[self.at..]) {
                fence = match fence {
                    Some(open) if marker.starts_with(open.as_str()) => None,
                    Some(open) => Some(open),
                    None => Some(marker),
                };
                self.copy_line();
            } else if fence.is_some() {
                self.code_step();
            } else {
                self.text_step();
            }
        }
    }

    fn rest(&self) -> &str {
        &self.src[self.at..]
    }

    fn copy_line(&mut self) {
        let len = self.rest().find('\n').map_or(self.rest().len(), |i| i + 1);
        self.out.push_str(&self.src[self.at..self.at + len]);
        self.at += len;
    }

    fn copy_char(&mut self) {
        let c = self.rest().chars().next().expect("called before the end");
        self.out.push(c);
        self.at += c.len_utf8();
    }

    /// Inside code: only `raw` fences go, and escapes show as what they escape.
    fn code_step(&mut self) {
        if let Some(len) = self.unescape() {
            self.at += len;
        } else if let Some((tag, len)) = self.tag_here()
            && matches!(name_of(&tag), "raw" | "endraw")
        {
            self.note(&tag);
            self.at += len;
        } else {
            self.copy_char();
        }
    }

    fn text_step(&mut self) {
        if self.rest().starts_with('`') {
            return self.code_span();
        }
        if let Some(len) = self.unescape() {
            self.at += len;
            return;
        }
        let Some((tag, len)) = self.tag_here() else { return self.copy_char() };
        self.note(&tag);
        self.at += len;
        let (name, args) = name_and_args(&tag);
        match name {
            "raw" => self.copy_until_end("endraw"),
            "comment" => self.skip_until_end("endcomment"),
            "highlight" if tag.starts_with("{%") || tag.starts_with("{{<") => {
                let lang = args.split_whitespace().next().unwrap_or("").trim_matches('"');
                self.open_line();
                self.out.push_str(&format!("```{lang}"));
                self.code_until(["endhighlight", "/highlight"]);
                self.open_line();
                self.out.push_str("```");
            }
            "code-toggle" | "code" if tag.starts_with("{{") => {
                let lang = arg(args, "lang").unwrap_or("toml");
                self.open_line();
                self.out.push_str(&format!("```{lang}"));
                self.code_until(["/code-toggle", "/code"]);
                self.open_line();
                self.out.push_str("```");
            }
            "link" | "post_url" => self.out.push_str(args.trim()),
            "glossary-term" => self.out.push_str(args.trim().trim_matches('"')),
            "figure" | "img" => self.out.push_str(&figure(args)),
            "youtube" => self.out.push_str(&youtube(args)),
            _ => {}
        }
    }

    /// Code up to the tag named one of `ends`, which is dropped.
    fn code_until(&mut self, ends: [&str; 2]) {
        while self.at < self.src.len() {
            if let Some((tag, len)) = self.tag_here()
                && ends.contains(&name_of(&tag))
            {
                self.at += len;
                return;
            }
            self.code_step();
        }
    }

    /// A code span: copied, with only the code rules applied inside.
    fn code_span(&mut self) {
        let ticks = self.rest().bytes().take_while(|&b| b == b'`').count();
        let fence = &self.src[self.at..self.at + ticks];
        let Some(end) = self.src[self.at + ticks..].find(fence) else {
            self.out.push_str(fence);
            self.at += ticks;
            return;
        };
        let stop = self.at + ticks + end + ticks;
        self.out.push_str(fence);
        self.at += ticks;
        while self.at < stop - ticks {
            self.code_step();
        }
        self.out.push_str(fence);
        self.at = stop;
    }

    /// Starts a new line in the output unless it is at one.
    fn open_line(&mut self) {
        if !(self.out.is_empty() || self.out.ends_with('\n')) {
            self.out.push('\n');
        }
    }

    /// Copies text as written up to the Liquid tag `end`, which is dropped.
    fn copy_until_end(&mut self, end: &str) {
        while self.at < self.src.len() {
            if let Some((tag, len)) = self.tag_here()
                && name_of(&tag) == end
            {
                self.at += len;
                return;
            }
            self.copy_char();
        }
    }

    fn skip_until_end(&mut self, end: &str) {
        let mark = self.out.len();
        self.copy_until_end(end);
        self.out.truncate(mark);
    }

    /// A peer's escaped tag here (`{{</* x */>}}`, `{{%/* x */%}}`, `{{/* x */}}`,
    /// `{%/* x */%}`): written as the tag it escapes; the length taken.
    fn unescape(&mut self) -> Option<usize> {
        let rest = self.rest();
        for (open, close) in [("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}"), ("{%", "%}")] {
            let (escaped_open, escaped_close) = (format!("{open}/*"), format!("*/{close}"));
            if rest.starts_with(&escaped_open)
                && let Some(len) = rest[escaped_open.len()..].find(&escaped_close)
            {
                let end = escaped_open.len() + len;
                let inner = &rest[escaped_open.len()..end];
                self.out.push_str(&format!("{open}{inner}{close}"));
                return Some(end + escaped_close.len());
            }
        }
        None
    }

    /// A whole tag on one line starting here, and its length.
    fn tag_here(&self) -> Option<(String, usize)> {
        let rest = self.rest();
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let (open, close) = TAGS.iter().find(|(open, _)| line.starts_with(open))?;
        let end = line[open.len()..].find(close)? + open.len() + close.len();
        Some((line[..end].to_string(), end))
    }

    fn note(&mut self, tag: &str) {
        if self.first.is_none() {
            let line = self.src[..self.at].matches('\n').count() + 1;
            self.first = Some(First { line, tag: crate::text::cut_at_word(tag, 60) });
        }
    }
}

/// A fence line's marker (three or more backticks or tildes), if this line opens one.
fn fence_marker(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = trimmed.chars().take_while(|&x| x == c).count();
    (n >= 3).then(|| c.to_string().repeat(n))
}

/// A tag's name and the rest: `highlight` and `ruby linenos` for `{% highlight ruby linenos %}`;
/// a Zola shortcode's name stops at its `(`.
fn name_and_args(tag: &str) -> (&str, &str) {
    let open = TAGS.iter().find(|(o, _)| tag.starts_with(o)).map_or(2, |(o, _)| o.len());
    let close = TAGS.iter().find(|(o, _)| tag.starts_with(o)).map_or(2, |(_, c)| c.len());
    let inner = tag[open..tag.len() - close].trim_matches(|c: char| c == '-' || c.is_whitespace());
    let end = inner.find(|c: char| c.is_whitespace() || c == '(').unwrap_or(inner.len());
    let (name, args) = inner.split_at(end);
    (name, args.trim_start_matches('(').trim_end_matches(')'))
}

fn name_of(tag: &str) -> &str {
    name_and_args(tag).0
}

/// The value of `key="v"` (or `key=v`) in shortcode arguments.
fn arg<'a>(args: &'a str, key: &str) -> Option<&'a str> {
    let at = args.find(&format!("{key}="))? + key.len() + 1;
    let rest = &args[at..];
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next(),
        None => rest.split([' ', ',', ')']).next(),
    }
}

/// Hugo's `figure`: an image with its alt text (or caption) and caption as title.
fn figure(args: &str) -> String {
    let src = arg(args, "src").unwrap_or("");
    let caption = arg(args, "caption").or(arg(args, "title"));
    let alt = arg(args, "alt").or(caption).unwrap_or("");
    match caption {
        Some(c) => format!("![{alt}]({src} \"{}\")", c.replace('"', "'")),
        None => format!("![{alt}]({src})"),
    }
}

/// Hugo's and Zola's `youtube`: a link to the video.
fn youtube(args: &str) -> String {
    let id = arg(args, "id").unwrap_or_else(|| args.split_whitespace().next().unwrap_or(""));
    let id = id.trim_matches('"');
    format!("[YouTube video](https://www.youtube.com/watch?v={id})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(body: &str) -> String {
        translate(body).0.into_owned()
    }

    #[test]
    fn leaves_bodies_without_template_code_alone() {
        assert!(matches!(translate("Plain *text*.\n").0, Cow::Borrowed(_)));
        assert_eq!(translate("Plain.").1, None);
    }

    #[test]
    fn renders_liquid_highlight_and_raw() {
        let body = "Intro\n{% highlight ruby %}\nputs \"{{ x }}\"\n{% endhighlight %}\n";
        assert_eq!(t(body), "Intro\n```ruby\nputs \"{{ x }}\"\n```\n");
        assert_eq!(
            t("Use {% raw %}{{ page.title }}{% endraw %} here."),
            "Use {{ page.title }} here."
        );
        let fenced = "```liquid\n{% raw %}\n{% if x %}{{ y }}{% endif %}\n{% endraw %}\n```\n";
        assert_eq!(t(fenced), "```liquid\n\n{% if x %}{{ y }}{% endif %}\n\n```\n");
    }

    #[test]
    fn drops_other_liquid_and_keeps_links() {
        assert_eq!(t("[#1]: {{ site.repository }}/issues/1\n"), "[#1]: /issues/1\n");
        assert_eq!(t("See [it]({% link _docs/x.md %})."), "See [it](_docs/x.md).");
        assert_eq!(t("A{% include note.html %}B{% comment %}gone{% endcomment %}C"), "ABC");
    }

    #[test]
    fn renders_hugo_shortcodes() {
        assert_eq!(
            t("{{< figure src=\"a.jpg\" caption=\"A cat\" >}}"),
            "![A cat](a.jpg \"A cat\")"
        );
        assert_eq!(
            t("{{< youtube w7Ft2ymGmfc >}}"),
            "[YouTube video](https://www.youtube.com/watch?v=w7Ft2ymGmfc)"
        );
        assert_eq!(t("{{% note %}}\nRead *this*.\n{{% /note %}}\n"), "\nRead *this*.\n\n");
        assert_eq!(t("{{< highlight go >}}\nx := 1\n{{< /highlight >}}"), "```go\nx := 1\n```");
        assert_eq!(
            t("{{< code-toggle file=hugo >}}\n[a]\nb = 1\n{{< /code-toggle >}}\n"),
            "```toml\n[a]\nb = 1\n```\n"
        );
        assert_eq!(t("A {{% glossary-term \"section\" %}} is"), "A section is");
    }

    #[test]
    fn shows_escaped_tags_as_the_tag() {
        assert_eq!(
            t("```\n{{</* figure src=\"x\" */>}}\n```\n"),
            "```\n{{< figure src=\"x\" >}}\n```\n"
        );
        assert_eq!(translate("`{{%/* x */%}}`").1, None);
    }

    #[test]
    fn renders_zola_shortcodes() {
        assert_eq!(
            t("{{ youtube(id=\"dQw4\") }}"),
            "[YouTube video](https://www.youtube.com/watch?v=dQw4)"
        );
        assert_eq!(t("{% quote(author=\"A\") %}\nWords.\n{% end %}"), "\nWords.\n");
    }

    #[test]
    fn leaves_code_and_unclosed_braces_alone() {
        assert_eq!(t("```\n{{ page.title }}\n```\n"), "```\n{{ page.title }}\n```\n");
        assert_eq!(t("Use `{{ x }}` in templates."), "Use `{{ x }}` in templates.");
        assert_eq!(t("Sets like {{a, b}\nare math."), "Sets like {{a, b}\nare math.");
    }

    #[test]
    fn never_panics_on_broken_tags() {
        let nasty = "{{%}} {{<>}} {{/*/}} {%/*/%} {%}{{ {{<{{%/*%}} `{{</*` ```\n{% raw %}é{{ x(\u{2028}) }}{% endraw";
        for end in (0..=nasty.len()).filter(|&i| nasty.is_char_boundary(i)) {
            for start in (0..end).filter(|&i| nasty.is_char_boundary(i)) {
                let _ = translate(&nasty[start..end]);
            }
        }
    }

    #[test]
    fn names_the_first_tag_and_its_line() {
        let (_, first) = translate("One\n\nTwo {{< gist spf13 7896402 >}}\n{% raw %}{% endraw %}");
        assert_eq!(first, Some(First { line: 3, tag: "{{< gist spf13 7896402 >}}".into() }));
    }
}
