//! Article bodies rendered to HTML, in parallel, with links relative to each page.
//! A body whose source, Markdown settings and lead image are unchanged may come from
//! the memo (the build cache stands behind it); a body whose links looked at other
//! seeds or files depends on more than its own text and is never remembered.

use super::links::{Index, Linker};
use super::pictures::Picture;
use super::{Asset, Lead};
use crate::config::MarkdownConfig;
use crate::config::images::ImagesConfig;
use crate::content::{Article, Body};
use crate::digest::{self, Digest};
use crate::error::Result;
use crate::markdown::{self, Rendered};
use crate::pictures::Probe;
use crate::scratch::Text;
use crate::urls::{OutPath, Urls};
use crate::warnings::Warnings;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// Earlier work that `Site::assemble` may reuse. The build's memo implements it over
/// the build cache.
pub(crate) trait Memo: Sync {
    /// The body rendered earlier under `key`, with its lead image's link.
    fn body(&self, key: Digest) -> Option<(Rendered, Option<String>)>;
    /// Offers the body of the article at `path`, rendered under `key`, for next time.
    fn keep(&self, path: &Path, key: Digest);
    /// What the picture at `path` is: as found earlier when the file is unchanged,
    /// else from `probe`.
    fn picture(&self, path: &Path, probe: &dyn Fn() -> Picked) -> Picked;
    /// Keeps a rendered body until its pages are written: in memory, or aside when the
    /// build holds too much text already.
    fn hold(&self, html: String) -> Text;
}

/// A probed picture, or why the file is not one.
pub(crate) type Picked = std::result::Result<Probe, String>;

/// What rendering one body yields.
pub(super) struct RenderedBody {
    /// HTML and facts.
    pub(super) body: Rendered<Text>,
    /// Files to copy beside the page.
    pub(super) assets: Vec<Asset>,
    /// Pictures to make copies of.
    pub(super) pictures: Vec<Arc<Picture>>,
    pub(super) warnings: Warnings,
    /// The lead image.
    pub(super) lead: Option<Lead>,
}

/// What every body is rendered with.
pub(super) struct Renderer<'a> {
    pub(super) config: &'a MarkdownConfig,
    pub(super) index: &'a Index,
    pub(super) urls: &'a Urls,
    pub(super) memo: &'a dyn Memo,
    pub(super) images: &'a ImagesConfig,
}

impl<'a> Renderer<'a> {
    /// A renderer with the settings of `site`.
    pub(super) fn new(
        site: &'a crate::config::SiteConfig,
        index: &'a Index,
        urls: &'a Urls,
        memo: &'a dyn Memo,
    ) -> Renderer<'a> {
        Renderer { config: &site.markdown, index, urls, memo, images: &site.images }
    }
}

impl Renderer<'_> {
    /// Every document's body, in order, each published at its page in `outs`. Each
    /// source is let go as soon as its body is rendered, so that the sources and the
    /// rendered bodies are never all held at once.
    /// A source kept aside that cannot be read back fails the build, naming the file.
    pub(super) fn all(
        &self,
        articles: &mut [Article],
        outs: &[OutPath],
    ) -> Result<Vec<RenderedBody>> {
        let one = |(article, out): (&mut Article, &OutPath)| {
            let rendered = self.one(article, out);
            article.body.release();
            rendered
        };
        articles.par_iter_mut().zip(outs.par_iter()).map(one).collect()
    }

    fn one(&self, article: &Article, out: &OutPath) -> Result<RenderedBody> {
        let Body::Markdown(source) = &article.body else {
            return Ok(self.render(article, out, "").0);
        };
        let source = source
            .read()
            .map_err(|e| crate::error::Error::io("read back the source of", &article.path, e))?;
        let key = key(&source, self.config, article.meta.image.as_ref().map(|i| i.src.as_str()));
        if let Some((body, image)) = self.memo.body(key) {
            self.memo.keep(&article.path, key);
            let lead = image.map(|href| Lead { href, picture: None, size: None });
            let (assets, pictures, warnings) = Default::default();
            let body = body.with_html(|html| self.memo.hold(html));
            return Ok(RenderedBody { body, assets, pictures, warnings, lead });
        }
        let (body, looked_around) = self.render(article, out, &source);
        if !looked_around {
            self.memo.keep(&article.path, key);
        }
        Ok(body)
    }

    /// Renders a body (`source`: its Markdown, read back), saying whether its links
    /// looked at other files.
    fn render(&self, article: &Article, out: &OutPath, source: &str) -> (RenderedBody, bool) {
        let linker = Linker::new(self, article, out);
        let lead = article.meta.image.as_ref().map(|i| linker.lead(&i.src));
        let body = match &article.body {
            Body::Markdown(_) => markdown::render(source, self.config, &linker),
            Body::Plain(paragraphs) => markdown::render_plain(paragraphs),
        };
        let body = body.with_html(|html| self.memo.hold(html));
        let looked_around = linker.looked_around();
        let (assets, pictures, warnings) = linker.finish();
        (RenderedBody { body, assets, pictures, warnings, lead }, looked_around)
    }
}

/// What a rendered body depends on besides the other files it may look at.
fn key(source: &str, config: &MarkdownConfig, image: Option<&str>) -> Digest {
    let mut h = digest::Hasher::default();
    h.bytes(source.as_bytes());
    h.bytes(format!("{config:?}").as_bytes());
    h.bytes(image.unwrap_or("").as_bytes());
    h.finish()
}
