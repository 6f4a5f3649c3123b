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
pub(crate) fn related(entries: &[Entry], count: usize) -> Vec<Vec<usize>> {
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
    // Scores live in one dense array per thread (touched slots are reset after each
    // entry): the same sums in the same order as a map per entry, several times faster.
    keys.par_iter()
        .enumerate()
        .map_init(
            || (vec![0f32; entries.len()], Vec::new()),
            |(scores, touched), (i, ks)| {
                for (k, weight) in ks {
                    let list = &postings[k.as_str()];
                    if list.len() > MAX_POSTINGS || list.len() < 2 {
                        continue;
                    }
                    let idf = (n / list.len() as f32).ln() + 1.0;
                    for &j in list.iter().filter(|&&j| j != i) {
                        if scores[j] == 0.0 {
                            touched.push(j);
                        }
                        scores[j] += idf * weight;
                    }
                }
                best(scores, touched, count)
            },
        )
        .collect()
}

/// The `count` best-scored entries, best first (ties by index), resetting the scores.
fn best(scores: &mut [f32], touched: &mut Vec<usize>, count: usize) -> Vec<usize> {
    let mut best: Vec<(usize, f32)> = touched.drain(..).map(|j| (j, scores[j])).collect();
    for &(j, _) in &best {
        scores[j] = 0.0;
    }
    let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if best.len() > count && count > 0 {
        best.select_nth_unstable_by(count - 1, order);
        best.truncate(count);
    }
    best.sort_by(order);
    // Collected by reference: `into_iter().map().collect()` would reuse `best`'s buffer
    // in place and keep its whole capacity (every touched entry) alive per entry, which
    // made memory grow with the square of the site (750 MB at 10,000 articles).
    best.iter().take(count).map(|&(j, _)| j).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_ranks_by_score_then_index_and_resets_the_scores() {
        let mut scores = vec![0.0, 2.0, 5.0, 2.0, 1.0];
        let mut touched = vec![4, 3, 2, 1];
        assert_eq!(best(&mut scores, &mut touched, 3), [2, 1, 3]);
        assert!(scores.iter().all(|&s| s == 0.0) && touched.is_empty());
        let mut scores = vec![1.0, 3.0];
        assert_eq!(best(&mut scores, &mut vec![0, 1], 5), [1, 0]);
        let mut scores = vec![1.0; 1000];
        let kept = best(&mut scores, &mut (0..1000).collect(), 5);
        assert!(kept.capacity() < 100, "the list keeps a buffer of {}", kept.capacity());
    }
}
