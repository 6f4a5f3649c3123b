//! `broadsheet serve`: build, serve, watch, rebuild; and what it reports.

use super::*;

impl ServeArgs {
    pub(super) fn run(self) -> Result<()> {
        let options = broadsheet::serve::ServeOptions {
            build: broadsheet::BuildOptions {
                base_url: self.base_url,
                ..self.common.options(&self.selection, None)?
            },
            bind: self.bind,
            port: self.port,
        };
        let root = options.build.root.clone();
        let common = self.common;
        broadsheet::serve::serve(&options, &mut |event| tell(&common, &root, event))?;
        Ok(())
    }
}

/// Prints what `serve` reports.
fn tell(common: &Common, root: &std::path::Path, event: broadsheet::serve::Event) {
    use broadsheet::serve::Event;
    match event {
        Event::Listening(url) => println!("serving {url} (Ctrl-C to stop)"),
        Event::Failed(error) => {
            let colour = broadsheet::diagnostics::colour_on_stderr();
            eprint!("{}", broadsheet::diagnostics::render(error, root, colour));
            eprintln!("still serving the last good site; fix the problem and save to rebuild");
        }
        _ if common.quiet => {}
        Event::Built(report, took) => {
            print_warnings(&report.warnings);
            print_failed(report, root);
            println!("{}", summary(report, took));
        }
        Event::Copied(n) => {
            println!("copied {}", plural(n, "changed static file", "changed static files"))
        }
        Event::Changed(paths) if common.verbose => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!("changed: {}", names.join(", "));
        }
        Event::Served(line) if common.verbose => eprintln!("{line}"),
        Event::Changed(_) | Event::Served(_) => {}
    }
}
