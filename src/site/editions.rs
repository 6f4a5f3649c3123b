//! Editions (articles grouped by day or ISO week in the site time zone) and the
//! year/month archive. Both are computed once, linear in the number of articles.

use super::Entry;
use crate::config::Period;
use crate::urls::OutPath;
use std::collections::BTreeMap;

/// One edition: the articles of one day (or week).
#[derive(Debug)]
pub struct Edition {
    /// `2025-04-12`, or `2025-W15` for weekly editions.
    pub key: String,
    /// The edition's first day.
    pub first_day: jiff::civil::Date,
    /// Weekly or daily.
    pub period: Period,
    /// Its page.
    pub out: OutPath,
    /// Entry indices: the lead first, then newest first.
    pub entries: Vec<usize>,
}

/// Groups dated entries (already newest first) into editions, newest edition first.
pub(crate) fn editions(entries: &[Entry], period: Period) -> Vec<Edition> {
    let mut groups: Vec<Edition> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(date) = &e.article.meta.date else { continue };
        let day = date.at.date();
        let (key, first_day) = match period {
            Period::Day => (day.to_string(), day),
            Period::Week => {
                let week = day.iso_week_date();
                let monday =
                    day - jiff::Span::new().days(i64::from(week.weekday().to_monday_zero_offset()));
                (format!("{:04}-W{:02}", week.year(), week.week()), monday)
            }
        };
        match groups.last_mut() {
            Some(g) if g.key == key => g.entries.push(i),
            _ => groups.push(Edition {
                out: super::pagemap::edition(&key),
                key,
                first_day,
                period,
                entries: vec![i],
            }),
        }
    }
    for g in &mut groups {
        if let Some(pos) = g.entries.iter().position(|&i| entries[i].article.meta.lead)
            && pos > 0
        {
            let lead = g.entries.remove(pos);
            g.entries.insert(0, lead);
        }
    }
    groups
}

/// The archive: years, newest first, each with its months, newest first.
#[derive(Debug, Default)]
pub struct Archive {
    /// Years.
    pub years: Vec<Year>,
}

/// One year of the archive.
#[derive(Debug)]
pub struct Year {
    /// The year.
    pub year: i16,
    /// Its page.
    pub out: OutPath,
    /// Its months, newest first.
    pub months: Vec<Month>,
}

/// One month of the archive.
#[derive(Debug)]
pub struct Month {
    /// The year.
    pub year: i16,
    /// The month, 1–12.
    pub month: i8,
    /// Its page.
    pub out: OutPath,
    /// Entry indices, newest first.
    pub entries: Vec<usize>,
}

/// Builds the archive from dated entries.
pub(crate) fn archive(entries: &[Entry]) -> Archive {
    let mut map: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(d) = &e.article.meta.date {
            map.entry((d.at.year(), d.at.month())).or_default().push(i);
        }
    }
    let mut years: Vec<Year> = Vec::new();
    for ((year, month), list) in map.into_iter().rev() {
        let m = Month { year, month, out: super::pagemap::month(year, month), entries: list };
        match years.last_mut() {
            Some(y) if y.year == year => y.months.push(m),
            _ => years.push(Year { year, out: super::pagemap::year(year), months: vec![m] }),
        }
    }
    Archive { years }
}
