//! An import into a digest that `init` just made: the peer's settings (title, base URL,
//! language, time zone…) take the place of init's placeholders in site.toml, keeping
//! its comments and tables. A site.toml someone has set up (its `base_url` is no longer
//! init's placeholder) is never changed.

/// The base URL `init` writes until the editor sets one.
const PLACEHOLDER: &str = "https://example.github.io/";

/// The first line of the site.toml `init` writes.
const INIT_HEADER: &str = "# site.toml: the settings of this digest.";

/// `existing` with the top-level keys of `wanted` (the peer's site.toml) put in, when
/// `existing` still has init's placeholder base URL; else `None`. Keys already set or
/// shown commented out (`# key = …`) above the first table are replaced in place; the
/// rest go just above the first table. Of the tables in `wanted`, `[redirects]` is
/// added at the end when `existing` has none; the others are left to the editor.
pub(super) fn into_placeholder(existing: &str, wanted: &str) -> Option<String> {
    let base = existing.lines().find(|l| l.trim_start().starts_with("base_url"))?;
    if !existing.starts_with(INIT_HEADER) || !base.contains(PLACEHOLDER) {
        return None;
    }
    let mut lines: Vec<String> = existing.lines().map(str::to_string).collect();
    let first_table = |lines: &[String]| {
        lines.iter().position(|l| l.trim_start().starts_with('[')).unwrap_or(lines.len())
    };
    for line in wanted.lines().take_while(|l| !l.trim_start().starts_with('[')) {
        let Some((key, _)) = line.split_once('=') else { continue };
        let key = key.trim();
        let end = first_table(&lines);
        let sets = |l: &String| {
            let l = l.trim_start().trim_start_matches('#').trim_start();
            l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('='))
        };
        match lines[..end].iter().position(sets) {
            Some(at) => lines[at] = line.to_string(),
            None => lines.insert(end, line.to_string()),
        }
    }
    let has_redirects = lines.iter().any(|l| l.trim() == "[redirects]");
    if let Some(at) = wanted.find("[redirects]").filter(|_| !has_redirects) {
        let table = &wanted[at..];
        let end = table[1..].find("\n[").map_or(table.len(), |i| i + 2);
        lines.push(String::new());
        lines.extend(table[..end].lines().map(str::to_string));
    }
    Some(lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_init_placeholders_and_leaves_a_set_up_site_alone() {
        let init = "# site.toml: the settings of this digest.\ntitle = \"S\"\nbase_url = \"https://example.github.io/s/\"\n# timezone = \"UTC\"\n\n[labels]\n";
        let wanted = "title = \"Peer\"\nbase_url = \"https://peer.example/\"\ntimezone = \"Europe/Paris\"\nauthor = \"A\"\n[[menu.main]]\nname = \"x\"\n";
        assert_eq!(
            into_placeholder(init, wanted).unwrap(),
            "# site.toml: the settings of this digest.\ntitle = \"Peer\"\nbase_url = \"https://peer.example/\"\ntimezone = \"Europe/Paris\"\n\nauthor = \"A\"\n[labels]\n"
        );
        let set_up = init.replace("https://example.github.io/s/", "https://news.example/");
        assert_eq!(into_placeholder(&set_up, wanted), None);
    }
}
