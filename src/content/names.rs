//! What a seed's file name says: its stem as a page name (a Hugo or Zola bundle's
//! `index.md` takes its folder's name) and, for files with no headline at all, a
//! headline made from that name the way Jekyll makes one.

use std::path::Path;

/// The name a file stands for: its stem, or its folder's name for `index.md` and
/// `_index.md` (a bundle or a section is named by its folder) below the top folder,
/// in any language (`index.fr.md`, `_index.pt-br.md`).
pub(crate) fn bundle_stem(path: &Path) -> &str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let parent = path.parent().filter(|p| p.parent().is_some_and(|pp| pp != Path::new("")));
    if matches!(unlanguaged(stem), "index" | "_index")
        && let Some(folder) = parent.and_then(|p| p.file_name()).and_then(|n| n.to_str())
    {
        return folder;
    }
    stem
}

/// Jekyll's headline for a post without one: the name with its date prefix dropped,
/// dashes and underscores as spaces, the first letter capitalised.
pub(super) fn title_from_file_name(path: &Path) -> String {
    let stem = bundle_stem(path);
    let rest = match crate::dates::file_name_prefix(stem) {
        Some((_, len)) => stem[len..].trim_start_matches(['-', '_', ' ', '.']),
        None => stem,
    };
    let words = crate::text::squash_spaces(&rest.replace(['-', '_'], " "));
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True for a Hugo or Zola section's front page, `_index.md` (`_index.fr.md`).
pub(crate) fn is_section_index(path: &Path) -> bool {
    path.file_stem().and_then(|s| s.to_str()).map(unlanguaged) == Some("_index")
}

/// A stem without the language code it may end in (`story.fr` -> `story`,
/// `index.pt-br` -> `index`): a code of two letters, with subtags or without (so that
/// `_index.old.md` or `index.bak.md`, kept by an editor, stay other files).
pub(crate) fn unlanguaged(stem: &str) -> &str {
    match stem.rsplit_once('.') {
        Some((name, code)) if looks_like_language(code) => name,
        _ => stem,
    }
}

fn looks_like_language(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    primary.len() == 2
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Each section folder's section name (folders from the content root: `functions/time`):
/// its last folder's name (`time`), unless another section folder has that name too
/// (hugoDocs' `functions/time/` and `methods/time/`); then its whole path, so that two
/// sections are never one. The build and the import name sections by this one rule.
pub(crate) fn section_names<'a>(
    folders: impl IntoIterator<Item = &'a Path>,
) -> std::collections::HashMap<std::path::PathBuf, String> {
    let folders: std::collections::BTreeSet<&Path> = folders.into_iter().collect();
    let last = |f: &Path| f.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for f in &folders {
        *seen.entry(last(f).unwrap_or_default()).or_default() += 1;
    }
    let name = |f: &Path| match last(f) {
        Some(n) if seen.get(&n) == Some(&1) => n,
        _ => f.to_string_lossy().replace('\\', "/"),
    };
    folders.into_iter().map(|f| (f.to_path_buf(), name(f))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_jekyll_headlines_from_file_names() {
        let title = |p: &str| title_from_file_name(Path::new(p));
        assert_eq!(title("seeds/2013-05-06-jekyll-1-0-0-released.md"), "Jekyll 1 0 0 released");
        assert_eq!(title("seeds/2017-2-5-my_first post.md"), "My first post");
        assert_eq!(title("seeds/posts/über-uns/index.md"), "Über uns");
        assert_eq!(title("seeds/2017-02-05.md"), "");
    }

    #[test]
    fn names_bundles_by_their_folder() {
        assert_eq!(bundle_stem(Path::new("seeds/news/a-b/index.md")), "a-b");
        assert_eq!(bundle_stem(Path::new("seeds/news/_index.md")), "news");
        assert_eq!(bundle_stem(Path::new("seeds/index.md")), "index");
        assert_eq!(bundle_stem(Path::new("seeds/x.md")), "x");
        assert_eq!(bundle_stem(Path::new("seeds/news/a-b/index.pt-br.md")), "a-b");
        assert_eq!(bundle_stem(Path::new("seeds/news/_index.fr.md")), "news");
        assert_eq!(bundle_stem(Path::new("seeds/x.fr.md")), "x.fr");
        assert!(is_section_index(Path::new("content/blog/_index.fr.md")));
        assert!(!is_section_index(Path::new("content/blog/_index.final.md")));
        assert!(!is_section_index(Path::new("content/blog/_index.old.md")));
        assert_eq!(bundle_stem(Path::new("seeds/news/story/index.bak.md")), "index.bak");
    }

    #[test]
    fn sections_sharing_a_folder_name_are_named_by_their_path() {
        let folders = [Path::new("functions/time"), Path::new("methods/time"), Path::new("blog")];
        let names = section_names(folders);
        assert_eq!(names[Path::new("blog")], "blog");
        assert_eq!(names[Path::new("functions/time")], "functions/time");
        assert_eq!(names[Path::new("methods/time")], "methods/time");
        // One folder named twice (`_index.md` and `_index.fr.md`) is no clash.
        let names = section_names([Path::new("a/news"), Path::new("a/news")]);
        assert_eq!(names[Path::new("a/news")], "news");
    }
}
