//! `broadsheet send` over TLS against an SMTP server on 127.0.0.1 that speaks STARTTLS
//! or implicit TLS with a certificate made in the test (rcgen), signed by an authority
//! made in the test too: trusted through `[email.smtp] ca_file` it delivers, untrusted
//! it is refused with a sentence saying what to do, and nothing is delivered.

#![allow(clippy::disallowed_methods)] // tests make and read fixture files directly

mod common;

use common::{Site, stderr, stdout};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// How the server offers TLS.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Plain at first, TLS after `STARTTLS` (port 587's way).
    StartTls,
    /// TLS from the first byte (port 465's way).
    Implicit,
}

/// What the server saw: messages delivered (recipients), and whether each session was
/// encrypted when the message came.
#[derive(Default)]
struct Seen {
    delivered: Vec<(String, bool)>,
}

/// A certificate authority, and a server certificate for 127.0.0.1 it signed.
struct Certs {
    ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

fn certs() -> Certs {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "Northport newsroom test authority");
    let ca = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &ca, &ca_key)
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let private = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone()], private.into())
        .unwrap();
    Certs { ca_pem: ca.pem(), server: Arc::new(server) }
}

/// Starts the server; its port and what it saw.
fn serve(mode: Mode, config: Arc<rustls::ServerConfig>) -> (u16, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let state = seen.clone();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let (config, state) = (config.clone(), state.clone());
            std::thread::spawn(move || match mode {
                Mode::Implicit => {
                    let tls = rustls::ServerConnection::new(config).unwrap();
                    let mut stream = rustls::StreamOwned::new(tls, tcp);
                    let _ = session(&mut stream, (true, true, false), &state);
                }
                Mode::StartTls => {
                    let mut plain = tcp;
                    if let Ok(Some(())) = session(&mut plain, (true, false, true), &state) {
                        let tls = rustls::ServerConnection::new(config).unwrap();
                        let mut stream = rustls::StreamOwned::new(tls, plain);
                        let _ = session(&mut stream, (false, true, false), &state);
                    }
                }
            });
        }
    });
    (port, seen)
}

/// One line from the client, without its line end.
fn line(stream: &mut dyn Read) -> Option<String> {
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while stream.read(&mut byte).ok()? == 1 {
        if byte[0] == b'\n' {
            return Some(String::from_utf8_lossy(&bytes).trim_end_matches('\r').to_string());
        }
        bytes.push(byte[0]);
    }
    None
}

/// An SMTP session on `stream`; `Ok(Some(()))` when the client asked for STARTTLS (the
/// caller then wraps the connection and runs a second session in TLS, where the
/// client speaks first: no greeting).
fn session<S: Read + Write>(
    stream: &mut S,
    (greet, encrypted, offer_starttls): (bool, bool, bool),
    seen: &Mutex<Seen>,
) -> std::io::Result<Option<()>> {
    let reply = |stream: &mut S, text: &str| stream.write_all(format!("{text}\r\n").as_bytes());
    if greet {
        reply(stream, "220 sink.test ESMTP ready")?;
    }
    let mut to = Vec::new();
    loop {
        let Some(command) = line(stream) else { return Ok(None) };
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" if offer_starttls => reply(stream, "250-sink.test\r\n250 STARTTLS")?,
            "EHLO" => reply(stream, "250-sink.test\r\n250 8BITMIME")?,
            "STARTTLS" if offer_starttls => {
                reply(stream, "220 2.0.0 ready to start TLS")?;
                return Ok(Some(()));
            }
            "MAIL" | "RSET" | "NOOP" => {
                to.clear();
                reply(stream, "250 2.0.0 ok")?;
            }
            "RCPT" if offer_starttls => reply(stream, "530 5.7.0 must issue STARTTLS first")?,
            "RCPT" => {
                to.push(command.split(['<', '>']).nth(1).unwrap_or("").to_string());
                reply(stream, "250 2.1.5 ok")?;
            }
            "DATA" => {
                reply(stream, "354 end with <CRLF>.<CRLF>")?;
                while line(stream).is_some_and(|l| l != ".") {}
                let mut seen = seen.lock().unwrap();
                seen.delivered.extend(to.drain(..).map(|r| (r, encrypted)));
                reply(stream, "250 2.0.0 queued")?;
            }
            "QUIT" => {
                reply(stream, "221 2.0.0 bye")?;
                return Ok(None);
            }
            _ => reply(stream, "502 5.5.1 unknown command")?,
        }
    }
}

/// The example site sending through 127.0.0.1:`port` with `tls`, and `extra` lines in
/// `[email.smtp]`; the authority's certificate is in `certs/newsroom-ca.pem`.
fn site(port: u16, tls: &str, extra: &str, ca_pem: &str) -> Site {
    let site = Site::example();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let toml = toml
        .split("\n[email]")
        .next()
        .unwrap()
        .replace("https://example.github.io/broadsheet/", "https://digest.northport.test/");
    site.write("certs/newsroom-ca.pem", ca_pem);
    site.write(
        "site.toml",
        &format!(
            "{toml}\n[email]\nfrom = \"Northport Desk <desk@example.org>\"\n\
             [email.smtp]\nserver = \"127.0.0.1\"\nport = {port}\ntls = \"{tls}\"\n{extra}"
        ),
    );
    site
}

fn send(site: &Site, reader: &str) -> std::process::Output {
    site.run(&["send", "--now", "2026-01-01T00:00:00Z", "--to", reader])
}

#[test]
fn starttls_with_the_newsrooms_authority_delivers_encrypted() {
    let certs = certs();
    let (port, seen) = serve(Mode::StartTls, certs.server.clone());
    let site = site(port, "starttls", "ca_file = \"certs/newsroom-ca.pem\"\n", &certs.ca_pem);
    let out = send(&site, "ann@example.org");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("to 1 reader"), "{}", stdout(&out));
    assert_eq!(seen.lock().unwrap().delivered, [("ann@example.org".to_string(), true)]);
}

#[test]
fn implicit_tls_with_the_newsrooms_authority_delivers() {
    let certs = certs();
    let (port, seen) = serve(Mode::Implicit, certs.server.clone());
    let site = site(port, "tls", "ca_file = \"certs/newsroom-ca.pem\"\n", &certs.ca_pem);
    let out = send(&site, "bo@example.org");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(seen.lock().unwrap().delivered, [("bo@example.org".to_string(), true)]);
}

#[test]
fn a_certificate_no_trusted_authority_signed_is_refused_and_says_what_to_do() {
    let certs = certs();
    for (mode, tls) in [(Mode::StartTls, "starttls"), (Mode::Implicit, "tls")] {
        let (port, seen) = serve(mode, certs.server.clone());
        let site = site(port, tls, "", &certs.ca_pem);
        let out = send(&site, "cy@example.org");
        assert!(!out.status.success(), "{tls}: sent over an untrusted certificate");
        let err = stderr(&out);
        assert!(err.contains(&format!("not sent to cy@example.org: 127.0.0.1:{port}: ")), "{err}");
        assert!(err.contains("certificate"), "{tls}: {err}");
        assert!(err.contains("name that authority's certificate in [email.smtp] ca_file"), "{err}");
        assert!(seen.lock().unwrap().delivered.is_empty(), "{tls}");
    }
}

#[test]
fn a_ca_file_that_is_missing_or_no_certificate_is_named() {
    let certs = certs();
    let (port, _) = serve(Mode::Implicit, certs.server.clone());
    let site = site(port, "tls", "ca_file = \"certs/missing.pem\"\n", &certs.ca_pem);
    let err = stderr(&send(&site, "dee@example.org"));
    assert!(err.contains("[email.smtp] ca_file `certs/missing.pem`: "), "{err}");
    let site = site_with_garbage(port, &certs.ca_pem);
    let err = stderr(&send(&site, "dee@example.org"));
    assert!(
        err.contains("[email.smtp] ca_file `certs/newsroom-ca.pem`: not a PEM certificate"),
        "{err}"
    );
}

fn site_with_garbage(port: u16, ca_pem: &str) -> Site {
    let site = site(port, "tls", "ca_file = \"certs/newsroom-ca.pem\"\n", ca_pem);
    site.write("certs/newsroom-ca.pem", "not a certificate\n");
    site
}
