//! Plain wire copy with no front matter: finds the headline, the dek (a teaser
//! standing before the headline), the subhead, a byline and the paragraphs.
//! Text stays text: nothing here is read as Markdown or HTML.
//!
//! The rules, in order (docs/pages/wire-copy.md repeats them for editors):
//! 1. Lines are grouped by blank lines. A group whose lines look hard-wrapped
//!    (every line but the last under 100 characters and at least one of them not
//!    ending a sentence) is one paragraph; an indented line starts a new paragraph
//!    inside a group; otherwise every line is a paragraph.
//! 2. The first paragraph is the headline when it looks like one (at most 200
//!    characters and 30 words, not ending in `.`, `,`, `;` or `:`, nor their CJK
//!    forms, before any closing quote; a trailing `...` or `…` is a headline's, as
//!    wire services write them). Otherwise, when the second looks like one, the first
//!    is the dek and the second the headline.
//! 3. Paragraphs that repeat the headline (or the dek) are dropped.
//! 4. A line directly under the headline, in the same group, of one sentence and at
//!    most 200 characters, with more copy after it, is the subhead.
//! 5. A short line starting `By ` within the first few paragraphs is the byline.

use crate::text::squash_spaces;

/// What inference found in a piece of plain copy.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PlainDoc {
    /// The headline (empty when the file has no text).
    pub title: String,
    /// A teaser that stood before the headline.
    pub dek: Option<String>,
    /// A line directly under the headline.
    pub subhead: Option<String>,
    /// Names from a `By …` line.
    pub authors: Vec<String>,
    /// The body paragraphs, as text.
    pub paragraphs: Vec<String>,
}

/// One paragraph and the blank-line group it came from.
struct Unit {
    text: String,
    group: usize,
    /// True when this unit began on the line right after the previous unit (same group).
    first_in_group: bool,
}

/// Reads normalised plain copy (LF line ends, no BOM).
pub fn parse(text: &str) -> PlainDoc {
    let mut units = paragraphs(text);
    let mut doc = PlainDoc::default();
    take_byline(&mut units, &mut doc);
    if units.is_empty() {
        return doc;
    }
    let head_at = if looks_like_headline(&units[0].text) {
        0
    } else if units.len() > 1 && looks_like_headline(&units[1].text) {
        doc.dek = Some(units[0].text.clone());
        1
    } else {
        doc.title = crate::text::cut_at_word(first_sentence(&units[0].text), 120);
        doc.paragraphs = units.into_iter().map(|u| u.text).collect();
        return doc;
    };
    doc.title = units[head_at].text.clone();
    let mut last_head_group = units[head_at].group;
    let mut rest: Vec<Unit> = Vec::new();
    for unit in units.into_iter().skip(head_at + 1) {
        let repeat =
            same(&unit.text, &doc.title) || doc.dek.as_deref().is_some_and(|d| same(&unit.text, d));
        if repeat && rest.is_empty() {
            last_head_group = unit.group;
        } else {
            rest.push(unit);
        }
    }
    if rest.len() > 1
        && rest[0].group == last_head_group
        && !rest[0].first_in_group
        && is_subhead(&rest[0].text)
    {
        doc.subhead = Some(rest.remove(0).text);
    }
    doc.paragraphs = rest.into_iter().map(|u| u.text).collect();
    doc
}

fn paragraphs(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    for (group, block) in text
        .split("\n\n")
        .map(|b| b.trim_matches('\n'))
        .filter(|b| !b.trim().is_empty())
        .enumerate()
    {
        let lines: Vec<&str> =
            block.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect();
        let mut first = true;
        for para in split_group(&lines) {
            units.push(Unit { text: para, group, first_in_group: first });
            first = false;
        }
    }
    units
}

fn split_group(lines: &[&str]) -> Vec<String> {
    let indented = |l: &str| l.starts_with('\t') || l.starts_with("  ");
    if lines.len() > 1
        && lines.iter().skip(1).any(|l| indented(l))
        && lines.iter().any(|l| !indented(l))
    {
        let mut paras: Vec<String> = Vec::new();
        for line in lines {
            match paras.last_mut() {
                Some(p) if !indented(line) => {
                    p.push(' ');
                    p.push_str(line.trim());
                }
                _ => paras.push(line.trim().to_string()),
            }
        }
        return paras.into_iter().map(|p| squash_spaces(&p)).collect();
    }
    let body = &lines[..lines.len().saturating_sub(1)];
    let longest = body.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let wrapped = lines.len() > 1
        && (40..100).contains(&longest)
        && body.iter().all(|l| l.chars().count() * 10 >= longest * 6)
        && body.iter().any(|l| !ends_sentence(l));
    if wrapped {
        vec![squash_spaces(&lines.join(" "))]
    } else {
        lines.iter().map(|l| squash_spaces(l)).collect()
    }
}

fn take_byline(units: &mut Vec<Unit>, doc: &mut PlainDoc) {
    let found = units.iter().take(5).position(|u| {
        let t = u.text.as_str();
        (t.starts_with("By ") || t.starts_with("BY ")) && t.split_whitespace().count() <= 10
    });
    if let Some(i) = found {
        let names = units.remove(i).text[3..].to_string();
        doc.authors = names
            .split(" and ")
            .flat_map(|part| part.split(','))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
    }
}

fn looks_like_headline(text: &str) -> bool {
    let text = text.trim();
    let trailed = text.ends_with("...") || text.ends_with('…');
    let last = text.trim_end_matches(CLOSERS);
    !text.is_empty()
        && text.chars().count() <= 200
        && text.split_whitespace().count() <= 30
        && (trailed || !last.ends_with(['.', ',', ';', ':', '。', '，', '；', '：', '．']))
}

/// Closing quotes and brackets, which may follow a sentence's last stop.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', '」', '』', '）'];

fn is_subhead(text: &str) -> bool {
    text.chars().count() <= 200 && sentence_count(text) <= 1
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().trim_end_matches(CLOSERS).ends_with(['.', '!', '?', '。', '！', '？'])
}

fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut count = 1;
    for w in chars.windows(3) {
        if ['.', '!', '?'].contains(&w[0]) && w[1] == ' ' && w[2].is_uppercase() {
            count += 1;
        }
    }
    count
}

fn first_sentence(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(i, c)| ['.', '!', '?'].contains(&c) && text[i + 1..].starts_with(' '));
    end.map_or(text, |(i, _)| &text[..i])
}

fn same(a: &str, b: &str) -> bool {
    squash_spaces(a).to_lowercase() == squash_spaces(b).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOUNDING: &str = include_str!("../../seeds/000_388b9ae6836e88b8.txt");

    #[test]
    fn reads_the_founding_article() {
        let doc = parse(&crate::text::normalize(FOUNDING));
        assert_eq!(doc.title, "U.S. and Iran Engage in Historic Nuclear Talks Amid Challenges");
        assert!(doc.dek.unwrap().starts_with("A significant meeting in Oman"));
        assert!(doc.subhead.unwrap().starts_with("Initial discussions between"));
        assert_eq!(doc.paragraphs.len(), 4);
        assert!(doc.paragraphs[0].starts_with("The United States and Iran met"));
        assert!(doc.paragraphs.iter().all(|p| !p.contains("Engage in Historic")));
    }

    #[test]
    fn reads_headline_first_copy_with_one_paragraph_per_line() {
        let doc = parse("Bridge Reopens\n\nThe bridge reopened today.\nTraffic flowed freely.\n");
        assert_eq!(doc.title, "Bridge Reopens");
        assert_eq!(doc.dek, None);
        assert_eq!(doc.subhead, None);
        assert_eq!(doc.paragraphs, ["The bridge reopened today.", "Traffic flowed freely."]);
    }

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        let doc = parse(
            "Council Votes\n\nThe council voted on the budget late on Tuesday night, after\na debate that ran for six hours and drew a full public gallery.\n\nIt passed.\n",
        );
        assert_eq!(doc.paragraphs.len(), 2, "{doc:?}");
        assert!(doc.paragraphs[0].contains("after a debate"), "{doc:?}");
    }

    #[test]
    fn splits_paragraphs_marked_by_indentation() {
        let doc = parse("Headline Here\n\n  First para starts\nand goes on.\n  Second para.\n");
        assert_eq!(doc.paragraphs, ["First para starts and goes on.", "Second para."]);
    }

    #[test]
    fn takes_a_byline() {
        let doc = parse("Headline\nBy Ana Ruiz and Tom Lee\n\nBody text.\n");
        assert_eq!(doc.authors, ["Ana Ruiz", "Tom Lee"]);
        assert_eq!(doc.paragraphs, ["Body text."]);
    }

    #[test]
    fn keeps_markup_characters_as_text() {
        let doc = parse("Prices & <b>Wages</b>\n\n- $5 *not* _emphasis_\n");
        assert_eq!(doc.title, "Prices & <b>Wages</b>");
        assert_eq!(doc.paragraphs, ["- $5 *not* _emphasis_"]);
    }

    #[test]
    fn falls_back_to_the_first_sentence_when_no_line_looks_like_a_headline() {
        let doc = parse("This is a sentence. And more.\nAnother sentence here.\n");
        assert_eq!(doc.title, "This is a sentence");
        assert_eq!(doc.paragraphs.len(), 2);
    }

    /// Wire copy as Xinhua and other agencies file it: the headline trails off in an
    /// ellipsis, the story is one paragraph that ends in a quotation.
    const WIRE_ELLIPSIS: &str = "China, Brazil pledge closer cooperation in green energy...\n\n\
        BEIJING, Dec. 5 (Xinhua) -- China and Brazil on Friday agreed to widen cooperation \
        in solar and wind power, calling it \"a shared vision for clean growth.\"\n";

    #[test]
    fn a_headline_trailing_off_in_an_ellipsis_stays_the_headline() {
        let doc = parse(WIRE_ELLIPSIS);
        assert_eq!(doc.title, "China, Brazil pledge closer cooperation in green energy...");
        assert_eq!(doc.dek, None);
        assert_eq!(doc.paragraphs.len(), 1, "{doc:?}");
        assert!(doc.paragraphs[0].starts_with("BEIJING, Dec. 5 (Xinhua) --"), "{doc:?}");
        let unicode = WIRE_ELLIPSIS.replacen("energy...", "energy…", 1);
        assert_eq!(
            parse(&unicode).title,
            "China, Brazil pledge closer cooperation in green energy…"
        );
    }

    #[test]
    fn chinese_copy_keeps_its_headline_and_body() {
        let doc = parse(
            "中国与巴西同意深化绿色能源合作……\n\n新华社北京12月5日电 中国和巴西官员5日同意扩大太阳能和风能领域合作。\n\n双方表示将在明年举行新一轮对话。\n",
        );
        assert_eq!(doc.title, "中国与巴西同意深化绿色能源合作……");
        assert_eq!(doc.dek, None);
        assert_eq!(doc.paragraphs.len(), 2, "{doc:?}");
    }

    #[test]
    fn empty_text_has_no_headline() {
        assert_eq!(parse("\n\n").title, "");
    }
}
