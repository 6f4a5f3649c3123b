//! `broadsheet check`: build into the work folder and judge the result.

use super::*;

impl CheckArgs {
    pub(super) fn run(self) -> Result<()> {
        let started = Instant::now();
        let options = self.common.options(&self.selection, self.when.now)?;
        if self.common.verbose {
            eprintln!("{}", settings(&options));
        }
        let spinner = spinner(&self.common, "checking");
        let findings = broadsheet::check::check(&options);
        spinner.finish_and_clear();
        let findings = findings?;
        print_findings(&findings, &options.root, !self.common.quiet || self.strict);
        let (errors, warnings) = (findings.errors.len(), findings.warnings.0.len());
        if !self.common.quiet {
            println!("{}", check_summary(&findings, started.elapsed()));
        }
        if errors > 0 {
            anyhow::bail!("check found {}", count(errors, "error"));
        }
        if self.strict && warnings > 0 {
            anyhow::bail!(
                "check found {} (--strict fails on warnings)",
                count(warnings, "warning")
            );
        }
        Ok(())
    }
}

/// Prints a check's warnings (when asked) and its errors, each with its source line.
fn print_findings(findings: &broadsheet::check::Findings, root: &std::path::Path, warnings: bool) {
    if warnings {
        print_warnings(&findings.warnings);
    }
    let colour = broadsheet::diagnostics::colour_on_stderr();
    for error in &findings.errors {
        eprint!("{}", broadsheet::diagnostics::render(error, root, colour));
    }
}

/// The one line every check ends with.
fn check_summary(findings: &broadsheet::check::Findings, took: std::time::Duration) -> String {
    format!(
        "checked {}, {}, {} in {:.2} s: {}, {}",
        count(findings.articles, "article"),
        count(findings.pages, "page"),
        count(findings.links, "internal link"),
        took.as_secs_f64(),
        count(findings.errors.len(), "error"),
        count(findings.warnings.0.len(), "warning"),
    )
}

/// `1 error`, `2 errors`.
pub(super) fn count(n: usize, what: &str) -> String {
    broadsheet::text::count(n, what, &format!("{what}s"))
}
