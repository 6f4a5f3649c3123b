//! `broadsheet new --page "About us"` and `broadsheet new --author "Name"`: a standalone
//! page in `pages/<slug>.md`, or a person's profile in `authors/<slug>.md`, with its
//! front matter filled in and the other keys ready to uncomment.

use super::{Planned, named, toml_string};
use crate::error::Result;
use std::path::{Path, PathBuf};

/// Writes a new page titled `title` into the site at `root`. Returns its path relative
/// to the root; never overwrites a file.
pub fn create_page(root: &Path, title: &str) -> Result<PathBuf> {
    write_one(root, plan_page(title)?)
}

/// Writes a new profile of `name` into the site at `root`. Returns its path relative to
/// the root; never overwrites a file.
pub fn create_profile(root: &Path, name: &str) -> Result<PathBuf> {
    write_one(root, plan_profile(name)?)
}

fn write_one(root: &Path, file: Planned) -> Result<PathBuf> {
    // The site must be one: a page written beside no site.toml would never be built.
    crate::config::load(&root.join("site.toml"), Path::new("site.toml"))?;
    super::write_all(root, std::slice::from_ref(&file))?;
    Ok(file.path)
}

/// The file for a page titled `title`.
pub fn plan_page(title: &str) -> Result<Planned> {
    let (title, slug) = named(title, "title")?;
    let text = format!(
        "+++\n\
         title = {title}\n\
         # dek = \"One sentence under the title\"\n\
         # menu = \"footer\"      # list it in a menu: \"main\", \"footer\" or both as a list\n\
         # weight = 10          # its place in the menu, lightest first\n\
         +++\n\
         \n\
         Write the page here. It is published at `{slug}/` (or `{slug}.html`), never listed\n\
         with the news; link to it from an article as `[{plain}](../pages/{slug}.md)`.\n",
        title = toml_string(&title),
        plain = title.replace(['[', ']'], ""),
    );
    Ok(Planned::new(format!("pages/{slug}.md"), text))
}

/// The file for a profile of `name`.
pub fn plan_profile(name: &str) -> Result<Planned> {
    let (name, slug) = named(name, "name")?;
    let text = format!(
        "+++\n\
         name = {name}\n\
         # role = \"Reporter\"\n\
         # photo = \"photos/{slug}.jpg\"     # beside this file, in authors/photos/\n\
         # email = \"someone@example.org\"\n\
         # links = {{ Mastodon = \"https://mastodon.example/@someone\", Website = \"https://example.org/\" }}\n\
         +++\n\
         \n\
         A few sentences about {name_text}: what they cover, and how readers can reach them.\n\
         Articles whose `authors` name {name_text} link here.\n",
        name = toml_string(&name),
        name_text = name,
    );
    Ok(Planned::new(format!("authors/{slug}.md"), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_named_by_its_slug_and_reads_back() {
        let file = plan_page("About  us").unwrap();
        assert_eq!(file.path, Path::new("pages/about-us.md"));
        let split = crate::content::front_matter::split(&file.text).unwrap();
        let mut warn = crate::warnings::Warnings::default();
        let meta = crate::content::meta::parse(
            &split.front.unwrap(),
            &file.path,
            &jiff::tz::TimeZone::UTC,
            &mut warn,
        )
        .unwrap();
        assert_eq!(meta.title, "About us");
        assert!(meta.menus.is_empty());
    }

    #[test]
    fn a_profile_is_named_by_its_slug() {
        let file = plan_profile("Idris Van Tongeren").unwrap();
        assert_eq!(file.path, Path::new("authors/idris-van-tongeren.md"));
        assert!(file.text.contains("name = \"Idris Van Tongeren\"\n"), "{}", file.text);
    }

    #[test]
    fn refuses_a_title_without_letters() {
        assert!(plan_page("!!!").is_err());
        assert!(plan_profile("  ").is_err());
    }
}
