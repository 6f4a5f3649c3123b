//! Delivery: one message per reader over SMTP (STARTTLS, TLS, or none for a local
//! relay), the password from `BROADSHEET_SMTP_PASSWORD` only; or `.eml` files for a
//! dry run. Who got an edition is kept in `.broadsheet/send/<key>.json`, written after
//! every delivery, so a run cut short or refused by the server can `--resume`.

use super::Sent;
use super::message::{Letter, Recipient};
use crate::config::email::{EmailConfig, PASSWORD_VAR, Tls};
use crate::error::{Error, Result};
use lettre::Transport;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::Tls::{Required, Wrapper};
use lettre::transport::smtp::client::{Certificate, TlsParameters};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One edition on its way to its readers.
pub(crate) struct Outbox<'a> {
    /// The edition's e-mail.
    pub letter: &'a Letter,
    /// `[email]`.
    pub config: &'a EmailConfig,
    /// The work folder (`.broadsheet/`).
    pub work: &'a Path,
    /// The site's folder, which `[email.smtp] ca_file` is relative to.
    pub root: &'a Path,
    /// The edition's key.
    pub key: String,
}

/// What the state file holds.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct State {
    /// Readers the edition reached.
    delivered: BTreeSet<String>,
}

impl Outbox<'_> {
    /// Writes each reader's message as `.broadsheet/outbox/<key>/<n>.eml`.
    pub(crate) fn write_all(&self, readers: &[String]) -> Result<Vec<PathBuf>> {
        let dir = self.work.join("outbox").join(&self.key);
        if crate::fs::exists(&dir) {
            crate::fs::remove_dir_all(&dir)?;
        }
        crate::fs::create_dir_all(&dir)?;
        let mut written = Vec::with_capacity(readers.len());
        for (n, reader) in readers.iter().enumerate() {
            let path = dir.join(format!("{:04}.eml", n + 1));
            crate::fs::write(
                &path,
                &self.letter.compose(self.config, Recipient::Reader(reader))?.formatted(),
            )?;
            written.push(path);
        }
        Ok(written)
    }

    /// Sends to every reader (with `resume`, only to those the last run did not reach),
    /// recording each delivery and each refusal in `sent`.
    pub(crate) fn send_all(&self, readers: &[String], resume: bool, sent: &mut Sent) -> Result<()> {
        let (server, transport) = self.transport()?;
        let state_path = self.work.join("send").join(format!("{}.json", self.key));
        let mut state = if resume { read_state(&state_path)? } else { State::default() };
        let mut stopped: Option<String> = None;
        for reader in readers {
            if state.delivered.contains(reader) {
                sent.earlier.push(reader.clone());
                continue;
            }
            if let Some(reason) = &stopped {
                sent.failed.push((reader.clone(), format!("not tried: {reason}")));
                continue;
            }
            let message = self.letter.compose(self.config, Recipient::Reader(reader))?;
            match transport.send(&message) {
                Ok(_) => {
                    sent.delivered.push(reader.clone());
                    state.delivered.insert(reader.clone());
                    write_state(&state_path, &state)?;
                }
                Err(e) => {
                    let reason = format!("{server}: {}", explained(&e));
                    // A refusal is about this reader; anything else (no connection, TLS)
                    // would fail the rest the same way.
                    if !(e.is_permanent() || e.is_transient()) {
                        stopped = Some(reason.clone());
                    }
                    sent.failed.push((reader.clone(), reason));
                }
            }
        }
        write_state(&state_path, &state)
    }

    /// The SMTP transport `[email.smtp]` describes, and the server's name for messages.
    fn transport(&self) -> Result<(String, SmtpTransport)> {
        let smtp = &self.config.smtp;
        let Some(host) = smtp.server.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Err(Error::Usage(
                "send: set [email.smtp] server in site.toml (or use --dry-run or --eml)".into(),
            ));
        };
        let server = format!("{host}:{}", smtp.port());
        let trusted = self.trusted(host)?;
        let builder = match (smtp.tls, trusted) {
            (Tls::None, _) => Ok(SmtpTransport::builder_dangerous(host)),
            (Tls::Starttls, None) => SmtpTransport::starttls_relay(host),
            (Tls::Tls, None) => SmtpTransport::relay(host),
            (Tls::Starttls, Some(p)) => Ok(SmtpTransport::builder_dangerous(host).tls(Required(p))),
            (Tls::Tls, Some(p)) => Ok(SmtpTransport::builder_dangerous(host).tls(Wrapper(p))),
        }
        .map_err(|e| Error::Usage(format!("send: {server}: {e}")))?;
        let mut builder =
            builder.port(smtp.port()).timeout(Some(std::time::Duration::from_secs(60)));
        if let Some(user) = &smtp.user {
            let password = std::env::var(PASSWORD_VAR).map_err(|_| {
                Error::Usage(format!("send: set {PASSWORD_VAR} to the SMTP password of `{user}`"))
            })?;
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok((server, builder.build()))
    }
}

impl Outbox<'_> {
    /// TLS that also trusts `[email.smtp] ca_file`, when one is set.
    fn trusted(&self, host: &str) -> Result<Option<TlsParameters>> {
        let Some(file) = &self.config.smtp.ca_file else { return Ok(None) };
        let path = self.root.join(file);
        let bad = |why: String| Error::Config {
            path: "site.toml".into(),
            line: 1,
            message: format!("[email.smtp] ca_file `{}`: {why}", file.display()),
        };
        let pem = crate::fs::read(&path).map_err(|e| bad(e.to_string()))?;
        if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
            return Err(bad(
                "not a PEM certificate (it has no `-----BEGIN CERTIFICATE-----`)".into()
            ));
        }
        let certificate =
            Certificate::from_pem(&pem).map_err(|e| bad(format!("not a PEM certificate ({e})")))?;
        let parameters = TlsParameters::builder(host.to_string())
            .add_root_certificate(certificate)
            .build_rustls()
            .map_err(|e| bad(e.to_string()))?;
        Ok(Some(parameters))
    }
}

/// An SMTP error with its causes (TLS's own words are in them), and what to do when the
/// server's certificate is not trusted.
fn explained(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text = format!("{text}: {said}");
        }
        cause = c.source();
    }
    if text.contains("certificate") {
        text.push_str(
            "; the server's certificate is not trusted: if your own authority signed it, \
             name that authority's certificate in [email.smtp] ca_file",
        );
    }
    text
}

fn read_state(path: &Path) -> Result<State> {
    match crate::fs::read_if_exists(path)? {
        None => Ok(State::default()),
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Config {
            path: path.into(),
            line: e.line(),
            message: format!("not a send record ({e}); delete it to start over"),
        }),
    }
}

fn write_state(path: &Path, state: &State) -> Result<()> {
    if let Some(dir) = path.parent() {
        crate::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec_pretty(state).expect("a set of strings serialises");
    crate::fs::write_atomically(path, &json)
}
