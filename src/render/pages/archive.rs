//! The contexts of the archive: its index, a year, a month.

use super::*;

/// A month on a year page: its newest headlines, and how many it has in all.
#[derive(Serialize)]
struct MonthGroup<'a> {
    title: String,
    href: String,
    key: String,
    count: usize,
    items: Vec<Item<'a>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn archive(&self, c: &mut PageContext) -> (OutPath, &'static str) {
        #[derive(Serialize)]
        struct YearView {
            title: String,
            href: String,
            count: usize,
            months: Vec<TermView>,
        }
        let out = pagemap::path(pagemap::ARCHIVE);
        let (title, description) =
            (self.labels.map["archive"].clone(), self.site.config.description.clone());
        let mut page = self.page(&out, "archive", title, description);
        let years = self.site.archive.years.iter().map(|y| (&y.out, y.year.to_string()));
        page.jsonld = jsonld::list_jsonld(self.site, &page, &self.listed_pages(years));
        c.insert("page", &page);
        let years: Vec<YearView> = self
            .site
            .archive
            .years
            .iter()
            .map(|y| YearView {
                title: y.year.to_string(),
                href: self.href(&out, &y.out),
                count: y.months.iter().map(|m| m.entries.len()).sum(),
                months: y
                    .months
                    .iter()
                    .map(|m| TermView {
                        name: self.labels.month(m.year, m.month),
                        href: self.href(&out, &m.out),
                        count: m.entries.len(),
                    })
                    .collect(),
            })
            .collect();
        c.insert("years", &years);
        (out, "archive.html")
    }

    pub(super) fn year(&self, y: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let year = &self.site.archive.years[y];
        let out = year.out.clone();
        let mut page =
            self.page(&out, "year", year.year.to_string(), self.site.config.description.clone());
        // Each month's newest headlines; its own page lists them all.
        let cap = match self.site.config.archive.year_headlines {
            0 => usize::MAX,
            n => n,
        };
        let shown = |m: &'a crate::site::editions::Month| &m.entries[..m.entries.len().min(cap)];
        let entries = year.months.iter().flat_map(|m| shown(m).iter().copied());
        page.jsonld = jsonld::list_jsonld(self.site, &page, &self.listed(entries));
        c.insert("page", &page);
        let months: Vec<MonthGroup> = year
            .months
            .iter()
            .map(|m| MonthGroup {
                title: self.labels.month(m.year, m.month),
                href: self.href(&out, &m.out),
                key: format!("{:04}-{:02}", m.year, m.month),
                count: m.entries.len(),
                items: self.items(&out, shown(m), c.probe()),
            })
            .collect();
        c.insert("months", &months);
        c.insert("archive", &self.href(&out, &pagemap::path(pagemap::ARCHIVE)));
        (out, "year.html")
    }

    pub(super) fn month(&self, y: usize, m: usize, c: &mut PageContext) -> (OutPath, &'static str) {
        let year = &self.site.archive.years[y];
        let month = &year.months[m];
        let out = month.out.clone();
        let title = self.labels.month(month.year, month.month);
        let mut page = self.page(&out, "month", title, self.site.config.description.clone());
        page.jsonld =
            jsonld::list_jsonld(self.site, &page, &self.listed(month.entries.iter().copied()));
        c.insert("page", &page);
        c.insert("days", &self.by_day(&out, &month.entries, c.probe()));
        c.insert("year", &Named { title: year.year.to_string(), href: self.href(&out, &year.out) });
        (out, "month.html")
    }
}
