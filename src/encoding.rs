//! Bytes -> text for seed files from many hands: UTF-8 (a byte-order mark is fine),
//! UTF-16 with a byte-order mark, and, when site.toml names a fallback `encoding`
//! (wire copy often arrives in windows-1252), anything that is not UTF-8. NUL bytes
//! stop the build (a binary file, most likely); other control characters, which no
//! page or feed can carry (XML forbids them), are removed with a warning.
//! Strict UTF-8 and the NUL check live in `content::decode`; this module adds the rest.

use crate::error::{Error, Result};
use crate::warnings::Warnings;
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;
use std::path::Path;

/// Decodes a seed file: UTF-8 or UTF-16 by byte-order mark, else UTF-8, else
/// `fallback` (with a warning), then removes control characters (with a warning).
pub(crate) fn decode<'a>(
    shown: &Path,
    bytes: &'a [u8],
    fallback: Option<&'static Encoding>,
    warn: &mut Warnings,
) -> Result<Cow<'a, str>> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, _)) if encoding != UTF_8 => utf16(shown, bytes, encoding)?,
        _ => match (std::str::from_utf8(bytes), fallback) {
            (Err(e), Some(encoding)) => {
                warn.at(
                    shown,
                    crate::text::line_of(bytes, e.valid_up_to()),
                    format!(
                        "not UTF-8 (first bad byte at offset {}); read as {}",
                        e.valid_up_to(),
                        encoding.name()
                    ),
                );
                encoding.decode_without_bom_handling(bytes).0
            }
            _ => Cow::Borrowed(utf8(shown, bytes)?),
        },
    };
    no_nul(shown, &text)?;
    Ok(strip_controls(shown, text, warn))
}

/// The fallback encoding a site.toml label names, if it can be one.
pub(crate) fn fallback(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::REPLACEMENT && e.output_encoding() == *e)
}

fn utf16<'a>(shown: &Path, bytes: &[u8], encoding: &'static Encoding) -> Result<Cow<'a, str>> {
    let (text, malformed) = encoding.decode_with_bom_removal(bytes);
    if malformed {
        return Err(Error::Article {
            path: shown.into(),
            line: 1,
            message: format!(
                "starts with a {} byte-order mark but is not valid {}; save the file as UTF-8",
                encoding.name(),
                encoding.name()
            ),
        });
    }
    Ok(Cow::Owned(text.into_owned()))
}

fn no_nul(shown: &Path, text: &str) -> Result<()> {
    match text.find('\0') {
        Some(at) => Err(Error::Article {
            path: shown.into(),
            line: crate::text::line_of(text.as_bytes(), at),
            message: format!("contains a NUL byte at offset {at}; is this a text file?"),
        }),
        None => Ok(()),
    }
}

/// True for characters no page or feed may carry: C0 controls but tab and line ends,
/// DEL, and C1 controls.
fn is_banned(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// Where the first banned character starts: what `text.find(is_banned)` finds, a byte at
/// a time (every seed's every character goes through here). The control characters are
/// U+0000–U+001F and U+007F, one byte each, and U+0080–U+009F, `C2 80`–`C2 9F`.
fn first_banned(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        _ => false,
    })
}

fn strip_controls<'a>(shown: &Path, text: Cow<'a, str>, warn: &mut Warnings) -> Cow<'a, str> {
    let Some(first) = first_banned(&text) else { return text };
    let banned = text[first..].chars().filter(|&c| is_banned(c)).count();
    let code = text[first..].chars().next().map_or(0, u32::from);
    warn.at(
        shown,
        crate::text::line_of(text.as_bytes(), first),
        format!("removed {banned} control character(s), the first U+{code:04X}"),
    );
    Cow::Owned(text.chars().filter(|&c| !is_banned(c)).collect())
}

/// Bytes -> text, or an error naming the first bad byte.
pub fn utf8<'a>(shown: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Article {
        path: shown.into(),
        line: crate::text::line_of(bytes, e.valid_up_to()),
        message: format!(
            "not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8",
            e.valid_up_to()
        ),
    })?;
    if let Some(at) = text.find('\0') {
        return Err(Error::Article {
            path: shown.into(),
            line: crate::text::line_of(bytes, at),
            message: format!("contains a NUL byte at offset {at}; is this a text file?"),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], fallback: Option<&'static Encoding>) -> (Result<String>, Warnings) {
        let mut warn = Warnings::default();
        let text = decode(Path::new("seeds/a.txt"), bytes, fallback, &mut warn);
        (text.map(Cow::into_owned), warn)
    }

    #[test]
    fn reads_utf8_and_names_the_first_bad_byte() {
        assert_eq!(read("café".as_bytes(), None).0.unwrap(), "café");
        assert_eq!(
            read(b"ok\ncaf\xe9", None).0.unwrap_err().to_string(),
            "seeds/a.txt:2: not valid UTF-8 (first bad byte at offset 6); save the file as UTF-8"
        );
    }

    #[test]
    fn falls_back_to_the_configured_encoding_with_a_warning() {
        let (text, warn) = read(b"ok\ncaf\xe9 \x93quoted\x94", fallback("windows-1252"));
        assert_eq!(text.unwrap(), "ok\ncafé “quoted”");
        assert_eq!(
            warn.0,
            ["seeds/a.txt:2: not UTF-8 (first bad byte at offset 6); read as windows-1252"]
        );
    }

    #[test]
    fn reads_utf16_with_a_byte_order_mark() {
        assert_eq!(read(b"\xff\xfeH\x00i\x00", None).0.unwrap(), "Hi");
        assert_eq!(read(b"\xfe\xff\x00H\x00i", None).0.unwrap(), "Hi");
        let e = read(b"\xff\xfeH\x00\x00\xd8", None).0.unwrap_err();
        assert_eq!(
            e.to_string(),
            "seeds/a.txt:1: starts with a UTF-16LE byte-order mark but is not valid UTF-16LE; save the file as UTF-8"
        );
    }

    #[test]
    fn refuses_nul_bytes_in_any_encoding() {
        let e = read(b"a\n\x00", fallback("latin1")).0.unwrap_err();
        assert_eq!(
            e.to_string(),
            "seeds/a.txt:2: contains a NUL byte at offset 2; is this a text file?"
        );
    }

    #[test]
    fn finds_the_first_banned_character_as_char_by_char_would() {
        let mut cases: Vec<String> =
            ["", "plain\ttext\r\n", "é ü ß 北京 \u{a0}"].iter().map(|s| s.to_string()).collect();
        // Every code point from U+0000 to U+0200, alone and between other text.
        for c in (0..0x200).filter_map(char::from_u32) {
            cases.push(c.to_string());
            cases.push(format!("ab é{c}z\u{c2}"));
        }
        for text in &cases {
            assert_eq!(first_banned(text), text.find(is_banned), "{text:?}");
        }
    }

    #[test]
    fn removes_control_characters_with_a_warning() {
        let (text, warn) = read(b"\x01HEAD\x02\nbody\x1b[31m\tx\r\n\x7f", None);
        assert_eq!(text.unwrap(), "HEAD\nbody[31m\tx\r\n");
        assert_eq!(warn.0, ["seeds/a.txt:1: removed 4 control character(s), the first U+0001"]);
    }

    #[test]
    fn knows_which_labels_can_be_a_fallback() {
        assert_eq!(fallback("latin1").unwrap().name(), "windows-1252");
        assert_eq!(fallback(" Shift_JIS ").unwrap().name(), "Shift_JIS");
        for bad in ["utf-16le", "replacement", "klingon", ""] {
            assert!(fallback(bad).is_none(), "{bad}");
        }
    }
}
