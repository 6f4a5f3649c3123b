//! seeds/ -> `Vec<Article>`: walk the folder in a fixed order, read every file
//! in parallel, pick a parser by extension, and report every bad file at once.

pub(crate) mod article;
mod bounds;
pub mod extra;
mod files;
pub(crate) mod foreign;
pub mod front_matter;
mod headless;
pub mod meta;
mod names;
mod peers;
pub mod plain;
mod profile;
pub(crate) mod raw;
mod syntax_errors;
mod yaml_errors;

pub use crate::encoding::utf8 as decode;
pub use article::{Article, Body, DocKind, Meta, Profile};
pub(crate) use names::{bundle_stem, is_section_index, section_names, unlanguaged};
pub(crate) use peers::{cascades_headless, headless_front};

use crate::error::{Error, Result};
use crate::warnings::Warnings;
use jiff::tz::TimeZone;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What kind of seed a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Markdown,
    Plain,
}

/// One file found under seeds/.
struct Found {
    path: PathBuf,
    shown: PathBuf,
    kind: Kind,
    /// An article or a page, by the folder it was found in.
    doc: DocKind,
    /// A plain file's `NAME.toml`, when it exists and stays inside seeds/.
    sidecar: Option<PathBuf>,
}

/// What reading one seed gives: its article (none when the file holds nothing to
/// publish) and the file's warnings.
pub type Parsed = (Result<Option<Article>>, Warnings);

/// Earlier work that `load` may reuse. The build's memo implements it over the build
/// cache; `Fresh` remembers nothing.
pub trait Memo: Sync {
    /// The seed at `path` (with `sidecar`, a plain file's `NAME.toml`, which may or
    /// may not exist) as parsed under `context`: as remembered when neither file
    /// changed since, else as `parse` gives it.
    fn seed(
        &self,
        path: &Path,
        sidecar: Option<&Path>,
        context: &str,
        parse: &dyn Fn() -> Parsed,
    ) -> Parsed;

    /// Keeps a Markdown source until its body is rendered: in memory, or aside when
    /// the build holds too much text already.
    fn hold(&self, text: String) -> crate::scratch::Text;
}

/// What `load` gives: the articles read, the error of every file that could not be
/// read (one each, in path order; the build decides what they cost), and the warnings.
pub type Loaded = (Vec<Article>, Vec<Error>, Warnings);

/// Reads every article under `seeds` (shown in messages relative to `root`); files that
/// are not UTF-8 are read as `fallback` when site.toml names one. Seeds whose files are
/// unchanged come from `memo`. A file that cannot be read costs only itself: its error
/// is listed with the others and every other file is still read. Only a missing
/// seeds/ folder is the `Err`.
pub fn load(
    root: &Path,
    seeds: &Path,
    tz: &TimeZone,
    fallback: Option<&'static encoding_rs::Encoding>,
    memo: &dyn Memo,
) -> Result<Loaded> {
    load_folder(root, (seeds, DocKind::Article), tz, fallback, memo)
}

/// Reads every standalone page under `pages` (the site's `pages/` folder), as `load`
/// reads articles; a site without the folder has no pages.
pub fn load_pages(
    root: &Path,
    pages: &Path,
    tz: &TimeZone,
    fallback: Option<&'static encoding_rs::Encoding>,
    memo: &dyn Memo,
) -> Result<Loaded> {
    if !pages.is_dir() {
        return Ok((Vec::new(), Vec::new(), Warnings::default()));
    }
    load_folder(root, (pages, DocKind::Page), tz, fallback, memo)
}

/// Reads every profile under `authors` (the site's `authors/` folder); a site without
/// the folder has none.
pub fn load_profiles(
    root: &Path,
    authors: &Path,
    tz: &TimeZone,
    fallback: Option<&'static encoding_rs::Encoding>,
    memo: &dyn Memo,
) -> Result<Loaded> {
    if !authors.is_dir() {
        return Ok((Vec::new(), Vec::new(), Warnings::default()));
    }
    load_folder(root, (authors, DocKind::Profile), tz, fallback, memo)
}

/// Reads every document of kind `doc` in `folder`.
fn load_folder(
    root: &Path,
    (folder, doc): (&Path, DocKind),
    tz: &TimeZone,
    fallback: Option<&'static encoding_rs::Encoding>,
    memo: &dyn Memo,
) -> Result<Loaded> {
    let mut warn = Warnings::default();
    let (mut found, mut errors) = walk(root, folder, &mut warn)?;
    found.iter_mut().for_each(|f| f.doc = doc);
    // What a cached parse depends on besides the files' bytes.
    let context = format!("{}\n{tz:?}\n{:?}\n{doc:?}", root.display(), fallback.map(|e| e.name()));
    let results: Vec<Parsed> = found
        .par_iter()
        .map(|f| {
            let sidecar = (f.kind == Kind::Plain).then(|| f.path.with_extension("toml"));
            let (mut result, w) = memo.seed(&f.path, sidecar.as_deref(), &context, &|| {
                let mut w = Warnings::default();
                (read(f, tz, fallback, &mut w), w)
            });
            if let Ok(Some(article)) = &mut result {
                article.body.hold(|text| memo.hold(text));
            }
            (result, w)
        })
        .collect();
    let (headless, mut skipped) = (headless::folders(&results), Vec::new());
    // Collected in place (the results' buffer becomes the articles'): two lists a whole
    // archive wide would be a million articles' metadata twice.
    let articles: Vec<Article> = results
        .into_iter()
        .filter_map(|(result, w)| {
            if let Ok(Some(article)) = &result
                && headless::is_headless(article, &headless)
            {
                skipped.push(article.path.clone());
                return None;
            }
            warn.extend(w);
            result.unwrap_or_else(|e| {
                errors.push(e);
                None
            })
        })
        .collect();
    headless::note(&skipped, &mut warn);
    peers::quiet_note(&articles, &mut warn);
    Ok((articles, errors, warn))
}

/// The seeds under `seeds`, and the error of every entry that could not be listed.
fn walk(root: &Path, seeds: &Path, warn: &mut Warnings) -> Result<(Vec<Found>, Vec<Error>)> {
    if !seeds.is_dir() {
        return Err(Error::Usage(format!(
            "no seeds/ folder in {}: put articles (.md or .txt) in {}",
            root.display(),
            seeds.display()
        )));
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let (inside, mut outside) = (crate::containment::Folder::new(seeds), Vec::new());
    let walker = crate::fs::walker(seeds).follow_links(true);
    for entry in walker.into_iter().filter_entry(|e| {
        e.depth() == 0
            || (!crate::fs::is_hidden(e.file_name())
                && files::stays_inside(e, &inside, &mut outside))
    }) {
        match entry {
            Ok(entry) => found.extend(seed_of(root, &entry, &inside, warn)),
            Err(e) => {
                let path = e.path().map(|p| shown(root, p)).unwrap_or_else(|| seeds.to_path_buf());
                match files::walk_error(e, path) {
                    Ok((path, why)) => warn.file(&path, why),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    for link in outside {
        warn.file(&shown(root, &link), files::outside_warning(&link));
    }
    Ok((found, errors))
}

/// The seed a walked entry is, if any, warning about odd files, names and sidecars.
fn seed_of(
    root: &Path,
    entry: &walkdir::DirEntry,
    inside: &crate::containment::Folder,
    warn: &mut Warnings,
) -> Option<Found> {
    let shown = shown(root, entry.path());
    if let Some(why) = files::odd_file(entry) {
        warn.file(&shown, why);
    }
    if !entry.file_type().is_file() {
        return None;
    }
    if let Some(why) = files::odd_name(entry.path()) {
        warn.file(&shown, why);
    }
    let kind = kind_of(entry.path())?;
    let sidecar = (kind == Kind::Plain)
        .then(|| files::sidecar(entry.path(), inside))
        .flatten()
        .and_then(|s| s.map_err(|why| warn.file(&shown, why)).ok());
    Some(Found { path: entry.path().to_path_buf(), shown, kind, doc: DocKind::Article, sidecar })
}

/// Markdown or plain copy, by extension; `None` for every other file.
fn kind_of(path: &Path) -> Option<Kind> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("md" | "markdown") => Some(Kind::Markdown),
        Some("txt") => Some(Kind::Plain),
        _ => None,
    }
}

fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads and parses one file; `None` when it holds nothing to publish.
fn read(
    found: &Found,
    tz: &TimeZone,
    fallback: Option<&'static encoding_rs::Encoding>,
    warn: &mut Warnings,
) -> Result<Option<Article>> {
    let bytes = crate::fs::read(&found.path).map_err(|e| reshown(e, &found.shown))?;
    let text = crate::encoding::decode(&found.shown, &bytes, fallback, warn)?;
    let text = crate::text::normalize(&text);
    let dir = found.path.parent().unwrap_or(Path::new(".")).to_path_buf();
    // A bundle's `index.md` is dated by its folder's name, as Zola and Hugo date it.
    let stem = bundle_stem(&found.shown);
    let (shown, doc) = (&found.shown, found.doc);
    let file = FileText { shown, text: &text, stem, digest: digest(&bytes), dir, doc };
    match found.kind {
        Kind::Markdown if doc == DocKind::Profile => {
            let parts = split(&file)?;
            let dir = file.dir.clone();
            let at = profile::ProfileFile { shown, dir, stem, digest: file.digest };
            profile::parse(at, parts, warn).map(Some)
        }
        Kind::Plain if doc == DocKind::Profile => {
            warn.file(shown, "a profile is a Markdown file (`.md`); skipped");
            Ok(None)
        }
        Kind::Markdown => parse_markdown(file, tz, warn),
        Kind::Plain => {
            let shown = shown_sibling(&found.shown, "toml");
            let sidecar = found
                .sidecar
                .as_deref()
                .map(|path| crate::fs::read_if_exists(path).map_err(|e| reshown(e, &shown)))
                .transpose()?
                .flatten()
                .map(|b| {
                    crate::encoding::decode(&shown, &b, fallback, warn).map(|t| t.into_owned())
                })
                .transpose()?;
            parse_plain(file, sidecar.as_deref(), tz, warn)
        }
    }
}

/// An io error about a seed file, naming it as the user knows it (relative to the root).
fn reshown(error: Error, shown: &Path) -> Error {
    match error {
        Error::Io { source, .. } => Error::io("read", shown, source),
        other => other,
    }
}

fn shown_sibling(shown: &Path, ext: &str) -> PathBuf {
    shown.with_extension(ext)
}

/// What a file's bytes are, to tell copies apart: xxh3, the build's digest, at several
/// times SipHash's speed over a whole file.
fn digest(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A decoded file, ready for a parser.
struct FileText<'a> {
    shown: &'a Path,
    text: &'a str,
    stem: &'a str,
    digest: u64,
    dir: PathBuf,
    doc: DocKind,
}

fn split<'a>(file: &FileText<'a>) -> Result<front_matter::Split<'a>> {
    front_matter::split(file.text).map_err(|u| Error::Article {
        path: file.shown.into(),
        line: u.line,
        message: format!("front matter opened with `{}` is never closed", u.fence),
    })
}

/// The body of the Markdown article read from `path` (under `root`) as the build read
/// it, and the line of the file it starts on; `None` for a file that cannot be read now.
/// For `check`, which looks at the source again after the build has let it go.
pub(crate) fn markdown_body(root: &Path, path: &Path) -> Option<(String, usize)> {
    let bytes = crate::fs::read(&root.join(path)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = crate::text::normalize(&text);
    let parts = front_matter::split(&text).ok()?;
    Some((foreign::translate(parts.body).0.into_owned(), parts.body_line))
}

fn parse_markdown(file: FileText, tz: &TimeZone, warn: &mut Warnings) -> Result<Option<Article>> {
    if file.text.trim().is_empty() {
        warn.file(file.shown, "empty file; skipped");
        return Ok(None);
    }
    let parts = split(&file)?;
    let mut meta = match &parts.front {
        Some(front) => meta::parse(front, file.shown, tz, warn)?,
        None => Meta::default(),
    };
    let (translated, first) = foreign::translate(parts.body);
    if let Some(first) = first {
        let line = parts.body_line + first.line - 1;
        warn.at(file.shown, line, foreign::warning(&first));
    }
    let mut body = translated.into_owned();
    let mut body_line = parts.body_line;
    if let Some((heading, rest, lines)) = leading_h1(&body)
        && (meta.title.is_empty() || crate::text::squash_spaces(&heading) == meta.title)
    {
        meta.title = crate::text::squash_spaces(&heading);
        body = rest;
        body_line += lines;
    }
    name(&file, &mut meta, warn)?;
    if body.trim().is_empty() && !meta.headless && !is_section_index(file.shown) {
        warn.file(file.shown, "no body text");
    }
    finish(file, meta, (Body::Markdown(body.into()), body_line), tz, warn)
}

/// A section's `_index.md` names its section by its folder; any other page with no
/// headline takes one from its file name, with a warning (an error when it cannot).
fn name(file: &FileText, meta: &mut Meta, warn: &mut Warnings) -> Result<()> {
    if is_section_index(file.shown) {
        // The top folder's `_index.md` is the home page's: no section.
        let folder = bundle_stem(file.shown);
        meta.section = (unlanguaged(folder) != "_index").then(|| folder.to_string());
    } else if meta.title.is_empty() && !meta.headless {
        meta.title = names::title_from_file_name(file.shown);
        if meta.title.is_empty() {
            return Err(Error::Article {
                path: file.shown.into(),
                line: 1,
                message: "no headline: add `title` to the front matter or start the body with `# Headline`".into(),
            });
        }
        let why = "no `title` and no `# Headline`: headline made from the file name";
        warn.file(file.shown, format!("{why}, \"{}\"", meta.title));
    }
    Ok(())
}

/// A first `# Heading` line of a Markdown body: (heading text, the rest, lines consumed).
pub(crate) fn leading_h1(body: &str) -> Option<(String, String, usize)> {
    let skipped = body.len() - body.trim_start_matches('\n').len();
    let start = &body[skipped..];
    let line = start.lines().next()?;
    let heading = line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    let rest = start[line.len()..].trim_start_matches('\n');
    let consumed = body[..body.len() - rest.len()].matches('\n').count();
    Some((heading.to_string(), rest.to_string(), consumed))
}

fn parse_plain(
    file: FileText,
    sidecar: Option<&str>,
    tz: &TimeZone,
    warn: &mut Warnings,
) -> Result<Option<Article>> {
    let parts = split(&file)?;
    let doc = plain::parse(parts.body);
    let mut given = match (&parts.front, sidecar) {
        (Some(front), _) => Some(meta::parse(front, file.shown, tz, warn)?),
        (None, Some(text)) => {
            Some(meta::parse_sidecar(text, &shown_sibling(file.shown, "toml"), tz, warn)?)
        }
        (None, None) => None,
    };
    if doc.title.is_empty() && given.as_ref().is_none_or(|m| m.title.is_empty()) {
        warn.file(file.shown, "empty file; skipped");
        return Ok(None);
    }
    let mut paragraphs = doc.paragraphs;
    let mut meta = given.take().unwrap_or_default();
    if meta.title.is_empty() {
        meta.title = doc.title;
    } else if !doc.title.is_empty() && doc.title.to_lowercase() != meta.title.to_lowercase() {
        paragraphs.insert(0, doc.title); // the editor named the headline: the first line is copy
    }
    if paragraphs.is_empty() && !meta.headless {
        warn.file(file.shown, format!("no body: only a headline, \"{}\", was found", meta.title));
    }
    meta.dek = meta.dek.or(doc.dek);
    meta.subhead = meta.subhead.or(doc.subhead);
    if meta.authors.is_empty() {
        meta.authors = doc.authors;
    }
    finish(file, meta, (Body::Plain(paragraphs), parts.body_line), tz, warn)
}

/// The article: `body` with the file line it starts on, dated by its file name when
/// the front matter gives no date.
fn finish(
    file: FileText,
    mut meta: Meta,
    (body, body_line): (Body, usize),
    tz: &TimeZone,
    warn: &mut Warnings,
) -> Result<Option<Article>> {
    if meta.date.is_none() {
        meta.date = crate::dates::from_file_name(file.stem, tz);
    }
    if file.doc == DocKind::Page {
        // A page's own keys are used, not merely accepted.
        meta.quiet.retain(|k| !["template", "menu", "weight"].contains(&k.as_str()));
    } else if meta.date.is_none() && !meta.headless && !is_section_index(file.shown) {
        warn.file(
            file.shown,
            "no date (add `date` or a YYYY-MM-DD- file name prefix); listed as undated",
        );
    }
    Ok(Some(Article {
        path: file.shown.into(),
        dir: file.dir,
        meta,
        body,
        body_line,
        digest: file.digest,
        kind: file.doc,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_leading_h1() {
        let (h, rest, n) = leading_h1("\n# Title #\n\nText").unwrap();
        assert_eq!(h, "Title");
        assert_eq!(rest, "Text");
        assert_eq!(n, 3);
        assert!(leading_h1("Text\n# Later").is_none());
    }

    #[test]
    fn names_the_offset_of_invalid_utf8() {
        let e = decode(Path::new("seeds/a.txt"), b"ok\n\xff").unwrap_err();
        assert_eq!(
            e.to_string(),
            "seeds/a.txt:2: not valid UTF-8 (first bad byte at offset 3); save the file as UTF-8"
        );
    }
}
