//! The Pagefind index, built in-process on its own thread. Rendered article pages arrive
//! from the rendering threads in any order; the worker feeds them to Pagefind in article
//! order, so the same site always gives the same bundle, byte for byte.

use crate::error::{Error, Result};
use crate::urls::OutPath;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::thread;

/// Bundle files the search page does not use: Pagefind's own interfaces and playground.
const UNUSED: &[&str] = &[
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
    "playground/",
];

/// The bundle's files and their bytes.
type Bundle = Vec<(OutPath, Vec<u8>)>;

/// One rendered page on its way to the index.
struct Page {
    order: usize,
    url: String,
    html: String,
}

/// The indexing thread and the channel that feeds it.
pub struct Worker {
    pages: mpsc::SyncSender<Page>,
    thread: thread::JoinHandle<Result<Bundle>>,
}

impl Worker {
    /// Starts an index for a site written in `language` (its primary subtag picks the stemmer).
    pub fn start(language: &str) -> Worker {
        let language = language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
        // Bounded: when indexing falls behind, rendering waits instead of piling up pages.
        let (pages, inbox) = mpsc::sync_channel(32);
        let thread = thread::spawn(move || run(&language, inbox));
        Worker { pages, thread }
    }

    /// Queues the page at `out`, the `order`-th article.
    pub fn add(&self, order: usize, out: &OutPath, html: &str) {
        let page = Page { order, url: format!("/{}", out.as_str()), html: html.to_string() };
        // A closed channel means the worker failed; `finish` reports why.
        let _ = self.pages.send(page);
    }

    /// Waits for the index and returns the bundle's files, under `pagefind/`.
    pub fn finish(self) -> Result<Bundle> {
        drop(self.pages);
        self.thread.join().unwrap_or_else(|_| Err(failed("the indexing thread panicked")))
    }
}

/// The worker's loop: index pages in order as they become available, then build the bundle.
fn run(language: &str, inbox: mpsc::Receiver<Page>) -> Result<Bundle> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("start", "pagefind", e))?;
    let options = PagefindServiceConfig::builder().force_language(language.to_string()).build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed(&e.to_string()))?;
    let mut queue = InOrder::default();
    for page in inbox {
        for page in queue.push(page.order, page) {
            runtime.block_on(add(&mut index, page))?;
        }
    }
    // Only a failed build leaves gaps; index what came, still in order.
    for page in queue.rest() {
        runtime.block_on(add(&mut index, page))?;
    }
    let files = runtime.block_on(index.get_files()).map_err(|e| failed(&e.to_string()))?;
    Ok(files
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let used = !UNUSED.iter().any(|u| name.starts_with(u));
            used.then(|| (OutPath::new(format!("pagefind/{name}")), file.contents))
        })
        .collect())
}

/// Puts items numbered 0, 1, 2… back in order: each push returns the items that are
/// now next in line.
struct InOrder<T> {
    next: usize,
    waiting: BTreeMap<usize, T>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder { next: 0, waiting: BTreeMap::new() }
    }
}

impl<T> InOrder<T> {
    fn push(&mut self, order: usize, item: T) -> Vec<T> {
        self.waiting.insert(order, item);
        let mut ready = Vec::new();
        while let Some(item) = self.waiting.remove(&self.next) {
            ready.push(item);
            self.next += 1;
        }
        ready
    }

    fn rest(self) -> impl Iterator<Item = T> {
        self.waiting.into_values()
    }
}

async fn add(index: &mut PagefindIndex, page: Page) -> Result<()> {
    let Page { url, html, .. } = page;
    index.add_html_file(None, Some(url.clone()), html).await.map(|_| ()).map_err(|e| {
        Error::io("index", url.trim_start_matches('/'), std::io::Error::other(e.to_string()))
    })
}

fn failed(message: &str) -> Error {
    Error::io("build the search index in", "pagefind", std::io::Error::other(message.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_items_in_order_whatever_order_they_come_in() {
        let mut queue = InOrder::default();
        assert!(queue.push(2, 'c').is_empty());
        assert!(queue.push(1, 'b').is_empty());
        assert_eq!(queue.push(0, 'a'), ['a', 'b', 'c']);
        assert_eq!(queue.push(3, 'd'), ['d']);
        assert!(queue.push(5, 'f').is_empty());
        assert_eq!(queue.rest().collect::<Vec<_>>(), ['f']);
    }
}
