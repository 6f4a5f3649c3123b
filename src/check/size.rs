//! GitHub Pages' size limits (1 GB a site, 100 MB a file): a warning once the rendered
//! site reaches four fifths of either, pointing to `deploy`, which has no such limit.

use crate::error::Result;
use crate::warnings::Warnings;
use std::path::Path;

/// The most GitHub Pages publishes of one site.
const SITE_LIMIT: u64 = 1_000_000_000;
/// The largest file GitHub accepts.
const FILE_LIMIT: u64 = 100_000_000;

/// Warns when the site rendered into `out` nears Pages' limits.
pub(crate) fn inspect(out: &Path, warn: &mut Warnings) -> Result<()> {
    let files: Vec<(String, u64)> = crate::fs::files_under(out, &[], |meta| meta.len())?;
    findings(&files).into_iter().for_each(|message| warn.site(message));
    Ok(())
}

/// The warnings for a site of these files (output path, bytes).
fn findings(files: &[(String, u64)]) -> Vec<String> {
    let near = |size: u64, limit: u64| size >= limit / 5 * 4;
    let hint = "host it on object storage with `broadsheet deploy` (documentation: \"Hosting beyond GitHub Pages\")";
    let mut found = Vec::new();
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    if near(total, SITE_LIMIT) {
        found.push(format!(
            "the site is {} MB, near GitHub Pages' 1 GB limit: {hint}",
            total / 1_000_000
        ));
    }
    for (path, size) in files.iter().filter(|(_, size)| near(*size, FILE_LIMIT)) {
        found.push(format!(
            "{path} is {} MB, near GitHub's 100 MB limit for one file: {hint}",
            size / 1_000_000
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::findings;

    #[test]
    fn warns_near_the_site_and_file_limits_only() {
        assert!(findings(&[("index.html".into(), 5_000)]).is_empty());
        let mut files: Vec<(String, u64)> =
            (0..10).map(|n| (format!("{n}.pdf"), 76_000_000)).collect();
        files.insert(0, ("a.mp4".into(), 90_000_000));
        let big = findings(&files);
        assert_eq!(big.len(), 2, "{big:?}");
        assert!(big[0].starts_with("the site is 850 MB, near GitHub Pages' 1 GB limit"), "{big:?}");
        assert!(big[1].starts_with("a.mp4 is 90 MB, near GitHub's 100 MB limit"), "{big:?}");
        assert!(
            big[1]
                .ends_with("`broadsheet deploy` (documentation: \"Hosting beyond GitHub Pages\")")
        );
    }
}
