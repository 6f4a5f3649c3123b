//! Related coverage: for each article, up to N others that share its tags and its
//! headline's words, weighted by rarity (idf). Inverted indexes keep it near-linear;
//! ties break by date and path so the order is deterministic.

use super::Entry;
use rayon::prelude::*;
use std::collections::HashMap;

/// Terms on more than this many articles are too common to say two are related.
const MAX_POSTINGS: usize = 2_000;

const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as",
    "is", "are", "was", "be", "after", "amid", "over", "into", "its", "it", "new", "says", "say",
    "will", "has", "have", "not", "but", "up",
];

/// For each entry, the indices of its related entries, best first.
pub fn related(entries: &[Entry], count: usize) -> Vec<Vec<usize>> {
    if count == 0 {
        return vec![Vec::new(); entries.len()];
    }
    let keys: Vec<Vec<(String, f32)>> = entries.iter().map(keys_of).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for (k, _) in ks {
            postings.entry(k.as_str()).or_default().push(i);
        }
    }
    let n = entries.len() as f32;
    keys.par_iter()
        .enumerate()
        .map(|(i, ks)| {
            let mut scores: HashMap<usize, f32> = HashMap::new();
            for (k, weight) in ks {
                let list = &postings[k.as_str()];
                if list.len() > MAX_POSTINGS || list.len() < 2 {
                    continue;
                }
                let idf = (n / list.len() as f32).ln() + 1.0;
                for &j in list {
                    if j != i {
                        *scores.entry(j).or_default() += idf * weight;
                    }
                }
            }
            let mut best: Vec<(usize, f32)> = scores.into_iter().collect();
            best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            best.into_iter().take(count).map(|(j, _)| j).collect()
        })
        .collect()
}

/// An entry's weighted keys: its tags (weight 2), thread and section (1), headline words (0.5).
fn keys_of(e: &Entry) -> Vec<(String, f32)> {
    let m = &e.article.meta;
    let mut keys: Vec<(String, f32)> =
        m.tags.iter().map(|t| (format!("t:{}", crate::slugs::slugify(t, 60)), 2.0)).collect();
    if let Some(thread) = &m.thread {
        keys.push((format!("th:{thread}"), 1.0));
    }
    for word in m.title.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase) {
        if word.chars().count() > 2 && !STOP.contains(&word.as_str()) {
            keys.push((format!("w:{word}"), 0.5));
        }
    }
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    keys.dedup_by(|a, b| a.0 == b.0);
    keys
}
