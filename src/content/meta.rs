//! Front matter text -> checked `Meta`: parse TOML or YAML into `RawMeta`, warn about
//! unknown keys, check every value and point errors at the line that holds the key.

use super::article::{Correction, Image, Meta, Source};
use super::front_matter::{Format, Front};
use super::raw::{KNOWN_KEYS, OneOrMany, QUIET_KEYS, RawDate, RawMeta, SYNONYMS, StrOrTable};
use crate::dates::{self, Published};
use crate::error::{Error, Result};
use crate::text::{key_line, line_of};
use crate::warnings::Warnings;
use jiff::tz::TimeZone;
use std::path::Path;

/// Where a block of front matter sits, for messages.
pub struct Place<'a> {
    /// The file, as shown to the user.
    pub path: &'a Path,
    /// The block's text.
    pub text: &'a str,
    /// The file line of the block's first line.
    pub first_line: usize,
}

impl Place<'_> {
    fn error_at(&self, line_in_block: usize, message: impl Into<String>) -> Error {
        Error::Article {
            path: self.path.into(),
            line: self.first_line + line_in_block - 1,
            message: message.into(),
        }
    }

    fn key_error(&self, key: &str, message: impl Into<String>) -> Error {
        self.error_at(key_line(self.text, key).unwrap_or(1), message)
    }
}

/// Parses a fenced block.
pub fn parse(front: &Front, path: &Path, tz: &TimeZone, warn: &mut Warnings) -> Result<Meta> {
    let place = Place { path, text: front.text, first_line: front.first_line };
    let (raw, keys) = match front.format {
        Format::Toml => parse_toml(&place)?,
        Format::Yaml => parse_yaml(&place)?,
    };
    checked(raw, &keys, &place, tz, warn)
}

/// Folds peer fields into ours, warns about unknown keys and checks the values.
fn checked(
    raw: RawMeta,
    keys: &[String],
    place: &Place,
    tz: &TimeZone,
    warn: &mut Warnings,
) -> Result<Meta> {
    warn_unknown(place, keys, warn);
    let (mut raw, peer) = super::peers::fold(raw, place, warn);
    let date = date_or_file_name(raw.date.take(), place, tz, warn)?;
    let mut meta = Meta { date, ..check(raw, place, tz)? };
    if meta.date.is_none() && dates::from_file_name(super::bundle_stem(place.path), tz).is_none() {
        // Hugo dates a page by its `lastmod` when nothing else dates it.
        meta.date = meta.updated.take();
    }
    meta.expires = peer
        .expires
        .map(|RawDate(text)| dates::parse(&text, tz))
        .transpose()
        .map_err(|m| place.key_error(expiry_key(place.text), m))?;
    meta.extra = peer.extra;
    meta.headless = peer.headless;
    meta.headless_below = peer.headless_below;
    meta.quiet = keys.iter().filter(|k| QUIET_KEYS.contains(&k.as_str())).cloned().collect();
    Ok(super::bounds::apply(meta, place, warn))
}

/// The date as written; when it cannot be read and the file name starts with one,
/// the file name's, with a warning at the line (Jekyll dates a post by its file name
/// when its `date` is not one it can read, e.g. `2023-01-29 18:30:22 2023 -0800`).
fn date_or_file_name(
    date: Option<RawDate>,
    place: &Place,
    tz: &TimeZone,
    warn: &mut Warnings,
) -> Result<Option<Published>> {
    let Some(RawDate(text)) = date else { return Ok(None) };
    let why = match dates::parse(&text, tz) {
        Ok(date) => return Ok(Some(date)),
        Err(why) => why,
    };
    let stem = super::bundle_stem(place.path);
    match dates::from_file_name(stem, tz) {
        Some(named) => {
            let line = place.first_line + key_line(place.text, "date").unwrap_or(1) - 1;
            let day = named.at.date();
            warn.at(place.path, line, format!("{why}; dated {day} by the file name instead"));
            Ok(Some(named))
        }
        None => Err(place.key_error("date", why)),
    }
}

/// The spelling of the expiry key the block uses, for pointing at its line.
fn expiry_key(text: &str) -> &'static str {
    ["expiryDate", "expirydate", "expiry_date"]
        .into_iter()
        .find(|k| key_line(text, k).is_some())
        .unwrap_or("expiryDate")
}

/// Parses a sidecar `NAME.toml` (front matter fields without fences).
pub fn parse_sidecar(text: &str, path: &Path, tz: &TimeZone, warn: &mut Warnings) -> Result<Meta> {
    let place = Place { path, text, first_line: 1 };
    let (raw, keys) = parse_toml(&place)?;
    checked(raw, &keys, &place, tz, warn)
}

fn parse_toml(place: &Place) -> Result<(RawMeta, Vec<String>)> {
    let fail = |e: toml::de::Error| {
        let line = e.span().map_or(1, |s| line_of(place.text.as_bytes(), s.start));
        let (line, message) = super::syntax_errors::toml(place.text, line, e.message());
        place.error_at(line, message)
    };
    let raw: RawMeta = toml::from_str(place.text).map_err(fail)?;
    let table: toml::Table = toml::from_str(place.text).map_err(fail)?;
    Ok((raw, table.keys().cloned().collect()))
}

fn parse_yaml(place: &Place) -> Result<(RawMeta, Vec<String>)> {
    if place.text.trim().is_empty() {
        return Ok((RawMeta::default(), Vec::new()));
    }
    let fail = |e: serde_saphyr::Error| {
        let line = e.location().map_or(1, |l| l.line() as usize);
        let message = super::yaml_errors::message(&e);
        let (line, message) = super::syntax_errors::yaml(place.text, line.max(1), &message);
        place.error_at(line, message)
    };
    let raw: RawMeta = serde_saphyr::from_str(place.text).map_err(fail)?;
    let keys: std::collections::BTreeMap<String, serde::de::IgnoredAny> =
        serde_saphyr::from_str(place.text).map_err(fail)?;
    Ok((raw, keys.into_keys().collect()))
}

fn warn_unknown(place: &Place, keys: &[String], warn: &mut Warnings) {
    let unknown = |k: &&String| ![KNOWN_KEYS, QUIET_KEYS].iter().any(|l| l.contains(&k.as_str()));
    for key in keys.iter().filter(unknown) {
        let line = place.first_line + key_line(place.text, key).unwrap_or(1) - 1;
        let synonym = SYNONYMS.iter().find(|(other, _)| key.eq_ignore_ascii_case(other));
        match synonym.map(|(_, ours)| *ours).or_else(|| crate::config::nearest(key, KNOWN_KEYS)) {
            Some(near) => warn.at(
                place.path,
                line,
                format!("unknown front matter key `{key}` (did you mean `{near}`?); ignored"),
            ),
            None => warn.at(place.path, line, format!("unknown front matter key `{key}`; ignored")),
        }
    }
}

fn check(raw: RawMeta, place: &Place, tz: &TimeZone) -> Result<Meta> {
    // The peers' fields are gone by now: `peers::fold` has moved them into these.
    let date_of = |key: &str, d: Option<RawDate>| -> Result<Option<Published>> {
        d.map(|RawDate(text)| dates::parse(&text, tz).map_err(|m| place.key_error(key, m)))
            .transpose()
    };
    let checked_corrections = corrections_of(raw.corrections, place, tz)?;
    let slug =
        raw.slug.map(|s| (s, place.first_line + key_line(place.text, "slug").unwrap_or(1) - 1));
    Ok(Meta {
        title: raw.title.map(|t| crate::text::squash_spaces(&t)).unwrap_or_default(),
        date: date_of("date", raw.date)?,
        updated: date_of("updated", raw.updated)?,
        dek: non_empty(raw.dek),
        subhead: non_empty(raw.subhead),
        summary: non_empty(raw.summary),
        authors: list(raw.authors.or(raw.author)),
        tags: list(raw.tags),
        source: raw.source.map(source_of),
        slug,
        draft: raw.draft.unwrap_or(false),
        lang: non_empty(raw.lang),
        translation_key: non_empty(raw.translation_key),
        image: raw.image.map(image_of),
        lead: raw.lead.unwrap_or(false),
        thread: non_empty(raw.thread),
        section: non_empty(raw.section),
        republished: raw.republished.unwrap_or(false),
        aliases: list(raw.aliases),
        corrections: checked_corrections,
        template: non_empty(raw.template),
        menus: raw.menu.map(|m| menus_of(&m.0)).unwrap_or_default(),
        weight: raw.weight.and_then(|w| weight_of(&w.0)),
        ..Meta::default()
    })
}

/// The menus `menu` names: `"footer"`, `["main", "footer"]`, or Hugo's table
/// (`menu: { main: { weight: 2 } }`), whose keys are the menus.
fn menus_of(menu: &super::extra::Node) -> Vec<String> {
    use super::extra::Node;
    match menu {
        Node::Text(name) => vec![name.trim().to_string()],
        Node::List(items) => items.iter().flat_map(menus_of).collect(),
        Node::Table(entries) => entries.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|m| !m.is_empty())
    .collect()
}

/// A whole-number weight, also written as text (`"3"`).
fn weight_of(weight: &super::extra::Node) -> Option<i64> {
    use super::extra::Node;
    match weight {
        Node::Int(n) => Some(*n),
        Node::Float(f) => Some(*f as i64),
        Node::Text(t) => t.trim().parse().ok(),
        _ => None,
    }
}

/// Every correction with its date checked.
fn corrections_of(
    corrections: Option<Vec<super::raw::RawCorrection>>,
    place: &Place,
    tz: &TimeZone,
) -> Result<Vec<Correction>> {
    let mut checked = Vec::new();
    for c in corrections.unwrap_or_default() {
        let date = dates::parse(&c.date.0, tz).map_err(|m| place.key_error("corrections", m))?;
        checked.push(Correction { date, note: c.note.trim().to_string() });
    }
    Ok(checked)
}

/// `source = "https://…"` or `source = { name, url }`.
fn source_of(source: StrOrTable<super::raw::RawSource>) -> Source {
    match source {
        StrOrTable::Str(url) => Source { name: None, url: Some(url) },
        StrOrTable::Table(t) => Source { name: non_empty(t.name), url: non_empty(t.url) },
    }
}

/// `image = "x.jpg"` or `image = { src, alt, caption, credit }`.
fn image_of(image: StrOrTable<super::raw::RawImage>) -> Image {
    match image {
        StrOrTable::Str(src) => Image { src, alt: None, caption: None, credit: None },
        StrOrTable::Table(t) => Image {
            src: t.src,
            alt: non_empty(t.alt),
            caption: non_empty(t.caption),
            credit: non_empty(t.credit),
        },
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn list(items: Option<OneOrMany>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in items.map(|o| o.0).unwrap_or_default() {
        let item = crate::text::squash_spaces(&item);
        if !item.is_empty() && seen.insert(item.clone()) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::split;

    fn meta(text: &str) -> (Result<Meta>, Warnings) {
        let split = split(text).unwrap();
        let mut warn = Warnings::default();
        let tz = TimeZone::get("UTC").unwrap();
        (parse(&split.front.unwrap(), Path::new("seeds/a.md"), &tz, &mut warn), warn)
    }

    #[test]
    fn reads_every_toml_field() {
        let (m, w) = meta(
            "+++\ntitle = \"T\"\ndate = 2025-04-12T09:00:00\nauthor = \"A\"\ntags = [\"x\", \"y\"]\n\
             source = { name = \"S\", url = \"https://s.org\" }\nimage = \"p.jpg\"\nlead = true\n\
             corrections = [{ date = 2025-04-13, note = \"Fixed.\" }]\n+++\n",
        );
        let m = m.unwrap();
        assert!(w.0.is_empty());
        assert_eq!(m.authors, ["A"]);
        assert_eq!(m.tags, ["x", "y"]);
        assert_eq!(m.source.unwrap().name.as_deref(), Some("S"));
        assert_eq!(m.image.unwrap().src, "p.jpg");
        assert!(m.lead);
        assert_eq!(m.corrections.len(), 1);
        assert!(m.date.unwrap().has_time);
    }

    #[test]
    fn reads_yaml_and_a_source_url_string() {
        let (m, _) = meta(
            "---\ntitle: T\ndate: \"2025-04-12\"\nauthors: [A, B]\nsource: https://s.org/x\n---\n",
        );
        let m = m.unwrap();
        assert_eq!(m.authors, ["A", "B"]);
        assert_eq!(m.source.unwrap().url.as_deref(), Some("https://s.org/x"));
    }

    #[test]
    fn warns_about_unknown_keys() {
        let (m, w) = meta("+++\ntitle = \"T\"\ntagz = [\"a\"]\n+++\n");
        assert!(m.is_ok());
        assert_eq!(
            w.0,
            ["seeds/a.md:3: unknown front matter key `tagz` (did you mean `tags`?); ignored"]
        );
    }

    #[test]
    fn points_type_errors_at_their_line() {
        let (m, _) = meta("+++\ntitle = \"T\"\ndraft = \"yes\"\n+++\n");
        let e = m.unwrap_err().to_string();
        assert!(e.starts_with("seeds/a.md:3: invalid TOML front matter:"), "{e}");
    }

    #[test]
    fn points_bad_dates_at_their_line() {
        let (m, _) = meta("+++\ntitle = \"T\"\n\ndate = \"2025-02-30\"\n+++\n");
        assert_eq!(
            m.unwrap_err().to_string(),
            "seeds/a.md:4: cannot read date `2025-02-30`: 2025-02 has no day 30"
        );
    }

    #[test]
    fn accepts_a_comma_separated_tag_string() {
        let (m, _) = meta("+++\ntitle = \"T\"\ntags = \"a, b\"\n+++\n");
        assert_eq!(m.unwrap().tags, ["a", "b"]);
    }

    #[test]
    fn reports_invalid_yaml_with_a_line() {
        let (m, _) = meta("---\ntitle: T\ntags: [a\n---\n");
        let e = m.unwrap_err().to_string();
        assert!(e.starts_with("seeds/a.md:"), "{e}");
        assert!(e.contains("invalid YAML front matter"), "{e}");
    }
}
