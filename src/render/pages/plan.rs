//! The pages a site has: one job per page, in a stable order.

use super::paging::{page_count, page_path};
use crate::site::Site;
use crate::urls::OutPath;

/// One page to render.
pub(super) enum Job {
    Front(usize),
    Article(usize),
    Terms(usize),
    Term(usize, usize, usize),
    Edition(usize),
    Editions(usize),
    Archive,
    Year(usize),
    Month(usize, usize),
    NotFound,
    Alias(usize, OutPath),
    Search,
}

pub(super) fn plan(site: &Site, search: bool) -> Vec<Job> {
    let per = site.config.per_page;
    let mut jobs: Vec<Job> = (0..site.entries.len()).map(Job::Article).collect();
    let older = older_entries(site).len();
    jobs.extend((1..=page_count(older, per).max(1)).map(Job::Front));
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.terms.is_empty() {
            continue;
        }
        jobs.push(Job::Terms(t));
        for (i, term) in tax.terms.iter().enumerate() {
            jobs.extend((1..=page_count(term.entries.len(), per)).map(|n| Job::Term(t, i, n)));
        }
    }
    jobs.extend((0..site.editions.len()).map(Job::Edition));
    jobs.extend((1..=page_count(site.editions.len(), per)).map(Job::Editions));
    if !site.archive.years.is_empty() {
        jobs.push(Job::Archive);
    }
    for (y, year) in site.archive.years.iter().enumerate() {
        jobs.push(Job::Year(y));
        jobs.extend((0..year.months.len()).map(|m| Job::Month(y, m)));
    }
    jobs.push(Job::NotFound);
    if search {
        jobs.push(Job::Search);
    }
    jobs.extend(site.aliases.iter().map(|(path, i)| Job::Alias(*i, path.clone())));
    jobs
}

/// The pages a sitemap lists, in plan order: every page but `404.html` and redirects.
pub fn listed_pages(site: &Site) -> Vec<OutPath> {
    plan(site, site.config.search.enabled).iter().filter_map(|job| listed_path(site, job)).collect()
}

/// Where a job's page goes, for the pages a sitemap lists.
fn listed_path(site: &Site, job: &Job) -> Option<OutPath> {
    Some(match job {
        Job::Front(n) => page_path(&OutPath::new("index.html"), *n),
        Job::Article(i) => site.entries[*i].out.clone(),
        Job::Terms(t) => site.taxonomies[*t].index.clone(),
        Job::Term(t, i, n) => page_path(&site.taxonomies[*t].terms[*i].out, *n),
        Job::Edition(k) => site.editions[*k].out.clone(),
        Job::Editions(n) => page_path(&OutPath::new("editions/index.html"), *n),
        Job::Archive => OutPath::new("archive/index.html"),
        Job::Year(y) => site.archive.years[*y].out.clone(),
        Job::Month(y, m) => site.archive.years[*y].months[*m].out.clone(),
        Job::Search => OutPath::new(crate::search::PAGE),
        Job::NotFound | Job::Alias(..) => return None,
    })
}

/// The output path an alias names: `old/x.html` as is, `old/x/` or `old/x` as `old/x/index.html`.
pub fn alias_path(alias: &str) -> Option<OutPath> {
    let alias = alias.trim().trim_start_matches('/');
    let path = if alias.ends_with(".html") || alias.ends_with(".htm") {
        alias.to_string()
    } else {
        format!("{}/index.html", alias.trim_end_matches('/'))
    };
    OutPath::checked(&path)
}

/// Dated entries not shown in full in the front page's latest editions.
pub(super) fn older_entries(site: &Site) -> Vec<usize> {
    let shown: std::collections::HashSet<usize> = site
        .editions
        .iter()
        .take(site.config.editions.front_page)
        .flat_map(|e| e.entries.iter().copied())
        .collect();
    (0..site.entries.len())
        .filter(|i| site.entries[*i].date.is_some() && !shown.contains(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths_are_checked() {
        assert_eq!(alias_path("/old/x.html").unwrap().as_str(), "old/x.html");
        assert_eq!(alias_path("old/x/").unwrap().as_str(), "old/x/index.html");
        assert!(alias_path("../../etc/x.html").is_none());
    }
}
