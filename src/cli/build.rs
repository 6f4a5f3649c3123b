//! `broadsheet build`, and the lines every build and check prints.

use super::*;

impl BuildArgs {
    pub(super) fn run(self) -> Result<()> {
        let started = Instant::now();
        let options = broadsheet::BuildOptions {
            output_dir: self.output_dir,
            base_url: self.base_url,
            clean: self.clean,
            keep_going: self.keep_going,
            ..self.common.options(&self.selection, self.when.now)?
        };
        if self.common.verbose {
            eprintln!("{}", settings(&options));
        }
        let (line, watch) = super::progress::start(&self.common);
        let report =
            broadsheet::build(&broadsheet::BuildOptions { progress: watch, ..options.clone() });
        line.finish();
        let report = report?;
        if !self.common.quiet {
            print_warnings(&report.warnings);
        }
        print_failed(&report, &options.root);
        if !self.common.quiet {
            println!("{}", summary(&report, started.elapsed()));
            if report.pictures > 0 {
                let (n, decoded) = (report.pictures, report.decoded);
                let reused = n - decoded;
                let pruned = match report.pruned {
                    0 => String::new(),
                    p => format!(", {} removed", plural(p, "old copy", "old copies")),
                };
                println!(
                    "pictures: {}, {decoded} decoded, {reused} reused{pruned}",
                    count(n, "image")
                );
            }
            println!("{}", super::help::open_hint(&report.output, &self.common.root));
        }
        Ok(())
    }
}

/// The one line every build ends with.
pub(super) fn summary(report: &broadsheet::Report, took: std::time::Duration) -> String {
    let held = if report.held_back > 0 {
        format!(", {} held back", report.held_back)
    } else {
        String::new()
    };
    let site = format!(
        "{}, {}, {}{held}",
        count(report.articles, "article"),
        count(report.pages, "page"),
        count(report.files, "file")
    );
    let (out, secs) = (report.output.display(), took.as_secs_f64());
    if report.unchanged {
        format!(
            "nothing changed since the last build: {site} already in {out} (checked in {secs:.2} s)"
        )
    } else {
        format!("built {site} into {out} in {secs:.2} s")
    }
}

/// What `--verbose` says before a build.
pub(super) fn settings(options: &broadsheet::BuildOptions) -> String {
    let or = |v: &Option<String>, default: &str| v.clone().unwrap_or_else(|| default.to_string());
    format!(
        "site {}; output {}; base URL {}; reference time {}; drafts {}; future {}",
        options.root.display(),
        options.output_dir.as_ref().map_or("from site.toml".into(), |d| d.display().to_string()),
        or(&options.base_url, "from site.toml"),
        or(&options.now, "SOURCE_DATE_EPOCH or the clock"),
        if options.drafts { "included" } else { "left out" },
        if options.future { "included" } else { "held back" },
    )
}

/// The files a build that kept going left out, as errors with their source lines, and
/// one line saying they were left out (printed even with --quiet).
pub(super) fn print_failed(report: &broadsheet::Report, root: &std::path::Path) {
    let colour = broadsheet::diagnostics::colour_on_stderr();
    for error in &report.failed {
        eprint!("{}", broadsheet::diagnostics::render(error, root, colour));
    }
    if !report.failed.is_empty() {
        eprintln!("{}", left_out(report.failed.len()));
    }
}

/// The line after the files a build left out.
pub(super) fn left_out(n: usize) -> String {
    let files = count(n, "file");
    format!("published without {files} that could not be read (listed above)")
}

pub(super) fn print_warnings(warnings: &broadsheet::warnings::Warnings) {
    let colour = broadsheet::diagnostics::colour_on_stderr();
    for warning in &warnings.0 {
        eprintln!("{}", broadsheet::diagnostics::warning(warning, colour));
    }
}

/// A spinner on stderr while something slow runs: only on a terminal, never with --quiet.
pub(super) fn spinner(common: &Common, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if common.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(what.to_string());
    let style = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .expect("a constant, valid template");
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
