//! Where a key of site.toml landed: TOML puts every `key = …` line under the last
//! `[table]` above it, so a top-level setting appended at the end of the file quietly
//! becomes a key of the last table. This module finds such keys (and the line of a key
//! inside a given table) so messages point at the line the user wrote, with the table
//! it landed in; it reads text only and leaves the checks to `config`.

use serde::de::{self, Deserialize, Visitor};

/// The top-level keys of `T` (a `#[derive(Deserialize)]` struct), as serde declares them:
/// asked of the type itself, so a key added to `SiteConfig` is known here at once.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames { fields: &mut fields });
    fields
}

/// A deserializer that only records the field names a struct asks for.
struct FieldNames<'a> {
    fields: &'a mut &'static [&'static str],
}

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names recorded")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for FieldNames<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.fields = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A line of TOML as this module needs it: a table header, a `key = …`, or neither.
enum Line<'a> {
    Header(String),
    Key(&'a str),
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.starts_with('[') {
        let name = line.trim_start_matches('[');
        let name = name.split(']').next().unwrap_or_default();
        return Line::Header(
            name.split('.').map(|p| p.trim().trim_matches('"')).collect::<Vec<_>>().join("."),
        );
    }
    match line.split_once('=') {
        Some((key, _)) if !line.starts_with('#') => Line::Key(key.trim().trim_matches(['"', '\''])),
        _ => Line::Other,
    }
}

/// Where `key` was set inside a table although it is a top-level key: the 1-based line
/// of `key = …`, the table's name and the 1-based line of the table's header.
#[derive(Debug, PartialEq, Eq)]
pub struct Misplaced {
    /// The line of `key = …`.
    pub line: usize,
    /// The table it landed in, e.g. `labels` or `email.smtp`.
    pub table: String,
    /// The line of that table's header.
    pub table_line: usize,
}

/// The first place `key` is set under a table header (top-level keys belong above the
/// first table).
pub fn misplaced(text: &str, key: &str) -> Option<Misplaced> {
    let mut table: Option<(String, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        match classify(line) {
            Line::Header(name) => table = Some((name, i + 1)),
            Line::Key(k) if k == key => {
                if let Some((table, table_line)) = &table {
                    return Some(Misplaced {
                        line: i + 1,
                        table: table.clone(),
                        table_line: *table_line,
                    });
                }
            }
            _ => {}
        }
    }
    None
}

/// The 1-based line where `key = …` is set inside `[table]`, if it is.
pub fn line_in_table(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        match classify(line) {
            Line::Header(name) => inside = name == table,
            Line::Key(k) if inside && k == key => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A message for a config error about a top-level key of `fields` that `text` sets inside
/// a table: the key's line and a sentence saying where it landed and where it belongs.
/// `message` is the error as first found; only keys it names (in backquotes) are considered.
pub fn explain(text: &str, fields: &[&str], message: &str) -> Option<(usize, String)> {
    let quoted = message.split('`').skip(1).step_by(2);
    quoted.filter(|q| fields.contains(q)).find_map(|key| {
        let at = misplaced(text, key)?;
        Some((
            at.line,
            format!(
                "`{key}` is inside `[{}]` (line {}); move it above the first table",
                at.table, at.table_line
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Two {
        title: String,
        base_url: String,
    }

    #[test]
    fn asks_the_type_for_its_fields() {
        assert_eq!(fields_of::<Two>(), ["title", "base_url"]);
    }

    #[test]
    fn finds_a_key_appended_after_the_last_table() {
        let text = "title = \"T\"\n[labels]\nhome = \"Today\"\n\nbase_url = \"https://x.org/\"\n";
        let at = misplaced(text, "base_url").unwrap();
        assert_eq!(at, Misplaced { line: 5, table: "labels".into(), table_line: 2 });
        assert_eq!(misplaced(text, "title"), None);
        assert_eq!(line_in_table(text, "labels", "home"), Some(3));
        assert_eq!(line_in_table(text, "email", "home"), None);
    }

    #[test]
    fn names_nested_and_array_tables() {
        let text =
            "[[menu.footer]]\nname = \"A\"\n[email.smtp]\n# base_url = \"no\"\nbase_url = \"x\"\n";
        let at = misplaced(text, "base_url").unwrap();
        assert_eq!((at.line, at.table.as_str(), at.table_line), (5, "email.smtp", 3));
        let (line, message) =
            explain(text, &["base_url"], "unknown key `base_url`; known keys: host").unwrap();
        assert_eq!(line, 5);
        assert_eq!(
            message,
            "`base_url` is inside `[email.smtp]` (line 3); move it above the first table"
        );
    }
}
