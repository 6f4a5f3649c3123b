//! `broadsheet send`: an edition to its readers by SMTP, or as `.eml` files.

use super::*;

/// `broadsheet send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub(super) common: Common,
    /// The edition's key (e.g. 2025-04-21 or 2025-W16); default the newest.
    #[arg(value_name = "EDITION")]
    edition: Option<String>,
    /// Send to these addresses.
    #[arg(long, value_name = "ADDR", num_args = 1..)]
    to: Vec<String>,
    /// Send to the addresses in this file, one a line (# comments allowed).
    #[arg(long, value_name = "FILE")]
    list: Option<PathBuf>,
    /// Write one .eml per reader into .broadsheet/outbox/ instead of sending.
    #[arg(long, conflicts_with = "eml")]
    dry_run: bool,
    /// Write the message as one raw .eml file instead of sending (for services that take one).
    #[arg(long, value_name = "FILE")]
    eml: Option<PathBuf>,
    /// Send only to the readers the last run did not reach.
    #[arg(long, conflicts_with_all = ["dry_run", "eml"])]
    resume: bool,
    /// Send even though `base_url` is still the placeholder `init` wrote.
    #[arg(long)]
    force: bool,
    /// Send the edition in this language (a code from site.toml's `[languages]`).
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    #[command(flatten)]
    when: When,
}

impl SendArgs {
    pub(super) fn run(self) -> Result<()> {
        let selection = Selection { drafts: false, future: false };
        let options = broadsheet::send::SendOptions {
            build: self.common.options(&selection, self.when.now)?,
            edition: self.edition,
            to: self.to,
            list: self.list,
            dry_run: self.dry_run,
            eml: self.eml,
            resume: self.resume,
            force: self.force,
            lang: self.lang,
        };
        let sent = broadsheet::send::send(&options)?;
        for warning in &sent.warnings {
            eprintln!("warning: {warning}");
        }
        for path in &sent.written {
            println!("wrote {}", path.display());
        }
        if !self.common.quiet && sent.written.is_empty() {
            println!("{}", sent_summary(&sent));
        }
        for (reader, reason) in &sent.failed {
            eprintln!("not sent to {reader}: {reason}");
        }
        if !sent.failed.is_empty() {
            anyhow::bail!(
                "edition {} reached {} of {}; rerun with --resume to send only to the rest",
                sent.edition,
                sent.delivered.len() + sent.earlier.len(),
                count(sent.delivered.len() + sent.earlier.len() + sent.failed.len(), "reader")
            );
        }
        Ok(())
    }
}

/// What `send` says when it is done: who got the edition now and earlier.
fn sent_summary(sent: &broadsheet::send::Sent) -> String {
    let mut line =
        format!("sent edition {} to {}", sent.edition, count(sent.delivered.len(), "reader"));
    if !sent.delivered.is_empty() {
        line.push_str(&format!(": {}", sent.delivered.join(", ")));
    }
    if !sent.earlier.is_empty() {
        line.push_str(&format!("; {} had it from an earlier run", sent.earlier.len()));
    }
    line
}
