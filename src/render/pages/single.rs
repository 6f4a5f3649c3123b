//! The contexts of pages that stand alone: articles, redirects, the 404 and search pages.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn article(&self, i: usize, m: &Slots<'_, 'a>) -> Made<'a> {
        let site = self.site;
        let e = &site.entries[i];
        let meta = &e.article.meta;
        let out = e.out.clone();
        let item = self.viewer().item_from(&out, i, &self.parts[i]);
        let corrections: Vec<CorrectionView> = meta
            .corrections
            .iter()
            .map(|k| CorrectionView {
                date: DateShown::new(&k.date.view(), self.labels),
                note: k.note.clone(),
            })
            .collect();
        let named = |j: usize| Named {
            title: site.entries[j].article.meta.title.clone(),
            href: self.href(&out, &site.entries[j].out),
        };
        let edition = site.edition_of[i].map(|k| &site.editions[k]);
        let context = ArticlePage {
            page: self.article_page(i, &out, &item),
            article: item,
            html: e.body.html.get(),
            subhead: &meta.subhead,
            source: self.source(i, &out),
            updated: e.updated.as_ref().map(|d| DateShown::new(d, self.labels)),
            corrections,
            newer: i.checked_sub(1).map(named),
            older: (i + 1 < site.entries.len()).then(|| named(i + 1)),
            related: self.items(m, &out, &site.related[i]),
            thread: self.thread(i, &out),
            edition: edition
                .map(|ed| Named { title: self.edition_title(ed), href: self.href(&out, &ed.out) }),
        };
        (out, "article.html", Context::Article(Box::new(context)))
    }

    /// The page view of entry `i`'s article page, with its metadata.
    fn article_page(&self, i: usize, out: &OutPath, item: &ItemView) -> PageView {
        let m = &self.site.entries[i].article.meta;
        let description = m.dek.clone().unwrap_or_else(|| item.summary.to_string());
        let mut page = self.page(out, "article", m.title.clone(), description);
        if let Some(lang) = &m.lang {
            page.lang = lang.clone();
            page.dir = direction(lang);
        }
        self.versions(&mut page, out, Some(i));
        page.meta = meta::article_tags(self.site, i, &page);
        page.jsonld = jsonld::article_jsonld(self.site, i, &page);
        page
    }

    /// Entry `i`'s source, linked to its source page when it has one.
    fn source(&self, i: usize, out: &OutPath) -> Option<SourceView> {
        let e = &self.site.entries[i];
        let source = e.article.meta.source.as_ref()?;
        let name = crate::site::source_name(&e.article);
        let term = name.as_deref().and_then(|n| self.site.taxonomy("sources")?.term(n));
        Some(SourceView {
            href: term.map(|t| self.href(out, &t.out)),
            name,
            url: source.url.clone(),
        })
    }

    /// The story thread entry `i` belongs to, oldest first (empty when it is alone).
    fn thread(&self, i: usize, out: &OutPath) -> Vec<ThreadItem> {
        let site = self.site;
        let members =
            site.entries[i].article.meta.thread.as_ref().and_then(|k| site.threads.get(k));
        let members = members.filter(|members| members.len() > 1).map_or(&[][..], Vec::as_slice);
        members
            .iter()
            .map(|&j| ThreadItem {
                title: site.entries[j].article.meta.title.clone(),
                href: self.href(out, &site.entries[j].out),
                date: site.entries[j].date.as_ref().map(|d| DateShown::new(d, self.labels)),
                current: j == i,
            })
            .collect()
    }

    pub(super) fn not_found(&self) -> Made<'a> {
        let out = pagemap::path(pagemap::NOT_FOUND);
        let mut page =
            self.page(&out, "not_found", self.labels.map["not_found"].clone(), String::new());
        // GitHub Pages serves 404.html at any depth: links start from the base path.
        let rooted = |to: &str| format!("{}{to}", self.site.urls.base_path());
        // Folders by their index, as GitHub Pages serves them.
        let folder = |index: &str| rooted(index.trim_end_matches("index.html"));
        page.links = NavLinks {
            home: folder(pagemap::FRONT),
            editions: page.links.editions.as_ref().map(|_| folder(pagemap::EDITIONS)),
            archive: page.links.archive.as_ref().map(|_| folder(pagemap::ARCHIVE)),
            tags: page.links.tags.as_ref().map(|_| folder(pagemap::terms("tags").as_str())),
            search: rooted(pagemap::SEARCH),
            css: rooted(pagemap::STYLE),
            favicon: rooted(pagemap::FAVICON),
            feeds: site_links(self.site, |to| rooted(to.as_str())),
        };
        let folder_of = |to: &OutPath| {
            let to = to.as_str();
            if to.ends_with("index.html") { folder(to) } else { rooted(to) }
        };
        page.menus = crate::views::menus::view(self.site, self.labels, &out, &folder_of);
        (out, "404.html", Context::NotFound(NotFoundPage { page }))
    }

    pub(super) fn search(&self) -> Made<'a> {
        let out = pagemap::path(pagemap::SEARCH);
        let title = self.labels.map["search"].clone();
        let page = self.page(&out, "search", title, self.site.config.description.clone());
        let search = crate::views::search::view(self.site, self.labels, &out, self.search);
        (out, "search.html", Context::Search(SearchPage { page, search }))
    }

    pub(super) fn alias(&self, i: usize, path: &OutPath) -> Made<'a> {
        let e = &self.site.entries[i];
        let mut page = self.page(path, "redirect", e.article.meta.title.clone(), String::new());
        page.canonical = self.site.urls.absolute(&e.out);
        let target =
            Link { name: e.article.meta.title.clone(), href: Some(self.href(path, &e.out)) };
        (path.clone(), "redirect.html", Context::Redirect(RedirectPage { page, target }))
    }
}
