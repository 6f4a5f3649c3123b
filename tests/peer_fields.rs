//! Every row of docs/pages/migrating.md's table of Jekyll, Hugo and Zola front matter fields: a
//! post written with the peer's field builds as if it had used ours.
#![allow(clippy::disallowed_methods)] // tests write fixture files directly

mod common;

use std::path::Path;

use common::{Site, sel, stderr, texts};

const SECTIONS: &str = "title = \"T\"\nbase_url = \"https://example.github.io/digest/\"\ntimezone = \"UTC\"\ntaxonomies = [\"sections\"]\n";

fn built(files: &[(&str, &str)]) -> (Site, String) {
    let mut all = vec![("site.toml", SECTIONS)];
    all.extend_from_slice(files);
    let site = Site::new(&all);
    let err = stderr(&site.build());
    (site, err)
}

fn description_of(site: &Site, page: &str) -> String {
    let doc = site.html(page);
    let meta = doc.select(&sel("meta[name=description]")).next().unwrap();
    meta.value().attr("content").unwrap().to_string()
}

#[test]
fn description_and_excerpt_are_the_summary() {
    let (site, err) = built(&[
        ("seeds/2020-01-01-a.md", "---\ntitle: A\ndescription: Said in a line.\n---\nBody.\n"),
        (
            "seeds/2020-01-02-b.md",
            "+++\ntitle = \"B\"\nexcerpt = \"Jekyll's excerpt.\"\n+++\nBody.\n",
        ),
    ]);
    assert!(!err.contains("unknown front matter key"), "{err}");
    assert_eq!(description_of(&site, "articles/a.html"), "Said in a line.");
    assert_eq!(description_of(&site, "articles/b.html"), "Jekyll's excerpt.");
}

#[test]
fn categories_and_zola_taxonomies_are_tags_and_category_is_the_section() {
    let (site, _) = built(&[
        (
            "seeds/2020-01-01-a.md",
            "---\ntitle: A\ncategories: release community\ntags: [x]\n---\nB.\n",
        ),
        ("seeds/2020-01-02-b.md", "---\ntitle: B\ncategories: [news]\ncategory: Sport\n---\nB.\n"),
        (
            "seeds/2020-01-03-c.md",
            "+++\ntitle = \"C\"\n[taxonomies]\ntags = [\"zola\"]\ncategories = [\"docs\"]\nauthors = [\"Ann\"]\n+++\nB.\n",
        ),
    ]);
    assert_eq!(texts(&site.html("articles/a.html"), ".tags a"), ["x", "release", "community"]);
    assert_eq!(texts(&site.html("articles/c.html"), ".tags a"), ["docs", "zola"]);
    assert!(site.read("articles/c.html").contains("Ann"));
    assert!(site.public().join("sections/sport.html").is_file());
    assert_eq!(texts(&site.html("sections/sport.html"), "main .story-grid h2 a"), ["B"]);
}

#[test]
fn published_false_and_draft_leave_a_post_out() {
    let (site, _) = built(&[
        ("seeds/2020-01-01-a.md", "---\ntitle: A\npublished: false\n---\nB.\n"),
        ("seeds/2020-01-02-b.md", "+++\ntitle = \"B\"\ndraft = true\n+++\nB.\n"),
        ("seeds/2020-01-03-c.md", "---\ntitle: C\npublished: true\n---\nB.\n"),
    ]);
    assert!(!site.public().join("articles/a.html").exists());
    assert!(!site.public().join("articles/b.html").exists());
    assert!(site.public().join("articles/c.html").is_file());
}

#[test]
fn publish_date_is_the_date_and_lastmod_the_update() {
    let (site, _) = built(&[(
        "seeds/a.md",
        "---\ntitle: A\npublishDate: 2020-03-04T05:06:07Z\nlastmod: 2021-01-01\n---\nB.\n",
    )]);
    let doc = site.html("articles/a.html");
    let published = doc.select(&sel("time.published")).next().unwrap();
    assert_eq!(published.value().attr("datetime"), Some("2020-03-04T05:06:07+00:00"));
    assert!(texts(&doc, ".updated time").iter().any(|t| t.contains("2021")));
}

#[test]
fn expiry_date_leaves_a_post_out_after_the_reference_time() {
    let files = [
        ("seeds/2020-01-01-a.md", "---\ntitle: A\nexpiryDate: 2025-06-01\n---\nB.\n"),
        ("seeds/2020-01-02-b.md", "---\ntitle: B\nexpiryDate: 2027-01-01\n---\nB.\n"),
    ];
    let (site, err) = built(&files); // the reference time is 2026-01-01
    assert!(!site.public().join("articles/a.html").exists());
    assert!(site.public().join("articles/b.html").is_file());
    assert!(err.contains("1 of 2 articles is past their expiry date"), "{err}");
    let earlier = site.run(&["build", "--now", "2025-01-01"]);
    assert!(earlier.status.success());
    assert!(site.public().join("articles/a.html").is_file());
}

#[test]
fn permalink_url_path_and_redirect_from_redirect_to_the_new_page() {
    let (site, _) = built(&[
        ("seeds/2020-01-01-a.md", "---\ntitle: A\npermalink: /2020/01/01/a.html\n---\nB.\n"),
        ("seeds/2020-01-02-b.md", "---\ntitle: B\nurl: /news/b/\n---\nB.\n"),
        ("seeds/2020-01-03-c.md", "+++\ntitle = \"C\"\npath = \"blog/c\"\n+++\nB.\n"),
        ("seeds/2020-01-04-d.md", "---\ntitle: D\nredirect_from: [/old-d/]\n---\nB.\n"),
    ]);
    for (old, title) in [
        ("2020/01/01/a.html", "A"),
        ("news/b/index.html", "B"),
        ("blog/c/index.html", "C"),
        ("old-d/index.html", "D"),
    ] {
        let doc = site.html(old);
        let refresh = doc.select(&sel("meta[http-equiv=refresh]")).next().unwrap();
        let target = refresh.value().attr("content").unwrap().trim_start_matches("0; url=");
        let folder = std::path::Path::new(old).parent().unwrap();
        let page = std::fs::read_to_string(site.public().join(folder).join(target)).unwrap();
        assert_eq!(texts(&scraper::Html::parse_document(&page), "main h1"), [title], "{old}");
    }
}

#[test]
fn a_permalink_pattern_makes_no_redirect_and_says_so() {
    let (_, err) =
        built(&[("seeds/2020-01-01-a.md", "---\ntitle: A\npermalink: /:year/:title/\n---\nB.\n")]);
    assert!(
        err.contains("seeds/2020-01-01-a.md:3: `permalink` `/:year/:title/` is a pattern"),
        "{err}"
    );
}

#[test]
fn presentation_keys_are_accepted_with_one_line_per_build_and_typos_still_warn() {
    let (_, err) = built(&[
        ("seeds/2020-01-01-a.md", "---\ntitle: A\nlayout: post\nweight: 3\ntoc: true\n---\nB.\n"),
        (
            "seeds/2020-01-02-b.md",
            "+++\ntitle = \"B\"\ntemplate = \"x.html\"\nweight = 1\nlinkTitle = \"b\"\n+++\nB.\n",
        ),
        ("seeds/2020-01-03-c.md", "---\ntitel: C\n---\n# C\n\nB.\n"),
    ]);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("layout")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("`layout` (1), `linkTitle` (1), `template` (1), `toc` (1), `weight` (2)"),
        "{err}"
    );
    assert!(
        err.contains(
            "seeds/2020-01-03-c.md:2: unknown front matter key `titel` (did you mean `title`?)"
        ),
        "{err}"
    );
}

#[test]
fn extra_and_params_reach_templates() {
    let (site, _) = built(&[
        (
            "seeds/2020-01-01-a.md",
            "+++\ntitle = \"A\"\n[extra]\nmood = \"sunny\"\n[extra.author]\nname = \"Zed\"\n+++\nB.\n",
        ),
        ("seeds/2020-01-02-b.md", "---\ntitle: B\nparams:\n  mood: rainy\n---\nB.\n"),
        (
            "templates/article.html",
            "{% extends \"builtin/article.html\" %}{% block main %}<main><h1>{{ article.title }}</h1><p class=mood>{{ article.extra.mood }}{% if article.extra.author %} {{ article.extra.author.name }}{% endif %}</p></main>{% endblock main %}",
        ),
    ]);
    assert_eq!(texts(&site.html("articles/a.html"), ".mood"), ["sunny Zed"]);
    assert_eq!(texts(&site.html("articles/b.html"), ".mood"), ["rainy"]);
}

#[test]
fn no_title_and_no_heading_takes_the_file_name_with_a_warning() {
    let (site, err) =
        built(&[("seeds/2017-2-5-my-first-post.md", "---\ndate: 2017-02-05\n---\nJust a body.\n")]);
    assert!(err.contains("seeds/2017-2-5-my-first-post.md: no `title` and no `# Headline`: headline made from the file name, \"My first post\""), "{err}");
    let doc = site.html("articles/my-first-post.html");
    assert_eq!(texts(&doc, "main h1"), ["My first post"]);
    let check = site.run(&["check", "--strict"]);
    assert!(!check.status.success());
}

#[test]
fn a_non_padded_file_name_date_is_the_date() {
    let (site, _) = built(&[("seeds/2017-2-5-title.md", "---\ntitle: T\n---\nBody.\n")]);
    let doc = site.html("articles/title.html");
    let published = doc.select(&sel("time.published")).next().unwrap();
    assert_eq!(published.value().attr("datetime"), Some("2017-02-05T00:00:00+00:00"));
}

#[test]
fn jekyll_dates_quoted_or_not_are_read_with_their_offset() {
    let (site, _) = built(&[
        ("seeds/a.md", "---\ntitle: A\ndate: 2013-05-06 02:12:52 +0200\n---\nB.\n"),
        ("seeds/b.md", "---\ntitle: B\ndate: \"2016-11-14 10:25:48 -0800\"\n---\nB.\n"),
        ("seeds/c.md", "+++\ntitle = \"C\"\ndate = 1979-05-27 07:32:00Z\n+++\nB.\n"),
    ]);
    for (page, iso) in [
        ("articles/a.html", "2013-05-06T00:12:52+00:00"),
        ("articles/b.html", "2016-11-14T18:25:48+00:00"),
        ("articles/c.html", "1979-05-27T07:32:00+00:00"),
    ] {
        let doc = site.html(page);
        let published = doc.select(&sel("time.published")).next().unwrap();
        assert_eq!(published.value().attr("datetime"), Some(iso), "{page}");
    }
}

#[test]
fn hugo_shortcodes_in_a_heading_leave_no_braces() {
    let (site, err) = built(&[(
        "seeds/2020-01-01-a.md",
        "---\ntitle: A\n---\n\n## Setup {{< new-in 0.1 />}}\n\nText {{< youtube abc >}} and {{% note %}}care{{% /note %}}.\n",
    )]);
    let doc = site.html("articles/a.html");
    // A heading gets no code (it makes the table of contents and anchors); in the text
    // an unknown shortcode shows as code, and the file's one warning names it.
    assert_eq!(texts(&doc, "main h2"), ["Setup"]);
    assert_eq!(texts(&doc, "main p code"), ["{{% note %}}"]);
    assert!(!site.read("articles/a.html").contains("{{<"));
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("shortcode")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains(
            "seeds/2020-01-01-a.md:7: shortcode `{{% note %}}` is not one Broadsheet knows"
        ),
        "{err}"
    );
}

#[test]
fn a_section_index_gives_its_folder_its_section_and_the_top_one_none() {
    let (site, _) = built(&[
        ("seeds/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        ("seeds/2020-01-01-top.md", "---\ntitle: Top\n---\nB.\n"),
        (
            "seeds/sport/_index.md",
            "+++\ntitle = \"Sport\"\ndescription = \"Games and scores.\"\n+++\n",
        ),
        ("seeds/sport/2020-01-02-match.md", "---\ntitle: Match\n---\nB.\n"),
    ]);
    let sport = site.html("sections/sport.html");
    assert_eq!(texts(&sport, ".list-intro"), ["Games and scores."]);
    assert_eq!(texts(&sport, "main h1"), ["Sport"]);
    assert_eq!(texts(&sport, "main .story-grid h2 a"), ["Match"]);
    assert_eq!(texts(&site.html("articles/match.html"), "main .kicker"), ["sport"]);
    assert!(texts(&site.html("articles/top.html"), "main .kicker").is_empty());
    // The top one is no story either: it introduces the front page.
    let front = site.html("index.html");
    assert_eq!(texts(&front, ".front-intro h2"), ["Home"]);
    assert_eq!(texts(&front, ".front-intro-text"), ["Welcome."]);
    assert!(!texts(&front, "main a").contains(&"Home".to_string()));
}

#[test]
fn two_section_folders_of_one_name_are_two_sections() {
    // hugoDocs: `functions/time/` ("Time functions") and `methods/time/` ("Time methods").
    let (site, _) = built(&[
        ("seeds/functions/time/_index.md", "---\ntitle: Time functions\n---\n"),
        ("seeds/functions/time/now.md", "---\ntitle: time.Now\n---\nNow.\n"),
        ("seeds/methods/time/_index.md", "---\ntitle: Time methods\n---\n"),
        ("seeds/methods/time/year.md", "---\ntitle: Year\n---\nYear.\n"),
    ]);
    let functions = site.html("sections/functions-time.html");
    assert_eq!(texts(&functions, "main h1"), ["Time functions"]);
    assert_eq!(texts(&functions, "main .story-grid h2 a"), ["time.Now"]);
    let methods = site.html("sections/methods-time.html");
    assert_eq!(texts(&methods, "main h1"), ["Time methods"]);
    assert_eq!(texts(&methods, "main .story-grid h2 a"), ["Year"]);
    assert!(!site.public().join("sections/time.html").exists());
}

#[test]
fn introductions_link_and_show_pictures_from_the_page_that_shows_them() {
    // Zola's and Hugo's home page shows the root `_index.md` (tabi: "Latest posts" and
    // its text); links in any introduction lead where they lead from its file.
    let (site, err) = built(&[
        (
            "seeds/_index.md",
            "+++\ntitle = \"Latest posts\"\n+++\nSee [the match](sport/2020-01-02-match.md) and ![a dot](dot.png).\n",
        ),
        ("seeds/dot.png", "not really a png"),
        ("seeds/2020-01-01-top.md", "---\ntitle: Top\n---\nB.\n"),
        (
            "seeds/sport/_index.md",
            "+++\ntitle = \"Sport\"\n+++\nAlso [the top story](../2020-01-01-top.md).\n",
        ),
        ("seeds/sport/2020-01-02-match.md", "---\ntitle: Match\n---\nB.\n"),
    ]);
    assert!(!err.contains("names no"), "{err}");
    let front = site.html("index.html");
    assert_eq!(texts(&front, ".front-intro h2"), ["Latest posts"]);
    let a = front.select(&sel(".front-intro-text a")).next().unwrap();
    assert_eq!(a.value().attr("href"), Some("articles/match.html"));
    let sport = site.html("sections/sport.html");
    let a = sport.select(&sel(".list-intro a")).next().unwrap();
    assert_eq!(a.value().attr("href"), Some("../articles/top.html"));
    assert_eq!(common::broken_links(&site.public()), []);
}

#[test]
fn the_front_page_introduction_shows_its_picture() {
    // tabi's home page shows a picture above its text (`[extra] header.img`, which the
    // import makes the root `_index.md`'s `image`).
    let (site, err) = built(&[(
        "seeds/_index.md",
        "+++\ntitle = \"Hello\"\nimage = { src = \"lead.png\", alt = \"The harbour at dawn\", credit = \"A. Photographer\" }\n+++\nWelcome.\n",
    )]);
    let png =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/seeds/pics/lead.png");
    std::fs::copy(&png, site.root().join("seeds/lead.png")).unwrap();
    let err = format!("{err}{}", stderr(&site.build()));
    let front = site.html("index.html");
    let img =
        front.select(&sel(".front-intro .front-intro-photo img")).next().expect("the picture");
    assert_eq!(img.value().attr("alt"), Some("The harbour at dawn"), "{err}");
    let src = img.value().attr("src").unwrap();
    assert!(site.public().join(src).is_file(), "{src} is published");
    assert_eq!(texts(&front, ".front-intro-photo .credit"), ["A. Photographer"]);
    assert_eq!(texts(&front, ".front-intro-text"), ["Welcome."]);
    assert_eq!(common::broken_links(&site.public()), []);
}

#[test]
fn a_section_with_only_its_index_still_has_its_page() {
    // Zola renders a section whose folder holds only its `_index.md` (tabi's archive,
    // an about section written in the index itself); its page must not go missing.
    let (site, _) = built(&[
        ("seeds/sport/_index.md", "+++\ntitle = \"Sport\"\n+++\nGames and scores.\n"),
        ("seeds/sport/2020-01-02-match.md", "---\ntitle: Match\n---\nB.\n"),
        ("seeds/archive/_index.md", "+++\ntitle = \"Archive\"\ntemplate = \"archive.html\"\n+++\n"),
        ("seeds/about/_index.md", "+++\ntitle = \"About\"\n+++\nWho we are.\n"),
    ]);
    let about = site.html("sections/about.html");
    assert_eq!(texts(&about, ".list-intro"), ["Who we are."]);
    assert!(texts(&about, "main .story-grid h2 a").is_empty());
    let archive = site.html("sections/archive.html");
    assert!(texts(&archive, ".list-intro").is_empty(), "an index without text shows no intro");
    // Headed and titled by its `_index.md`'s title, as Zola shows it.
    assert_eq!(texts(&archive, "main h1"), ["Archive"]);
    assert!(
        texts(&archive, "title").concat().starts_with("Archive"),
        "{:?}",
        texts(&archive, "title")
    );
    let sport = site.html("sections/sport.html");
    assert_eq!(texts(&sport, "main .story-grid h2 a"), ["Match"]);
    // The sections index lists all three, and every link of the site resolves.
    let index = site.read("sections/index.html");
    for page in ["about.html", "archive.html", "sport.html"] {
        assert!(index.contains(&format!("href=\"{page}\"")), "{page} not listed: {index}");
    }
    assert_eq!(common::broken_links(&site.public()), []);
}
