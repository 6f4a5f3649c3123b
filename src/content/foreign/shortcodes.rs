//! What the peers' common shortcodes become when a body is read (`foreign.rs` finds
//! them): pictures as Markdown images, third-party embeds (YouTube, Vimeo, gists,
//! posts on X, Instagram) as plain links, never as the provider's script, and
//! GitHub-style alerts (`> [!NOTE]`) as a quote with its label in bold.

/// The Markdown a self-contained shortcode stands for, when it is one Broadsheet knows.
pub(super) fn markdown(name: &str, args: &str) -> Option<String> {
    Some(match name {
        "figure" | "img" | "imgproc" | "image" | "resize_image" => figure(args),
        "youtube" => youtube(args),
        "vimeo" => link("Vimeo video", "https://vimeo.com/", &id(args, "id")?),
        "gist" => gist(args)?,
        "x" | "tweet" | "twitter" => tweet(args)?,
        "instagram" => link("Instagram post", "https://www.instagram.com/p/", &id(args, "id")?),
        _ => return None,
    })
}

/// The value of `key="v"` (or `key=v`) in shortcode arguments.
pub(crate) fn arg<'a>(args: &'a str, key: &str) -> Option<&'a str> {
    let at = args.find(&format!("{key}="))? + key.len() + 1;
    let rest = &args[at..];
    match rest.strip_prefix('"').or_else(|| rest.strip_prefix('\'')) {
        Some(quoted) => quoted.split(['"', '\'']).next(),
        None => rest.split([' ', ',', ')', '\n']).next(),
    }
}

/// The `n`th positional argument (from 0), unquoted.
fn positional(args: &str, n: usize) -> Option<&str> {
    let plain = args.split_whitespace().filter(|a| !a.contains('=')).nth(n)?;
    Some(plain.trim_matches(['"', '\'']))
}

/// `key=` or else the first positional argument.
fn id(args: &str, key: &str) -> Option<String> {
    arg(args, key).or_else(|| positional(args, 0)).filter(|v| !v.is_empty()).map(String::from)
}

fn link(label: &str, base: &str, id: &str) -> String {
    format!("[{label}]({base}{})", id.trim_matches(['"', '/']))
}

/// Hugo's `figure` (and sites' `img`): an image with its alt text (or caption) and the
/// caption as its title.
fn figure(args: &str) -> String {
    let src = arg(args, "src").or_else(|| arg(args, "path")).unwrap_or("");
    let caption = arg(args, "caption").or(arg(args, "title"));
    let alt = arg(args, "alt").or(caption).unwrap_or("");
    match caption {
        Some(c) => format!("![{alt}]({src} \"{}\")", c.replace('"', "'")),
        None => format!("![{alt}]({src})"),
    }
}

/// Hugo's and Zola's `youtube`: a link to the video.
fn youtube(args: &str) -> String {
    let id = id(args, "id").unwrap_or_default();
    link("YouTube video", "https://www.youtube.com/watch?v=", &id)
}

/// `{{< gist user id [file] >}}`, Zola's `gist(url=…)`: a link to the gist.
fn gist(args: &str) -> Option<String> {
    if let Some(url) = arg(args, "url") {
        return Some(format!("[Gist]({url})"));
    }
    let user = arg(args, "user").or_else(|| positional(args, 0))?;
    let id = arg(args, "id").or_else(|| positional(args, 1))?;
    Some(format!("[Gist {user}/{id}](https://gist.github.com/{user}/{id})"))
}

/// `{{< x user="u" id="1" >}}` (and the older `tweet`): a link to the post.
fn tweet(args: &str) -> Option<String> {
    let user = arg(args, "user").unwrap_or("i");
    let id = arg(args, "id").or_else(|| positional(args, 0))?;
    Some(format!("[Post by @{user} on X](https://x.com/{user}/status/{id})"))
}

/// A GitHub-style alert's first line (`> [!WARNING]`) as `> **Warning**`.
pub(super) fn alert(line: &str) -> Option<String> {
    let inner = line.strip_prefix('>')?.trim().strip_prefix("[!")?;
    let (kind, rest) = inner.split_once(']')?;
    let known = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];
    if !rest.trim().is_empty() || !known.contains(&kind.to_ascii_uppercase().as_str()) {
        return None;
    }
    let lower = kind.to_ascii_lowercase();
    let mut label = lower[..1].to_ascii_uppercase();
    label.push_str(&lower[1..]);
    Some(format!("> **{label}**"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_become_links_never_scripts() {
        assert_eq!(
            markdown("vimeo", "146022717").as_deref(),
            Some("[Vimeo video](https://vimeo.com/146022717)")
        );
        assert_eq!(
            markdown("gist", "spf13 7896402").as_deref(),
            Some("[Gist spf13/7896402](https://gist.github.com/spf13/7896402)")
        );
        assert_eq!(
            markdown("x", "user=\"SanDiegoZoo\" id=\"1453110110599868418\"").as_deref(),
            Some(
                "[Post by @SanDiegoZoo on X](https://x.com/SanDiegoZoo/status/1453110110599868418)"
            )
        );
        assert_eq!(
            markdown("youtube", "id=\"dQw4\"").as_deref(),
            Some("[YouTube video](https://www.youtube.com/watch?v=dQw4)")
        );
        assert_eq!(markdown("unknown", "x"), None);
    }

    #[test]
    fn alerts_get_their_label() {
        assert_eq!(alert("> [!NOTE]").as_deref(), Some("> **Note**"));
        assert_eq!(alert(">[!warning]  ").as_deref(), Some("> **Warning**"));
        assert_eq!(alert("> [!NOTE] text"), None);
        assert_eq!(alert("> [!FOO]"), None);
    }
}
