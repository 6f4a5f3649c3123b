//! The `broadsheet` binary: parse arguments, run, report errors, set the exit code
//! (0 success, 1 content/config/template error, 2 usage error).

#![forbid(unsafe_code)]
#![warn(clippy::too_many_lines, clippy::too_many_arguments)]

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let root = cli.root().to_path_buf();
    let Err(err) = cli.run() else { return ExitCode::SUCCESS };
    let usage =
        matches!(err.downcast_ref::<broadsheet::Error>(), Some(broadsheet::Error::Usage(_)));
    match err.downcast_ref::<broadsheet::Error>() {
        Some(e) => {
            let colour = broadsheet::diagnostics::colour_on_stderr();
            eprint!("{}", broadsheet::diagnostics::render(e, &root, colour));
        }
        None => eprintln!("error: {err:#}"),
    }
    match err.downcast_ref::<broadsheet::Error>() {
        Some(broadsheet::Error::Unread(_)) => eprintln!(
            "the output folder keeps the previous site: fix the files above, or publish \
             the rest with `build --keep-going` (or `[build] on_error = \"skip\"` in site.toml)"
        ),
        Some(e) if e.count() > 1 => {
            eprintln!("the build stopped: fix the {} problems above", e.count())
        }
        _ => {}
    }
    if usage { ExitCode::from(2) } else { ExitCode::FAILURE }
}
