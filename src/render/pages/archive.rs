//! The contexts of the archive: its index, a year, a month.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn archive(&self) -> Made<'a> {
        let out = pagemap::path(pagemap::ARCHIVE);
        let (title, description) =
            (self.labels.map["archive"].clone(), self.site.config.description.clone());
        let mut page = self.page(&out, "archive", title, description);
        let years = self.site.archive.years.iter().map(|y| (&y.out, y.year.to_string()));
        page.jsonld = jsonld::list_jsonld(self.site, &page, &self.listed_pages(years));
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
                        count_text: self.labels.count("articles_count", m.entries.len(), 0),
                    })
                    .collect(),
            })
            .collect();
        (out, "archive.html", Context::Archive(ArchivePage { page, years }))
    }

    pub(super) fn year(&self, y: usize, maker: &Slots<'_, 'a>) -> Made<'a> {
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
        let months: Vec<MonthGroup<Slot>> = year
            .months
            .iter()
            .map(|m| MonthGroup {
                title: self.labels.month(m.year, m.month),
                href: self.href(&out, &m.out),
                key: format!("{:04}-{:02}", m.year, m.month),
                count: m.entries.len(),
                items: self.items(maker, &out, shown(m)),
            })
            .collect();
        let archive = self.href(&out, &pagemap::path(pagemap::ARCHIVE));
        (out, "year.html", Context::Year(YearPage { page, months, archive }))
    }

    pub(super) fn month(&self, (y, m): (usize, usize), maker: &Slots<'_, 'a>) -> Made<'a> {
        let year = &self.site.archive.years[y];
        let month = &year.months[m];
        let out = month.out.clone();
        let title = self.labels.month(month.year, month.month);
        let mut page = self.page(&out, "month", title, self.site.config.description.clone());
        page.jsonld =
            jsonld::list_jsonld(self.site, &page, &self.listed(month.entries.iter().copied()));
        let days = self.by_day(maker, &out, &month.entries);
        let year = Named { title: year.year.to_string(), href: self.href(&out, &year.out) };
        (out, "month.html", Context::Month(MonthPage { page, days, year }))
    }
}
