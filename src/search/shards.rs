//! The sharded search index, for archives too large for one Pagefind index: a search loads
//! only the few small files its words need, whatever the number of articles, and the
//! index is built in bounded memory, a batch of articles at a time.
//!
//! Files, all under `assets/search/`, each a script calling `broadsheetSearch(name, data)`
//! so the search page can load them with `<script>` tags, served or opened from disk:
//! - `meta.js`: the number of documents, the block size, and the first word of each shard;
//! - `t/<n>.js`: shard `n`, a run of keys in code-point order: a word's stem (as Pagefind
//!   stems it) with its number of documents and its postings, document numbers (as gaps)
//!   and their BM25 scores, the best [`CAP`] only for common words; `=word`, the stem of
//!   a word that is not its own; a filter value (`#tag:Transport`), every document;
//! - `d/<n>.js`: block `n`, [`BLOCK`] documents in site order (newest first, then pages):
//!   link, headline, date shown, section, summary, language.
//!
//! Each batch's postings are written to the work folder as a run sorted by word, and the
//! runs are merged word by word into the shards, so memory holds one batch, not the corpus.

use super::record::Record;
use crate::error::{Error, Result};
use crate::urls::OutPath;
use pagefind_stem::Stemmer;
use rustc_hash::FxHashMap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Documents per block file.
pub(crate) const BLOCK: usize = 32;
/// A shard is closed once it holds this many bytes.
const SHARD_BYTES: usize = 64 * 1024;
/// Postings kept for a word: those with the highest scores.
pub(crate) const CAP: usize = 2000;
/// Documents tokenized per run.
const BATCH: usize = 4096;
/// Weight of a word in the headline.
/// Six: of 3, 6 and 10, the one whose top ten Pagefind scores highest (bench/RESULTS.md).
const TITLE_WEIGHT: u32 = 6;
/// BM25's parameters, Pagefind's defaults (term saturation, page length).
const K1: f64 = 1.4;
const B: f64 = 0.75;

/// One document's postings: word → weighted count.
type Counts = FxHashMap<String, u32>;
/// A run's entry: a key and its (document, weighted count) postings, documents ascending.
type Entry = (String, Vec<(u32, u32)>);

/// Where the index's files go: each file's path in the site and its bytes.
pub(crate) type Emit<'e> = &'e dyn Fn(&OutPath, &[u8]) -> Result<()>;

/// How a build indexes: documents per batch, the stemmer, the folder for the runs.
struct Work<'w> {
    batch: usize,
    stemmer: Option<&'w Stemmer>,
    scratch: &'w Path,
}

/// Writes the index of `count` documents through `output`, reading their records a batch
/// at a time (`records` makes those of a range of documents) and spilling each batch's
/// postings into `scratch`, which is removed at the end.
pub(crate) fn write<'a>(
    count: usize,
    records: impl Fn(std::ops::Range<usize>) -> Vec<Record<'a>>,
    language: &str,
    output: Emit,
    scratch: &Path,
) -> Result<()> {
    let stemmer = stemmer(language);
    let work = Work { batch: BATCH, stemmer: stemmer.as_ref(), scratch };
    write_in(count, records, &work, output)
}

fn write_in<'a>(
    count: usize,
    records: impl Fn(std::ops::Range<usize>) -> Vec<Record<'a>>,
    work: &Work,
    output: Emit,
) -> Result<()> {
    // Runs a crashed build left behind go first.
    crate::fs::remove_dir_all(work.scratch)?;
    // A batch starts a block: whole blocks per batch.
    let batch = work.batch.div_ceil(BLOCK).max(1) * BLOCK;
    let mut lengths: Vec<u32> = Vec::with_capacity(count);
    let mut runs: Vec<Run> = Vec::new();
    for start in (0..count).step_by(batch) {
        let made = records(start..(start + batch).min(count));
        write_blocks(start, &made, output)?;
        let entries = postings(start, &made, work.stemmer, &mut lengths);
        drop(made);
        runs.push(match count > batch {
            true => Run::spill(work.scratch, runs.len(), entries)?,
            false => Run::Memory(entries.into_iter()),
        });
    }
    let total = lengths.iter().map(|&l| f64::from(l)).sum::<f64>();
    let average = (total / count.max(1) as f64).max(1.0);
    let scorer = Scorer { docs: count as f64, average, lengths: &lengths };
    let mut shards = Shards::new(output);
    merge(runs, |key, postings| match key.strip_prefix('=').and(key.split_once('\0')) {
        Some((word, stem)) => {
            let json = |s: &str| serde_json::to_string(s).expect("a string");
            shards.push(word, &format!("{}:{}", json(word), json(stem)))
        }
        None => shards.push(&key, &scorer.entry(&key, postings)),
    })?;
    let firsts = shards.finish()?;
    let meta = serde_json::json!({ "docs": count, "block": BLOCK, "shards": firsts });
    output(&path("meta.js"), script("meta", &meta.to_string()).as_bytes())?;
    crate::fs::remove_dir_all(work.scratch)
}

/// A batch's postings, sorted by key, for the documents from `start`; their lengths are
/// pushed onto `lengths`.
fn postings(
    start: usize,
    records: &[Record],
    stemmer: Option<&Stemmer>,
    lengths: &mut Vec<u32>,
) -> Vec<Entry> {
    use rayon::prelude::*;
    let counted: Vec<(Counts, u32)> = records.par_iter().map(|r| counts(r, stemmer)).collect();
    let mut postings: FxHashMap<String, Vec<(u32, u32)>> = FxHashMap::default();
    for (offset, (counts, length)) in counted.into_iter().enumerate() {
        lengths.push(length);
        let doc = (start + offset) as u32;
        for (key, n) in counts {
            // A word's stem entry (`=word\0stem`) needs no documents: one says it is there.
            let surface = key.starts_with('=');
            let list = postings.entry(key).or_default();
            if !surface || list.is_empty() {
                list.push((doc, n));
            }
        }
    }
    let mut entries: Vec<Entry> = postings.into_iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

fn path(file: &str) -> OutPath {
    crate::site::pagemap::search_shard_file(file)
}

fn script(name: &str, json: &str) -> String {
    format!("broadsheetSearch(\"{name}\",{json});\n")
}

/// Writes the blocks of documents `start..` (`start` a multiple of [`BLOCK`]).
fn write_blocks(start: usize, records: &[Record], output: Emit) -> Result<()> {
    for (n, chunk) in records.chunks(BLOCK).enumerate() {
        let block = start / BLOCK + n;
        let docs: Vec<serde_json::Value> = chunk
            .iter()
            .map(|r| serde_json::json!([r.url, r.title, r.shown, r.section, r.summary, r.lang]))
            .collect();
        let json = serde_json::Value::Array(docs).to_string();
        let text = script(&format!("d{block}"), &json);
        output(&path(&format!("d/{block}.js")), text.as_bytes())?;
    }
    Ok(())
}

/// A document's weighted word counts (by stem) and its length in words; a word whose stem
/// differs from it adds `=word\0stem`, so a query can find its stem.
fn counts(r: &Record, stemmer: Option<&Stemmer>) -> (Counts, u32) {
    let mut counts = Counts::default();
    let mut length = 0;
    let mut add = |text: &str, weight: u32, counted: bool| {
        tokens(text, |word, is_word| {
            let stem = match (stemmer, word.chars().any(is_cjk) || !is_word) {
                (Some(stemmer), false) => stemmer.stem(&word).into_owned(),
                _ => word.clone(),
            };
            // Nepali's stemmer takes some short words to nothing: they stay themselves.
            let stem = if stem.is_empty() { word.clone() } else { stem };
            if stem != word {
                counts.entry(format!("={word}\0{stem}")).or_default();
            }
            *counts.entry(stem).or_default() += weight;
            length += u32::from(counted && is_word);
        })
    };
    // The headline weighs more, as in Pagefind, and is not counted in the length.
    add(r.title, TITLE_WEIGHT, false);
    add(&r.text, 1, true);
    // An article's section (a standalone page's is the label "Page", not searched for).
    if let Some(section) = r.section.filter(|_| r.kind == "article") {
        add(section, 1, false);
    }
    for (name, values) in r.filters.named() {
        for value in values {
            counts.insert(format!("#{name}:{value}"), 0);
        }
    }
    (counts, length)
}

/// The Snowball stemmer Pagefind uses for `language` (its primary subtag), if any.
pub(crate) fn stemmer(language: &str) -> Option<Stemmer> {
    use pagefind_stem::Algorithm::*;
    let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let algorithm = match primary.as_str() {
        "ar" => Arabic,
        "hy" => Armenian,
        "eu" => Basque,
        "ca" => Catalan,
        "da" => Danish,
        "nl" => Dutch,
        "en" => English,
        "eo" => Esperanto,
        "et" => Estonian,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hi" => Hindi,
        "hu" => Hungarian,
        "id" => Indonesian,
        "ga" => Irish,
        "it" => Italian,
        "lt" => Lithuanian,
        "nb" | "nn" | "no" => Norwegian,
        "ne" => Nepali,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "sr" => Serbian,
        "pl" => Polish,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        "yi" => Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Calls `each` with the index words of `text`, as the search page finds them in a query:
/// folded (accents off, lower case) runs of letters and digits; a run of Chinese or
/// Japanese characters gives its words, as ICU's dictionary segmenter cuts them (the
/// browser's `Intl.Segmenter` cuts a query alike), and each character as `~c`, which a
/// query falls back on for a word the index lacks. The flag says whether the key is a
/// word (counted in the document's length).
pub(crate) fn tokens(text: &str, mut each: impl FnMut(String, bool)) {
    let folded = fold(text);
    for word in folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        split_cjk(word, &mut each);
    }
}

/// Letters, digits and combining marks (a virama, a kana voicing mark): what the search
/// page's `[\p{Alphabetic}\p{M}\p{N}]` keeps together.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Accents off (decomposed, combining marks U+0300–U+036F dropped, composed again) and
/// lower case, as the search page's `fold`.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let stripped = text.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c));
    stripped.nfc().collect::<String>().to_lowercase()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// A word's runs: other letters as one word, Chinese and Japanese as words and characters.
fn split_cjk(word: &str, each: &mut impl FnMut(String, bool)) {
    if !word.chars().any(is_cjk) {
        return each(word.to_string(), true);
    }
    let segmenter = icu_segmenter::WordSegmenter::new_dictionary(Default::default());
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        let cjk = is_cjk(c);
        let end = rest.find(|c: char| is_cjk(c) != cjk).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        if cjk {
            let breaks: Vec<usize> = segmenter.segment_str(run).collect();
            for pair in breaks.windows(2) {
                each(run[pair[0]..pair[1]].to_string(), true);
            }
            for c in run.chars() {
                each(format!("~{c}"), false);
            }
        } else {
            each(run.to_string(), true);
        }
        rest = tail;
    }
}

/// BM25 scores over the whole corpus.
struct Scorer<'l> {
    docs: f64,
    average: f64,
    lengths: &'l [u32],
}

impl Scorer<'_> {
    /// A key's entry in its shard: `"key":[df,[gaps],[scores],top]`, each score in
    /// thousandths of the word's best, `top` (a filter value: `"key":[df,[gaps]]`).
    fn entry(&self, key: &str, postings: Vec<(u32, u32)>) -> String {
        let df = postings.len();
        let mut out = serde_json::to_string(key).expect("a string");
        out.push_str(&format!(":[{df},["));
        if key.starts_with('#') {
            push_gaps(&mut out, postings.iter().map(|p| p.0));
            out.push_str("]]");
            return out;
        }
        let n = df as f64;
        let idf = (1.0 + (self.docs - n + 0.5) / (n + 0.5)).ln();
        let mut scored: Vec<(u32, f64)> = postings
            .iter()
            .map(|&(doc, tf)| {
                let tf = f64::from(tf);
                let norm = 1.0 - B + B * f64::from(self.lengths[doc as usize]) / self.average;
                (doc, idf * tf * (K1 + 1.0) / (tf + K1 * norm))
            })
            .collect();
        if scored.len() > CAP {
            scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(CAP);
            scored.sort_unstable_by_key(|p| p.0);
        }
        let top = scored.iter().map(|p| p.1).fold(f64::MIN_POSITIVE, f64::max);
        push_gaps(&mut out, scored.iter().map(|p| p.0));
        out.push_str("],[");
        for (i, (_, score)) in scored.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&((score / top * 999.0).round() as u32).max(1).to_string());
        }
        out.push_str(&format!("],{top}]"));
        out
    }
}

/// Appends document numbers as gaps from the one before, the first from 0.
fn push_gaps(out: &mut String, docs: impl Iterator<Item = u32>) {
    let mut last = 0;
    for (i, doc) in docs.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&(doc - last).to_string());
        last = doc;
    }
}

/// The shards being written: entries in key order, cut by size.
struct Shards<'o> {
    output: Emit<'o>,
    firsts: Vec<String>,
    body: String,
}

impl<'o> Shards<'o> {
    fn new(output: Emit<'o>) -> Self {
        Shards { output, firsts: Vec::new(), body: String::new() }
    }

    fn push(&mut self, key: &str, entry: &str) -> Result<()> {
        if self.body.is_empty() {
            self.firsts.push(key.to_string());
        } else {
            self.body.push(',');
        }
        self.body.push_str(entry);
        if self.body.len() >= SHARD_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.body.is_empty() {
            return Ok(());
        }
        let n = self.firsts.len() - 1;
        let text = script(&format!("t{n}"), &format!("{{{}}}", self.body));
        self.body.clear();
        (self.output)(&path(&format!("t/{n}.js")), text.as_bytes())
    }

    fn finish(mut self) -> Result<Vec<String>> {
        self.flush()?;
        Ok(self.firsts)
    }
}

/// A batch's sorted entries: in memory when it is the only one, else in a file.
enum Run {
    Memory(std::vec::IntoIter<Entry>),
    File { reader: BufReader<std::fs::File>, path: PathBuf, left: usize },
}

impl Run {
    fn spill(scratch: &Path, n: usize, entries: Vec<Entry>) -> Result<Run> {
        crate::fs::create_dir_all(scratch)?;
        let path = scratch.join(format!("run-{n}"));
        let file = std::fs::File::create(&path).map_err(|e| Error::io("create", &path, e))?;
        let mut w = BufWriter::new(file);
        let left = entries.len();
        for entry in &entries {
            let bytes = postcard::to_stdvec(entry).expect("strings and numbers");
            w.write_all(&(bytes.len() as u32).to_le_bytes())
                .and_then(|()| w.write_all(&bytes))
                .map_err(|e| Error::io("write", &path, e))?;
        }
        w.flush().map_err(|e| Error::io("write", &path, e))?;
        let file = std::fs::File::open(&path).map_err(|e| Error::io("read", &path, e))?;
        Ok(Run::File { reader: BufReader::new(file), path, left })
    }

    fn next(&mut self) -> Result<Option<Entry>> {
        match self {
            Run::Memory(entries) => Ok(entries.next()),
            Run::File { left: 0, .. } => Ok(None),
            Run::File { reader, path, left } => {
                *left -= 1;
                let mut len = [0u8; 4];
                let mut read = |buf: &mut [u8]| {
                    reader.read_exact(buf).map_err(|e| Error::io("read", path.as_path(), e))
                };
                read(&mut len)?;
                let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
                read(&mut bytes)?;
                postcard::from_bytes(&bytes)
                    .map(Some)
                    .map_err(|e| Error::io("read", path.as_path(), std::io::Error::other(e)))
            }
        }
    }
}

/// Merges the runs key by key, in key order; a key's postings stay in document order
/// since the runs are in document order.
fn merge(
    mut runs: Vec<Run>,
    mut each: impl FnMut(String, Vec<(u32, u32)>) -> Result<()>,
) -> Result<()> {
    let mut heads: Vec<Option<Entry>> = Vec::with_capacity(runs.len());
    for run in &mut runs {
        heads.push(run.next()?);
    }
    let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(String, usize)>> = heads
        .iter_mut()
        .enumerate()
        .filter_map(|(i, h)| h.as_ref().map(|(k, _)| std::cmp::Reverse((k.clone(), i))))
        .collect();
    while let Some(std::cmp::Reverse((key, first))) = heap.pop() {
        let mut which = vec![first];
        while heap.peek().is_some_and(|std::cmp::Reverse((k, _))| *k == key) {
            let std::cmp::Reverse((_, i)) = heap.pop().expect("peeked");
            which.push(i);
        }
        which.sort_unstable();
        let mut postings = Vec::new();
        for i in which {
            let (_, p) = heads[i].take().expect("a head for each heap entry");
            postings.extend(p);
            heads[i] = runs[i].next()?;
            if let Some((k, _)) = &heads[i] {
                heap.push(std::cmp::Reverse((k.clone(), i)));
            }
        }
        each(key, postings)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokens(text, |t, _| out.push(t));
        out
    }

    #[test]
    fn words_are_folded_like_the_search_page_folds_a_query() {
        assert_eq!(
            all("Dévoilé: the CAFÉ’s 2025 plan"),
            ["devoile", "the", "cafe", "s", "2025", "plan"]
        );
    }

    fn record<'a>(title: &'a str, text: &str, tag: &'a str) -> Record<'a> {
        Record {
            kind: "article",
            url: title,
            title,
            date: None,
            shown: None,
            section: None,
            summary: "",
            lang: None,
            filters: super::super::record::Filters {
                tag: vec![tag],
                author: Vec::new(),
                source: Vec::new(),
                edition: Vec::new(),
            },
            text: text.to_string(),
        }
    }

    /// The index's files for `count` generated documents, built `batch` at a time.
    fn built(count: usize, batch: usize, scratch: &Path) -> Vec<(String, String)> {
        let files = std::sync::Mutex::new(Vec::new());
        let emit = |p: &OutPath, bytes: &[u8]| -> Result<()> {
            let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
            files.lock().unwrap().push((p.as_str().to_string(), text));
            Ok(())
        };
        let titles: Vec<String> = (0..count).map(|i| format!("Story {i}")).collect();
        let records = |range: std::ops::Range<usize>| -> Vec<Record> {
            range
                .map(|i| {
                    let text = format!("harbor bridge {} tram{}", "vote ".repeat(i % 4), i % 7);
                    record(&titles[i], &text, ["Transport", "Politics"][i % 2])
                })
                .collect()
        };
        let stemmer = stemmer("en");
        let work = Work { batch, stemmer: stemmer.as_ref(), scratch };
        write_in(count, records, &work, &emit).unwrap();
        let mut files = files.into_inner().unwrap();
        files.sort();
        files
    }

    #[test]
    fn spilled_runs_give_the_index_one_batch_gives() {
        let dir = std::env::temp_dir().join(format!("bs-shards-{}", std::process::id()));
        let whole = built(300, 10_000, &dir.join("a"));
        let spilled = built(300, 7, &dir.join("b"));
        assert!(!dir.join("b").exists(), "the runs are removed");
        assert_eq!(whole, spilled);
        crate::fs::discard(&dir);
        let files: Vec<&str> = whole.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(files.len(), 300usize.div_ceil(BLOCK) + 2, "blocks, one shard, meta: {files:?}");
        let meta = &whole.iter().find(|(p, _)| p.ends_with("meta.js")).unwrap().1;
        assert!(meta.contains("\"docs\":300"), "{meta}");
        let shard = &whole.iter().find(|(p, _)| p.ends_with("t/0.js")).unwrap().1;
        // Every document says "harbor": 300 postings, gaps of 1 after the first.
        let harbor = format!("\"harbor\":[300,[0{}],[", ",1".repeat(299));
        assert!(shard.contains(&harbor), "{}", &shard[..300]);
        assert!(shard.contains("\"#tag:Transport\":[150,[0"), "filters list every document");
    }

    #[test]
    fn common_words_keep_their_best_documents_only() {
        let lengths = vec![10u32; CAP + 10];
        let scorer = Scorer { docs: (CAP + 10) as f64, average: 10.0, lengths: &lengths };
        // Document 5 says the word most; every document says it.
        let postings: Vec<(u32, u32)> =
            (0..(CAP + 10) as u32).map(|d| (d, if d == 5 { 4 } else { 1 })).collect();
        let entry = scorer.entry("the", postings);
        let json: serde_json::Value =
            serde_json::from_str(&format!("{{{entry}}}")).expect("an entry is JSON");
        let e = &json["the"];
        assert_eq!(e[0], CAP + 10, "the count is of every document");
        assert_eq!(e[1].as_array().unwrap().len(), CAP);
        let scores: Vec<u64> =
            e[2].as_array().unwrap().iter().map(|s| s.as_u64().unwrap()).collect();
        assert_eq!(scores[5], *scores.iter().max().unwrap(), "document 5 is kept, scored highest");
        assert!(scores.iter().all(|&s| s >= 1));
    }

    #[test]
    fn a_word_its_stemmer_empties_keeps_itself() {
        // Nepali's Snowball stemmer takes "छ" to "": an empty key would match every word.
        let ne = stemmer("ne");
        let (counts, _) = counts(&record("छ", "छ", "x"), ne.as_ref());
        assert!(counts.contains_key("छ"), "{counts:?}");
        assert!(!counts.contains_key(""), "{counts:?}");
    }

    #[test]
    fn chinese_gives_its_words_and_characters() {
        assert_eq!(
            all("火星上发现冰x"),
            ["火星", "上", "发现", "冰", "~火", "~星", "~上", "~发", "~现", "~冰", "x"]
        );
    }
}
