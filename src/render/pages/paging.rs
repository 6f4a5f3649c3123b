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
pub(crate) fn page_window(n: usize, total: usize) -> Vec<usize> {
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
        let link = |k: usize| self.href(out, &crate::site::pagemap::page(first, k));
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
    fn pagination_links_a_window_with_gaps() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 50), [1, 2, 3, 0, 50]);
        assert_eq!(page_window(25, 50), [1, 0, 23, 24, 25, 26, 27, 0, 50]);
        assert_eq!(page_window(4, 50), [1, 2, 3, 4, 5, 6, 0, 50]);
        assert_eq!(page_window(50, 50), [1, 0, 48, 49, 50]);
    }
}
