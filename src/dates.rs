//! Publication dates: reading the forms editors write, in the site's time zone,
//! and printing them for pages, feeds and metadata.

use jiff::{Timestamp, ZonedDateTime as Zoned, civil, tz::TimeZone};
use serde::Serialize;

/// A moment an article was published or updated, in the site's time zone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Published {
    /// The moment, in the site time zone.
    pub at: Zoned,
    /// False when only a day was given: pages then print no time of day.
    pub has_time: bool,
}

const HOW: &str = "write it as YYYY-MM-DD, optionally with a time (2025-04-12T09:30:00) and an offset (+02:00 or Z)";

/// Reads a date as written in front matter, a sidecar or a file name prefix.
/// No offset means the site's time zone.
pub(crate) fn parse(text: &str, tz: &TimeZone) -> Result<Published, String> {
    let text = text.trim();
    let bad = |why: &str| format!("cannot read date `{text}`: {why}");
    let tidied = tidy(text);
    let text = tidied.as_str();
    if text.is_empty() {
        return Err(bad(HOW));
    }
    let shape_ok = text.len() >= 10
        && text.as_bytes()[4] == b'-'
        && text.as_bytes()[7] == b'-'
        && text[..4].bytes().all(|b| b.is_ascii_digit());
    if !shape_ok {
        return Err(bad(HOW));
    }
    if text.len() == 10 {
        let date: civil::Date = text.parse().map_err(|_| bad(&no_such_day(text)))?;
        let at = date.to_zoned_datetime(tz.clone()).map_err(|e| bad(&e.to_string()))?;
        return Ok(Published { at, has_time: false });
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(Published { at: ts.to_zoned_datetime(tz.clone()), has_time: true });
    }
    match text.parse::<civil::DateTime>() {
        Ok(dt) => Ok(Published { at: local(dt, tz).map_err(|why| bad(&why))?, has_time: true }),
        Err(_) if text[..10].parse::<civil::Date>().is_err() => Err(bad(&no_such_day(text))),
        Err(_) => Err(bad(HOW)),
    }
}

/// Why `text` (which starts `YYYY-MM-DD`) names no day: the month, else the day.
fn no_such_day(text: &str) -> String {
    let month = text.get(5..7).and_then(|m| m.parse::<u8>().ok()).unwrap_or(0);
    if !(1..=12).contains(&month) {
        return format!("the month must be 01 to 12, not {}", text.get(5..7).unwrap_or("?"));
    }
    let day = text.get(8..10).unwrap_or("?");
    format!("{} has no day {day}", text.get(..7).unwrap_or(text))
}

/// The forms other generators write, rewritten as RFC 3339 (`T` between day and time,
/// seconds always, a colon in the offset): Jekyll's `2013-05-06 02:12:52 +0200`,
/// `2013-05-06 02:12`, TOML's and YAML's `1979-05-27 07:32:00Z`. Anything else is
/// returned as written, for `parse` to explain.
fn tidy(text: &str) -> String {
    let (Some(day), Some(rest)) = (text.get(..10), text.get(11..)) else {
        return text.to_string();
    };
    if !matches!(text.as_bytes()[10], b' ' | b'T' | b't') {
        return text.to_string();
    }
    let time_len = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'));
    let (time, zone) = rest.split_at(time_len.unwrap_or(rest.len()));
    let time = if time.len() == 5 { format!("{time}:00") } else { time.to_string() };
    match offset(zone.trim()) {
        Some(zone) => format!("{day}T{time}{zone}"),
        None => text.to_string(),
    }
}

/// An offset as RFC 3339 writes it: `Z`, `+02:00`; `None` for anything else.
fn offset(zone: &str) -> Option<String> {
    if zone.is_empty() {
        return Some(String::new());
    }
    if ["Z", "z", "UTC", "GMT"].contains(&zone) {
        return Some("Z".into());
    }
    let (sign, digits) = zone.split_at_checked(1)?;
    if !matches!(sign, "+" | "-") {
        return None;
    }
    let digits: String = digits.chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.len() {
        2 => Some(format!("{sign}{digits}:00")),
        4 => Some(format!("{sign}{}:{}", &digits[..2], &digits[2..])),
        _ => None,
    }
}

/// A wall-clock time in `tz`; a time the clocks skip or show twice (daylight saving)
/// is refused, since only an offset can say which moment was meant.
fn local(dt: civil::DateTime, tz: &TimeZone) -> Result<Zoned, String> {
    use jiff::tz::AmbiguousOffset::{Fold, Gap, Unambiguous};
    let zone = tz.iana_name().unwrap_or("the site time zone");
    let ambiguous = tz.to_ambiguous_zoned_datetime(dt);
    match ambiguous.offset() {
        Unambiguous { .. } => ambiguous.unambiguous().map_err(|e| e.to_string()),
        Gap { before, after } => Err(format!(
            "{zone} skips this time when the clocks change; add the offset meant ({} or {})",
            hh_mm(before),
            hh_mm(after)
        )),
        Fold { before, after } => Err(format!(
            "this time happens twice in {zone} when the clocks change; add the offset meant ({} or {})",
            hh_mm(before),
            hh_mm(after)
        )),
    }
}

/// An offset as front matter writes it: `+01:00`.
fn hh_mm(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The `YYYY-MM-DD` prefix of a file name, if it has one that is a real day.
/// Month and day may drop their leading zero, as Jekyll allows (`2017-2-5-title.md`).
pub(crate) fn from_file_name(stem: &str, tz: &TimeZone) -> Option<Published> {
    let (day, _) = file_name_prefix(stem)?;
    parse(&day, tz).ok()
}

/// A file name's date prefix, zero-padded (`2017-02-05`), and the length it has in
/// the name (`2017-2-5` is 8), when the name opens with one followed by its end or
/// a separator (`-`, `_`, space, `.`). A time after a padded day is part of it, as
/// Zola writes one (`2018-10-02T15:00:00Z-hello`: RFC 3339; with no offset, the site's
/// time zone) or Hugo (`2018-02-22-14-30-00-hello`: any one character, then
/// `HH-MM-SS`); the text is then RFC 3339 (`2018-10-02T15:00:00Z`, `2018-02-22T14:30:00`).
pub(crate) fn file_name_prefix(stem: &str) -> Option<(String, usize)> {
    let (day, at) = day_prefix(stem)?;
    let separated = |rest: &str| rest.is_empty() || rest.starts_with(['-', '_', ' ', '.']);
    if let Some((time, len)) = time_prefix(&stem[at..]).filter(|_| at == 10)
        && separated(&stem[at + len..])
    {
        return Some((format!("{day}T{time}"), at + len));
    }
    separated(&stem[at..]).then_some((day, at))
}

/// A name's `YYYY-M-D` opening, zero-padded, and its length in the name.
fn day_prefix(stem: &str) -> Option<(String, usize)> {
    let mut parts = Vec::with_capacity(3);
    let mut at = 0;
    for (i, max) in [4, 2, 2].into_iter().enumerate() {
        let digits = stem[at..].bytes().take_while(u8::is_ascii_digit).count();
        let ok = if i == 0 { digits == 4 } else { (1..=max).contains(&digits) };
        if !ok {
            return None;
        }
        parts.push(&stem[at..at + digits]);
        at += digits;
        if i < 2 {
            at += usize::from(stem[at..].starts_with('-'));
            if !stem[..at].ends_with('-') {
                return None;
            }
        }
    }
    Some((format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]), at))
}

/// The time that follows a file name's day (see `file_name_prefix`): as RFC 3339 text
/// after the `T`, and its length in the name.
fn time_prefix(rest: &str) -> Option<(String, usize)> {
    if let Some(hms) = rest.get(1..9).filter(|t| is_hms(t, '-')) {
        return Some((hms.replace('-', ":"), 9)); // Hugo
    }
    let time = rest.strip_prefix('T')?;
    let hms = time.get(..8).filter(|t| is_hms(t, ':'))?;
    let fraction = match time[8..].strip_prefix('.') {
        Some(f) => 1 + f.bytes().take_while(u8::is_ascii_digit).count(),
        None => 0,
    };
    let zone = &time[8 + fraction..];
    let offset = |z: &&str| z.starts_with(['+', '-']) && is_hms(&format!("{}:00", &z[1..]), ':');
    let zone_len = match zone.get(..6).filter(offset) {
        Some(z) => z.len(),
        None => usize::from(zone.starts_with('Z')),
    };
    let len = 8 + fraction + zone_len;
    Some((format!("{hms}{}", &time[8..len]), 1 + len)).filter(|_| fraction != 1)
}

/// `HH:MM:SS` (with `sep` between) naming a real time of day (a leap second allowed).
fn is_hms(text: &str, sep: char) -> bool {
    let b = text.as_bytes();
    let two = |i: usize| {
        b[i..i + 2].iter().all(u8::is_ascii_digit).then(|| (b[i] - b'0') * 10 + b[i + 1] - b'0')
    };
    b.len() == 8
        && char::from(b[2]) == sep
        && char::from(b[5]) == sep
        && matches!((two(0), two(3), two(6)), (Some(h), Some(m), Some(s)) if h < 24 && m < 60 && s <= 60)
}

/// Date forms that pages, feeds and metadata need, computed once per article.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// RFC 3339 with offset, for `<time datetime>`, JSON-LD, Atom, JSON Feed.
    pub iso: String,
    /// RFC 2822, for RSS.
    pub rfc2822: String,
    /// The calendar day, `YYYY-MM-DD`.
    pub day: String,
    /// `HH:MM` in the site time zone, when a time was given.
    pub time: Option<String>,
    /// Seconds since the epoch, for sorting in templates.
    pub epoch: i64,
}

impl Published {
    /// The forms templates and feeds print.
    pub fn view(&self) -> DateView {
        DateView {
            iso: self.at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            rfc2822: jiff::fmt::rfc2822::to_string(&self.at).unwrap_or_default(),
            day: self.at.date().to_string(),
            time: self.has_time.then(|| self.at.strftime("%H:%M").to_string()),
            epoch: self.at.timestamp().as_second(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> TimeZone {
        TimeZone::get("Europe/London").unwrap()
    }

    #[test]
    fn reads_a_day_in_the_site_zone() {
        let p = parse("2025-04-12", &london()).unwrap();
        assert!(!p.has_time);
        assert_eq!(p.view().iso, "2025-04-12T00:00:00+01:00");
    }

    #[test]
    fn reads_datetimes_with_and_without_offsets() {
        assert_eq!(
            parse("2025-04-12T09:30:00", &london()).unwrap().view().iso,
            "2025-04-12T09:30:00+01:00"
        );
        assert_eq!(
            parse("2025-04-12 09:30", &london()).unwrap().view().iso,
            "2025-04-12T09:30:00+01:00"
        );
        assert_eq!(
            parse("2025-04-12T09:30:00Z", &london()).unwrap().view().iso,
            "2025-04-12T10:30:00+01:00"
        );
        assert_eq!(
            parse("2025-04-12T09:30:00+04:00", &london()).unwrap().view().time.unwrap(),
            "06:30"
        );
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        assert_eq!(
            parse("2025-02-30", &london()).unwrap_err(),
            "cannot read date `2025-02-30`: 2025-02 has no day 30"
        );
        assert!(parse("04/05/2025", &london()).unwrap_err().contains("write it as YYYY-MM-DD"));
        assert!(
            parse("2025-13-01T10:00:00", &london())
                .unwrap_err()
                .ends_with("the month must be 01 to 12, not 13")
        );
    }

    #[test]
    fn refuses_times_the_clocks_skip_or_repeat() {
        assert_eq!(
            parse("2025-03-30T01:30:00", &london()).unwrap_err(),
            "cannot read date `2025-03-30T01:30:00`: Europe/London skips this time when the clocks change; add the offset meant (+00:00 or +01:00)"
        );
        assert_eq!(
            parse("2025-10-26T01:30:00", &london()).unwrap_err(),
            "cannot read date `2025-10-26T01:30:00`: this time happens twice in Europe/London when the clocks change; add the offset meant (+01:00 or +00:00)"
        );
        assert_eq!(
            parse("2025-10-26T01:30:00+00:00", &london()).unwrap().view().time.unwrap(),
            "01:30"
        );
    }

    #[test]
    fn reads_file_name_prefixes() {
        assert!(from_file_name("2025-04-12-talks", &london()).is_some());
        assert!(from_file_name("2025-04-12", &london()).is_some());
        assert!(from_file_name("2025-04-123", &london()).is_none());
        assert!(from_file_name("000_388b9ae6836e88b8", &london()).is_none());
    }

    #[test]
    fn reads_the_forms_jekyll_hugo_and_zola_write() {
        let iso = |text: &str| parse(text, &london()).unwrap().view().iso;
        assert_eq!(iso("2013-05-06 02:12:52 +0200"), "2013-05-06T01:12:52+01:00");
        assert_eq!(iso("2016-11-14 10:25:48 -0800"), "2016-11-14T18:25:48+00:00");
        assert_eq!(iso("2013-05-06 02:12:52 +02:00"), "2013-05-06T01:12:52+01:00");
        assert_eq!(iso("2013-05-06T02:12:52+0200"), "2013-05-06T01:12:52+01:00");
        assert_eq!(iso("2013-05-06 02:12:52"), "2013-05-06T02:12:52+01:00");
        assert_eq!(iso("2013-05-06 02:12"), "2013-05-06T02:12:00+01:00");
        assert_eq!(iso("1979-05-27 07:32:00Z"), "1979-05-27T08:32:00+01:00");
        assert_eq!(iso("1979-05-27T07:32:00.999999-07:00"), "1979-05-27T15:32:00+01:00");
        assert_eq!(iso("2021-01-04T09:00:00 UTC"), "2021-01-04T09:00:00+00:00");
    }

    #[test]
    fn still_rejects_what_no_peer_means() {
        assert!(
            parse("2023-01-29 18:30:22 2023 -0800", &london()).unwrap_err().contains("write it as")
        );
        assert!(parse("2013-05-06 02:12:52 +2", &london()).is_err());
        assert!(
            parse("2013-02-30 02:12:52 +0200", &london()).unwrap_err().contains("has no day 30")
        );
    }

    #[test]
    fn reads_file_name_dates_without_leading_zeros() {
        assert_eq!(file_name_prefix("2017-2-5-title"), Some(("2017-02-05".into(), 8)));
        assert_eq!(file_name_prefix("2017-12-25"), Some(("2017-12-25".into(), 10)));
        assert_eq!(file_name_prefix("2017-2-5x"), None);
        assert_eq!(file_name_prefix("2017--5-x"), None);
        assert_eq!(file_name_prefix("20170205-x"), None);
        assert!(from_file_name("2017-2-30-x", &london()).is_none());
        assert_eq!(from_file_name("2017-2-5-x", &london()).unwrap().view().day, "2017-02-05");
    }

    #[test]
    fn reads_the_times_zola_and_hugo_put_in_file_names() {
        // Zola's page tests (components/content/src/page.rs, MIT before its relicensing).
        let p = |stem: &str| file_name_prefix(stem);
        assert_eq!(p("2018-10-08_hello"), Some(("2018-10-08".into(), 10)));
        assert_eq!(p("2018-10-08 - hello"), Some(("2018-10-08".into(), 10)));
        assert_eq!(p("2018-10-02T15:00:00Z-hello"), Some(("2018-10-02T15:00:00Z".into(), 20)));
        assert_eq!(
            p("2018-10-02T15:00:00.5+02:00_hello"),
            Some(("2018-10-02T15:00:00.5+02:00".into(), 27))
        );
        // With no offset (Zola then keeps only the day), the site's time zone.
        assert_eq!(p("2018-10-02T15:00:00-hello"), Some(("2018-10-02T15:00:00".into(), 19)));
        assert_eq!(p("2018-10-02T15:00-hello"), None);
        // Hugo's dateAndSlugFromBaseFilename: any one character, then HH-MM-SS.
        assert_eq!(p("2018-02-22-14-30-00-mypage"), Some(("2018-02-22T14:30:00".into(), 19)));
        assert_eq!(p("2018-02-22 14-30-00 mypage"), Some(("2018-02-22T14:30:00".into(), 19)));
        assert_eq!(p("2018-02-22-24-30-00-mypage"), Some(("2018-02-22".into(), 10)));
        assert_eq!(p("2018-02-22-10-things"), Some(("2018-02-22".into(), 10)));
        assert_eq!(p("2018-02-22-é4-30-00"), Some(("2018-02-22".into(), 10)));
        let iso = |stem: &str| from_file_name(stem, &london()).unwrap().view().iso;
        assert_eq!(iso("2018-10-02T15:00:00Z-hello"), "2018-10-02T16:00:00+01:00");
        assert_eq!(iso("2018-02-22-14-30-00-mypage"), "2018-02-22T14:30:00+00:00");
    }

    #[test]
    fn prints_rss_dates_with_the_right_weekday() {
        let p = parse("2025-04-12T18:00:00", &london()).unwrap();
        assert_eq!(p.view().rfc2822, "Sat, 12 Apr 2025 18:00:00 +0100");
    }
}
