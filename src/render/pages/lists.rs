//! The contexts of list pages: the front page, topics and editions.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn front(&self, n: usize, m: &Slots<'_, 'a>) -> Made<'a> {
        let site = self.site;
        let first = pagemap::path(pagemap::FRONT);
        let out = pagemap::page(&first, n);
        let older = &self.older;
        let per = site.config.per_page;
        let total = pagemap::page_count(older.len(), per).max(1);
        let slice = &older[((n - 1) * per).min(older.len())..(n * per).min(older.len())];
        let title =
            if n == 1 { site.config.title.clone() } else { self.labels.count("page_of", n, total) };
        let mut page = self.page(&out, "front", title, site.config.description.clone());
        let first_page = if n == 1 { site.config.editions.front_page } else { 0 };
        let latest = self.latest(m, &out, first_page);
        let older = self.by_day(m, &out, slice);
        let undated: Vec<usize> = if n == 1 {
            (0..site.entries.len()).filter(|&i| site.entries[i].date.is_none()).collect()
        } else {
            Vec::new()
        };
        let undated_items = self.items(m, &out, &undated);
        let shown = site.editions.iter().take(first_page).flat_map(|e| e.entries.iter().copied());
        let shown = shown.chain(slice.iter().copied());
        page.jsonld =
            jsonld::list_jsonld(site, &page, &self.listed(shown.chain(undated.iter().copied())));
        let pagination = self.pagination(&out, &first, n, total);
        let intro = site.front_intro.as_ref().filter(|_| n == 1).map(|i| FrontIntro {
            title: i.title.as_deref(),
            html: &i.html,
            image: i
                .image
                .as_ref()
                .map(|(img, lead)| self.viewer().image_at((Some(lead), &out), img, &out)),
        });
        let context = FrontPage { page, intro, latest, older, undated: undated_items, pagination };
        (out, "index.html", Context::Front(context))
    }

    /// The front page's `editions` latest editions, each with its entries.
    fn latest(&self, m: &Slots<'_, 'a>, out: &OutPath, editions: usize) -> Vec<Group<Slot>> {
        let group = |e: &crate::site::Edition| Group {
            title: self.edition_title(e),
            href: Some(self.href(out, &e.out)),
            key: e.key.clone(),
            items: self.items(m, out, &e.entries),
            count_text: self.labels.count("articles_count", e.entries.len(), 0),
        };
        self.site.editions.iter().take(editions).map(group).collect()
    }

    /// Entries grouped by day (they arrive newest first).
    pub(super) fn by_day(
        &self,
        m: &Slots<'_, 'a>,
        out: &OutPath,
        list: &[usize],
    ) -> Vec<Group<Slot>> {
        let mut groups: Vec<Group<Slot>> = Vec::new();
        for &i in list {
            let e = &self.site.entries[i];
            let Some(date) = &e.date else { continue };
            let item = m.item(out, i);
            match groups.last_mut() {
                Some(g) if g.key == date.day => g.items.push(item),
                _ => {
                    let day =
                        jiff::civil::Date::strptime("%Y-%m-%d", &date.day).unwrap_or_default();
                    let edition = self.site.edition_of[i].map(|k| &self.site.editions[k]);
                    groups.push(Group {
                        title: self.labels.day(day),
                        href: edition.map(|ed| self.href(out, &ed.out)),
                        key: date.day.clone(),
                        items: vec![item],
                        count_text: String::new(),
                    })
                }
            }
        }
        for g in &mut groups {
            g.count_text = self.labels.count("articles_count", g.items.len(), 0);
        }
        groups
    }

    pub(super) fn taxonomy_label(&self, tax: &Taxonomy) -> String {
        self.labels.map.get(&tax.name).cloned().unwrap_or_else(|| tax.name.clone())
    }

    pub(super) fn terms(&self, tax: &Taxonomy) -> Made<'a> {
        let out = tax.index.clone();
        let title = self.taxonomy_label(tax);
        let mut page = self.page(&out, "terms", title.clone(), title.clone());
        let taxonomy = Named { title, href: self.href(&out, &tax.index) };
        let mut terms: Vec<TermView> = tax
            .terms
            .iter()
            .map(|t| TermView {
                name: t.name.clone(),
                href: self.href(&out, &t.out),
                count: t.entries.len(),
                count_text: self.labels.count("articles_count", t.entries.len(), 0),
            })
            .collect();
        terms.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let mut by_use: Vec<&crate::site::Term> = tax.terms.iter().collect();
        by_use.sort_by_key(|t| std::cmp::Reverse(t.entries.len())); // stable: ties keep name order
        let list = self.listed_pages(by_use.iter().map(|t| (&t.out, t.name.clone())));
        page.jsonld = jsonld::list_jsonld(self.site, &page, &list);
        (out, "terms.html", Context::Terms(TermsPage { page, taxonomy, terms }))
    }

    pub(super) fn term(
        &self,
        tax: &'a Taxonomy,
        (i, n): (usize, usize),
        m: &Slots<'_, 'a>,
    ) -> Made<'a> {
        let term = &tax.terms[i];
        let out = pagemap::page(&term.out, n);
        let per = self.site.config.per_page;
        let total = pagemap::page_count(term.entries.len(), per).max(1);
        let slice = &term.entries[(n - 1) * per..(n * per).min(term.entries.len())];
        // A section's `_index.md`: its title names the page, its text opens the first.
        let intro = self.intro_of(tax, i);
        let titled = intro.and_then(|intro| intro.title.as_deref());
        let context = TermPage {
            page: self.term_page(tax, (i, titled), (n, total), &out),
            taxonomy: Named { title: self.taxonomy_label(tax), href: self.href(&out, &tax.index) },
            term: TermView {
                name: titled.map_or_else(|| term.name.clone(), String::from),
                href: self.href(&out, &term.out),
                count: term.entries.len(),
                count_text: self.labels.count("articles_count", term.entries.len(), 0),
            },
            items: self.items(m, &out, slice),
            pagination: self.pagination(&out, &term.out, n, total),
            intro: intro.filter(|x| n == 1 && !x.html.is_empty()).map(|x| x.html.as_str()),
            profile: self.profile(tax, i, n, &out),
        };
        (out, "term.html", Context::Term(Box::new(context)))
    }

    /// The page view of page `n` of `total` of term `i` (`titled` by its section's
    /// `_index.md`, as the peers show it).
    fn term_page(
        &self,
        tax: &Taxonomy,
        (i, titled): (usize, Option<&str>),
        (n, total): (usize, usize),
        out: &OutPath,
    ) -> PageView {
        let term = &tax.terms[i];
        let per = self.site.config.per_page;
        let slice = &term.entries[(n - 1) * per..(n * per).min(term.entries.len())];
        let mut title = titled
            .map_or_else(|| format!("{}: {}", self.taxonomy_label(tax), term.name), String::from);
        if n > 1 {
            title = format!("{title} ({})", self.labels.count("page_of", n, total));
        }
        let count = self.labels.count("articles_count", term.entries.len(), 0);
        let mut page = self.page(out, "term", title, count);
        if tax.name == "tags" {
            page.feeds =
                crate::views::channels::tag_links(self.site, term, |to| self.href(out, to));
        }
        page.jsonld = jsonld::list_jsonld(self.site, &page, &self.listed(slice.iter().copied()));
        if let Some(p) = self.profile_of(tax, i).filter(|_| n == 1) {
            let person = crate::views::item::person(self.site, &term.name);
            page.jsonld = crate::render::webpage::profile_jsonld(self.site, &page, &person);
            let meta = &p.article.meta;
            let role = meta.profile.as_ref().and_then(|d| d.role.clone());
            page.description =
                role.map_or(p.body.summary.clone(), |r| format!("{}, {r}", term.name));
        }
        page
    }

    /// The profile of term `i`, when the taxonomy is the authors'.
    fn profile_of(&self, tax: &Taxonomy, i: usize) -> Option<&'a crate::site::Entry> {
        (tax.name == "authors").then(|| self.site.profile(&tax.terms[i].slug)).flatten()
    }

    /// The profile shown on page `n` of term `i` (only the first page shows it).
    fn profile(
        &self,
        tax: &Taxonomy,
        i: usize,
        n: usize,
        out: &OutPath,
    ) -> Option<ProfileView<'a>> {
        let p = self.profile_of(tax, i).filter(|_| n == 1)?;
        let meta = &p.article.meta;
        let details = meta.profile.as_deref();
        let links = details.map_or(&[][..], |d| d.links.as_slice());
        Some(ProfileView {
            name: &meta.title,
            role: details.and_then(|d| d.role.as_deref()),
            email: details.and_then(|d| d.email.as_deref()),
            links: links
                .iter()
                .map(|(name, url)| Link { name: name.clone(), href: Some(url.clone()) })
                .collect(),
            photo: meta.image.as_ref().map(|img| self.viewer().image_view(p, img, out)),
            bio: p.body.html.get(),
        })
    }

    /// The introduction of section term `i` (a text one before an empty one).
    fn intro_of(&self, tax: &Taxonomy, i: usize) -> Option<&'a crate::site::intros::Intro> {
        let term = &tax.terms[i];
        let mine = |name: &String| tax.term(name).is_some_and(|t| t.name == term.name);
        let intros =
            self.site.intros.iter().filter(|(name, _)| tax.name == "sections" && mine(name));
        let all: Vec<&crate::site::intros::Intro> = intros.map(|(_, intro)| intro).collect();
        all.iter().find(|intro| !intro.html.is_empty()).or(all.first()).copied()
    }

    pub(super) fn edition(&self, k: usize, m: &Slots<'_, 'a>) -> Made<'a> {
        let site = self.site;
        let ed = &site.editions[k];
        let out = ed.out.clone();
        let title = self.edition_title(ed);
        let count = self.labels.count("articles_count", ed.entries.len(), 0);
        let mut page = self.page(&out, "edition", title.clone(), count);
        page.feeds =
            crate::views::channels::edition_links(site, ed, self.labels, |to| self.href(&out, to));
        page.jsonld = jsonld::list_jsonld(site, &page, &self.listed(ed.entries.iter().copied()));
        let edition = Group {
            title,
            href: None,
            key: ed.key.clone(),
            items: self.items(m, &out, &ed.entries),
            count_text: self.labels.count("articles_count", ed.entries.len(), 0),
        };
        let named = |j: usize| Named {
            title: self.edition_title(&site.editions[j]),
            href: self.href(&out, &site.editions[j].out),
        };
        let context = EditionPage {
            page,
            edition,
            newer_edition: k.checked_sub(1).map(named),
            older_edition: (k + 1 < site.editions.len()).then(|| named(k + 1)),
            all_editions: self.href(&out, &pagemap::path(pagemap::EDITIONS)),
        };
        (out, "edition.html", Context::Edition(context))
    }

    pub(super) fn editions(&self, n: usize, m: &Slots<'_, 'a>) -> Made<'a> {
        let site = self.site;
        let first = pagemap::path(pagemap::EDITIONS);
        let out = pagemap::page(&first, n);
        let per = site.config.per_page;
        let total = pagemap::page_count(site.editions.len(), per);
        let slice = &site.editions[(n - 1) * per..(n * per).min(site.editions.len())];
        let mut page = self.page(
            &out,
            "editions",
            self.labels.map["editions"].clone(),
            site.config.description.clone(),
        );
        let listed = self.listed_pages(slice.iter().map(|ed| (&ed.out, self.edition_title(ed))));
        page.jsonld = jsonld::list_jsonld(site, &page, &listed);
        let editions: Vec<Group<Slot>> = slice
            .iter()
            .map(|ed| Group {
                title: self.edition_title(ed),
                href: Some(self.href(&out, &ed.out)),
                key: ed.key.clone(),
                items: self.items(m, &out, &ed.entries[..ed.entries.len().min(3)]),
                count_text: self.labels.count("articles_count", ed.entries.len(), 0),
            })
            .collect();
        let pagination = self.pagination(&out, &first, n, total);
        (out, "editions.html", Context::Editions(EditionsPage { page, editions, pagination }))
    }
}
