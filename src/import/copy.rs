//! Writing one carried-over file: a Markdown file with its old URL, menu and weight
//! added to its front matter and its links rewritten (`crosslinks.rs`); any other file
//! copied byte for byte. Nothing is ever written over an existing file.

use super::crosslinks::{Rewrite, Targets, url_key};
use super::plan::{self, Doc};
use super::settings::Settings;
use super::sources::{Item, Kind};
use super::{Imported, Peer};
use crate::error::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Everything the copies need, worked out before the first is written.
pub(super) struct Copier<'a> {
    src: &'a Path,
    items: &'a [Item],
    root: &'a Path,
    docs: Vec<Option<Doc>>,
    targets: Targets,
    /// Menu entries that name no page, sections whose `redirect_to` leads nowhere and
    /// site shortcodes that cannot run, for the report.
    pub unplaced_menus: Vec<String>,
    /// `[redirects]` for the old site's section pages: (old path, target).
    pub redirects: Vec<(String, String)>,
    /// Pages their section shows in full rather than as pages of their own.
    listing: super::sections::Listing,
    /// Their texts, by item, read once for their section's page and `glossary-term`.
    entry_texts: HashMap<usize, String>,
}

/// What the Markdown items say before any is copied: each one's front matter and old
/// URL (none for other files), the bodies other pages include, and the heading ids
/// Zola gave each file where ours differ.
type Read = (Vec<Option<Doc>>, Vec<(String, String)>, HashMap<PathBuf, HashMap<String, String>>);

fn read_docs(peer: Peer, src: &Path, settings: &Settings, items: &[Item]) -> Result<Read> {
    let tz = &settings.time_zone();
    let (mut docs, mut shared, mut anchors) =
        (Vec::with_capacity(items.len()), Vec::new(), HashMap::new());
    for item in items {
        if item.kind == Kind::File {
            docs.push(None);
            continue;
        }
        let text = match &item.text {
            Some(text) => text.clone(),
            None => String::from_utf8_lossy(&crate::fs::read(&src.join(&item.from))?).into_owned(),
        };
        let doc = plan::doc(peer, item, &text, settings, tz);
        shared.extend(plan::shared(item, &doc, &text));
        let title = doc.front.get("title").and_then(crate::content::extra::Node::as_text);
        let ids =
            if peer == Peer::Zola { plan::zola_anchors(&text, title) } else { HashMap::new() };
        if !ids.is_empty() {
            anchors.insert(item.to.clone(), ids);
        }
        docs.push(Some(doc));
    }
    Ok((docs, shared, anchors))
}

impl<'a> Copier<'a> {
    /// Reads every Markdown item's front matter and gathers the link targets.
    pub(super) fn plan(
        peer: Peer,
        (src, root): (&'a Path, &'a Path),
        settings: &Settings,
        items: &'a [Item],
        leads: &[super::leads::Leads],
    ) -> Result<Copier<'a>> {
        let (mut docs, shared, anchors) = read_docs(peer, src, settings, items)?;
        let shown = super::sections::Shown::new(items, &docs, &settings.taxonomies);
        let listing = super::sections::Listing::new(items, &docs, &shown);
        let mut targets = plan::targets(items, &docs, settings, (&shown, &listing));
        targets.shared = shared.into_iter().collect();
        let entry_texts = entry_texts(src, items, &listing, &mut targets)?;
        targets.anchors = anchors;
        targets.includes = plan::includes(src)?.into_iter().collect();
        targets.assets = plan::assets(peer, src)?.into_iter().collect();
        site_shortcodes(peer, src, settings, &mut targets);
        let mut menus = settings.menus.clone();
        menus.extend(plan::jekyll_navigation(src)?);
        let unplaced_menus = plan::place_menus(&menus, items, &mut docs, &targets);
        let (mut redirects, unled) = super::sections::redirects(items, &docs, &targets, &shown);
        let (more, unled_pages) = super::leads::resolve(leads, &docs, &targets);
        redirects.extend(more);
        if peer == Peer::Jekyll {
            let post = |i: &&Item| i.kind == Kind::Post && i.from.starts_with("_posts");
            let posts = items.iter().filter(post).count();
            redirects.extend(super::leads::paginated(&settings.values, posts));
        }
        let unplaced_menus = unplaced_menus
            .into_iter()
            .chain(unled)
            .chain(unled_pages)
            .chain(targets.unrunnable.iter().cloned())
            .chain(shown_in_full(items, &listing))
            .collect();
        Ok(Copier {
            src,
            items,
            root,
            docs,
            targets,
            unplaced_menus,
            redirects,
            listing,
            entry_texts,
        })
    }

    /// Copies item `i`, never over an existing file.
    pub(super) fn copy(&self, i: usize, item: &Item, done: &mut Imported) -> Result<()> {
        if self.listing.entry.contains_key(&i) {
            return Ok(()); // shown on its section's page
        }
        let to = self.root.join(&item.to);
        if crate::fs::exists(&to) {
            let shown = item.to.display();
            done.left_behind
                .push(format!("{}: {shown} exists; not overwritten", item.from.display()));
            return Ok(());
        }
        let mut bytes = match &item.text {
            Some(text) => text.clone().into_bytes(),
            None => crate::fs::read(&self.src.join(&item.from))?,
        };
        if let Some(doc) = &self.docs[i]
            && let Ok(text) = std::str::from_utf8(&bytes)
        {
            let (text, aliased) = self.markdown((i, item), doc, text, done);
            done.aliased += usize::from(aliased);
            bytes = text.into_bytes();
        }
        if let Some(parent) = to.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write_new(&to, &bytes)?;
        done.copied += 1;
        match item.kind {
            Kind::Page => done.pages += 1,
            Kind::File if item.to.starts_with("static") => done.static_files += 1,
            _ => {}
        }
        Ok(())
    }

    /// The file's text with front matter lines added and links rewritten; true when
    /// its old URL was added.
    fn markdown(
        &self,
        (i, item): (usize, &Item),
        doc: &Doc,
        text: &str,
        done: &mut Imported,
    ) -> (String, bool) {
        let Ok(split) = crate::content::front_matter::split(text) else {
            return (text.to_string(), false);
        };
        let body_at = text.len() - split.body.len();
        let mut body = self.rewritten((item, &item.to), doc, (split.body, split.body_line), done);
        if let Some(shown) = self.listing.by_index.get(&i) {
            body = self.with_entries(body, shown, done);
        }
        let Some(front) = split.front else {
            // Hugo reads a file with no front matter too: give it one for its old URL.
            let lines = front_lines(&Doc { toml: true, ..doc.clone() });
            if lines.text.is_empty() {
                return (format!("{}{body}", &text[..body_at]), false);
            }
            return (
                format!("+++\n{}+++\n\n{}{body}", lines.text, &text[..body_at]),
                lines.aliased,
            );
        };
        let lines = front_lines(doc);
        let at = front.text.as_ptr() as usize - text.as_ptr() as usize;
        let rest = inside_language(item, &text[at..body_at]);
        let rest = self.without_taken_aliases(item, &rest, done);
        let head = format!("{}{}{rest}", &text[..at], lines.text);
        (format!("{head}{body}"), lines.aliased)
    }

    /// `body` (from line `line` of `item`) with its links rewritten, what it left
    /// unresolved reported as in the file `named`.
    fn rewritten(
        &self,
        (item, named): (&Item, &Path),
        doc: &Doc,
        (body, line): (&str, usize),
        done: &mut Imported,
    ) -> String {
        let old_url = doc.alias.as_deref().or(doc.declared.as_deref());
        let mut rewrite = Rewrite::new(&self.targets, (item.rel(), &item.to), line, old_url);
        let body = rewrite.body(body);
        report(named, rewrite, done);
        body
    }

    /// A section's rewritten `body` with the pages it shows in full (`shown`, item
    /// numbers), as a list of entries: in place of the peer's shortcode that listed them
    /// when the body has one alone on a line (hugoDocs' `{{% glossary %}}`), else after
    /// the body.
    fn with_entries(&self, body: String, shown: &[usize], done: &mut Imported) -> String {
        let mut list = String::from("<dl class=\"entries\">\n");
        for &j in shown {
            let (item, Some(doc)) = (&self.items[j], &self.docs[j]) else { continue };
            let Some(text) = self.entry_texts.get(&j) else { continue };
            let Ok(split) = crate::content::front_matter::split(text) else { continue };
            // Named by the peer's file: no file of its own is written.
            let mut entry =
                self.rewritten((item, &item.from), doc, (split.body, split.body_line), done);
            // hugoDocs' glossary follows a term's `reference` with a link to it.
            if let Some(to) =
                doc.front.get("reference").and_then(crate::content::extra::Node::as_text)
            {
                let line =
                    text.lines().position(|l| l.starts_with("reference")).map_or(1, |n| n + 1);
                let see = format!("See [details]({to}).");
                let see = self.rewritten((item, &item.from), doc, (&see, line), done);
                entry = format!("{}\n\n{see}", entry.trim_end());
            }
            let id = &self.listing.entry[&j].1;
            let title = doc.front.get("title").and_then(crate::content::extra::Node::as_text);
            let mut escaped = String::new();
            crate::markdown::escape(&mut escaped, title.unwrap_or(id));
            list.push_str(&format!(
                "<dt id=\"{id}\">{escaped}</dt>\n<dd>\n\n{}\n\n</dd>\n",
                entry.trim()
            ));
        }
        list.push_str("</dl>\n");
        match listing_line(&body) {
            Some((start, end)) => format!("{}{list}{}", &body[..start], &body[end..]),
            None => format!("{}\n\n{list}", body.trim_end()),
        }
    }
}

/// The texts of the pages their section shows in full, by item, read once; their
/// bodies go into `targets.terms` for `glossary-term`.
fn entry_texts(
    src: &Path,
    items: &[Item],
    listing: &super::sections::Listing,
    targets: &mut Targets,
) -> Result<HashMap<usize, String>> {
    let mut texts = HashMap::new();
    for (&j, (_, id)) in &listing.entry {
        let text = item_text(src, &items[j])?;
        let body = crate::content::front_matter::split(&text).map_or(&*text, |s| s.body);
        targets.terms.entry(id.clone()).or_insert_with(|| body.trim().to_string());
        texts.insert(j, text);
    }
    Ok(texts)
}

/// The text of `item`: the one the import made, else its file's.
fn item_text(src: &Path, item: &Item) -> Result<String> {
    Ok(match &item.text {
        Some(text) => text.clone(),
        None => String::from_utf8_lossy(&crate::fs::read(&src.join(&item.from))?).into_owned(),
    })
}

/// Where in `body` a line stands that is only a Hugo shortcode with no arguments
/// (`{{% glossary %}}`, `{{< team >}}`): the section template's list, as the peer wrote it.
fn listing_line(body: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for (_, line, fenced) in super::template_links::lines(body) {
        let t = line.trim();
        let inner = t
            .strip_prefix("{{%")
            .and_then(|r| r.strip_suffix("%}}"))
            .or_else(|| t.strip_prefix("{{<").and_then(|r| r.strip_suffix(">}}")));
        // Not one that opens a pair (`{{% note %}}` … `{{% /note %}}`).
        let paired = |name: &str| {
            body.contains(&format!("/{name} %}}}}")) || body.contains(&format!("/{name} >}}}}"))
        };
        if let Some(name) = inner.map(str::trim)
            && !fenced
            && !name.is_empty()
            && !name.starts_with('/')
            && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && !paired(name)
        {
            return Some((at, at + line.len()));
        }
        at += line.len();
    }
    None
}

/// The report's line for each section whose pages are shown on its page in full.
fn shown_in_full(items: &[Item], listing: &super::sections::Listing) -> Vec<String> {
    let mut out: Vec<String> = listing
        .by_index
        .iter()
        .map(|(&i, shown)| {
            let folder = items[i].from.parent().unwrap_or(Path::new(""));
            format!(
                "{}/ ({} files): never pages of their own on the old site (its `cascade` says `build.render = never`); shown in full on their section's page, {}",
                folder.display(),
                shown.len(),
                items[i].to.display()
            )
        })
        .collect();
    out.sort();
    out
}

/// A Zola site's own shortcodes, loaded to run at import, and the site's language.
fn site_shortcodes(peer: Peer, src: &Path, settings: &Settings, targets: &mut Targets) {
    if peer == Peer::Zola {
        let (shortcodes, unrunnable) =
            super::site_shortcodes::Shortcodes::load(src, &settings.content_dir);
        (targets.shortcodes, targets.unrunnable) = (shortcodes, unrunnable);
    }
    targets.language = settings.language.clone().unwrap_or_else(|| "en".into());
}

impl Copier<'_> {
    /// The front matter `front` of `item` without the aliases (in any list form) that are
    /// another file's own old URL: the peers serve a page at its own URL whatever an
    /// alias says, so that file keeps it. Each one dropped is named in the report.
    fn without_taken_aliases(&self, item: &Item, front: &str, done: &mut Imported) -> String {
        let mut out = String::with_capacity(front.len());
        let mut in_table = false; // below a TOML `[table]`, where `aliases` is another key
        let lines: Vec<&str> = front.split_inclusive('\n').collect();
        let mut n = 0;
        while n < lines.len() {
            let line = lines[n];
            n += 1;
            in_table = in_table || line.starts_with('[');
            // Only the top-level key, written at the start of its line.
            let trimmed = if in_table { "" } else { line };
            let Some((sep, list, used)) = alias_list(trimmed, &lines[n..]) else {
                out.push_str(line);
                continue;
            };
            let written: String = lines[n - 1..n + used].concat();
            n += used;
            let aliases: Vec<&str> = list.iter().map(|a| a.as_str()).collect();
            let taken = |alias: &str| {
                let url = format!("/{}", alias.trim_start_matches('/'));
                let key = url_key(&item.in_folder(&url), &self.targets.base_url)?;
                self.targets.owned.get(&key).filter(|to| **to != item.to)
            };
            let mut kept = Vec::new();
            for alias in aliases.iter().filter(|a| !a.is_empty()) {
                match taken(alias) {
                    Some(owner) => done.left_behind.push(format!(
                        "{}: alias `{alias}`: the old URL of {}, which keeps it",
                        item.to.display(),
                        owner.display()
                    )),
                    // A JSON string is a TOML basic string and a YAML flow scalar alike.
                    None => kept.push(serde_json::to_string(alias).expect("a string")),
                }
            }
            if kept.len() == aliases.len() {
                out.push_str(&written);
            } else if !kept.is_empty() {
                out.push_str(&format!("aliases{sep}[{}]\n", kept.join(", ")));
            }
        }
        out
    }
}

/// `line` without a `#` comment (TOML's and YAML's alike): a `#` outside quotes at the
/// start or after a space. The line end is kept.
fn uncommented(line: &str) -> String {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => {
                let end = if line.ends_with('\n') { "\n" } else { "" };
                return format!("{}{end}", line[..i].trim_end());
            }
            _ => {}
        }
        prev = c;
    }
    line.to_string()
}

/// The `aliases` list that `line` starts, with the lines after it (`next`) it runs
/// over: its separator as written again (` = ` or `: `), its items unquoted, and how
/// many of `next` it took. One line (`aliases = ["/a/", "/b/"]`), a TOML array over
/// several lines, or a YAML block list (`aliases:` then `  - /a/` lines).
fn alias_list(line: &str, next: &[&str]) -> Option<(&'static str, Vec<String>, usize)> {
    let line = uncommented(line);
    let rest = line.strip_prefix("aliases")?.trim_start();
    let sep = if rest.starts_with('=') { " = " } else { ": " };
    let rest = rest.strip_prefix(['=', ':'])?.trim();
    if let Some(open) = rest.strip_prefix('[') {
        if let Some(list) = open.strip_suffix(']') {
            return Some((sep, list_items(list), 0));
        }
        // An array over several lines, closed by the first line that holds `]`.
        let mut list = open.to_string();
        for (k, l) in next.iter().enumerate() {
            let l = uncommented(l);
            match l.split_once(']') {
                Some((last, after)) if after.trim().is_empty() => {
                    list.push_str(last);
                    return Some((sep, list_items(&list), k + 1));
                }
                Some(_) => return None,
                None => list.push_str(l.trim_end_matches('\n')),
            }
            list.push(',');
        }
        return None;
    }
    if !rest.is_empty() || sep != ": " {
        return None;
    }
    // A YAML block list: indented `- item` lines.
    let block: Vec<String> = next
        .iter()
        .map_while(|l| {
            let l = uncommented(l);
            let item = l.trim_start().strip_prefix('-')?;
            (l.starts_with([' ', '-']) && (item.is_empty() || item.starts_with([' ', '\n'])))
                .then(|| unquoted(item))
        })
        .collect();
    let used = block.len();
    (used > 0).then_some((sep, block, used))
}

/// The items of a flow list's inside (`"/a/", '/b/'`), unquoted, empty ones left out.
fn list_items(list: &str) -> Vec<String> {
    list.split(',').map(unquoted).filter(|a| !a.is_empty()).collect()
}

/// One list item without the spaces and quotes around it.
fn unquoted(item: &str) -> String {
    item.trim().trim_matches(['"', '\'']).to_string()
}

/// What rewriting `item` found for the report: pictures to copy, links and shortcodes
/// left as written.
fn report(file: &Path, rewrite: Rewrite, done: &mut Imported) {
    done.assets.extend(rewrite.assets);
    let file = file.display();
    for d in rewrite.unrun {
        done.dangling.push(format!("{file}:{}: shortcode {}; left as written", d.line, d.link));
    }
    for d in rewrite.unlinked {
        done.dangling.push(format!(
            "{file}:{}: link to `{}`, template code the import cannot run; the link is left out, its text kept",
            d.line, d.link
        ));
    }
    for d in rewrite.dangling {
        done.dangling.push(format!(
            "{file}:{}: link `{}` names no page of the imported site; left as written",
            d.line,
            crate::text::cut_at_word(&d.link, 80)
        ));
    }
}

/// The keys whose values are a file's old URLs.
const DECLARED: &[&str] = &["path", "url", "permalink", "aliases", "redirect_from"];

/// The front matter with each declared old URL that names the file's language folder
/// (Zola's `path = "/es/about"`, `aliases: [/fr/ancien/]`) written inside it
/// (`/about`): the build publishes a language's pages, and their old URLs, in its
/// folder. Lines are rewritten where they stand, quoted values or not, YAML lists too.
fn inside_language(item: &Item, front: &str) -> String {
    let folder = item.prefix.trim_end_matches('/');
    if folder.is_empty() {
        return front.to_string();
    }
    let mut out = String::with_capacity(front.len());
    let mut in_list = false; // inside a YAML block list of a declared key
    for line in front.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let key = trimmed.split(['=', ':']).next().unwrap_or("").trim().trim_matches(['"', '\'']);
        let declared = DECLARED.contains(&key) && trimmed.len() > key.len();
        if declared || (in_list && trimmed.starts_with('-')) {
            let at = line.len() - trimmed.len() + if declared { key.len() } else { 1 };
            let (head, values) = line.split_at(at.min(line.len()));
            out.push_str(head);
            out.push_str(&without_folder(values, folder));
            in_list = in_list
                || (declared && values.trim_start_matches(['=', ':', ' ']).trim().is_empty());
        } else {
            in_list = in_list && trimmed.is_empty();
            out.push_str(line);
        }
    }
    out
}

/// `values` with each URL in `folder` made relative to it: `/fr/x/` -> `/x/`,
/// `fr/x` -> `/x`, `/fr` -> `/`.
fn without_folder(values: &str, folder: &str) -> String {
    let delimiters = ['"', '\'', '[', ']', ',', ' ', '\t', '\n', '\r', '=', ':'];
    let mut out = String::with_capacity(values.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let bare = token.strip_prefix('/').unwrap_or(token);
        let inside = match bare.strip_prefix(folder) {
            Some("") => Some("/".to_string()),
            Some(rest) if rest.starts_with('/') => Some(rest.to_string()),
            _ => None,
        };
        out.push_str(inside.as_deref().unwrap_or(token));
        token.clear();
    };
    for c in values.chars() {
        if delimiters.contains(&c) {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// Lines added at the top of a front matter.
struct Lines {
    text: String,
    aliased: bool,
}

/// `aliases` (or `redirect_from` when it has `aliases`), `menu` and `weight`, in the
/// front matter's own syntax, each only when the key is not there yet.
fn front_lines(doc: &Doc) -> Lines {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let line = |key: &str, value: String| {
        if doc.toml { format!("{key} = {value}\n") } else { format!("{key}: {value}\n") }
    };
    let free = |k: &&str| doc.front.get(k).is_none();
    let mut text = String::new();
    let key = ["aliases", "redirect_from"].into_iter().find(free);
    let aliased = doc.alias.is_some() && key.is_some();
    if let (Some(url), Some(key)) = (&doc.alias, key) {
        text.push_str(&line(key, format!("[{}]", quoted(url))));
    }
    if let Some((menu, weight)) = &doc.menu
        && free(&"menu")
    {
        text.push_str(&line("menu", quoted(menu)));
        if free(&"weight") {
            text.push_str(&line("weight", weight.to_string()));
        }
    }
    if let Some((src, alt)) = theme_picture(&doc.front).filter(|_| free(&"image")) {
        // TOML's string, or YAML's double-quoted one (JSON's, which YAML reads).
        let string = |s: &str| match doc.toml {
            true => quoted(s),
            false => serde_json::Value::String(s.to_string()).to_string(),
        };
        let sep = if doc.toml { "=" } else { ":" };
        let alt = alt.map(|a| format!(", alt {sep} {}", string(&a))).unwrap_or_default();
        text.push_str(&line("image", format!("{{ src {sep} {}{alt} }}", string(&src))));
    }
    Lines { text, aliased }
}

/// The picture a theme shows at the head of the page from its own front matter field:
/// tabi's `[extra] header = { img = "img/main.webp", img_alt = "…" }` (a path below
/// `static/`, named from the site's root).
fn theme_picture(front: &crate::content::extra::Node) -> Option<(String, Option<String>)> {
    use crate::content::extra::Node;
    let header = front.get("extra")?.get("header")?;
    let src = header.get("img").and_then(Node::as_text).filter(|s| !s.contains("://"))?;
    let alt = header.get("img_alt").and_then(Node::as_text).map(String::from);
    Some((format!("/{}", src.trim_start_matches('/')), alt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_lists_are_read_in_every_form_the_peers_write() {
        let one = alias_list("aliases = [\"/a/\", '/b/']\n", &[]);
        assert_eq!(one, Some((" = ", vec!["/a/".into(), "/b/".into()], 0)));
        let yaml_flow = alias_list("aliases: [/a/]\n", &["title: x\n"]);
        assert_eq!(yaml_flow, Some((": ", vec!["/a/".into()], 0)));
        let toml_lines = ["  \"/a/\",\n", "  \"/b/\"\n", "]\n", "title = \"x\"\n"];
        let toml = alias_list("aliases = [\n", &toml_lines);
        assert_eq!(toml, Some((" = ", vec!["/a/".into(), "/b/".into()], 3)));
        let block = ["  - /a/\n", "  - \"/b/\"\n", "title: x\n"];
        assert_eq!(
            alias_list("aliases:\n", &block),
            Some((": ", vec!["/a/".into(), "/b/".into()], 2))
        );
        let flush = ["- /a/\n", "date: 2020-01-01\n"];
        assert_eq!(alias_list("aliases:\n", &flush), Some((": ", vec!["/a/".into()], 1)));
        // Not a list of aliases: another key, a scalar, an array never closed.
        assert_eq!(alias_list("aliases_old = [\"/a/\"]\n", &[]), None);
        assert_eq!(alias_list("aliases: /a/\n", &[]), None);
        assert_eq!(alias_list("aliases = [\n", &["  \"/a/\",\n"]), None);
        assert_eq!(alias_list("aliases:\n", &["title: x\n"]), None);
        // Comments are no aliases, and a `#` inside quotes is no comment.
        let commented =
            ["  \"/a/\", # the old blog\n", "  # gone: \"/c/\"\n", "  \"/b#c/\"\n", "]\n"];
        let toml = alias_list("aliases = [ # kept\n", &commented);
        assert_eq!(toml, Some((" = ", vec!["/a/".into(), "/b#c/".into()], 4)));
        let block = ["  - /a/ # old\n", "title: x\n"];
        assert_eq!(alias_list("aliases: # list\n", &block), Some((": ", vec!["/a/".into()], 1)));
        let one = alias_list("aliases = [\"/a/\"] # c\n", &["title = \"x]\"\n"]);
        assert_eq!(one, Some((" = ", vec!["/a/".into()], 0)));
    }
    use std::path::PathBuf;

    fn item(prefix: &str) -> Item {
        Item {
            from: PathBuf::from("content/about.fr.md"),
            to: PathBuf::from("pages/about.fr.md"),
            kind: Kind::Page,
            base: PathBuf::from("content"),
            collection: String::new(),
            prefix: prefix.to_string(),
            named: true,
            text: None,
        }
    }

    #[test]
    fn old_urls_in_the_language_folder_are_written_inside_it() {
        let toml = "title = \"À propos: fr\"\npath = \"/fr/about\"\naliases = [\"/fr/ancien/\", \"/elsewhere/\", 'fr/x']\n";
        assert_eq!(
            inside_language(&item("fr/"), toml),
            "title = \"À propos: fr\"\npath = \"/about\"\naliases = [\"/ancien/\", \"/elsewhere/\", '/x']\n"
        );
        let yaml =
            "url: /fr/sobre/\nredirect_from:\n  - /fr/old/\n  - /french/\ntags:\n  - /fr/x\n";
        assert_eq!(
            inside_language(&item("fr/"), yaml),
            "url: /sobre/\nredirect_from:\n  - /old/\n  - /french/\ntags:\n  - /fr/x\n"
        );
        assert_eq!(inside_language(&item("fr/"), "path = \"/fr\"\n"), "path = \"/\"\n");
        assert_eq!(inside_language(&item(""), "path = \"/fr/about\"\n"), "path = \"/fr/about\"\n");
    }
}
