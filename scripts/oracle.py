#!/usr/bin/env python3
"""Compare Broadsheet's build of an imported site with the peer's own build (scripts/oracle.sh).

Reads the peer's page list (JSON lines: url, title, date, source), the peer's output folder
and Broadsheet's two output folders (at / and under /<repo>/), and prints one table.
Standard library only; every list is sorted, so the same folders give the same table.
"""
import argparse, json, os, posixpath, re, sys
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote

HOST = "oracle.invalid"
HIDDEN = {"script", "style", "code", "pre", "template", "textarea", "kbd", "samp"}


class Page(HTMLParser):
    """The parts of one HTML file the oracle looks at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.images, self.text, self.hidden = [], [], [], 0
        self.og_title = self.h1 = self.refresh = self.published = None
        self.in_h1 = False
        self.h1_text = []
        # Every h1 and h2, for the front page: the peers head its list with the root
        # `_index.md`'s title (tabi's "Latest posts") under the site's own.
        self.headings, self.heading = [], None
        self.any_time = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in HIDDEN:
            self.hidden += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img" and a.get("src"):
            self.images.append(a["src"])
        if tag == "meta" and a.get("property") == "og:title":
            self.og_title = a.get("content")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url=(.*)", a.get("content") or "", re.I)
            self.refresh = m.group(1).strip(" '\"") if m else None
        if tag == "time" and a.get("datetime"):
            if "published" in (a.get("class") or "") and not self.published:
                self.published = a["datetime"]
            self.any_time = self.any_time or a["datetime"]
        if tag == "h1" and self.h1 is None:
            self.in_h1 = True
        if tag in ("h1", "h2"):
            self.heading = []

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == "h1" and self.in_h1:
            self.in_h1, self.h1 = False, " ".join("".join(self.h1_text).split())
        if tag in ("h1", "h2") and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)
        if self.in_h1:
            self.h1_text.append(data)
        if self.heading is not None:
            self.heading.append(data)


def parse(path):
    page = Page()
    with open(path, encoding="utf-8", errors="replace") as f:
        page.feed(f.read())
    return page


def html_files(root):
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def target(root, path):
    """The file a URL path (below the site's prefix) names in `root`, or None."""
    path = unquote(path).lstrip("/")
    full = os.path.join(root, path)
    for cand in (full, os.path.join(full, "index.html"), full + ".html"):
        if os.path.isfile(cand):
            return cand
    return None


def resolve(page_rel, href, prefix):
    """The URL path (below `prefix`) an internal href points to, or None if external."""
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc != HOST:
        return None
    path = parts.path
    if not path:
        return None  # "#anchor" or "?query": the page itself
    if not path.startswith("/"):
        path = posixpath.join(posixpath.dirname("/" + prefix.strip("/") + "/" + page_rel), path)
    path = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    pre = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    if not (path + "/").startswith(pre) and path != pre.rstrip("/"):
        return "\0outside"  # above the site's prefix: broken under /<repo>/
    return path[len(pre) - 1:]


def broken_links(root, prefix):
    """(links checked, broken) over every HTML file in `root`, anchors and images included."""
    checked, broken = 0, []
    for rel in sorted(html_files(root)):
        page = parse(os.path.join(root, rel))
        for href in page.links + page.images:
            path = resolve(rel, href, prefix)
            if path is None or re.fullmatch(r"\{\{\w+\}\}|\*\|\w+\|\*", href):  # a mail merge tag
                continue
            checked += 1
            if path == "\0outside" or not target(root, path):
                broken.append((rel, href))
    return checked, broken


def leftovers(root):
    """HTML files whose visible text (outside code) still holds `{{` or `{%`."""
    found = []
    for rel in sorted(html_files(root)):
        text = "".join(parse(os.path.join(root, rel)).text)
        n = text.count("{{") + text.count("{%")
        if n:
            found.append((rel, n))
    return found


def served(root, url, prefix):
    """The Broadsheet page serving a peer URL (following one alias redirect), or None."""
    path = urlsplit(url).path
    file = target(root, path)
    if not file:
        return None
    page = parse(file)
    if page.refresh:
        rel = os.path.relpath(file, root).replace(os.sep, "/")
        moved = resolve(rel, page.refresh, prefix)
        if moved and moved != "\0outside":
            dest = target(root, moved)
            return (dest, parse(dest)) if dest else None
    return file, page


def norm(s):
    return " ".join(str(s or "").split()).casefold()


def compare(args):
    entries = [json.loads(line) for line in open(args.pages, encoding="utf-8") if line.strip()]
    # Only pages the peer really wrote count (not drafts, not its own redirects).
    wanted = sorted({e["url"]: e for e in entries if target(args.peer, urlsplit(e["url"]).path)}.values(),
                    key=lambda e: e["url"])
    rows, misses = {}, {"url": [], "title": [], "date": [], "image": []}
    ok_url = ok_title = ok_date = dated = missing_images = 0
    titled = 0
    for e in wanted:
        hit = served(args.root, e["url"], "/")
        if not hit:
            misses["url"].append(e["url"])
            continue
        ok_url += 1
        titled += 1
        file, page = hit
        title = page.og_title or page.h1
        # A Liquid list page (news, a category) now leads to the archive or a tag's
        # page, and a Zola section with `redirect_to` is a redirect: neither has a title of
        # its own to carry, so it is not compared.
        source = e.get("source") or ""
        if (source and not source.endswith((".md", ".markdown"))) or e.get("redirect_to"):
            titled -= 1
        elif norm(title) == norm(e.get("title")) or not e.get("title"):
            ok_title += 1
        elif FRONT.match(urlsplit(e["url"]).path) and norm(e.get("title")) in map(norm, page.headings):
            # The front page (a language's too, `/es/`) is titled by the site, as the peers
            # title it; the root `_index.md`'s title heads its introduction, as the peers'
            # pages show it.
            ok_title += 1
        else:
            misses["title"].append(f"{e['url']}: {e.get('title')!r} vs {title!r}")
        if e.get("date"):
            dated += 1
            got = (page.published or page.any_time or "")[:10]
            if got == e["date"][:10]:
                ok_date += 1
            else:
                misses["date"].append(f"{e['url']}: {e['date'][:10]} vs {got or 'none'}")
        missing_images += images_missing(args, e, file, page, misses)
    pct = lambda a, b: f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"
    peer_left, ours_left = sum(n for _, n in leftovers(args.peer)), sum(n for _, n in leftovers(args.root))
    peer_checked, peer_broken = broken_links(args.peer, "/")
    root_checked, root_broken = broken_links(args.root, "/")
    sub_checked, sub_broken = broken_links(args.sub, args.prefix)
    rows = [
        ("peer post and page URLs served", pct(ok_url, len(wanted))),
        ("titles equal (Markdown posts and pages)", pct(ok_title, titled)),
        ("dates equal (pages the peer dates)", pct(ok_date, dated)),
        ("broken internal links: peer's own output", f"{len(peer_broken)} of {peer_checked}"),
        ("broken internal links: Broadsheet at /", f"{len(root_broken)} of {root_checked}"),
        (f"broken internal links: Broadsheet under {args.prefix}", f"{len(sub_broken)} of {sub_checked}"),
        ("template leftovers in visible text: peer", str(peer_left)),
        ("template leftovers in visible text: Broadsheet", str(ours_left)),
        ("images the peer's page shows, missing", str(missing_images)),
    ]
    print(f"| {args.name} | |\n| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")
    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            for kind, items in misses.items():
                for item in items:
                    print(f"{kind}: {item}", file=out)
            for label, items in (("peer", peer_broken), ("root", root_broken), ("sub", sub_broken)):
                for rel, href in items:
                    print(f"broken {label}: {rel} -> {href}", file=out)
            for rel, n in leftovers(args.root):
                print(f"leftover: {rel} ({n})", file=out)
    short = (ok_url < len(wanted) or len(root_broken) > len(peer_broken)
             or len(sub_broken) > len(peer_broken) or ours_left > peer_left)
    return 1 if args.strict and short else 0


def images_missing(args, entry, file, page, misses):
    """Pictures named in the source file that the peer's page shows and Broadsheet's lacks."""
    src = os.path.join(args.src, entry.get("source") or "")
    if not os.path.isfile(src):
        return 0
    text = open(src, encoding="utf-8", errors="replace").read()
    peer_file = target(args.peer, urlsplit(entry["url"]).path)
    peer_rel = os.path.relpath(peer_file, args.peer).replace(os.sep, "/")
    ours_rel = os.path.relpath(file, args.root).replace(os.sep, "/")
    ours = set()
    for img in page.images:
        path = resolve(ours_rel, img, "/")
        if path and path != "\0outside" and target(args.root, path):
            ours.add(picture_stem(posixpath.basename(path)))
    n = 0
    for img in sorted(set(parse(peer_file).images)):
        path = resolve(peer_rel, img, "/")
        name = posixpath.basename(path or "")
        if not path or not name or not named_locally(text, name) or not target(args.peer, path):
            continue
        resized = "resized:" + slug(posixpath.splitext(name)[0])
        if name not in ours and resized not in ours:
            n += 1
            misses["image"].append(f"{entry['url']}: {img}")
    return n


# The front page's path, or a language's front page (`/es/`, `/pt-br/`).
FRONT = re.compile(r"^/([a-z]{2,3}(-[a-z0-9]+)?/)?$")

# A resized copy Broadsheet publishes of a picture: `screenshot-1280.c7e8c413df.png`.
RESIZED = re.compile(r"^(.+)-\d+\.[0-9a-f]{10}\.\w+$")


def picture_stem(name):
    """What a published file shows: a resized copy (`screenshot-1280.c7e8c413df.webp`) its
    source's name as Broadsheet slugs it (`screenshot`); any other file its own name."""
    m = RESIZED.match(name)
    return "resized:" + slug(m.group(1)) if m else name


def slug(stem):
    """A file stem as Broadsheet names copies: apostrophes dropped, lower case, every run
    of other characters than ASCII letters and digits one `-`."""
    stem = stem.replace("'", "").replace("\u2019", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-")


def named_locally(text, name):
    """True when `text` names the picture `name` other than inside an absolute URL (a
    README's `https://host/raw/screenshot.png` is not the page's own `screenshot.png`)."""
    for m in re.finditer(re.escape(name), text):
        token = re.split(r"[\s(\[\]\"'<>=]", text[:m.start()])[-1]
        if "://" not in token:
            return True
    return False


def hugo_pages():
    """`hugo list all` (CSV on stdin) as JSON lines, drafts left out."""
    import csv
    for row in csv.DictReader(sys.stdin):
        if row["draft"] == "true":
            continue
        date = row["date"][:10] if not row["date"].startswith("0001") else None
        url = urlsplit(row["permalink"]).path
        print(json.dumps({"url": url, "title": row["title"], "date": date, "source": row["path"]}))


def slugify(s):
    return re.sub(r"[^\w]+", "-", s.lower()).strip("-")


def zola_pages(src):
    """Zola's pages and sections under `src`/content as JSON lines (Zola has no `list`),
    in every language its config.toml publishes (`x.es.md` at `/es/…`)."""
    import tomllib
    content = os.path.join(src, "content")
    config = tomllib.load(open(os.path.join(src, "config.toml"), "rb"))
    languages = set(config.get("languages", {})) - {config.get("default_language", "en")}
    for folder, _, files in sorted(os.walk(content)):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            stem, _, lang = name[:-3].rpartition(".")
            if not stem:
                lang = None  # no language in the name
            elif lang not in languages:
                continue
            else:
                name = stem + ".md"  # named below as the default language's file is
            prefix = f"/{lang}" if lang else ""
            text = open(path, encoding="utf-8").read()
            m = re.match(r"\+\+\+\s*\n(.*?)\n\+\+\+", text, re.S)
            meta = tomllib.loads(m.group(1)) if m else {}
            if meta.get("draft"):
                continue
            rel = os.path.relpath(path, content).replace(os.sep, "/")
            dirs = [slugify(d) for d in posixpath.dirname(rel).split("/") if d]
            stem = name[:-3]
            date = meta.get("date")
            found = re.match(r"(\d{4}-\d{2}-\d{2})[_-](.+)", stem)
            if found:
                date, stem = date or found.group(1), found.group(2)
            if name == "_index.md":
                url = "/" + "/".join(dirs) + ("/" if dirs else "")
            elif meta.get("path"):
                url = "/" + meta["path"].strip("/") + "/"
            else:
                slug = meta.get("slug") or (dirs.pop() if stem == "index" and dirs else slugify(stem))
                url = "/" + "/".join(dirs + [slug]) + "/"
            if prefix and not url.startswith(prefix + "/"):
                url = prefix + url
            # A section with `redirect_to` is a redirect page: no title of its own to compare.
            print(json.dumps({"url": url, "title": meta.get("title"),
                              "date": str(date)[:10] if date else None,
                              "source": "content/" + os.path.relpath(path, content).replace(os.sep, "/"),
                              "redirect_to": meta.get("redirect_to")}))


def main():
    if sys.argv[1:2] == ["hugo-pages"]:
        return hugo_pages()
    if sys.argv[1:2] == ["zola-pages"]:
        return zola_pages(sys.argv[2])
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--name", required=True)
    p.add_argument("--pages", required=True, help="the peer's pages, JSON lines")
    p.add_argument("--src", required=True, help="the peer site's source folder")
    p.add_argument("--peer", required=True, help="the peer's output folder")
    p.add_argument("--root", required=True, help="Broadsheet's output at /")
    p.add_argument("--sub", required=True, help="Broadsheet's output under --prefix")
    p.add_argument("--prefix", required=True)
    p.add_argument("--details", help="write every miss here")
    p.add_argument("--strict", action="store_true", help="exit 1 below 100%% URLs, or over the peer's broken links or leftovers")
    sys.exit(compare(p.parse_args()))


if __name__ == "__main__":
    main()
