//! Fuzz target: the whole article-to-HTML path, through the real `build` on a
//! one-article site in a temporary folder. The first byte picks the file kind and
//! the raw HTML policy; the rest is the file. A build may fail with an error, but
//! never panic, never hang, and never leave files outside its output folder.

use broadsheet::BuildOptions;
use std::path::Path;

const POLICIES: [&str; 3] = ["sanitize", "escape", "allow"];

fn main() {
    let root = std::env::temp_dir().join(format!("broadsheet-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(root.join("seeds")).expect("temp folder");
    let options = BuildOptions {
        root: root.clone(),
        now: Some("2026-01-01T00:00:00Z".into()),
        ..BuildOptions::default()
    };
    afl::fuzz!(|data: &[u8]| {
        let Some((&choice, file)) = data.split_first() else { return };
        let policy = POLICIES[usize::from(choice % 3)];
        let name = if choice & 0x80 == 0 { "2025-01-01-story.md" } else { "story.txt" };
        write(&root, policy, name, file);
        let _ = broadsheet::build(&options);
        assert_only_site_folders(&root);
    });
}

fn write(root: &Path, policy: &str, name: &str, file: &[u8]) {
    let site = format!(
        "title = \"Fuzz\"\nbase_url = \"https://example.org/fuzz/\"\n[markdown]\nraw_html = \"{policy}\"\n"
    );
    std::fs::write(root.join("site.toml"), site).expect("write site.toml");
    for entry in std::fs::read_dir(root.join("seeds")).expect("list seeds") {
        let _ = std::fs::remove_file(entry.expect("seed entry").path());
    }
    std::fs::write(root.join("seeds").join(name), file).expect("write seed");
}

/// Nothing but the site's own entries may appear at the root of the temporary site.
fn assert_only_site_folders(root: &Path) {
    for entry in std::fs::read_dir(root).expect("list root") {
        let name = entry.expect("root entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            ["site.toml", "seeds", "public", ".broadsheet"].contains(&name.as_ref()),
            "a build wrote {name} outside its output folder"
        );
    }
}
