//! Numbering lists: where page `n` of a list goes, and which pages it links to.

use super::Ctx;
use crate::urls::OutPath;
use serde::Serialize;

/// A page of a paginated list.
#[derive(Serialize)]
pub(super) struct Pagination {
    current: usize,
    total: usize,
    label: String,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    n: usize,
    href: String,
    current: bool,
    /// Stands for the pages left out between two links ("…").
    gap: bool,
}

/// Pages linked from page `n` of `total`: the first, the last and two either side of
/// `n`, with a gap (0) where pages are left out. A bounded window keeps each page's
/// size, and so a list's cost, linear in its length rather than quadratic.
pub fn page_window(n: usize, total: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = Vec::new();
    for k in [1, n.saturating_sub(2), n.saturating_sub(1), n, n + 1, n + 2, total] {
        if (1..=total).contains(&k) && !shown.contains(&k) {
            shown.push(k);
        }
    }
    shown.sort_unstable();
    let mut out = Vec::with_capacity(shown.len() + 2);
    for (i, &k) in shown.iter().enumerate() {
        if i > 0 && k > shown[i - 1] + 1 {
            out.push(0);
        }
        out.push(k);
    }
    out
}

/// The output path of page `n` (1-based) of a list whose first page is `first`.
pub fn page_path(first: &OutPath, n: usize) -> OutPath {
    if n <= 1 {
        return first.clone();
    }
    let stem = first
        .as_str()
        .strip_suffix("index.html")
        .map(|s| s.trim_end_matches('/'))
        .unwrap_or_else(|| first.as_str().strip_suffix(".html").unwrap_or(first.as_str()));
    if stem.is_empty() {
        OutPath::new(format!("page/{n}.html"))
    } else {
        OutPath::new(format!("{stem}/page/{n}.html"))
    }
}

/// Number of pages for `len` items (0 for an empty list).
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1))
}

impl Ctx<'_> {
    pub(super) fn pagination(
        &self,
        out: &OutPath,
        first: &OutPath,
        n: usize,
        total: usize,
    ) -> Option<Pagination> {
        if total <= 1 {
            return None;
        }
        let link = |k: usize| self.href(out, &page_path(first, k));
        Some(Pagination {
            current: n,
            total,
            label: self.labels.count("page_of", n, total),
            prev: (n > 1).then(|| link(n - 1)),
            next: (n < total).then(|| link(n + 1)),
            pages: page_window(n, total)
                .into_iter()
                .map(|k| PageLink {
                    n: k,
                    href: if k == 0 { String::new() } else { link(k) },
                    current: k == n,
                    gap: k == 0,
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_live_under_the_list() {
        assert_eq!(page_path(&OutPath::new("index.html"), 2).as_str(), "page/2.html");
        assert_eq!(page_path(&OutPath::new("index.html"), 1).as_str(), "index.html");
        assert_eq!(page_path(&OutPath::new("tags/x.html"), 3).as_str(), "tags/x/page/3.html");
        assert_eq!(
            page_path(&OutPath::new("editions/index.html"), 2).as_str(),
            "editions/page/2.html"
        );
    }

    #[test]
    fn pagination_links_a_window_with_gaps() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 50), [1, 2, 3, 0, 50]);
        assert_eq!(page_window(25, 50), [1, 0, 23, 24, 25, 26, 27, 0, 50]);
        assert_eq!(page_window(4, 50), [1, 2, 3, 4, 5, 6, 0, 50]);
        assert_eq!(page_window(50, 50), [1, 0, 48, 49, 50]);
    }

    #[test]
    fn counts_pages() {
        assert_eq!(page_count(0, 10), 0);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
    }
}
