//! `broadsheet serve`: build the site into the work folder (`.broadsheet/serve/`, never the
//! output folder, so a localhost base URL is never published), serve it on loopback under
//! its base path exactly as GitHub Pages would, watch the sources, rebuild on change and
//! reload open pages. A failed rebuild keeps the last good site up, with the error shown
//! over every page and reported to the caller; a seed file that cannot be read costs
//! only itself (the rest is served, its error shown over every page).
//!
//! The parts: `files` maps request paths to files, `http` answers requests, `live` is
//! the state pages poll, `watch` sees changes. Printing is the caller's, through `Event`.

pub(crate) mod files;
pub(crate) mod http;
pub(crate) mod live;
pub(crate) mod watch;

use crate::config::{self, SiteConfig};
use crate::error::{Error, Result};
use crate::urls::Urls;
use crate::{BuildOptions, Report};
use live::Live;
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// Where `serve` builds, relative to the site root.
pub const SERVE_DIR: &str = ".broadsheet/serve";

/// The longest a stream of changes can hold back a rebuild.
const MOST_WAIT: Duration = Duration::from_secs(2);

/// How many ports after the asked-for one are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// What the command line asks of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How to build; `output_dir` is ignored (serve builds into `SERVE_DIR`), and
    /// `base_url`, when given, replaces the local URL serve would use.
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless opened wider on purpose).
    pub bind: IpAddr,
    /// The first port to try; the next free one is taken when it is busy; 0 is any.
    pub port: u16,
}

/// Something the caller may want to tell the editor.
#[derive(Debug)]
pub enum Event<'a> {
    /// The server is up at this URL (the site's front page).
    Listening(&'a str),
    /// These source files changed (relative to the root).
    Changed(&'a [PathBuf]),
    /// A build succeeded (perhaps without files it could not read: `Report::failed`).
    Built(&'a Report, Duration),
    /// Files of `static/` were copied into the served site, no rebuild needed.
    Copied(usize),
    /// A build failed; the last good site is still served.
    Failed(&'a Error),
    /// A request was answered (`GET /x 200`).
    Served(&'a str),
}

/// What reaches the serve loop from the watcher and the request threads.
enum Message {
    Changed(Vec<PathBuf>),
    Served(String),
}

/// Builds, serves and rebuilds until the process is stopped. Returns only on an error
/// that stops serving altogether (no site.toml, no free port, the watcher failed).
pub fn serve(options: &ServeOptions, on: &mut dyn FnMut(Event)) -> Result<()> {
    let root = options.build.root.clone();
    config::load(&root.join("site.toml"), Path::new("site.toml"))?;
    let listener = bind(options.bind, options.port)?;
    let port = listener.local_addr().map_err(|e| Error::io("listen on", "socket", e))?.port();
    let site = Served { options: options.build.clone(), origin: origin(options.bind, port) };
    let out = root.join(SERVE_DIR);
    crate::fs::remove_dir_all(&out)?; // never show a site built for another port
    let live = Arc::new(Live::new(&site.base_path().unwrap_or_else(|_| "/".into())));
    let (send, receive) = mpsc::channel();
    listen(listener, &out, &live, send.clone())?;
    // Watch before the first build, so that no edit made after it goes unseen.
    let changed = send.clone();
    let mut watcher =
        watch::Watcher::start(&root, move |paths| drop(changed.send(Message::Changed(paths))))?;
    on(Event::Listening(&format!("{}{}", site.origin, live.status().base)));
    site.rebuild(&live, on);
    while let Ok(message) = receive.recv() {
        match message {
            Message::Served(line) => on(Event::Served(&line)),
            Message::Changed(paths) => {
                let paths = watch::relevant(&root, &gather(paths, &receive, on));
                if paths.is_empty() {
                    continue;
                }
                on(Event::Changed(&paths));
                watcher.refresh()?;
                site.update(&paths, &live, on);
            }
        }
    }
    Ok(())
}

/// `paths` and every change that follows until the sources have been quiet for
/// `watch::QUIET` (at most `MOST_WAIT` in all); request lines are passed on meanwhile.
fn gather(
    mut paths: Vec<PathBuf>,
    receive: &mpsc::Receiver<Message>,
    on: &mut dyn FnMut(Event),
) -> Vec<PathBuf> {
    let started = Instant::now();
    let mut quiet_since = Instant::now();
    while started.elapsed() < MOST_WAIT {
        let left = watch::QUIET.saturating_sub(quiet_since.elapsed());
        match receive.recv_timeout(left) {
            Ok(Message::Changed(more)) => {
                paths.extend(more);
                quiet_since = Instant::now();
            }
            Ok(Message::Served(line)) => on(Event::Served(&line)),
            Err(_) => break,
        }
    }
    paths
}

/// The site being served, and how to build it.
struct Served {
    options: BuildOptions,
    origin: String,
}

impl Served {
    /// The base URL to build with: `--base-url`, else the local origin plus the path of
    /// site.toml's `base_url`, read afresh (an edit may have moved it).
    fn base_url(&self) -> Result<String> {
        let root = &self.options.root;
        let config = config::load(&root.join("site.toml"), Path::new("site.toml"))?;
        let url = match &self.options.base_url {
            Some(url) => url.clone(),
            None => format!("{}{}", self.origin, Urls::new(&config.base_url).base_path()),
        };
        Ok(SiteConfig::with_base_url(config, &url)?.base_url)
    }

    fn base_path(&self) -> Result<String> {
        Ok(Urls::new(&self.base_url()?).base_path().to_string())
    }

    /// Builds the whole site into `SERVE_DIR`, then tells `live` and the caller.
    fn rebuild(&self, live: &Live, on: &mut dyn FnMut(Event)) {
        let started = Instant::now();
        let built = self.base_url().and_then(|base_url| {
            // A preview shows every page it can; the files left out are shown over them.
            let options = BuildOptions {
                output_dir: Some(PathBuf::from(SERVE_DIR)),
                base_url: Some(base_url.clone()),
                keep_going: true,
                ..self.options.clone()
            };
            crate::build(&options).map(|report| (report, base_url))
        });
        match built {
            Ok((report, base_url)) => {
                live.built(Urls::new(&base_url).base_path());
                if !report.failed.is_empty() {
                    let root = &self.options.root;
                    let text = report.failed.iter().map(|e| crate::diagnostics::plain(e, root));
                    live.failed(text.collect());
                }
                on(Event::Built(&report, started.elapsed()));
            }
            Err(error) => {
                live.failed(crate::diagnostics::plain(&error, &self.options.root));
                on(Event::Failed(&error));
            }
        }
    }

    /// Does what `changed` needs: copies static files when that is all, else rebuilds.
    fn update(&self, changed: &[PathBuf], live: &Live, on: &mut dyn FnMut(Event)) {
        let root = &self.options.root;
        let status = live.status();
        let fresh = status.ready && status.error.is_none();
        if let (watch::Work::CopyStatic(files), true) = (watch::work(root, changed), fresh)
            // On a failed copy, fall back to a full build, which reports any error.
            && let Ok(n) = watch::copy_static(root, &root.join(SERVE_DIR), &files)
        {
            live.built(&status.base);
            on(Event::Copied(n));
            return;
        }
        self.rebuild(live, on);
    }
}

/// Listens on `ip`, at `port` or the next free one (`0`: any free port).
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    let last = if port == 0 { 0 } else { port.saturating_add(PORT_TRIES - 1) };
    for p in port..=last {
        match TcpListener::bind((ip, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && p < last => continue,
            Err(e) => return Err(Error::io("listen on", format!("{ip}:{p}"), e)),
        }
    }
    unreachable!("the last port either binds or returns an error")
}

/// `http://HOST:PORT`: the bound address, or 127.0.0.1 when bound to every interface.
fn origin(ip: IpAddr, port: u16) -> String {
    match ip {
        ip if ip.is_unspecified() => format!("http://127.0.0.1:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
    }
}

/// Answers requests on their own threads until the process ends.
fn listen(
    listener: TcpListener,
    out: &Path,
    live: &Arc<Live>,
    send: mpsc::Sender<Message>,
) -> Result<()> {
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Error::io("serve on", "socket", std::io::Error::other(e.to_string())))?;
    let (out, live) = (out.to_path_buf(), Arc::clone(live));
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (out, live, send) = (out.clone(), Arc::clone(&live), send.clone());
            std::thread::spawn(move || {
                let line = http::handle(request, &out, &live);
                let _ = send.send(Message::Served(line));
            });
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_names_a_reachable_host() {
        assert_eq!(origin("127.0.0.1".parse().unwrap(), 1111), "http://127.0.0.1:1111");
        assert_eq!(origin("0.0.0.0".parse().unwrap(), 80), "http://127.0.0.1:80");
        assert_eq!(origin("::1".parse().unwrap(), 8), "http://[::1]:8");
    }

    #[test]
    fn takes_the_next_port_when_one_is_busy() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let busy = TcpListener::bind((ip, 0)).unwrap();
        let port = busy.local_addr().unwrap().port();
        let next = bind(ip, port).unwrap();
        assert_ne!(next.local_addr().unwrap().port(), port);
    }
}
