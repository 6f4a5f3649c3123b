//! The Pagefind index, built in-process from the articles' search records (not from
//! their rendered pages), fed in article order so the same site always gives the same
//! bundle, byte for byte.

use super::record::Record;
use crate::error::{Error, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// Bundle files the search page does not use: Pagefind's own interfaces and playground.
const UNUSED: &[&str] = &[
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
    "playground/",
];

/// The bundle's files and their bytes.
pub(super) type Bundle = Vec<(String, Vec<u8>)>;

/// The primary subtag of `language`, which picks Pagefind's stemmer.
pub(super) fn primary(language: &str) -> String {
    language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase()
}

/// Indexes `records` in order, all in `language`, and returns the bundle's files, by
/// their paths inside the bundle.
pub(super) fn bundle<'a>(
    language: &str,
    records: impl Iterator<Item = Record<'a>>,
) -> Result<Bundle> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("start", "pagefind", e))?;
    let language = primary(language);
    let options = PagefindServiceConfig::builder().force_language(language.clone()).build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed(&e.to_string()))?;
    for record in records {
        runtime.block_on(add(&mut index, &language, record))?;
    }
    let files = runtime.block_on(index.get_files()).map_err(|e| failed(&e.to_string()))?;
    Ok(files
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let used = !UNUSED.iter().any(|u| name.starts_with(u));
            used.then_some((name, file.contents))
        })
        .collect())
}

async fn add(index: &mut PagefindIndex, language: &str, record: Record<'_>) -> Result<()> {
    let url = format!("/{}", record.url);
    let mut meta = BTreeMap::from([("title".to_string(), record.title.to_string())]);
    let kind = (record.kind != "article").then(|| record.kind.to_string());
    let optional = [
        ("date", record.shown.clone()),
        ("section", record.section.map(String::from)),
        ("kind", kind),
    ];
    meta.extend(optional.into_iter().filter_map(|(k, v)| Some((k.to_string(), v?))));
    let filters: BTreeMap<String, Vec<String>> = record
        .filters
        .named()
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, values)| (name.to_string(), values))
        .collect();
    let sort = record.date.map(|d| BTreeMap::from([("date".to_string(), d.to_string())]));
    index
        .add_custom_record(
            url.clone(),
            record.text,
            language.to_string(),
            Some(meta),
            Some(filters),
            sort,
        )
        .await
        .map(|_| ())
        .map_err(|e| {
            Error::io("index", url.trim_start_matches('/'), std::io::Error::other(e.to_string()))
        })
}

fn failed(message: &str) -> Error {
    Error::io("build the search index in", "pagefind", std::io::Error::other(message.to_string()))
}
