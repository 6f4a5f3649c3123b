//! `[build]`: what a build does with a seed file it cannot read. Reading the files
//! is `content`'s; publishing or holding back the rest is `lib.rs`'s.

use serde::Deserialize;

/// `[build]`: how a build treats files that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// What a file that cannot be read does to the build.
    #[serde(default)]
    pub on_error: OnError,
    /// Megabytes of article text (Markdown sources, rendered bodies) a build holds in
    /// memory; past them, text waits in a scratch file in `.broadsheet/` until its pages
    /// are written. 0 keeps all of it there.
    #[serde(default = "text_memory_mb")]
    pub text_memory_mb: usize,
}

impl Default for BuildConfig {
    fn default() -> BuildConfig {
        BuildConfig { on_error: OnError::default(), text_memory_mb: text_memory_mb() }
    }
}

/// Enough for every source and body of a 10,000-article archive (about 120 MB).
fn text_memory_mb() -> usize {
    256
}

/// What a seed file that cannot be read does to the build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnError {
    /// Every other file is still built and checked, but nothing is published: the
    /// output folder keeps the previous site and the build fails (for CI).
    #[default]
    Fail,
    /// The rest is published and the failed files are listed (as `--keep-going`).
    Skip,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fails_by_default_and_reads_skip() {
        assert_eq!(BuildConfig::default().on_error, OnError::Fail);
        let skip: BuildConfig = toml::from_str("on_error = \"skip\"").unwrap();
        assert_eq!(skip.on_error, OnError::Skip);
        assert!(toml::from_str::<BuildConfig>("on_error = \"maybe\"").is_err());
    }
}
