//! YAML errors in words an editor can act on. serde-saphyr's own text carries the
//! line inside the front matter block (not the file), developer advice ("set
//! DuplicateKeyPolicy in Options") and Rust debug output for its safety budget; this
//! module asks it for the bare user message and words the budget breaches itself.
//! `meta` adds the file and the file's line.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::localizer::Localizer;
use serde_saphyr::{Error, Location, MessageFormatter, SnippetMode, UserMessageFormatter};
use std::borrow::Cow;

/// The message for `error`, without a place (the caller names file and line).
pub(super) fn message(error: &Error) -> String {
    let options = serde_saphyr::render_options! { formatter: &Editor, snippets: SnippetMode::Off };
    let text = error.render_with_options(options);
    let text = text.trim();
    let text = text.strip_prefix("error: ").unwrap_or(text);
    text.lines().next().unwrap_or("").trim().to_string()
}

/// The user formatter, with budget breaches in plain words.
struct Editor;

impl MessageFormatter for Editor {
    fn localizer(&self) -> &dyn Localizer {
        &NoPlace
    }

    fn format_message<'a>(&self, err: &'a Error) -> Cow<'a, str> {
        match err {
            Error::Budget { breach, .. } => Cow::Owned(budget(breach)),
            other => UserMessageFormatter.format_message(other),
        }
    }
}

/// Drops the "at line X, column Y" suffix: those lines count from the block, not the file.
struct NoPlace;

impl Localizer for NoPlace {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _: Location) -> Cow<'a, str> {
        base
    }

    fn alias_used_at(&self, _: Location) -> String {
        String::new()
    }

    fn alias_defined_at(&self, _: Location) -> String {
        String::new()
    }
}

fn budget(breach: &BudgetBreach) -> String {
    let what = match breach {
        BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => {
            "too many aliases (`*name`)"
        }
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
            "too many values (aliases that expand exponentially?)"
        }
        BudgetBreach::Depth { .. } => "nested too deeply",
        BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => "too much text",
        _ => "too large or too complex",
    };
    format!("{what}; front matter holds a few short fields")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(yaml: &str) -> String {
        let e =
            serde_saphyr::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(
                yaml,
            )
            .unwrap_err();
        message(&e)
    }

    #[test]
    fn words_duplicate_keys_without_api_advice() {
        assert_eq!(
            error_of("title: A\ntitle: B\n"),
            "duplicate mapping key `title` is not allowed here"
        );
    }

    #[test]
    fn words_alias_bombs() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (n, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            yaml.push_str(&format!("{n}: &{n} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
        }
        assert_eq!(
            error_of(&yaml),
            "too many values (aliases that expand exponentially?); front matter holds a few short fields"
        );
    }

    #[test]
    fn keeps_no_block_relative_place() {
        let text = error_of("title: A\ntags: [a\n");
        assert!(!text.contains("line"), "{text}");
        assert!(!text.is_empty());
    }
}
