//! The pipeline's boundaries, read off the source: which top-level module of `src/`
//! names which (`crate::x` in code, comments and test modules left out), checked for
//! the rules docs/pages/developing.md's picture states. A new import that
//! breaks one fails here with the file that made it.

#![allow(clippy::disallowed_methods)] // reads the source tree directly

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages that write the site's files; none may name another.
const WRITERS: &[&str] = &["render", "feeds", "search", "sitemap", "email", "images"];

/// The stages that must not know the cache exists (the memo stands between).
const CACHE_FREE: &[&str] = &[
    "content", "site", "render", "feeds", "search", "sitemap", "views", "email", "images",
    "pictures",
];

/// One source file: its path, its top-level module and its code without comments and
/// without its test module.
struct Source {
    path: PathBuf,
    module: String,
    code: String,
}

fn sources() -> Vec<Source> {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix("src").ok()?.to_string_lossy().replace('\\', "/");
            let module = rel.split('/').next()?.trim_end_matches(".rs").to_string();
            let text = std::fs::read_to_string(&path).ok()?;
            Some(Source { path, module, code: code_of(&text) })
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("src/ lists").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code of a file: lines up to its `#[cfg(test)]` module, with `//` comments cut.
fn code_of(text: &str) -> String {
    let body = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    body.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The top-level modules a piece of code names through `crate::`.
fn named(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name = name.trim();
            let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
            let name = &name[..end.unwrap_or(name.len())];
            if modules.contains(name) {
                found.insert(name.to_string());
            }
        }
    }
    found
}

/// Who names whom: module -> (named module -> first file that names it).
fn graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let sources = sources();
    let modules: BTreeSet<String> =
        sources.iter().map(|s| s.module.clone()).filter(|m| m != "lib" && m != "main").collect();
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for source in sources.iter().filter(|s| modules.contains(&s.module)) {
        for other in named(&source.code, &modules) {
            if other != source.module {
                let edges = graph.entry(source.module.clone()).or_default();
                edges.entry(other).or_insert_with(|| source.path.clone());
            }
        }
    }
    graph
}

fn edges_between(from: &[&str], to: &[&str]) -> Vec<String> {
    let graph = graph();
    let mut bad = Vec::new();
    for (module, edges) in &graph {
        for (other, file) in edges {
            if from.contains(&module.as_str()) && to.contains(&other.as_str()) && module != other {
                bad.push(format!("{} names crate::{other}", file.display()));
            }
        }
    }
    bad
}

#[test]
fn stages_never_name_the_cache() {
    assert_eq!(edges_between(CACHE_FREE, &["cache"]), Vec::<String>::new());
}

#[test]
fn the_cache_names_no_later_stage() {
    let later = ["site", "output", "sitemap", "render", "views", "feeds", "search", "email"];
    assert_eq!(edges_between(&["cache"], &later), Vec::<String>::new());
}

#[test]
fn no_writer_names_another_writer() {
    assert_eq!(edges_between(WRITERS, WRITERS), Vec::<String>::new());
}

#[test]
fn the_views_and_the_site_name_no_writer() {
    assert_eq!(edges_between(&["views", "site", "content"], WRITERS), Vec::<String>::new());
}

#[test]
fn top_level_modules_form_no_cycle() {
    let graph = graph();
    // Depth-first search; a grey node met again closes a cycle.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeMap<String, PathBuf>>,
        state: &mut BTreeMap<&'a str, bool>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(true) => return None,
            Some(false) => {
                let from = path.iter().position(|n| *n == node).unwrap_or(0);
                let mut cycle: Vec<String> = path[from..].iter().map(|n| n.to_string()).collect();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        state.insert(node, false);
        path.push(node);
        for next in graph.get(node).into_iter().flat_map(|edges| edges.keys()) {
            if let Some(cycle) = visit(next, graph, state, path) {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(node, true);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        let cycle = visit(node, &graph, &mut state, &mut Vec::new());
        assert_eq!(cycle, None, "an import cycle between top-level modules");
    }
}

#[test]
fn the_graph_sees_real_imports() {
    // Guards the reader above: if it saw nothing, every rule would pass.
    let graph = graph();
    assert!(graph["render"].contains_key("site"), "{:?}", graph["render"]);
    assert!(graph["memo"].contains_key("cache"));
    assert!(graph["feeds"].contains_key("views"));
}

/// Output paths of the site's own pages, spelled as literals: `OutPath::new("x.html")`,
/// `format!("articles/{slug}.html")` and the like.
fn page_path_literals(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices('"') {
        let rest = &code[at + 1..];
        let Some(end) = rest.find('"') else { continue };
        let literal = &rest[..end];
        let page = [".html", ".xml", ".json"].iter().any(|ext| literal.ends_with(ext));
        // A bare `{}.html` is a rule about any file (the server's `/x` -> `x.html`).
        let named = literal.split(['{', '}']).step_by(2).collect::<String>().len() > 5;
        let path_like = named && !literal.contains(' ') && !literal.starts_with("builtin/");
        let before = &code[..at];
        let made = ["OutPath::new(", "OutPath::checked(", "format!(", "const "]
            .iter()
            .any(|call| before.trim_end().ends_with(call.trim_end()) || before.ends_with(call));
        if page && path_like && made {
            found.push(literal.to_string());
        }
    }
    found
}

#[test]
fn page_paths_are_spelled_in_the_page_map_alone() {
    let mut outside = Vec::new();
    for source in sources() {
        if source.path.ends_with("site/pagemap.rs") {
            continue;
        }
        for literal in page_path_literals(&source.code) {
            outside.push(format!("{}: \"{literal}\"", source.path.display()));
        }
    }
    assert_eq!(outside, Vec::<String>::new(), "ask crate::site::pagemap instead");
}

#[test]
fn the_literal_finder_finds_page_paths() {
    let code =
        r#"let a = OutPath::new("editions/index.html"); let b = format!("articles/{slug}.html");"#;
    assert_eq!(page_path_literals(code), ["editions/index.html", "articles/{slug}.html"]);
    assert!(page_path_literals(r#"templates.render("article.html", ctx)"#).is_empty());
    assert!(page_path_literals(r#"format!("{}.html", name)"#).is_empty());
}
