//! The contexts of the publication's own pages: standalone pages (`pages/`), the
//! sign-up page, and redirects from a page's old paths.

use super::*;
use crate::site::menus::Target;
use crate::views::ImageView;

impl<'a> Ctx<'a> {
    /// Standalone page `i`, rendered with its `template` (default `page.html`).
    pub(super) fn standalone(&self, i: usize) -> Made<'a> {
        let site = self.site;
        let e = &site.pages[i];
        let m = &e.article.meta;
        let out = e.out.clone();
        let summary = m.summary.clone().unwrap_or_else(|| e.body.summary.clone());
        let description = m.dek.clone().unwrap_or(summary);
        let mut page = self.page(&out, "page", m.title.clone(), description);
        if let Some(lang) = &m.lang {
            page.lang = lang.clone();
            page.dir = direction(lang);
        }
        let updated = e.updated.as_ref().map(|d| DateShown::new(d, self.labels));
        let date = e.date.as_ref().map(|d| DateShown::new(d, self.labels));
        page.jsonld = crate::render::webpage::page_jsonld(
            site,
            &page,
            e.updated.as_ref().map(|d| d.iso.as_str()),
        );
        let image: Option<ImageView<'a>> =
            m.image.as_ref().map(|img| self.viewer().image_view(e, img, &out));
        let context = StandalonePage {
            page,
            title: &m.title,
            dek: m.dek.as_deref(),
            html: e.body.html.get(),
            date,
            updated,
            image,
            extra: crate::content::extra::Natural(&m.extra),
        };
        let template = m.template.as_deref().unwrap_or("page.html");
        (out, template, Context::Standalone(Box::new(context)))
    }

    /// The built-in sign-up page.
    pub(super) fn subscribe(&self) -> Made<'a> {
        let site = self.site;
        let out = pagemap::path(pagemap::SUBSCRIBE);
        let labels = &self.labels.map;
        let mut page = self.page(
            &out,
            "subscribe",
            labels["subscribe"].clone(),
            labels["subscribe_text"].clone(),
        );
        page.jsonld = crate::render::webpage::page_jsonld(site, &page, None);
        let signup = &site.config.email.signup;
        let publisher_email = site.config.publisher.as_ref().and_then(|p| p.email.clone());
        let mailto = signup.action.is_none().then(|| {
            let address = publisher_email.or_else(|| site.config.email.from.clone());
            address.map(|a| format!("mailto:{}?subject={}", a.trim(), labels["subscribe"]))
        });
        let emails = site.config.email.enabled && !site.editions.is_empty();
        let latest = pagemap::email(pagemap::EMAIL_LATEST);
        let form = SignupView {
            action: signup.action.clone(),
            method: signup.method.to_ascii_lowercase(),
            email_field: signup.email_field.clone(),
            hidden: signup.hidden.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            consent: signup.consent.clone(),
            mailto: mailto.flatten(),
        };
        let context = SubscribePage {
            sample: emails.then(|| self.href(&out, &latest)),
            feeds: page.links.feeds.clone(),
            page,
            signup: form,
        };
        (out, "subscribe.html", Context::Subscribe(context))
    }

    /// A redirect from an old path of standalone page `i`.
    pub(super) fn page_alias(&self, i: usize, path: &OutPath) -> Made<'a> {
        let e = &self.site.pages[i];
        let mut page = self.page(path, "redirect", e.article.meta.title.clone(), String::new());
        page.canonical = self.site.urls.absolute(&e.out);
        let target =
            Link { name: e.article.meta.title.clone(), href: Some(self.href(path, &e.out)) };
        (path.clone(), "redirect.html", Context::Redirect(RedirectPage { page, target }))
    }

    /// A redirect of `[redirects]`.
    pub(super) fn redirect(&self, i: usize) -> Made<'a> {
        let r = &self.site.redirects[i];
        let mut page = self.page(&r.from, "redirect", r.name.clone(), String::new());
        let href = match &r.target {
            Target::Page(to) => {
                page.canonical = self.site.urls.absolute(to);
                self.href(&r.from, to)
            }
            Target::External(url) => {
                page.canonical = url.clone();
                url.clone()
            }
        };
        let target = Link { name: r.name.clone(), href: Some(href) };
        (r.from.clone(), "redirect.html", Context::Redirect(RedirectPage { page, target }))
    }
}
