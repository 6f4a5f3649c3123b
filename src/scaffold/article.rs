//! `broadsheet new "Headline"`: a Markdown article in `seeds/`, named
//! `YYYY-MM-DD-<slug>.md`, with its front matter filled in (title, date and time now
//! in the site's time zone, slug) and the other common keys ready to uncomment. It
//! starts as a draft: `build` and `check` leave it out (so an unedited stub never
//! becomes the front page's lead) until the editor deletes `draft = true`;
//! `serve --drafts` shows it meanwhile.

use super::{Planned, toml_string};
use crate::error::Result;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::path::{Path, PathBuf};

/// Writes a new article headlined `headline` into the site at `root`, dated `now` in the
/// site's time zone. Returns its path relative to the root; never overwrites a file.
pub fn create(root: &Path, headline: &str, now: Timestamp) -> Result<PathBuf> {
    let config = crate::config::load(&root.join("site.toml"), Path::new("site.toml"))?;
    let file = plan(headline, now, &config.tz())?;
    super::write_all(root, std::slice::from_ref(&file))?;
    Ok(file.path)
}

/// The file for an article headlined `headline`, written at `now` in time zone `tz`.
pub fn plan(headline: &str, now: Timestamp, tz: &TimeZone) -> Result<Planned> {
    let (headline, slug) = super::named(headline, "headline")?;
    let at = now.to_zoned_datetime(tz.clone());
    let day = at.strftime("%Y-%m-%d");
    let date = at.strftime("%Y-%m-%dT%H:%M:%S%:z");
    let text = format!(
        "+++\n\
         title = {title}\n\
         date = {date}\n\
         slug = {slug_value}\n\
         # A draft is left out of the site until this line goes (`serve --drafts` shows it).\n\
         draft = true\n\
         # dek = \"One sentence that sells the story\"\n\
         # authors = [\"Your Name\"]\n\
         # tags = [\"topic\"]\n\
         # source = {{ name = \"Outlet\", url = \"https://example.org/story\" }}\n\
         +++\n\
         \n\
         Write the story here.\n",
        title = toml_string(&headline),
        slug_value = toml_string(&slug),
    );
    Ok(Planned::new(format!("seeds/{day}-{slug}.md"), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_file_by_local_day_and_slug() {
        let now: Timestamp = "2025-04-20T23:30:00Z".parse().unwrap();
        let tz = TimeZone::get("Europe/London").unwrap();
        let file = plan("Harbor Bridge: \"Reopens\" Early", now, &tz).unwrap();
        assert_eq!(file.path, Path::new("seeds/2025-04-21-harbor-bridge-reopens-early.md"));
        assert!(
            file.text.contains("title = 'Harbor Bridge: \"Reopens\" Early'\n"),
            "{}",
            file.text
        );
        assert!(file.text.contains("date = 2025-04-21T00:30:00+01:00\n"), "{}", file.text);
        assert!(file.text.contains("slug = \"harbor-bridge-reopens-early\"\n"), "{}", file.text);
    }

    #[test]
    fn front_matter_reads_back() {
        let now: Timestamp = "2025-04-20T08:00:00Z".parse().unwrap();
        let file = plan("Tram survey", now, &TimeZone::UTC).unwrap();
        let split = crate::content::front_matter::split(&file.text).unwrap();
        let mut warn = crate::warnings::Warnings::default();
        let meta = crate::content::meta::parse(
            &split.front.unwrap(),
            &file.path,
            &TimeZone::UTC,
            &mut warn,
        )
        .unwrap();
        assert_eq!(meta.title, "Tram survey");
        assert!(meta.draft, "a new story starts as a draft");
        assert_eq!(meta.date.unwrap().at.timestamp(), now);
        assert!(warn.0.is_empty(), "{warn:?}");
    }

    #[test]
    fn refuses_a_headline_without_letters() {
        assert!(plan("???", Timestamp::UNIX_EPOCH, &TimeZone::UTC).is_err());
    }
}
