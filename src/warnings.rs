//! Warnings: problems that do not stop the build but that the editor should see.

use std::path::Path;

/// Warnings gathered by one stage, printed at the end of the build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Warnings(pub Vec<String>);

impl Warnings {
    /// Records a warning about `path` at `line`.
    pub fn at(&mut self, path: &Path, line: usize, message: impl std::fmt::Display) {
        self.push(format!("{}:{line}: {message}", path.display()));
    }

    /// Records a warning about `path` as a whole.
    pub fn file(&mut self, path: &Path, message: impl std::fmt::Display) {
        self.push(format!("{}: {message}", path.display()));
    }

    /// Records a warning about the site as a whole.
    pub fn site(&mut self, message: impl std::fmt::Display) {
        self.push(message.to_string());
    }

    /// Records a warning with file names and values made safe for a terminal.
    fn push(&mut self, text: String) {
        self.0.push(crate::terminal::clean(&text).into_owned());
    }

    /// Moves every warning of `other` into this list.
    pub fn extend(&mut self, other: Warnings) {
        self.0.extend(other.0);
    }
}
