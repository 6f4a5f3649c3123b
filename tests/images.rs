//! Pictures end to end: real photographs
//! (tests/fixtures/images, credited in docs/photo-credits.md) and pictures made here are
//! built into a site; the copies are decoded and measured,
//! the markup parsed, every `srcset` entry resolved on disk, and bad pictures fed in.
// Tests set up fixtures with std::fs directly; the `crate::fs` rule is for the library.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, sel, stderr, stdout};
use image::{GenericImageView, ImageReader};
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images");

/// A camera-like 3000×2000 JPEG at quality 92: gradients and grain, so that encoders
/// cannot cheat, made the same way every time.
fn camera_jpeg() -> Vec<u8> {
    let mut seed: u32 = 42;
    let img = image::RgbImage::from_fn(3000, 2000, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let grain = (seed >> 27) as u8;
        let r = ((x * 255 / 3000) as u8).saturating_add(grain);
        let g = ((y * 255 / 2000) as u8).saturating_add(grain);
        let b = (((x + y) / 20 % 256) as u8).saturating_add(grain);
        image::Rgb([r, g, b])
    });
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92);
    img.write_with_encoder(encoder).unwrap();
    out
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

fn put(site: &Site, path: &str, bytes: &[u8]) {
    let full = site.root().join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, bytes).unwrap();
}

/// A site of three articles: a rotated photo with GPS as lead and a PNG with
/// transparency, a WebP and two GIFs in the body; a camera photo as lead; no picture.
fn picture_site() -> Site {
    let site = Site::new(&[
        (
            "seeds/rotated.md",
            "+++\ntitle = \"Falls\"\ndate = 2025-03-01\nimage = { src = \"pics/rotated.jpg\", alt = \"A waterfall\", caption = \"The falls at dusk.\", credit = \"Photo: P. Bouillot\" }\n+++\nFerris: ![Ferris the crab](pics/alpha.png \"Ferris\")\n\nA WebP: ![A tourist](pics/photo.webp)\n\nGIFs: ![Windows](pics/still.gif) ![Slides](pics/animated.gif)\n\nRemote: ![Elsewhere](https://example.org/far.jpg)\n",
        ),
        (
            "seeds/camera.md",
            "+++\ntitle = \"Camera\"\ndate = 2025-03-02\nimage = \"camera.jpg\"\n+++\nText.\n\n![A beach through a round window](pics/cutout.png)\n",
        ),
        ("seeds/plain.md", "+++\ntitle = \"Plain\"\ndate = 2025-03-03\n+++\nNo pictures.\n"),
    ]);
    for name in ["rotated.jpg", "alpha.png", "photo.webp", "still.gif", "animated.gif"] {
        put(&site, &format!("seeds/pics/{name}"), &fixture(name));
    }
    put(&site, "seeds/camera.jpg", &camera_jpeg());
    put(&site, "seeds/pics/cutout.png", &photo_with_alpha());
    site
}

/// The real photograph `photo.jpg` as a PNG with a round window of it opaque and the
/// rest transparent: a photographic PNG with transparency, as an editor might cut out.
fn photo_with_alpha() -> Vec<u8> {
    let photo = image::load_from_memory(&fixture("photo.jpg")).unwrap().to_rgba8();
    let (w, h) = photo.dimensions();
    let cut = image::RgbaImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (f64::from(x) - f64::from(w) / 2.0, f64::from(y) - f64::from(h) / 2.0);
        let mut p = *photo.get_pixel(x, y);
        if dx.hypot(dy) > f64::from(h) / 2.0 {
            p.0 = [0, 0, 0, 0];
        }
        p
    });
    let mut out = Vec::new();
    cut.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// `(href, width)` of each entry of a `srcset`.
fn entries(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|e| {
            let (href, w) = e.rsplit_once(' ').unwrap();
            (href.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

/// The file `href` names from the page `page` (both relative to public/).
fn on_disk(public: &Path, page: &str, href: &str) -> PathBuf {
    let dir = Path::new(page).parent().unwrap();
    let mut path = public.join(dir);
    for part in href.split('/') {
        match part {
            ".." => {
                path.pop();
            }
            "." => {}
            p => path.push(p),
        }
    }
    path
}

fn has_exif(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0") || bytes.windows(4).any(|w| w == b"EXIF")
}

/// Every copy a page offers: in `<source srcset>` and `<img srcset>`, decoded and
/// checked against its `w` descriptor; returns them with their decoded sizes.
fn check_copies(site: &Site, page: &str) -> Vec<(PathBuf, u32, u32)> {
    let doc = site.html(page);
    let mut found = Vec::new();
    for el in doc.select(&sel("picture source, picture img")) {
        let Some(srcset) = el.value().attr("srcset") else { continue };
        for (href, w) in entries(srcset) {
            let file = on_disk(&site.public(), page, &href);
            assert!(file.is_file(), "{page}: srcset entry {href} does not resolve");
            let img = ImageReader::open(&file).unwrap().with_guessed_format().unwrap();
            let (iw, ih) = img.into_dimensions().unwrap();
            assert_eq!(iw, w, "{href}: the descriptor says {w}w");
            found.push((file, iw, ih));
        }
    }
    found
}

#[test]
fn every_copy_exists_at_its_width_smaller_than_its_source_without_exif() {
    let site = picture_site();
    let out = site.build();
    assert!(stdout(&out).contains("pictures: 5 images, 5 decoded, 0 reused"), "{}", stdout(&out));
    // The rotated photo: stored 700×1050 with EXIF orientation 6, shown 1050×700.
    let copies = check_copies(&site, "articles/rotated.html");
    let rotated: Vec<_> =
        copies.iter().filter(|(f, ..)| f.to_string_lossy().contains("rotated-")).collect();
    assert!(!rotated.is_empty());
    for (file, w, h) in &rotated {
        assert!(w > h, "{}: {w}×{h} is not upright", file.display());
        assert_eq!(*h, (*w * 700 + 525) / 1050, "{}: aspect ratio", file.display());
    }
    assert!(has_exif(&fixture("rotated.jpg")), "the fixture carries EXIF (with GPS)");
    let sources = [("rotated-", "rotated.jpg"), ("alpha-", "alpha.png"), ("photo-", "photo.webp")];
    for (file, w, _) in &copies {
        let bytes = std::fs::read(file).unwrap();
        assert!(!has_exif(&bytes), "{} carries EXIF", file.display());
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.contains(&format!("-{w}.")), "{name}: the name says the width");
        let (_, source) = sources.iter().find(|(p, _)| name.starts_with(p)).unwrap();
        let source_len = fixture(source).len();
        // Ferris is flat artwork, which resampling spreads into more colours: its PNG
        // copies that would outgrow the source are kept in a palette instead.
        assert!(bytes.len() < source_len, "{name}: {} bytes, source {source_len}", bytes.len());
    }
    // Widths: never wider than the source; the PNG (900 wide) stops at 900.
    let alpha: Vec<u32> = copies
        .iter()
        .filter(|(f, ..)| f.to_string_lossy().contains("alpha-"))
        .map(|c| c.1)
        .collect();
    assert_eq!(alpha.iter().max(), Some(&900));
    assert!(alpha.contains(&320) && alpha.contains(&672));
    // Transparency survives in both formats.
    for (file, ..) in copies.iter().filter(|(f, ..)| f.to_string_lossy().contains("alpha-")) {
        let img = image::open(file).unwrap();
        assert!(img.color().has_alpha(), "{}", file.display());
        assert!(
            img.pixels().any(|(_, _, p)| p.0[3] == 0),
            "{}: no transparent pixel",
            file.display()
        );
    }
    // Some of Ferris's PNG copies are indexed (IHDR colour type 3): the palette path ran.
    let indexed = copies
        .iter()
        .filter(|(f, ..)| f.to_string_lossy().contains("alpha-") && f.extension().unwrap() == "png")
        .filter(|(f, ..)| std::fs::read(f).unwrap()[25] == 3)
        .count();
    assert!(indexed > 0, "no PNG copy of the flat artwork has a palette");
    // The camera photo: seven widths, WebP and JPEG, each smaller than the source.
    let on_page = check_copies(&site, "articles/camera.html");
    let (camera, cutout): (Vec<_>, Vec<_>) =
        on_page.into_iter().partition(|(f, ..)| f.to_string_lossy().contains("camera-"));
    // The photographic PNG with transparency: PNG and WebP copies, smaller, still clear.
    let cutout_len = photo_with_alpha().len() as u64;
    assert!(cutout.iter().any(|(f, ..)| f.extension().unwrap() == "png"));
    for (file, ..) in &cutout {
        assert!(std::fs::metadata(file).unwrap().len() < cutout_len, "{}", file.display());
        let img = image::open(file).unwrap();
        assert!(
            img.pixels().any(|(_, _, p)| p.0[3] == 0),
            "{}: no transparent pixel",
            file.display()
        );
    }
    let source = camera_jpeg().len();
    assert_eq!(camera.len(), 14, "{camera:?}");
    for (file, w, h) in &camera {
        assert!([320, 480, 672, 960, 1280, 1600, 1920].contains(w));
        assert_eq!(*h, (*w * 2 + 1) / 3);
        assert!(std::fs::metadata(file).unwrap().len() < source as u64 / 4);
    }
}

/// The rotated fixture at three times its size (2100×3150 stored, 3150×2100 shown), its
/// EXIF (orientation 6) kept: the JPEG re-encoded, the fixture's APP1 segment put back.
fn big_rotated() -> Vec<u8> {
    let small = fixture("rotated.jpg");
    let at = small.windows(2).position(|w| w == [0xFF, 0xE1]).unwrap();
    let len = usize::from(u16::from_be_bytes([small[at + 2], small[at + 3]]));
    let app1 = &small[at..at + 2 + len];
    let stored = image::load_from_memory(&small).unwrap();
    let big = stored.resize_exact(2100, 3150, image::imageops::FilterType::CatmullRom);
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92);
    big.to_rgb8().write_with_encoder(encoder).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Mean absolute difference per channel between two pictures of the same size.
fn mean_difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    sum as f64 / a.as_raw().len() as f64
}

#[test]
fn photos_far_wider_than_their_copies_are_decoded_small_and_come_out_the_same() {
    // Copies of at most 320 pixels, and the 1,200-pixel one for sharing: the rotated
    // photo (made 2100×3150 stored, turned by EXIF orientation 6) and the 3000×2000
    // camera photo decode at half their size (the decoder's own tests check the scale). Each copy must match the picture decoded whole, turned and resampled
    // by image-rs: same size, same way up, the same pixels within JPEG's noise.
    // The widest copy is the 1,200-pixel one for sharing, so the photos are made large.
    let site = picture_site();
    site.write(
        "site.toml",
        "title = \"Pictures\"\nbase_url = \"https://example.org/\"\n\n[images]\nwidths = [160, 320]\n",
    );
    let big = big_rotated();
    put(&site, "seeds/pics/rotated.jpg", &big);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut rotated = image::load_from_memory(&big).unwrap();
    rotated.apply_orientation(image::metadata::Orientation::Rotate90);
    let camera = image::load_from_memory(&camera_jpeg()).unwrap();
    let mut compared = 0;
    for (page, prefix, whole) in [
        ("articles/rotated.html", "rotated-", &rotated),
        ("articles/camera.html", "camera-", &camera),
    ] {
        for (file, w, h) in check_copies(&site, page) {
            if !file.file_name().unwrap().to_string_lossy().starts_with(prefix) {
                continue;
            }
            assert!(w <= 320, "{}: {w} pixels wide", file.display());
            let copy = image::open(&file).unwrap().to_rgb8();
            let reference =
                whole.resize_exact(w, h, image::imageops::FilterType::CatmullRom).to_rgb8();
            let diff = mean_difference(&copy, &reference);
            assert!(diff < 6.0, "{}: differs by {diff:.1} a channel on average", file.display());
            // Upside down or mirrored, the same photo differs many times more.
            let mut flipped = reference.clone();
            image::imageops::rotate180_in_place(&mut flipped);
            assert!(mean_difference(&copy, &flipped) > 3.0 * diff.max(1.0), "{}", file.display());
            compared += 1;
        }
    }
    assert_eq!(compared, 8, "two widths in WebP and JPEG for each photo");
}

#[test]
fn markup_gives_sizes_priorities_captions_and_sharing_copies() {
    let site = picture_site();
    site.build();
    let doc = site.html("articles/rotated.html");
    for img in doc.select(&sel("main img")) {
        let v = img.value();
        let src = v.attr("src").unwrap();
        if src.starts_with("https://") {
            continue; // remote pictures are linked as they are, never fetched
        }
        assert!(v.attr("width").is_some() && v.attr("height").is_some(), "{src}: no size");
        assert_eq!(v.attr("decoding"), Some("async"), "{src}");
        assert!(on_disk(&site.public(), "articles/rotated.html", src).is_file(), "{src}");
    }
    let lead = doc.select(&sel("figure.lead-image picture img")).next().expect("lead picture");
    assert_eq!(lead.value().attr("fetchpriority"), Some("high"));
    assert_eq!(lead.value().attr("loading"), None, "the lead image must not load lazily");
    assert_eq!(
        (lead.value().attr("width"), lead.value().attr("height")),
        (Some("1050"), Some("700"))
    );
    assert_eq!(lead.value().attr("alt"), Some("A waterfall"));
    let first_source = doc.select(&sel("figure.lead-image picture source")).next().unwrap();
    assert_eq!(first_source.value().attr("type"), Some("image/webp"));
    let caption = common::texts(&doc, "figure.lead-image figcaption");
    assert_eq!(caption, ["The falls at dusk. Photo: P. Bouillot"]);
    let body: Vec<_> = doc.select(&sel(".article-body img")).collect();
    assert!(
        body.iter()
            .filter(|i| !i.value().attr("src").unwrap().starts_with("https"))
            .all(|i| i.value().attr("loading") == Some("lazy"))
    );
    let ferris = body.iter().find(|i| i.value().attr("alt") == Some("Ferris the crab")).unwrap();
    assert_eq!(ferris.value().attr("title"), Some("Ferris"));
    let gif = body.iter().find(|i| i.value().attr("alt") == Some("Slides")).unwrap();
    assert_eq!((gif.value().attr("width"), gif.value().attr("height")), (Some("320"), Some("213")));
    assert!(gif.value().attr("src").unwrap().ends_with("animated.gif"), "GIFs go as they are");
    let remote = body.iter().find(|i| i.value().attr("alt") == Some("Elsewhere")).unwrap();
    assert_eq!(remote.value().attr("src"), Some("https://example.org/far.jpg"));

    // Sharing: a 1200-wide JPEG copy with its size, in Open Graph and JSON-LD.
    let camera = site.read("articles/camera.html");
    let doc = site.html("articles/camera.html");
    let meta = |p: &str| {
        doc.select(&sel(&format!("meta[property=\"{p}\"]")))
            .next()
            .unwrap()
            .value()
            .attr("content")
            .unwrap()
            .to_string()
    };
    let og = meta("og:image");
    assert!(
        og.starts_with("https://example.github.io/digest/images/camera-1200.")
            && og.ends_with(".jpg"),
        "{og}"
    );
    assert_eq!((meta("og:image:width"), meta("og:image:height")), ("1200".into(), "800".into()));
    let shared = site.public().join(og.trim_start_matches("https://example.github.io/digest/"));
    assert_eq!(image::image_dimensions(&shared).unwrap(), (1200, 800));
    assert!(
        camera.contains(&format!(
            "{{\"@type\":\"ImageObject\",\"url\":\"{og}\",\"width\":1200,\"height\":800}}"
        )),
        "JSON-LD image"
    );

    // The front page: the lead story's picture loads first; thumbnails lazily.
    let front = site.html("index.html");
    let pictures: Vec<_> = front.select(&sel("main picture img")).collect();
    assert!(!pictures.is_empty(), "the front page shows pictures");
    for img in &pictures {
        let src = img.value().attr("src").unwrap();
        assert!(on_disk(&site.public(), "index.html", src).is_file(), "{src}");
        assert!(img.value().attr("width").is_some());
    }
    assert_eq!(common::broken_links(&site.public()), Vec::<(String, String)>::new());
}

#[test]
fn rebuilds_decode_nothing_unless_a_picture_changes() {
    let site = picture_site();
    site.build();
    let before = site.snapshot();
    let again = site.build();
    assert!(stdout(&again).contains("0 decoded, 5 reused"), "{}", stdout(&again));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.write("seeds/camera.md", "+++\ntitle = \"Camera, edited\"\ndate = 2025-03-02\nimage = \"camera.jpg\"\n+++\nNew text.\n\n![A beach through a round window](pics/cutout.png)\n");
    let edited = site.build();
    assert!(stdout(&edited).contains("0 decoded, 5 reused"), "{}", stdout(&edited));
    let clean = site.run(&["build", "--now", "2026-01-01T00:00:00Z", "--clean"]);
    assert!(stdout(&clean).contains("0 decoded"), "--clean reuses the copies: {}", stdout(&clean));
    // Same copies, byte for byte.
    let after = site.snapshot();
    let images = |t: &std::collections::BTreeMap<PathBuf, Vec<u8>>| {
        t.iter()
            .filter(|(p, _)| p.starts_with("images"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(images(&before), images(&after));
    // A new picture under the same name: decoded again, under new names.
    // A new picture under an old name (JPEG bytes in `photo.webp`: read by its bytes).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    put(&site, "seeds/pics/photo.webp", &fixture("photo.jpg"));
    let changed = site.build();
    assert!(stdout(&changed).contains("5 images, 1 decoded, 4 reused"), "{}", stdout(&changed));
    let doc = site.html("articles/rotated.html");
    let old: Vec<_> = images(&before)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.to_string_lossy().contains("photo-"))
        .collect();
    for p in old {
        assert!(!site.public().join(&p).exists(), "{} outlived its source", p.display());
    }
    assert!(doc.select(&sel("img[alt=\"A tourist\"]")).next().is_some());

    // The old picture's copies stay in the work folder for a week, then go.
    let store = site.root().join(".broadsheet/images");
    let stale: Vec<PathBuf> = images(&before)
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("photo-"))
        .map(|(p, _)| store.join(p.file_name().unwrap()))
        .collect();
    assert!(stale.iter().all(|p| p.is_file()), "kept for now: {stale:?}");
    let week_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(8 * 24 * 3600);
    for p in &stale[1..] {
        std::fs::File::options().write(true).open(p).unwrap().set_modified(week_ago).unwrap();
    }
    let pruned = site.run(&["build", "--now", "2026-01-01T00:00:00Z", "--clean"]);
    let n = stale.len() - 1;
    assert!(
        stdout(&pruned).contains(&format!(
            "0 decoded, 5 reused, {n} {} removed",
            if n == 1 { "old copy" } else { "old copies" }
        )),
        "{}",
        stdout(&pruned)
    );
    assert!(stale[0].is_file(), "a copy made this week stays");
    assert!(stale[1..].iter().all(|p| !p.exists()), "week-old copies go");
    assert!(
        site.public()
            .join("images")
            .read_dir()
            .unwrap()
            .all(|e| { store.join(e.unwrap().file_name()).is_file() }),
        "every published copy is still in the store"
    );
}

#[test]
fn bad_pictures_are_named_with_their_article_and_never_panic() {
    let site = Site::new(&[
        (
            "seeds/missing.md",
            "+++\ntitle = \"Missing\"\ndate = 2025-03-01\nimage = \"gone.jpg\"\n+++\nBody ![also gone](nowhere.png)\n",
        ),
        (
            "seeds/fake.md",
            "+++\ntitle = \"Fake\"\ndate = 2025-03-01\nimage = \"fake.jpg\"\n+++\nText.\n",
        ),
        ("seeds/bomb.md", "+++\ntitle = \"Bomb\"\ndate = 2025-03-01\n+++\n![bomb](bomb.png)\n"),
        ("seeds/fake.jpg", "this is a text file wearing a .jpg"),
    ]);
    put(&site, "seeds/bomb.png", &png_header(100_000, 100_000));
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("seeds/missing.md: lead image `gone.jpg` names no file in seeds/"),
        "{err}"
    );
    assert!(err.contains("seeds/missing.md: image `nowhere.png` names no file in seeds/"), "{err}");
    assert!(
        err.contains("seeds/fake.md: image `fake.jpg` is not a picture Broadsheet can read"),
        "{err}"
    );
    assert!(err.contains("seeds/bomb.md: image `bomb.png` is 100000×100000 pixels (10000 megapixels), over `[images] max_megapixels = 100`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Published as they are, with their size where it is known.
    let doc = site.html("articles/bomb.html");
    let bomb = doc.select(&sel(".article-body img")).next().unwrap();
    assert_eq!(bomb.value().attr("width"), Some("100000"));
    assert!(site.public().join("articles/fake/fake.jpg").is_file());
}

#[test]
fn one_picture_however_spelled_gets_one_set_of_copies() {
    // Lead image as written, then escaped and in angle brackets, from two articles.
    let site = Site::new(&[
        (
            "seeds/a.md",
            "+++\ntitle = \"A\"\ndate = 2025-03-01\nimage = { src = \"pics/My Photo é.jpg\", alt = \"A tourist\" }\n+++\nAgain: ![escaped](pics/My%20Photo%20%C3%A9.jpg)\n",
        ),
        (
            "seeds/b.md",
            "+++\ntitle = \"B\"\ndate = 2025-03-02\n+++\n![angled](<pics/My Photo é.jpg>)\n",
        ),
    ]);
    put(&site, "seeds/pics/My Photo é.jpg", &fixture("photo.jpg"));
    let out = site.build();
    assert!(stdout(&out).contains("pictures: 1 image, 1 decoded"), "{}", stdout(&out));
    let names: Vec<String> = std::fs::read_dir(site.public().join("images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.is_empty() && names.iter().all(|n| n.starts_with("my-photo-e-")), "{names:?}");
    for page in ["articles/a.html", "articles/b.html"] {
        assert!(check_copies(&site, page).len() >= 2, "{page}: no copies offered");
    }
    assert_eq!(common::broken_links(&site.public()), Vec::<(String, String)>::new());
}

#[test]
fn a_photo_over_the_pixel_limit_is_published_as_it_is() {
    let site = Site::new(&[
        ("site.toml", &format!("{}[images]\nmax_megapixels = 1\n", common::SITE_TOML)),
        (
            "seeds/big.md",
            "+++\ntitle = \"Big\"\ndate = 2025-03-01\nimage = \"camera.jpg\"\n+++\nText.\n",
        ),
    ]);
    put(&site, "seeds/camera.jpg", &camera_jpeg());
    let out = site.build();
    let err = stderr(&out);
    assert!(err.contains("seeds/big.md: image `camera.jpg` is 3000×2000 pixels (6 megapixels), over `[images] max_megapixels = 1`"), "{err}");
    assert!(!stdout(&out).contains("pictures:"), "no copies were made");
    let doc = site.html("articles/big.html");
    let img = doc.select(&sel("figure.lead-image img")).next().unwrap();
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("3000"), Some("2000"))
    );
}

#[test]
fn a_truncated_photo_fails_the_build_and_keeps_the_last_site() {
    let site = Site::new(&[(
        "seeds/cut.md",
        "+++\ntitle = \"Cut\"\ndate = 2025-03-01\nimage = \"cut.jpg\"\n+++\nText.\n",
    )]);
    let whole = camera_jpeg();
    put(&site, "seeds/cut.jpg", &whole);
    site.build();
    let before = site.snapshot();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    put(&site, "seeds/cut.jpg", &whole[..whole.len() / 2]);
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("seeds/cut.md: image `cut.jpg` is cut short"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(site.snapshot(), before, "public/ changed after a failed build");
}

/// A PNG that claims `width`×`height` pixels and holds almost none: a decompression bomb.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        let mut crc_input = kind.to_vec();
        crc_input.extend(data);
        c.extend(crc32(&crc_input).to_be_bytes());
        c
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
