//! Template code that Jekyll (Liquid), Hugo and Zola posts carry in their bodies:
//! Broadsheet never runs it. A few common tags are rewritten as the Markdown they
//! stand for (`highlight` as a fenced block, `raw` as its text, Hugo's `code-toggle`
//! as a TOML block, Jekyll's `link` and `post_url` as their target, Hugo's
//! `glossary-term` as its term, embeds as links: see `shortcodes.rs`); every other tag
//! is dropped, keeping what a paired tag encloses. A tag may run over several lines
//! (not over a blank one). Code blocks and spans are left as written but for `raw`
//! fences and the peers' escapes (`{{</* x */>}}`), which show there as the tag they
//! escape. `translate` says where the first tag was, so the file gets one warning.
//! `import` runs the same reader with a [`Hook`] that resolves what only the peer's
//! site knows (links, `site.*` values, includes) and keeps every other tag as written.

mod shortcodes;

pub(crate) use shortcodes::arg;
use std::borrow::Cow;

/// What `import` does with the tags it can resolve against the peer's whole site.
pub(crate) trait Hook {
    /// What the tag (`name`, `args`, as written in `tag`, on body line `line`) becomes;
    /// `None` keeps it as written.
    fn replace(&mut self, tag: &Tag, line: usize) -> Option<String>;

    /// What a block (Zola's `{% name(…) %}` … `{% end %}`, opened by `tag` on body line
    /// `line`, enclosing `body`) becomes; `None` keeps it as written, tag by tag.
    fn block(&mut self, _tag: &Tag, _body: &str, _line: usize) -> Option<String> {
        None
    }
}

/// One template tag, split.
pub(crate) struct Tag<'a> {
    /// The whole tag as written, `{{< ref "x.md" >}}`.
    pub text: &'a str,
    /// Its name: `ref`, `link`, `site.baseurl`, or a quoted string for `{{ "x" | f }}`.
    pub name: &'a str,
    /// What follows the name.
    pub args: &'a str,
}

/// The template tag of a body the warning names: the first shortcode Broadsheet does
/// not know, else the first tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct First {
    /// Its line in the body, from 1.
    pub line: usize,
    /// The tag as written, shortened.
    pub tag: String,
    /// A shortcode Broadsheet does not know, left visible as code.
    pub unknown: bool,
}

/// The body with template code rewritten or dropped, and where the first tag was.
pub(crate) fn translate(body: &str) -> (Cow<'_, str>, Option<First>) {
    if !body.contains("{%") && !body.contains("{{") {
        return (Cow::Borrowed(body), None);
    }
    let mut t = Translator::new(body, None);
    t.run();
    (Cow::Owned(t.out), t.first)
}

/// The body with the tags `hook` resolves replaced, every other one kept as written
/// (with what `raw` encloses, and code); Markdown is left alone.
pub(crate) fn resolve(body: &str, hook: &mut dyn Hook) -> String {
    if !body.contains("{%") && !body.contains("{{") {
        return body.to_string();
    }
    let mut t = Translator::new(body, Some(hook));
    t.run();
    t.out
}

/// The one warning of a file whose body holds template code, naming the tag `first` holds.
pub(crate) fn warning(first: &First) -> String {
    let tag = &first.tag;
    if first.unknown {
        return format!(
            "shortcode `{tag}` is not one Broadsheet knows, so the page shows it as code: \
             write what it stood for in Markdown or HTML"
        );
    }
    format!(
        "template code `{tag}` (Liquid, Hugo or Zola) is not run: highlight, raw, figure and \
         youtube become Markdown, other tags are dropped"
    )
}

struct Translator<'a, 'h> {
    src: &'a str,
    at: usize,
    out: String,
    first: Option<First>,
    /// Set when importing: resolves some tags, keeps the rest.
    hook: Option<&'h mut dyn Hook>,
}

/// What a tag opens with and closes with: Hugo's `{{< >}}`, `{{% %}}`, Liquid's and
/// Zola's `{% %}` and `{{ }}`.
const TAGS: [(&str, &str); 4] = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}")];

impl<'a, 'h> Translator<'a, 'h> {
    fn new(src: &'a str, hook: Option<&'h mut dyn Hook>) -> Self {
        Translator { src, at: 0, out: String::with_capacity(src.len()), first: None, hook }
    }
}

impl Translator<'_, '_> {
    fn run(&mut self) {
        let mut fence: Option<String> = None;
        while self.at < self.src.len() {
            let line_start = self.at == 0 || self.src[..self.at].ends_with('\n');
            if line_start && let Some(marker) = fence_marker(&self.src[self.at..]) {
                fence = after_fence_line(fence, marker, self.rest().lines().next().unwrap_or(""));
                self.copy_line();
            } else if fence.is_some() {
                self.code_step();
            } else if line_start
                && self.hook.is_none()
                && let Some(len) = self.alert()
            {
                self.at += len;
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

    /// A GitHub-style alert line (`> [!NOTE]`) written as a labelled quote; its length.
    fn alert(&mut self) -> Option<usize> {
        let line = &self.rest()[..self.rest().find('\n').unwrap_or(self.rest().len())];
        let (label, len) = (shortcodes::alert(line)?, line.len());
        self.out.push_str(&label);
        Some(len)
    }

    /// Inside code: only `raw` fences go, and escapes show as what they escape.
    fn code_step(&mut self) {
        if self.hook.is_some() {
            return self.copy_char();
        }
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
        if self.hook.is_none()
            && let Some(len) = self.unescape()
        {
            self.at += len;
            return;
        }
        let Some((tag, len)) = self.tag_here() else { return self.copy_char() };
        self.at += len;
        if self.hook.is_some() {
            return self.resolve(&tag);
        }
        self.note(&tag);
        let (name, args) = name_and_args(&tag);
        let closed = tag.ends_with("/>}}") || tag.ends_with("/%}}");
        match name {
            // A self-closing block shows what only the peer knows (its defaults).
            "highlight" | "code-toggle" | "code" if closed => {}
            "raw" => {
                self.copy_until_end("endraw");
            }
            "comment" => self.skip_until_end("endcomment"),
            "highlight" if tag.starts_with("{%") || tag.starts_with("{{<") => {
                let lang = args.split_whitespace().next().unwrap_or("").trim_matches('"');
                self.code_block(lang, ["endhighlight", "/highlight"]);
            }
            "code-toggle" | "code" if tag.starts_with("{{") => {
                let lang = arg(args, "lang").unwrap_or("toml");
                self.code_block(lang, ["/code-toggle", "/code"]);
            }
            "link" | "post_url" => self.out.push_str(args.trim()),
            "ref" | "relref" => self.out.push_str(positional_arg(args)),
            "glossary-term" | "g" => self.out.push_str(args.trim().trim_matches('"')),
            _ => self.other(&tag, name, args),
        }
    }

    /// A tag of no rule above: a known shortcode's Markdown; an unknown shortcode shown
    /// (but in a link's target or a heading); Liquid's and Tera's own tags dropped.
    fn other(&mut self, tag: &str, name: &str, args: &str) {
        match shortcodes::markdown(name, args) {
            Some(markdown) => self.out.push_str(&markdown),
            None if is_shortcode(tag) && !self.out.ends_with("](") && !self.in_heading() => {
                self.show(tag)
            }
            None => {}
        }
    }

    /// True when the output's current line is an ATX heading, which a headline, a table
    /// of contents and anchors are made from: no code is shown there.
    fn in_heading(&self) -> bool {
        let line = &self.out[self.out.rfind('\n').map_or(0, |i| i + 1)..];
        let hashes = line.trim_start_matches(' ').bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes)
    }

    /// A shortcode Broadsheet does not know, kept visible as inline code on one line,
    /// and named by the warning.
    fn show(&mut self, tag: &str) {
        let line = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        let longest = line.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let ticks = "`".repeat(longest + 1);
        let pad = if line.starts_with('`') || line.ends_with('`') { " " } else { "" };
        self.out.push_str(&format!("{ticks}{pad}{line}{pad}{ticks}"));
        if !self.first.as_ref().is_some_and(|f| f.unknown) {
            let at = self.at - tag.len();
            let line = self.src[..at].matches('\n').count() + 1;
            self.first =
                Some(First { line, tag: crate::text::cut_at_word(tag, 60), unknown: true });
        }
    }

    /// Importing: the tag as the hook resolves it, else as written (with all that a
    /// `raw` tag encloses, so the build reads it as the peer would).
    fn resolve(&mut self, tag: &str) {
        let (name, args) = name_and_args(tag);
        let line = self.src[..self.at - tag.len()].matches('\n').count() + 1;
        if tag.starts_with("{%")
            && tag.contains(&format!("{name}("))
            && let Some((body_len, end_len)) = block_end(self.rest())
        {
            let body = &self.src[self.at..self.at + body_len];
            let hook = self.hook.as_mut().expect("only called with a hook");
            if let Some(text) = hook.block(&Tag { text: tag, name, args }, body, line) {
                self.out.push_str(&text);
                self.at += body_len + end_len;
                return;
            }
        }
        let hook = self.hook.as_mut().expect("only called with a hook");
        if let Some(text) = hook.replace(&Tag { text: tag, name, args }, line) {
            return self.out.push_str(&text);
        }
        self.out.push_str(tag);
        if name == "raw"
            && let Some(end) = self.copy_until_end("endraw")
        {
            self.out.push_str(&end);
        }
    }

    /// A fenced block of `lang` holding the code up to the tag named one of `ends`.
    fn code_block(&mut self, lang: &str, ends: [&str; 2]) {
        self.open_line();
        self.out.push_str(&format!("```{lang}\n"));
        if self.rest().starts_with('\n') {
            self.at += 1;
        }
        self.code_until(ends);
        self.open_line();
        self.out.push_str("```");
    }

    /// Code up to the tag named one of `ends`, which is dropped.
    fn code_until(&mut self, ends: [&str; 2]) {
        while self.at < self.src.len() {
            if let Some((tag, len)) = self.tag_here()
                && ends.contains(&closing_name(&tag).as_str())
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
        // A span ends within its paragraph: "( ``` )" in prose opens no span up to the
        // next fence (beautifulhugo's code sample has one).
        let rest = &self.src[self.at + ticks..];
        let Some(end) = rest[..paragraph_end(rest)].find(fence) else {
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

    /// Copies text as written up to the Liquid tag `end`, which is dropped (and
    /// returned, when there is one).
    fn copy_until_end(&mut self, end: &str) -> Option<String> {
        while self.at < self.src.len() {
            if let Some((tag, len)) = self.tag_here()
                && name_of(&tag) == end
            {
                self.at += len;
                return Some(tag);
            }
            self.copy_char();
        }
        None
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

    /// A whole tag starting here (it may run over lines, not over a blank one nor far),
    /// and its length.
    fn tag_here(&self) -> Option<(String, usize)> {
        let rest = self.rest();
        let (open, close) = TAGS.iter().find(|(open, _)| rest.starts_with(open))?;
        let end = rest[open.len()..].find(close)? + open.len() + close.len();
        let tag = &rest[..end];
        let spread = tag.len() > 2000 || tag.contains("\n\n");
        (!spread).then(|| (tag.to_string(), end))
    }

    fn note(&mut self, tag: &str) {
        if self.first.is_none() {
            let line = self.src[..self.at].matches('\n').count() + 1;
            self.first =
                Some(First { line, tag: crate::text::cut_at_word(tag, 60), unknown: false });
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

/// The fence open after the fence line `line` (whose marker is `marker`) when `open`
/// was open before it. A fence with an info string (```` ```rust ````) opens, never
/// closes.
fn after_fence_line(open: Option<String>, marker: String, line: &str) -> Option<String> {
    let bare = line.trim().trim_start_matches(['`', '~']).trim().is_empty();
    match open {
        Some(open) if marker.starts_with(open.as_str()) && bare => None,
        Some(open) => Some(open),
        None => Some(marker),
    }
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

/// The length of a Zola block's body at the start of `text` and of the `{% end %}`
/// that closes it (blocks inside it counted, tags inside fenced code not); `None` when
/// it is not closed.
fn block_end(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut fence: Option<String> = None;
    let mut line_at = 0;
    // Tags are looked for from `at`: a tag may run past the end of its line.
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let here = line_at;
        line_at += line.len();
        // The first piece is the rest of the opening tag's line: never a fence.
        if let Some(marker) = fence_marker(line).filter(|_| here > 0 && at <= here) {
            fence = after_fence_line(fence, marker, line);
            at = at.max(line_at);
            continue;
        }
        if fence.is_some() {
            at = at.max(line_at);
            continue;
        }
        at = at.max(here);
        while at < line_at
            && let Some(i) = text[at..line_at].find("{%")
        {
            let start = at + i;
            let close = text[start..].find("%}")? + 2;
            let tag = &text[start..start + close];
            let (name, _) = name_and_args(tag);
            if name == "end" {
                if depth == 0 {
                    return Some((start, close));
                }
                depth -= 1;
            } else if tag.contains(&format!("{name}(")) {
                depth += 1;
            }
            at = start + close;
        }
    }
    None
}

/// Where the paragraph `text` starts in ends: at its first blank line.
fn paragraph_end(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > 0 && line.trim().is_empty() {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// A closing tag's name as `/name`, however spaced (`{{</ code-toggle >}}`).
fn closing_name(tag: &str) -> String {
    let (name, args) = name_and_args(tag);
    match name {
        "/" => format!("/{}", args.split_whitespace().next().unwrap_or("")),
        _ => name.to_string(),
    }
}

/// A shortcode, as against Liquid's or Tera's own tags: Hugo's `{{< x >}}` and
/// `{{% x %}}` (not their closing tags), Zola's `{{ x(…) }}` and `{% x(…) %}`.
fn is_shortcode(tag: &str) -> bool {
    let (name, _) = name_and_args(tag);
    if tag.starts_with("{{<") || tag.starts_with("{{%") {
        return !name.is_empty() && !name.starts_with('/');
    }
    let inner = tag[2..tag.len() - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
    let call = inner[name.len()..].trim_start().starts_with('(');
    call && !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// The first positional argument of a tag, unquoted: the target of `ref "x.md"`.
fn positional_arg(args: &str) -> &str {
    args.split_whitespace().next().unwrap_or("").trim_matches(['"', '\''])
}

fn name_of(tag: &str) -> &str {
    name_and_args(tag).0
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
    fn a_blocks_end_is_never_taken_from_code_inside_it() {
        // A body that shows how a block is written, in a fence: the block ends after it.
        let text = "\n```\n{% note() %}\nhi\n{% end %}\n```\nMore.\n{% end %}\nAfter.\n";
        let (body, end) = block_end(text).expect("closed");
        assert_eq!(&text[body..body + end], "{% end %}");
        assert_eq!(&text[..body], "\n```\n{% note() %}\nhi\n{% end %}\n```\nMore.\n");
        // Nested blocks count, a tag may run over lines, an open fence hides the rest.
        let text = "\n{% inner(a=1,\n b=2) %}x{% end %}\ny\n{% end %}";
        assert_eq!(block_end(text).map(|(b, _)| &text[b..]), Some("{% end %}"));
        assert_eq!(block_end("\n~~~\n{% end %}\n"), None);
    }

    #[test]
    fn a_fence_with_an_info_string_never_closes_one() {
        // tabi's docs show a fence inside a plain one: the code ends at the bare fence.
        let body = "```\nold: {{ x() }}\n```rust,name=a.rs\n```\n\n{{ y }}after\n";
        assert_eq!(t(body), "```\nold: {{ x() }}\n```rust,name=a.rs\n```\n\nafter\n");
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
        assert_eq!(
            t("{{% note %}}\nRead *this*.\n{{% /note %}}\n"),
            "`{{% note %}}`\nRead *this*.\n\n"
        );
        assert_eq!(t("{{< highlight go >}}\nx := 1\n{{< /highlight >}}"), "```go\nx := 1\n```");
        assert_eq!(
            t("{{< code-toggle file=hugo >}}\n[a]\nb = 1\n{{< /code-toggle >}}\n"),
            "```toml\n[a]\nb = 1\n```\n"
        );
        assert_eq!(t("A {{% glossary-term \"section\" %}} is"), "A section is");
    }

    #[test]
    fn a_code_span_ends_with_its_paragraph() {
        let body = "Fences ( ``` ) here.\n\n```js\nx\n```\n\n{{< highlight go >}}\nx := 1\n{{</ highlight >}}";
        assert!(t(body).ends_with("```go\nx := 1\n```"), "{}", t(body));
    }

    #[test]
    fn reads_tags_over_several_lines_and_self_closing_blocks() {
        assert_eq!(t("{{< img\n  src=\"a.png\"\n  alt=\"A\"\n>}}"), "![A](a.png)");
        assert_eq!(t("{{< x\n\nno >}}"), "{{< x\n\nno >}}");
        assert_eq!(
            t("{{< code-toggle >}}\na = 1\n{{</ code-toggle >}}\nText"),
            "```toml\na = 1\n```\nText"
        );
        assert_eq!(
            t("{{< code-toggle config=related />}}\n\n> [!NOTE]\n> Care.\n"),
            "\n\n> **Note**\n> Care.\n"
        );
    }

    struct Links;

    impl Hook for Links {
        fn replace(&mut self, tag: &Tag, line: usize) -> Option<String> {
            (tag.name == "link").then(|| format!("{}@{line}", tag.args.trim()))
        }
    }

    #[test]
    fn a_hook_resolves_its_tags_and_keeps_the_rest_as_written() {
        let body = "A {% link\n  x.md %} {{< figure src=x >}}\n`{% link y %}` {% raw %}{% link z %}{% endraw %}\n";
        assert_eq!(
            resolve(body, &mut Links),
            "A x.md@1 {{< figure src=x >}}\n`{% link y %}` {% raw %}{% link z %}{% endraw %}\n"
        );
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
        assert_eq!(
            t("{% quote(author=\"A\") %}\nWords.\n{% end %}"),
            "`{% quote(author=\"A\") %}`\nWords.\n"
        );
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
        let tag = "{{< gist spf13 7896402 >}}".into();
        assert_eq!(first, Some(First { line: 3, tag, unknown: false }));
    }

    #[test]
    fn an_unknown_shortcode_stays_visible_as_code_and_is_named() {
        let body =
            "{% if x %}A{% endif %}\n\nB {{< tabs\n  count=2 >}} C {{< `odd` >}}\n{{< /tabs >}}";
        let (out, first) = translate(body);
        assert_eq!(out, "A\n\nB `{{< tabs count=2 >}}` C ``{{< `odd` >}}``\n");
        let tag = "{{< tabs\n  count=2 >}}".into();
        assert_eq!(first, Some(First { line: 3, tag, unknown: true }));
        assert!(warning(first.as_ref().unwrap()).contains("shows it as code"));
        // Liquid's and Tera's own tags and outputs are not shortcodes; a link's target
        // never gets code in it.
        assert_eq!(t("{{ page.title | upcase }}{% assign a = 1 %}[x]({{< param x >}})"), "[x]()");
        assert_eq!(t("[x]({{< relref \"/a/b.md#c\" >}})"), "[x](/a/b.md#c)");
        assert_eq!(t("{{ my_code(lang=\"rs\") }}"), "`{{ my_code(lang=\"rs\") }}`");
        assert_eq!(
            t("## Setup {{< new-in 1 />}}\nA {{< new-in 1 />}}"),
            "## Setup \nA `{{< new-in 1 />}}`"
        );
    }
}
