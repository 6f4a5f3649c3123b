//! The build's memo: everything a build remembers between runs, behind the small
//! traits the stages define (`content::Memo` for parsed seeds, `site::Memo` for
//! rendered bodies), over the stores of `cache`. It looks at the inputs before they are
//! read (the stamp's scan), says when nothing changed, and after a build that changed
//! something writes what the next one may reuse. No stage calls the cache itself.

use crate::cache::stamp::{self, Dates, Instants, Reported, Scan};
use crate::cache::{self, Bodies, Probes, Seeds};
use crate::content::{self, Article, Parsed};
use crate::digest::Digest;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::scratch::{Scratch, Text};
use crate::site::{self, Site};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What the memo holds for one build.
pub(crate) struct Memo {
    /// The cache folder.
    dir: PathBuf,
    /// What the inputs were before they were read; `None` when a folder could not be
    /// listed (the build then finds and reports the problem).
    scan: Option<Scan>,
    /// A clean build neither reads nor trusts what earlier builds left.
    clean: bool,
    /// The reference time's instants.
    at: Instants,
    seeds: Seeds,
    bodies: Bodies,
    probes: Probes,
    dates: Option<Dates>,
    /// Where the build keeps its text (sources, rendered bodies).
    scratch: Scratch,
}

impl Memo {
    /// Looks at the inputs of the site at `root`, built into the work folder `work`
    /// with `settings` (everything else the output depends on) at the instants `at`.
    /// Called before anything is read, so that an input changed from here on is seen
    /// next time.
    /// The build's text is held in memory up to `text` bytes, the rest in a scratch
    /// file in `work`.
    pub(crate) fn open(
        (root, work): (&Path, &Path),
        settings: &impl Serialize,
        at: Instants,
        clean: bool,
        text: usize,
    ) -> Memo {
        let scan = Scan::of(root, settings);
        let (seeds, bodies, probes) = Default::default();
        let (dir, scratch) = (cache::dir(work), Scratch::new(work, text));
        Memo { dir, scan, clean, at, seeds, bodies, probes, dates: None, scratch }
    }

    /// The first error reading back a text the build kept aside: such a build must not
    /// publish.
    pub(crate) fn check_scratch(&self) -> Result<()> {
        self.scratch.check()
    }

    /// What the last build reported, when its inputs and the articles the reference
    /// time publishes are as they were; `None` when this build has work to do.
    pub(crate) fn unchanged(&self) -> Option<Reported> {
        if self.clean {
            return None;
        }
        stamp::unchanged(&self.dir, self.scan.as_ref()?, self.at)
    }

    /// Forgets the stamp before the build changes anything (a build killed part-way
    /// must never leave a stamp beside an output it does not describe) and reads what
    /// earlier builds parsed and rendered, unless the build is clean.
    pub(crate) fn recall(&mut self) -> Result<()> {
        stamp::forget(&self.dir)?;
        if !self.clean {
            let dir = &self.dir;
            let (seeds, (bodies, probes)) = rayon::join(
                || Seeds::load(dir),
                || rayon::join(|| Bodies::load(dir), || Probes::load(dir)),
            );
            (self.seeds, self.bodies, self.probes) = (seeds, bodies, probes);
        }
        Ok(())
    }

    /// Notes the dates of every article read, published or not: the stamp needs them
    /// to tell when the reference time would publish another set.
    fn saw(&mut self, articles: &[Article]) {
        let dates = articles.iter().filter_map(|a| a.meta.date.as_ref().map(|d| d.at.timestamp()));
        self.dates = Some(Dates::new(dates));
    }

    /// Writes the seeds as read (`docs`: every language's articles, pages and profiles),
    /// for the next build to reuse, and notes the articles' dates (`saw`). Done as soon
    /// as they are read, before any body is rendered: `Site::assemble` lets each
    /// Markdown source go once its body is rendered, and sources past the text budget
    /// wait in the scratch file (read back to be encoded here), so that memory follows
    /// the site's metadata, not its text.
    pub(crate) fn keep_read(&mut self, docs: &site::Documents) -> Result<()> {
        self.saw(&docs.articles);
        let all = docs.articles.iter().chain(&docs.pages).chain(&docs.profiles);
        std::mem::take(&mut self.seeds).save(&self.dir, all)
    }

    /// Writes what the next build may reuse from `sites` (one per language), and the stamp of `reported`
    /// when the build is `finished` (no seed file failed: a build that left some out
    /// must read them again next time, never report "nothing changed").
    pub(crate) fn save(self, sites: &[Site], reported: Reported, finished: bool) -> Result<()> {
        let Memo { dir, scan, at, bodies, probes, dates, .. } = self;
        let docs = || {
            // Profiles are every language's: saved once.
            let own = sites.iter().flat_map(|site| site.entries.iter().chain(&site.pages));
            own.chain(sites.iter().take(1).flat_map(|s| &s.profiles))
        };
        let published = docs().map(|e| {
            (e.article.path.as_path(), &e.body, e.image.as_ref().map(|i| i.href.as_str()))
        });
        bodies.save(&dir, published)?;
        probes.save(&dir)?;
        match scan.filter(|_| finished) {
            Some(scan) => stamp::save(&dir, &scan, dates.unwrap_or_default(), at, reported),
            None => Ok(()),
        }
    }
}

impl content::Memo for Memo {
    fn seed(
        &self,
        path: &Path,
        sidecar: Option<&Path>,
        context: &str,
        parse: &dyn Fn() -> Parsed,
    ) -> Parsed {
        self.seeds.get_or_read(path, sidecar, context, parse)
    }

    fn hold(&self, text: String) -> Text {
        self.scratch.hold(text)
    }
}

impl site::Memo for Memo {
    fn body(&self, key: Digest) -> Option<(Rendered, Option<String>)> {
        self.bodies.recall(key)
    }

    fn keep(&self, path: &Path, key: Digest) {
        self.bodies.keep(path, key);
    }

    fn picture(&self, path: &Path, probe: &dyn Fn() -> site::Picked) -> site::Picked {
        self.probes.get_or_probe(path, probe)
    }

    fn hold(&self, html: String) -> Text {
        self.scratch.hold(html)
    }
}
