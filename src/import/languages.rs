//! A peer site published in several languages: Hugo's `languages` (with a content
//! folder per language or `.fr.md` files, `defaultContentLanguage`,
//! `defaultContentLanguageInSubdir`) and Zola's `[languages]` with `default_language`.
//! Each language becomes a `[languages.<code>]` table at the folder the peer served it
//! from, each file is given to its language (its content folder's, else its name's), and
//! its old URL is worked out inside that folder, as the build writes it.

use super::Peer;
use crate::content::extra::Node;
use std::path::{Path, PathBuf};

/// One language of the peer site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerLanguage {
    /// Its code as the peer's config writes it (`pt-br`): also its URL folder.
    pub key: String,
    /// The folder it was served from, ending in `/`, or empty for the root.
    pub prefix: String,
    /// The site's title in this language.
    pub title: Option<String>,
    /// The site's description in this language.
    pub description: Option<String>,
    /// Hugo's `contentDir` for this language, when it has one of its own.
    pub content_dir: Option<String>,
}

/// A key of `table`, matched as Hugo matches its keys (case aside).
fn get<'a>(table: &'a Node, key: &str) -> Option<&'a Node> {
    match table {
        Node::Table(entries) => {
            entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
        }
        _ => None,
    }
}

fn text(table: &Node, key: &str) -> Option<String> {
    let found = get(table, key).and_then(Node::as_text).map(str::trim);
    found.filter(|t| !t.is_empty()).map(String::from)
}

/// The default language's code and every language of a multilingual peer site (empty
/// for a site in one language), the default first.
pub(super) fn read(peer: Peer, table: &Node) -> (Option<String>, Vec<PeerLanguage>) {
    let default = match peer {
        Peer::Hugo => text(table, "defaultContentLanguage").unwrap_or_else(|| "en".into()),
        Peer::Zola => text(table, "default_language").unwrap_or_else(|| "en".into()),
        Peer::Jekyll => return (None, Vec::new()),
    }
    .to_ascii_lowercase();
    let in_subdir = peer == Peer::Hugo
        && matches!(get(table, "defaultContentLanguageInSubdir"), Some(Node::Bool(true)));
    let Some(Node::Table(entries)) = get(table, "languages") else { return (None, Vec::new()) };
    let mut list: Vec<PeerLanguage> = entries
        .iter()
        .filter(|(_, lang)| !matches!(get(lang, "disabled"), Some(Node::Bool(true))))
        .map(|(key, lang)| one(key, lang, &default, in_subdir))
        .collect();
    if !list.iter().any(|l| l.key == default) {
        let prefix = if in_subdir { format!("{default}/") } else { String::new() };
        list.push(PeerLanguage {
            key: default.clone(),
            prefix,
            title: None,
            description: None,
            content_dir: None,
        });
    }
    if list.len() < 2 {
        return (None, Vec::new());
    }
    list.sort_by_key(|l| l.key != default);
    (Some(default), list)
}

fn one(key: &str, lang: &Node, default: &str, in_subdir: bool) -> PeerLanguage {
    let key = key.to_ascii_lowercase();
    let at_root = key == default && !in_subdir;
    let params = get(lang, "params");
    let described = || params.and_then(|p| text(p, "description"));
    PeerLanguage {
        prefix: if at_root { String::new() } else { format!("{key}/") },
        title: text(lang, "title"),
        description: text(lang, "description").or_else(described),
        content_dir: text(lang, "contentDir").map(|d| d.trim_matches('/').to_string()),
        key,
    }
}

/// The language a file's name gives it (`about.pt-br.md`, `index.fr.md`), among
/// `languages`: Zola's rule (the part after the first dot) and Hugo's (the last).
pub(super) fn of_name<'a>(rel: &Path, languages: &'a [PeerLanguage]) -> Option<&'a PeerLanguage> {
    let stem = rel.file_stem()?.to_str()?;
    let (_, code) = stem.rsplit_once('.')?;
    languages.iter().find(|l| l.key.eq_ignore_ascii_case(code))
}

/// `rel` without the language in its name: `posts/a.pt-br.md` -> `posts/a.md`.
pub(super) fn unnamed(rel: &Path) -> PathBuf {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("md");
    match stem.rsplit_once('.') {
        Some((name, _)) => rel.with_file_name(format!("{name}.{ext}")),
        None => rel.to_path_buf(),
    }
}

/// `rel` with `key` in its name: `posts/a.md` -> `posts/a.fr.md`.
pub(super) fn named(rel: &Path, key: &str) -> PathBuf {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("md");
    rel.with_file_name(format!("{stem}.{key}.{ext}"))
}

/// The `[languages.<code>]` tables for site.toml: every language but the one at the
/// root, each at the folder the peer served it from.
pub(super) fn site_toml(languages: &[PeerLanguage]) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    for (i, lang) in languages.iter().enumerate() {
        let canonical = crate::config::languages::canonical(&lang.key);
        let at_root = lang.prefix.is_empty();
        let folder = lang.prefix.trim_end_matches('/');
        // The site's language is at the root unless told; the others at their code.
        let moved = !at_root && (i == 0 || canonical.as_deref() != Some(folder));
        if at_root && lang.title.is_none() && lang.description.is_none() {
            continue;
        }
        let bare = lang.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let key = if bare { lang.key.clone() } else { quoted(&lang.key) };
        out.push_str(&format!("\n[languages.{key}]\n"));
        for (key, value) in [("title", &lang.title), ("description", &lang.description)] {
            if let Some(value) = value {
                out.push_str(&format!("{key} = {}\n", quoted(value)));
            }
        }
        if moved {
            out.push_str(&format!("prefix = {}\n", quoted(folder)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::extra::Loose;

    fn hugo(text: &str) -> (Option<String>, Vec<PeerLanguage>) {
        read(Peer::Hugo, &toml::from_str::<Loose>(text).unwrap().0)
    }

    #[test]
    fn reads_hugos_languages_with_their_folders() {
        let (default, list) = hugo(
            "defaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[languages.pt-br]\ntitle = 'João'\ncontentDir = 'content.pt'\n",
        );
        assert_eq!(default.as_deref(), Some("en"));
        let got: Vec<(&str, &str)> =
            list.iter().map(|l| (l.key.as_str(), l.prefix.as_str())).collect();
        assert_eq!(got, [("en", ""), ("pt-br", "pt-br/")]);
        assert_eq!(list[1].content_dir.as_deref(), Some("content.pt"));
        let toml = site_toml(&list);
        assert_eq!(toml, "\n[languages.pt-br]\ntitle = \"João\"\nprefix = \"pt-br\"\n");
        assert!(hugo("title = 'x'\n[languages.en]\n").1.is_empty(), "one language is none");
    }

    #[test]
    fn hugos_default_language_may_have_a_folder_too() {
        let (_, list) =
            hugo("defaultContentLanguageInSubdir = true\n[languages.en]\n[languages.fr]\n");
        assert_eq!(list[0].prefix, "en/");
        assert_eq!(site_toml(&list), "\n[languages.en]\nprefix = \"en\"\n\n[languages.fr]\n");
    }

    #[test]
    fn a_file_name_gives_its_language() {
        let (_, list) = hugo("[languages.en]\n[languages.fr]\n");
        let code = |p: &str| of_name(Path::new(p), &list).map(|l| l.key.as_str());
        assert_eq!(code("blog/a.fr.md"), Some("fr"));
        assert_eq!(code("blog/index.FR.md"), Some("fr"));
        assert_eq!(code("blog/a.md"), None);
        assert_eq!(code("blog/a.de.md"), None);
        assert_eq!(unnamed(Path::new("blog/_index.fr.md")), Path::new("blog/_index.md"));
        assert_eq!(named(Path::new("blog/x/index.md"), "fr"), Path::new("blog/x/index.fr.md"));
    }
}
