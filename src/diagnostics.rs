//! How errors read on a terminal (and in `serve`'s browser overlay): each problem's first
//! line stays `error: path:line: message`, followed, when the file can be read, by
//! ` --> path:line:column`, the offending line and a caret, in the style of rustc
//! (annotate-snippets). Colour only when asked for: see `colour_on_stderr`.

use crate::error::Error;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::IsTerminal;
use std::path::Path;

/// True when stderr is a terminal and `NO_COLOR` is unset or empty.
pub fn colour_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Renders `err` for a person: every problem it holds, each with its source line where
/// one can be found under `root`. Ends with a newline.
pub fn render(err: &Error, root: &Path, colour: bool) -> String {
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for problem in problems(err) {
        out.push_str(&render_one(problem, root, &renderer));
        out.push('\n');
    }
    match err {
        Error::Unread(list) => out.push_str(&unread(list.len())),
        _ if err.count() > 1 => out.push_str(&format!("{} problems found\n", err.count())),
        _ => {}
    }
    out
}

/// Renders one warning (`path:line: message`, as `Warnings` records them) on one line.
pub fn warning(text: &str, colour: bool) -> String {
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[Group::with_title(Level::WARNING.primary_title(text))])
}

/// Every single problem inside `err`, in order (a `Many` is opened up, recursively).
fn problems(err: &Error) -> Vec<&Error> {
    match err {
        Error::Many(list) | Error::Unread(list) => list.iter().flat_map(problems).collect(),
        other => vec![other],
    }
}

/// The last line of a build that stopped on files it could not read.
fn unread(n: usize) -> String {
    let files = crate::text::count(n, "file", "files");
    format!("{files} could not be read: everything else was built, nothing was published\n")
}

/// The problem's text with its causes, as `{:#}` would print it.
fn headline(err: &Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

fn render_one(err: &Error, root: &Path, renderer: &Renderer) -> String {
    let title = headline(err);
    let place = match err {
        Error::Article { path, line, message } | Error::Config { path, line, message } => {
            source_line(root, path, *line).map(|text| (path, *line, text, message))
        }
        _ => None,
    };
    let Some((path, line, text, message)) = place else {
        return renderer.render(&[Group::with_title(Level::ERROR.primary_title(title))]);
    };
    let shown = path.display().to_string();
    let snippet = Snippet::source(text.as_str())
        .line_start(line)
        .path(shown.as_str())
        .annotation(AnnotationKind::Primary.span(culprit(&text, message)));
    renderer.render(&[Level::ERROR.primary_title(title).element(snippet)])
}

/// Line `line` (1-based) of the file `root/path`, if it can be read and is not blank.
fn source_line(root: &Path, path: &Path, line: usize) -> Option<String> {
    let bytes = crate::fs::read(&root.join(path)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let found = text.lines().nth(line.checked_sub(1)?)?;
    let found = found.trim_end_matches('\r').trim_start_matches('\u{feff}');
    // Control characters in it reach the terminal as pictures (␛): annotate-snippets
    // draws them so; `control_characters_in_the_source_line_are_shown_not_sent` holds it.
    (!found.trim().is_empty()).then(|| found.to_string())
}

/// The byte range of `line` the message is about: the first `quoted` word of the message
/// when the line holds it (a key, a date, a URL), else the line's first non-blank character.
pub fn culprit(line: &str, message: &str) -> std::ops::Range<usize> {
    let quoted = message.split('`').skip(1).step_by(2).filter(|q| !q.is_empty());
    for word in quoted {
        if let Some(at) = line.find(word) {
            return at..at + word.len();
        }
    }
    let start = line.len() - line.trim_start().len();
    let width = line[start..].chars().next().map_or(0, char::len_utf8);
    start..start + width
}

/// Renders `err` as plain text with no colour: for logs and the browser.
pub fn plain(err: &Error, root: &Path) -> String {
    render(err, root, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn site(file: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::fs::write(&dir.path().join(file), text.as_bytes()).unwrap();
        dir
    }

    #[test]
    fn control_characters_in_the_source_line_are_shown_not_sent() {
        let dir = site("site.toml", "title = \"T\"\ntimezon = \"\x1b]0;pwned\x07\x1b[2J\"\n");
        let err = Error::Config {
            path: PathBuf::from("site.toml"),
            line: 2,
            message: "unknown key `timezon`".into(),
        };
        let text = render(&err, dir.path(), false);
        assert!(!text.contains(['\x1b', '\x07']), "{text:?}");
        assert!(text.contains("timezon"), "{text}");
    }

    #[test]
    fn points_at_the_quoted_word_with_line_and_column() {
        let dir = site("site.toml", "title = \"T\"\n  timezon = \"UTC\"\n");
        let err = Error::Config {
            path: PathBuf::from("site.toml"),
            line: 2,
            message: "unknown key `timezon`; did you mean `timezone`?".into(),
        };
        let text = plain(&err, dir.path());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error: site.toml:2: unknown key `timezon`; did you mean `timezone`?");
        assert_eq!(lines[1].trim(), "--> site.toml:2:3");
        assert!(lines.iter().any(|l| l.ends_with("2 |   timezon = \"UTC\"")), "{text}");
        let caret = lines.iter().find(|l| l.contains('^')).expect(&text);
        assert!(caret.ends_with("|   ^^^^^^^"), "{text}");
    }

    #[test]
    fn keeps_one_line_when_the_file_is_gone() {
        let err =
            Error::Article { path: PathBuf::from("seeds/gone.md"), line: 3, message: "bad".into() };
        assert_eq!(plain(&err, Path::new("/nonexistent")), "error: seeds/gone.md:3: bad\n");
    }

    #[test]
    fn lists_every_problem_and_counts_them() {
        let dir = site("seeds/a.md", "+++\ndate = \"nope\"\n+++\n");
        let one = |line| Error::Article {
            path: PathBuf::from("seeds/a.md"),
            line,
            message: "cannot read date `nope`".into(),
        };
        let text = plain(&Error::Many(vec![one(2), Error::Usage("x".into())]), dir.path());
        assert!(text.starts_with("error: seeds/a.md:2: cannot read date `nope`\n"), "{text}");
        assert!(text.contains("--> seeds/a.md:2:9"), "{text}");
        assert!(text.contains("\nerror: x\n"), "{text}");
        assert!(text.ends_with("2 problems found\n"), "{text}");
    }

    #[test]
    fn colour_is_only_escape_codes() {
        let err = Error::Usage("plain words".into());
        let styled = render(&err, Path::new("."), true);
        assert!(styled.contains("\u{1b}["), "{styled:?}");
        assert!(!plain(&err, Path::new(".")).contains('\u{1b}'));
    }

    #[test]
    fn culprit_falls_back_to_the_first_character() {
        assert_eq!(culprit("  tags = [", "invalid TOML"), 2..3);
        assert_eq!(culprit("date = \"2025-02-30\"", "cannot read date `2025-02-30`"), 8..18);
    }
}
