//! The error type every stage returns. Each variant says what to fix and where;
//! the underlying cause goes in `source`, never repeated in the text.

use std::path::PathBuf;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in one article, at a line of its file.
    #[error("{}:{line}: {}", shown(path), clean(message))]
    Article {
        /// The article's file, as the user named it (relative to the site root).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong, lower case, no final period.
        message: String,
    },
    /// A problem in site.toml (or another settings file).
    #[error("{}:{line}: {}", shown(path), clean(message))]
    Config {
        /// The settings file.
        path: PathBuf,
        /// 1-based line number (1 when the whole file is at fault).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// There is no site.toml in the site's folder, or no such folder.
    #[error("{}", no_site(dir, *exists))]
    NoSite {
        /// The folder that was searched (the `--root`).
        dir: PathBuf,
        /// Whether that folder exists at all.
        exists: bool,
    },
    /// A file or folder could not be read or written.
    #[error("cannot {action} {}", shown(path))]
    Io {
        /// What we tried to do: "read", "write", "create", …
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Two articles want the same URL.
    #[error("{url}: the same URL is claimed by {}", list_paths(paths))]
    DuplicateUrl {
        /// The clashing output path.
        url: String,
        /// Every file involved.
        paths: Vec<PathBuf>,
    },
    /// Two pages of the site would be written to one file.
    #[error("{path}: two pages of the site would be written to this file")]
    Clash {
        /// The output path, e.g. `index.html`.
        path: String,
    },
    /// A template failed to parse or render. The message names the template and line.
    #[error("{message}")]
    Template {
        /// Tera's account of the problem, naming template file and line.
        message: String,
    },
    /// A picture an article names could not be decoded or resized.
    #[error("{}: image `{}` {}", shown(article), clean(image), clean(message))]
    Picture {
        /// The article that names it.
        article: PathBuf,
        /// The picture, as the article names it.
        image: String,
        /// What went wrong: the end of a sentence ("cannot be decoded: …").
        message: String,
    },
    /// A feed that could not be imported (unreachable, too big, not a feed…).
    #[error("feed {}: {}", clean(feed), clean(message))]
    Feed {
        /// The feed's URL or file, as named.
        feed: String,
        /// What went wrong, lower case, no final period.
        message: String,
    },
    /// The object store `deploy` publishes to refused or failed a request.
    #[error("{target}: {}", clean(message))]
    Store {
        /// The target as given, e.g. `s3://bucket/prefix`.
        target: String,
        /// What went wrong and what to check, lower case, no final period.
        message: String,
    },
    /// A usage problem the user can fix on the command line.
    #[error("{0}")]
    Usage(String),
    /// Several problems found in one run; all are reported.
    #[error("{}", list_errors(.0))]
    Many(Vec<Error>),
    /// Seed files that could not be read, one error each, in a build that does not
    /// publish without them: everything else was built, nothing was published.
    #[error("{}", list_unread(.0))]
    Unread(Vec<Error>),
}

/// The result type of every fallible function in the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds an `Io` error for `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }

    /// Folds a list of errors into one: none is `Ok`, one is itself, more is `Many`.
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }

    /// How many distinct problems this error stands for.
    pub fn count(&self) -> usize {
        match self {
            Error::Many(list) | Error::Unread(list) => list.iter().map(Error::count).sum(),
            _ => 1,
        }
    }
}

fn no_site(dir: &std::path::Path, exists: bool) -> String {
    let dir = shown(dir);
    if exists {
        format!(
            "no site.toml in {dir}: create one with `broadsheet init`, or give the site's \
             folder with `--root DIR` (site.toml needs at least `title` and `base_url`)"
        )
    } else {
        format!(
            "the folder {dir} does not exist (looked for site.toml there): give the site's \
             folder with `--root DIR`, or create a digest there with `broadsheet init`"
        )
    }
}

fn list_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| shown(p)).collect::<Vec<_>>().join(", ")
}

/// A path for a message: control characters and bidirectional overrides escaped.
fn shown(path: &std::path::Path) -> String {
    clean(&path.display().to_string())
}

fn clean(text: &str) -> String {
    crate::terminal::clean(text).into_owned()
}

fn list_unread(errors: &[Error]) -> String {
    let mut text = list_errors(errors);
    text.truncate(text.rfind('\n').unwrap_or(0));
    let n = errors.len();
    let files = crate::text::count(n, "file", "files");
    text.push_str(&format!("\n{files} could not be read; nothing was published"));
    text
}

fn list_errors(errors: &[Error]) -> String {
    let mut text = String::new();
    for (i, error) in errors.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&error.to_string());
        if let Some(source) = std::error::Error::source(error) {
            text.push_str(&format!(": {source}"));
        }
    }
    text.push_str(&format!("\n{} problems found", errors.len()));
    text
}
