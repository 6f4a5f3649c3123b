//! The help's examples (clap's `after_help`, one block per subcommand) and the next
//! steps `init` and `build` print: the command line read as a table of contents.

use std::path::Path;

/// Below the top-level command list: the editor's first session.
pub const TOP: &str = "\
A first session:
  broadsheet init my-digest           make a digest: settings, templates, two sample stories
  cd my-digest
  broadsheet new \"Ferry sails late\"   start a story in seeds/
  broadsheet serve                    preview it, reloading as you edit
  broadsheet build                    write the site into public/, ready to publish
  broadsheet check                    find broken links, missing bylines, alt text…

`broadsheet help <COMMAND>` shows a command's options with examples.";

/// `broadsheet help init`.
pub const INIT: &str = "\
Examples:
  broadsheet init my-digest    make the folder my-digest and a digest in it
  broadsheet init              make a digest in the current folder; after
                               `broadsheet import jekyll|hugo|zola`, keep what it brought
                               and add the rest (templates, workflow, pages)";

/// `broadsheet help new`.
pub const NEW: &str = "\
Examples:
  broadsheet new \"Ferry adds late sailings\"     seeds/<date>-ferry-adds-late-sailings.md
  broadsheet new --page \"About us\"              pages/about-us.md
  broadsheet new --author \"Ana Ruiz\"            authors/ana-ruiz.md";

/// `broadsheet help serve`.
pub const SERVE: &str = "\
Examples:
  broadsheet serve                   http://127.0.0.1:1111/ (or the next free port)
  broadsheet serve --drafts          show drafts too
  broadsheet serve --port 0          any free port";

/// `broadsheet help build`.
pub const BUILD: &str = "\
Examples:
  broadsheet build                                       into public/ (site.toml's `output_dir`)
  broadsheet build --base-url https://example.org/news/  publish under another address
  broadsheet build --drafts --output-dir preview         a preview with drafts";

/// `broadsheet help check`.
pub const CHECK: &str = "\
Examples:
  broadsheet check             errors fail; warnings (no byline, no alt text…) are listed
  broadsheet check --strict    fail on warnings too (for CI)";

/// `broadsheet help import`: every source import reads.
pub const IMPORT: &str = "\
Feeds (each item becomes a seed that credits and links its source):
  broadsheet import https://example.org/feed.xml    an RSS, Atom or JSON feed by URL
  broadsheet import feeds.opml                      every feed an OPML file lists
  broadsheet import feed wire.xml                   a feed file (`feed` is optional)
  broadsheet import                                 refresh site.toml's [[import]] feeds
  broadsheet import --full URL                      take each item's full text too
  broadsheet import --update URL                    take changes made at the source

Another generator's site (only read; posts, pages, static files and settings come over):
  broadsheet import jekyll ../old-blog
  broadsheet import hugo ../old-site
  broadsheet import zola ../old-site";

/// `broadsheet help send`.
pub const SEND: &str = "\
Examples:
  broadsheet send --dry-run --to me@example.org   write the newest edition as .eml files
  broadsheet send --to-file readers.txt           send it over site.toml's [email.smtp]
  broadsheet send 2025-04-21 --resume             finish a send that stopped";

/// `broadsheet help deploy`.
pub const DEPLOY: &str = "\
Examples:
  broadsheet build && broadsheet deploy s3://bucket/news --dry-run   what would change
  broadsheet deploy --endpoint https://<account>.r2.cloudflarestorage.com s3://bucket";

/// What `init` prints after making a digest in `dir`: the next three commands, after
/// naming the site unless its site.toml was there already (written by `import`).
pub fn next_steps(dir: &Path, named: bool) -> String {
    let root = super::root_flag(dir);
    let first = match named {
        true => "next:\n".to_string(),
        false => format!(
            "next: set `title` and `base_url` in {}, then\n",
            dir.join("site.toml").display()
        ),
    };
    format!(
        "{first}  \
         broadsheet serve{root}                   preview it, reloading as you edit\n  \
         broadsheet new \"Your headline\"{root}     start a story\n  \
         broadsheet build{root}                   write the site, ready to publish\n"
    )
}

/// The line `build` ends with: where the site is and how to look at it.
pub fn open_hint(out: &Path, root: &Path) -> String {
    let index = out.join("index.html");
    format!(
        "open {} in a browser, or preview it with `broadsheet serve{}`",
        index.display(),
        super::root_flag(root)
    )
}
