//! Markdown and plain copy -> HTML, plus the facts lists need (summary, word count).
//! Small event passes, one job each: heading ids, link rewriting, unsafe-link
//! removal, raw HTML policy. Sanitising runs only when raw HTML is present.

use crate::config::{MarkdownConfig, RawHtml};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeStream};
use std::collections::HashSet;

/// Rewrites link and image targets found in a body.
pub trait Relink {
    /// A new target for `dest`, or `None` to keep it as written.
    fn relink(&self, dest: &str) -> Option<String>;

    /// The whole markup for the image `![alt](dest "title")`, when the relinker makes
    /// its own (resized copies in a `<picture>`); `None` leaves it to `relink`.
    fn picture(&self, _dest: &str, _alt: &str, _title: &str) -> Option<String> {
        None
    }
}

/// A body turned into HTML (`H`: the HTML as a string, or held by the build's scratch).
#[derive(Debug, Default, Clone)]
pub struct Rendered<H = String> {
    /// The HTML.
    pub html: H,
    /// Plain text for lists and descriptions: text before `<!-- more -->`, else the first paragraph.
    pub summary: String,
    /// Words, counting CJK text by characters.
    pub words: usize,
}

impl<H> Rendered<H> {
    /// The same body with its HTML handed to `hold`.
    pub fn with_html<T>(self, hold: impl FnOnce(H) -> T) -> Rendered<T> {
        let Rendered { html, summary, words } = self;
        Rendered { html: hold(html), summary, words }
    }
}

/// The most nested blocks a body may have before deeper ones are flattened.
pub const MAX_DEPTH: usize = 64;

/// The Markdown the build reads: CommonMark with tables, footnotes, strikethrough, task
/// lists, definition lists (`term` then `: definition`, as Hugo, Jekyll and Zola read
/// them) and `{#id}` headings, and smart punctuation when the site asks for it.
fn options(smart_punctuation: bool) -> Options {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_HEADING_ATTRIBUTES;
    match smart_punctuation {
        true => options | Options::ENABLE_SMART_PUNCTUATION,
        false => options,
    }
}

/// Renders Markdown.
pub fn render(source: &str, config: &MarkdownConfig, links: &dyn Relink) -> Rendered {
    let options = options(config.smart_punctuation);
    // Adjacent text merged: 1,000,000 `*a ` are 2,000,000 text events otherwise.
    let mut events: Vec<Event> = TextMergeStream::new(Parser::new_ext(source, options)).collect();
    flatten_deep(&mut events);
    let facts = facts(&events);
    let has_raw_html = events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    add_heading_ids(&mut events);
    let allow_unsafe = config.raw_html == RawHtml::Allow;
    // Raw HTML policy first: the pictures pass adds markup of its own.
    let mut events: Vec<Event> = events.into_iter().map(|e| raw_html(e, config.raw_html)).collect();
    pictures(&mut events, links, allow_unsafe);
    relink(&mut events, links, allow_unsafe);
    mark_drop_cap(&mut events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && config.raw_html == RawHtml::Sanitize {
        html = sanitize(&crate::nesting::cap(&html, crate::nesting::MAX_HTML_DEPTH));
    }
    // Every body stays in memory until its page is written: drop the slack the writer
    // left (up to half the length when the estimate above was short).
    html.shrink_to_fit();
    Rendered { html, summary: facts.0, words: facts.1 }
}

/// The shortest opening paragraph that takes a drop capital: about three lines of
/// the article column, so the capital never hangs beside what follows.
pub(crate) const DROP_CAP_MIN_CHARS: usize = 180;

/// The opening tag of a paragraph that takes the drop capital (the stylesheet's
/// `p.drop-cap::first-letter`).
const DROP_CAP_P: &str = "<p class=\"drop-cap\">";

/// True when an opening paragraph of `text` (its text, inline markup aside, and
/// whether it starts with plain text rather than a link, code or emphasis) is prose
/// long enough to take a drop capital, starting with a letter.
fn takes_drop_cap(text: &str, starts_plain: bool) -> bool {
    starts_plain
        && text.trim_start().chars().next().is_some_and(char::is_alphabetic)
        && text.chars().count() >= DROP_CAP_MIN_CHARS
}

/// Marks the body's first block for the drop capital when it is a paragraph of prose
/// (see `takes_drop_cap`): not a link such as an import's "Read it at …", not a
/// short line before a code block or a list.
fn mark_drop_cap(events: &mut [Event]) {
    if !matches!(events.first(), Some(Event::Start(Tag::Paragraph))) {
        return;
    }
    let starts_plain = matches!(events.get(1), Some(Event::Text(_)));
    let mut text = String::new();
    for event in &events[1..] {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    if takes_drop_cap(&text, starts_plain) {
        events[0] = Event::Html(DROP_CAP_P.into());
    }
}

/// Renders plain copy: each paragraph as text in a `<p>`.
pub fn render_plain(paragraphs: &[String]) -> Rendered {
    let mut html = String::new();
    let mut words = 0;
    for (n, p) in paragraphs.iter().enumerate() {
        html.push_str(if n == 0 && takes_drop_cap(p, true) { DROP_CAP_P } else { "<p>" });
        escape(&mut html, p);
        html.push_str("</p>\n");
        words += count_words(p);
    }
    let summary = paragraphs.first().map(|p| crate::text::cut_at_word(p, 300)).unwrap_or_default();
    Rendered { html, summary, words }
}

/// Appends `text` to `out` with HTML's special characters escaped.
pub fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String cannot fail");
}

/// Counts words, Chinese and Japanese characters one each (those languages put no space
/// between words): a word is a run of characters between white space holding a letter
/// or digit outside those scripts. Korean puts spaces between words and is counted so.
/// Thai, Lao, Khmer and Burmese, written without spaces between words, are split into
/// words by ICU4X's dictionary segmenter. One pass over the bytes; only non-ASCII
/// characters are decoded.
pub fn count_words(text: &str) -> usize {
    if !text.is_ascii() && text.chars().any(is_southeast_asian) {
        return count_unspaced(text);
    }
    count_spaced(text)
}

/// Thai, Lao, Myanmar and Khmer letters.
fn is_southeast_asian(c: char) -> bool {
    matches!(c as u32, 0x0e00..=0x0eff | 0x1000..=0x109f | 0x1780..=0x17ff)
}

/// Words of text holding Thai, Lao, Khmer or Burmese: those runs by the dictionary
/// segmenter, the rest as `count_spaced` counts it.
fn count_unspaced(text: &str) -> usize {
    use icu_segmenter::WordSegmenter;
    let segmenter = WordSegmenter::new_dictionary(Default::default());
    let mut count = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let starts_run = rest.chars().next().is_some_and(is_southeast_asian);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_southeast_asian(c) != starts_run)
            .map_or(rest.len(), |(i, _)| i);
        let (run, after) = rest.split_at(end);
        count += if starts_run {
            segmenter
                .segment_str(run)
                .iter_with_word_type()
                .filter(|(_, t)| t.is_word_like())
                .count()
        } else {
            count_spaced(run)
        };
        rest = after;
    }
    count
}

fn count_spaced(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut other, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if b.is_ascii_whitespace() {
                count += usize::from(other);
                other = false;
            } else {
                other |= b.is_ascii_alphanumeric();
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_whitespace() {
            count += usize::from(other);
            other = false;
        } else if is_cjk(c) {
            count += 1;
        } else {
            other = other || c.is_alphanumeric();
        }
    }
    count + usize::from(other)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

/// Summary text and word count.
fn facts(events: &[Event]) -> (String, usize) {
    let mut words = 0;
    let mut first_para = String::new();
    let mut before_more = String::new();
    // Text before `<!-- more -->` is only gathered when the body has the marker.
    let has_more = events.iter().any(is_more);
    let mut more = !has_more;
    let mut in_first = false;
    let mut first_done = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) if !first_done => in_first = true,
            Event::End(TagEnd::Paragraph) if in_first => {
                in_first = false;
                first_done = true;
            }
            e if is_more(e) => more = true,
            Event::Text(t) | Event::Code(t) => {
                words += count_words(t);
                if in_first {
                    first_para.push_str(t);
                }
                if !more {
                    before_more.push_str(t);
                    before_more.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak if in_first => first_para.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) if !more => {
                before_more.push(' ')
            }
            _ => {}
        }
    }
    let text = if has_more { before_more } else { first_para };
    (
        crate::text::cut_at_word(
            &crate::text::squash_spaces(&text),
            if has_more { 600 } else { 300 },
        ),
        words,
    )
}

fn is_more(event: &Event) -> bool {
    matches!(event, Event::Html(h) | Event::InlineHtml(h) if h.trim() == "<!-- more -->")
}

/// Past `MAX_DEPTH` nested blocks, drops the deeper container tags (keeping their text),
/// so that no later stage (HTML writer, sanitiser, browser) sees pathological nesting.
fn flatten_deep(events: &mut Vec<Event>) {
    let mut depth = 0usize;
    let mut dropped: Vec<bool> = Vec::new();
    let mut too_deep = false;
    for event in events.iter() {
        match event {
            Event::Start(_) => {
                depth += 1;
                too_deep |= depth > MAX_DEPTH;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if !too_deep {
        return;
    }
    depth = 0;
    events.retain(|event| match event {
        Event::Start(tag) => {
            depth += 1;
            let drop = depth > MAX_DEPTH && !matches!(tag, Tag::Paragraph);
            dropped.push(drop);
            !drop
        }
        Event::End(_) => {
            depth = depth.saturating_sub(1);
            !dropped.pop().unwrap_or(false)
        }
        _ => true,
    });
}

/// The headings of `source`: the text of each that has no `{#id}` of its own, in order
/// (what its generated id is made from), and the ids written with `{#id}`, which
/// generated ids never take.
pub(crate) fn headings(source: &str) -> (Vec<String>, HashSet<String>) {
    let options = options(false);
    let (mut texts, mut own) = (Vec::new(), HashSet::new());
    let mut current: Option<String> = None;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::Heading { id: None, .. }) => current = Some(String::new()),
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                own.insert(id.to_string());
            }
            Event::Text(t) | Event::Code(t) => current.iter_mut().for_each(|c| c.push_str(&t)),
            Event::End(TagEnd::Heading(_)) => texts.extend(current.take()),
            _ => {}
        }
    }
    (texts, own)
}

/// The id a heading of `text` gets, unique among `used` (`section`, `section-1`, …).
pub(crate) fn heading_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = match crate::slugs::slugify(text, 60) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    unique_id(base, used)
}

/// `base`, or `base-1`, `base-2`… when `used` has it, taken into `used` (the numbering
/// of repeated headings, ours and Zola's alike).
pub(crate) fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn add_heading_ids(events: &mut [Event]) {
    // Ids written with `{#id}` are taken before any is made, wherever they stand.
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, level, .. }) = &events[i] {
            let level: HeadingLevel = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len()
                && !matches!(&events[j], Event::End(TagEnd::Heading(l)) if *l == level)
            {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let id = heading_id(&text, &mut used);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
}

/// True for URLs that run code or smuggle documents: `javascript:`, `vbscript:`, `data:`.
pub fn is_unsafe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || cleaned.starts_with("data:")
}

/// Rewrites link and image targets through `links`, in place, dropping unsafe ones
/// (a dropped link keeps its text; a dropped image goes whole).
fn relink(events: &mut Vec<Event<'_>>, links: &dyn Relink, allow_unsafe: bool) {
    let mut open_links: Vec<bool> = Vec::new();
    let mut in_dropped_image = 0usize;
    events.retain_mut(|event| match event {
        Event::Start(Tag::Link { dest_url, link_type, .. }) => {
            let drop = !allow_unsafe && is_unsafe_url(dest_url);
            open_links.push(drop);
            // `<desk@example.org>`: the HTML writer adds `mailto:` itself.
            let email = *link_type == pulldown_cmark::LinkType::Email;
            if !drop
                && !email
                && let Some(new) = links.relink(dest_url)
            {
                *dest_url = new.into();
            }
            !drop
        }
        Event::End(TagEnd::Link) if open_links.pop().unwrap_or(false) => false,
        Event::Start(Tag::Image { dest_url, .. }) => {
            if !allow_unsafe && is_unsafe_url(dest_url) {
                in_dropped_image += 1;
                return false;
            }
            if let Some(new) = links.relink(dest_url) {
                *dest_url = new.into();
            }
            true
        }
        Event::End(TagEnd::Image) if in_dropped_image > 0 => {
            in_dropped_image -= 1;
            false
        }
        Event::Html(h) | Event::InlineHtml(h) if in_dropped_image == 0 => {
            if let Some(new) = relink_html(h, links) {
                *h = new.into();
            }
            true
        }
        _ => in_dropped_image == 0,
    });
}

/// Raw HTML with each quoted `href` and `src` value rewritten through `links`, as
/// Markdown links are (`<a href="other.md">`, `<img src="/img/x.png">`); `None` when
/// nothing changed.
fn relink_html(html: &str, links: &dyn Relink) -> Option<String> {
    let (mut out, mut changed) = (String::new(), false);
    let mut rest = html;
    while let Some((start, end)) = url_attribute(rest) {
        let value = &rest[start..end];
        out.push_str(&rest[..start]);
        match links.relink(value).filter(|new| new != value && !value.contains('&')) {
            Some(new) => {
                out.push_str(&new.replace('"', "%22").replace('\'', "%27"));
                changed = true;
            }
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Where the value of the first quoted ` href=` or ` src=` attribute in `html` is.
fn url_attribute(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        let at = ["href=", "src="]
            .iter()
            .filter_map(|name| html[from..].find(name).map(|i| (from + i, name.len())))
            .min()?;
        let (at, len) = at;
        from = at + len;
        let spaced = html[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let quote = html[from..].chars().next().filter(|c| *c == '"' || *c == '\'');
        if let (true, Some(q)) = (spaced, quote) {
            let start = from + 1;
            let end = start + html[start..].find(q)?;
            return Some((start, end));
        }
    }
}

/// Replaces each image the relinker makes markup for (see `Relink::picture`) with that
/// markup, its alt text taken from the image's inner text.
fn pictures(events: &mut Vec<Event<'_>>, links: &dyn Relink, allow_unsafe: bool) {
    if !events.iter().any(|e| matches!(e, Event::Start(Tag::Image { .. }))) {
        return;
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Image { dest_url, title, .. }) = &events[i] else {
            out.push(std::mem::replace(&mut events[i], Event::SoftBreak));
            i += 1;
            continue;
        };
        let end = (i..events.len()).find(|&j| matches!(events[j], Event::End(TagEnd::Image)));
        let end = end.unwrap_or(events.len() - 1);
        let alt: String = events[i + 1..end]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let safe = allow_unsafe || !is_unsafe_url(dest_url);
        match safe.then(|| links.picture(dest_url, &alt, title)).flatten() {
            Some(html) => {
                out.push(Event::InlineHtml(html.into()));
                i = end + 1;
            }
            None => {
                out.push(std::mem::replace(&mut events[i], Event::SoftBreak));
                i += 1;
            }
        }
    }
    *events = out;
}

fn raw_html(event: Event<'_>, policy: RawHtml) -> Event<'_> {
    match (event, policy) {
        (Event::Html(h) | Event::InlineHtml(h), RawHtml::Escape) => Event::Text(h),
        (e, _) => e,
    }
}

fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// The rules raw HTML in Markdown is sanitised by (`raw_html = "sanitize"`), also
/// applied to the HTML of imported feed items.
pub(crate) fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "lang", "dir"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding", "width", "height"])
        .add_tag_attributes("source", ["type", "srcset", "sizes", "width", "height"])
        .add_tags(["input", "figure", "figcaption", "section", "picture", "source"])
        .link_rel(Some("noopener noreferrer"));
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl Relink for NoLinks {
        fn relink(&self, _: &str) -> Option<String> {
            None
        }
    }

    fn md(source: &str) -> Rendered {
        render(source, &MarkdownConfig::default(), &NoLinks)
    }

    const PROSE: &str = "The harbor ferry will run two extra evening sailings from June, \
        the operator said on Monday, after a spring of crowded last boats and long queues at \
        the pier that left commuters waiting for an hour.";

    struct Md;
    impl Relink for Md {
        fn relink(&self, dest: &str) -> Option<String> {
            dest.strip_suffix(".md").map(|stem| format!("../articles/{stem}.html"))
        }
    }

    #[test]
    fn raw_html_links_are_relinked_like_markdown_ones() {
        let config = MarkdownConfig::default();
        let source = "<p>See <a href=\"a.md\">A</a>, <a class=x href='b.md'>B</a>, <a data-href=\"c.md\">C</a> and <a href=\"https://x.org/\">X</a>.</p>\n\nText <a href=\"d.md\">D</a>.\n";
        let html = render(source, &config, &Md).html;
        for want in [
            "href=\"../articles/a.html\"",
            "href=\"../articles/b.html\"",
            "href=\"../articles/d.html\"",
            "href=\"https://x.org/\"",
        ] {
            assert!(html.contains(want), "{want}: {html}");
        }
        assert!(!html.contains("c.html"), "{html}");
        assert_eq!(relink_html("<a href=\"x\">", &Md), None);
    }

    #[test]
    fn only_an_opening_paragraph_of_prose_takes_the_drop_cap() {
        let html = md(&format!("{PROSE}\n\nMore.")).html;
        assert!(html.starts_with("<p class=\"drop-cap\">The harbor ferry"), "{html}");
        assert_eq!(html.matches("drop-cap").count(), 1, "{html}");
        for source in [
            "[Read it at Northport News](<https://example.org/a>)\n".to_string(),
            "Run this:\n\n```\nbroadsheet build\n```\n".to_string(),
            format!("*Updated:* {PROSE}"),
            format!("## First\n\n{PROSE}"),
            format!("“{PROSE}”"),
        ] {
            let html = md(&source).html;
            assert!(!html.contains("drop-cap"), "{source}: {html}");
        }
        let plain = render_plain(&[PROSE.to_string(), "Short.".into()]).html;
        assert!(plain.starts_with("<p class=\"drop-cap\">The harbor"), "{plain}");
        assert!(!render_plain(&["Short line.".into()]).html.contains("drop-cap"));
    }

    #[test]
    fn gives_headings_unique_ids() {
        let html = md("## Rates\n\n## Rates\n\n## Plan {#the-plan}").html;
        assert!(html.contains("<h2 id=\"rates\">Rates</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"rates-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"the-plan\">"), "{html}");
        // An id written later is taken first: the made one steps aside.
        let html = md("## Intro\n\n## Start {#intro}").html;
        assert!(html.contains("<h2 id=\"intro-1\">Intro</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"intro\">Start</h2>"), "{html}");
    }

    #[test]
    fn renders_tables_footnotes_strikethrough_tasks_and_smart_quotes() {
        let html =
            md("|a|b|\n|-|-|\n|1|2|\n\n~~old~~ \"new\"[^1]\n\n- [x] done\n\n[^1]: Note.").html;
        for part in
            ["<table>", "<del>old</del>", "“new”", "footnote-reference", "type=\"checkbox\""]
        {
            assert!(html.contains(part), "{part} missing in {html}");
        }
    }

    #[test]
    fn renders_definition_lists_as_the_peers_do() {
        // Hugo's documentation describes every setting so (`content/en/configuration/`).
        let html = md("`sites`\n: (`map`) A sites matrix.\n\nKeep it.").html;
        assert!(html.contains("<dl>"), "{html}");
        assert!(html.contains("<dt><code>sites</code></dt>"), "{html}");
        assert!(html.contains("<dd>(<code>map</code>) A sites matrix.</dd>"), "{html}");
        // A raw `<dt id>` keeps its id through the sanitiser, for links to the term.
        let html = md("<dl>\n<dt id=\"cicd\">CI/CD</dt>\n<dd>\n\nBuilds.\n\n</dd>\n</dl>").html;
        assert!(html.contains("<dt id=\"cicd\">CI/CD</dt>"), "{html}");
        assert!(html.contains("<p>Builds.</p>"), "{html}");
    }

    #[test]
    fn sanitizes_raw_html_by_default() {
        let html = md("Hi <script>alert(1)</script> <b onclick=\"x()\">bold</b>").html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn escapes_raw_html_when_asked() {
        let config = MarkdownConfig { raw_html: RawHtml::Escape, ..MarkdownConfig::default() };
        let html = render("a <i>b</i>", &config, &NoLinks).html;
        assert!(html.contains("&lt;i&gt;b&lt;/i&gt;"), "{html}");
    }

    #[test]
    fn drops_javascript_and_data_links_but_keeps_their_text() {
        let html =
            md("[click](javascript:alert(1)) ![x](data:image/png;base64,AAA) [ok](https://a.org)")
                .html;
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("click"), "{html}");
        assert!(html.contains("href=\"https://a.org\""), "{html}");
    }

    #[test]
    fn summary_is_the_first_paragraph_or_the_text_before_more() {
        assert_eq!(md("# H\n\nFirst *para*.\n\nSecond.").summary, "First para.");
        assert_eq!(md("One.\n\nTwo.\n\n<!-- more -->\n\nThree.").summary, "One. Two.");
    }

    #[test]
    fn counts_thai_by_the_words_the_segmenter_finds() {
        // "Heavy rain fell in Bangkok today": no spaces between the Thai words.
        let thai = "วันนี้ฝนตกหนักในกรุงเทพ";
        let words = count_words(thai);
        assert!(words >= 5, "{words}");
        assert_eq!(count_words(&format!("Bangkok: {thai} 2026")), words + 2);
        // Spaces between phrases do not change the count.
        assert_eq!(count_words("วันนี้ ฝนตกหนัก ในกรุงเทพ"), words);
    }

    #[test]
    fn counts_cjk_by_characters() {
        assert_eq!(count_words("hello world"), 2);
        assert_eq!(count_words("新闻摘要"), 4);
        assert_eq!(count_words("ニュースの要約"), 7);
        assert_eq!(count_words("뉴스 요약을 읽다"), 3);
        assert_eq!(count_words("a — b"), 2);
        assert_eq!(count_words("  lead -- and\ttrail\n "), 3);
        assert_eq!(count_words("x"), 1);
        assert_eq!(count_words(" - "), 0);
        assert_eq!(count_words("“Quoted” words — and café\u{a0}au lait"), 6);
        assert_eq!(count_words("新闻 digest 摘要x"), 6);
    }

    #[test]
    fn flattens_pathological_nesting() {
        let source = ">".repeat(10_000) + " deep";
        let html = md(&source).html;
        assert!(html.matches("<blockquote>").count() <= MAX_DEPTH);
        assert!(html.contains("deep"));
    }

    #[test]
    fn plain_copy_is_text() {
        let r = render_plain(&["<b>&</b> *x* $5".to_string()]);
        assert_eq!(r.html, "<p>&lt;b&gt;&amp;&lt;/b&gt; *x* $5</p>\n");
    }
}
