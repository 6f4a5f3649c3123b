//! `broadsheet send`: one edition's e-mail to a list of readers. The site is built
//! first (so the e-mail is the one `build` writes), then each reader gets their own
//! multipart/alternative message (`message`) over SMTP (`outbox`), or it is written as
//! `.eml` files instead. Who got it is kept in the work folder, so that `--resume`
//! sends only to the rest. Printing the report is the caller's.

pub(crate) mod message;
pub(crate) mod outbox;
pub(crate) mod preflight;

use crate::BuildOptions;
use crate::error::{Error, Result};
use crate::site::{Site, pagemap};
use std::path::{Path, PathBuf};

/// What the command line asks of `send`.
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// How to build the site first.
    pub build: BuildOptions,
    /// The edition's key (`2025-04-21`, `2025-W16`); default the newest.
    pub edition: Option<String>,
    /// Addresses given on the command line.
    pub to: Vec<String>,
    /// A file of addresses, one a line (blank lines and `#` comments skipped).
    pub list: Option<PathBuf>,
    /// Write one `.eml` per reader into the work folder instead of sending.
    pub dry_run: bool,
    /// Write the message as one raw `.eml` file here instead of sending.
    pub eml: Option<PathBuf>,
    /// Send only to readers the last run did not reach.
    pub resume: bool,
    /// Send even though `base_url` is still a placeholder.
    pub force: bool,
    /// The language whose edition is sent (`--lang fr`), on a site with
    /// `[languages]`; default the site's `language`.
    pub lang: Option<String>,
}

/// What `send` did.
#[derive(Debug, Default)]
pub struct Sent {
    /// The edition's key.
    pub edition: String,
    /// Readers it went to in this run.
    pub delivered: Vec<String>,
    /// Readers an earlier run reached (skipped with `--resume`).
    pub earlier: Vec<String>,
    /// Readers it did not reach, each with the reason.
    pub failed: Vec<(String, String)>,
    /// Files written instead of sending (`--dry-run`, `--eml`).
    pub written: Vec<PathBuf>,
    /// Problems that did not stop the run (a placeholder `base_url` with `--dry-run`).
    pub warnings: Vec<String>,
}

/// Builds the site at `options.build.root` and sends (or writes) one edition's e-mail.
/// Settings and readers are checked first, before anything is built or written. A
/// reader the server refuses is reported in `Sent::failed`, not as an `Err`.
pub fn send(options: &SendOptions) -> Result<Sent> {
    let preflight::Cleared { readers, warnings } = preflight::check(options)?;
    let (report, sites) = crate::build_and_keep_all(&options.build)?;
    let site = language(&sites, options.lang.as_deref())?;
    let (k, key) = edition(site, options.edition.as_deref())?;
    let prefix = site.placement.as_ref().map_or("", |p| p.language.prefix.as_str());
    let letter = message::Letter::read(site, k, &report.output.join(prefix))?;
    let work = crate::output::work_dir(&options.build.root, &report.output);
    let mut sent = Sent { edition: key.clone(), warnings, ..Sent::default() };
    if let Some(path) = &options.eml {
        let first = readers.first().map(String::as_str);
        let message = letter.compose(&site.config.email, message::Recipient::Service(first))?;
        crate::fs::write(path, &message.formatted())?;
        sent.written.push(path.clone());
        return Ok(sent);
    }
    // Each language's edition keeps its own record of who got it.
    let key = match prefix.is_empty() {
        true => key,
        false => format!("{key}-{}", site.config.language),
    };
    let (config, root) = (&site.config.email, options.build.root.as_path());
    let outbox = outbox::Outbox { letter: &letter, config, work: &work, root, key };
    if options.dry_run {
        sent.written = outbox.write_all(&readers)?;
        return Ok(sent);
    }
    outbox.send_all(&readers, options.resume, &mut sent)?;
    Ok(sent)
}

/// The site of the language `lang` (a BCP 47 tag), or of the site's `language`.
fn language<'s>(sites: &'s [Site], lang: Option<&str>) -> Result<&'s Site> {
    let Some(lang) = lang else { return Ok(&sites[0]) };
    let wanted = crate::config::languages::canonical(lang);
    let found = sites.iter().find(|s| wanted.as_deref() == Some(s.config.language.as_str()));
    found.ok_or_else(|| {
        let known: Vec<&str> = sites.iter().map(|s| s.config.language.as_str()).collect();
        Error::Usage(format!(
            "send --lang {lang}: the site is published in {} only (add `[languages.{lang}]` to site.toml)",
            known.join(", ")
        ))
    })
}

/// The edition asked for (its index and key), or the newest.
fn edition(site: &Site, key: Option<&str>) -> Result<(usize, String)> {
    let found = match key.filter(|k| *k != pagemap::EMAIL_LATEST) {
        None => (!site.editions.is_empty()).then_some(0),
        Some(key) => site.editions.iter().position(|e| e.key == key),
    };
    let Some(k) = found else {
        let known: Vec<&str> = site.editions.iter().take(5).map(|e| e.key.as_str()).collect();
        return Err(Error::Usage(format!(
            "send: no edition `{}` (the newest: {})",
            key.unwrap_or(pagemap::EMAIL_LATEST),
            if known.is_empty() {
                "none, the site has no dated articles".into()
            } else {
                known.join(", ")
            }
        )));
    };
    Ok((k, site.editions[k].key.clone()))
}

/// The readers from `--to` and `--list`, in order, each once, each a valid address.
fn readers(options: &SendOptions) -> Result<Vec<String>> {
    let mut all: Vec<String> = Vec::new();
    for to in &options.to {
        all.push(checked(to).map_err(|m| Error::Usage(format!("--to {to}: {m}")))?);
    }
    if let Some(path) = &options.list {
        all.extend(list(path, &String::from_utf8_lossy(&crate::fs::read(path)?))?);
    }
    let mut seen = std::collections::HashSet::new();
    all.retain(|a| seen.insert(a.to_lowercase()));
    Ok(all)
}

/// The addresses of a list file's text; `path` is for messages.
fn list(path: &Path, text: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |message| Error::Config { path: path.into(), line: n + 1, message };
        found.push(checked(line).map_err(at)?);
    }
    Ok(found)
}

/// `text` if it is one e-mail address (`a@b.org` or `Name <a@b.org>`).
fn checked(text: &str) -> std::result::Result<String, String> {
    text.trim()
        .parse::<lettre::message::Mailbox>()
        .map(|_| text.trim().to_string())
        .map_err(|e| format!("not an e-mail address ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_files_skip_comments_and_name_the_line_of_a_bad_address() {
        let path = Path::new("readers.txt");
        let ok = list(path, "# readers\n\nann@example.org\nBo <bo@example.org>\n").unwrap();
        assert_eq!(ok, ["ann@example.org", "Bo <bo@example.org>"]);
        let err = list(path, "ann@example.org\nnot an address\n").unwrap_err();
        assert!(err.to_string().starts_with("readers.txt:2: not an e-mail address"), "{err}");
    }
}
