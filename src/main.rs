//! The `broadsheet` binary: parse arguments, run, report errors, set the exit code
//! (0 success, 1 content/config/template error, 2 usage error).

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Err(err) = cli::Cli::parse().run() else { return ExitCode::SUCCESS };
    let usage =
        matches!(err.downcast_ref::<broadsheet::Error>(), Some(broadsheet::Error::Usage(_)));
    eprintln!("error: {err:#}");
    if let Some(e) = err.downcast_ref::<broadsheet::Error>()
        && e.count() > 1
    {
        eprintln!("the build stopped: fix the {} problems above", e.count());
    }
    if usage { ExitCode::from(2) } else { ExitCode::FAILURE }
}
