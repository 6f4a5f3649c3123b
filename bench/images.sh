#!/usr/bin/env bash
# bench/images.sh: lead-image processing, Broadsheet against Hugo's .Resize and
# Zola's resize_image, on the same camera-sized JPEGs. Run with -h for usage.
set -euo pipefail
shopt -s inherit_errexit

usage() {
    cat <<'EOF'
usage: bench/images.sh [options] [N]

Benchmarks lead-image processing: N articles (default 1000), each with its own
4000x3000 JPEG (about 12 megapixels, quality 90, 3-4 MB), built by Broadsheet,
by Hugo (.Resize) and by Zola (resize_image). Every tool makes the same copies
of every image: widths 320, 640, 960, 1280 and 1920 in WebP and in JPEG, all at
quality 80, plus a 1200-wide JPEG for og:image, and reads the image's size.

What it measures (one GNU time -v run each unless RUNS/INCR_RUNS say more):
  clean builds   sh -c 'cd SITE && rm -rf OUTPUT CACHE && exec BUILD'
                   broadsheet   rm -rf public .broadsheet; broadsheet build
                   hugo         rm -rf public resources;  hugo -d public
                   zola         rm -rf public static/processed_images; zola build
  rebuilds       the same build again with the output and image cache kept:
                   broadsheet   no change, then one edit (a sentence appended to one
                                seed's body); both must print `pictures: ... 0 decoded`
                   hugo, zola   no change (their own image caches)
  floor          bench/picture_floor.rs on the same N photos, right after
                 Broadsheet's clean build: read, decode, resample and encode the
                 same copies with the same crates and settings, and nothing else
                 (built with cargo build --release --example picture_floor)
Ratios are against Broadsheet's clean build of the same run, and Hugo/Zola
against each other; Broadsheet's clean build is also given against the floor.

Options:
  -t, --tools LIST   comma-separated subset of broadsheet,hugo,zola
                     (default: broadsheet,hugo, plus zola when ZOLA is set)
  --no-rebuilds      skip the rebuild measurements
  -h, --help         show this help

Environment:
  WORK=/tmp/broadsheet-bench-images   images (cached, reused), sites, raw logs
  RESULTS_DIR=<repo>/bench/results/<UTC date>-images   where images-N.md/.tsv go
  RUNS=1  INCR_RUNS=3                 runs per clean build / per rebuild (median wall,
                                      highest peak RSS)
  JOBS=$(nproc)                       processes generating images
  SHARED_DIR=<repo>/../shared         where bench/gen_corpus.py lives
  BROADSHEET=/path/to/broadsheet      use this binary instead of `cargo build --release`
  FLOOR=/path/to/picture_floor        the floor program (default: built with cargo, as
                                      BROADSHEET is; skipped with --tools without broadsheet)
  HUGO=hugo  ZOLA=/path/to/zola       peer binaries

Needs python3 (Pillow is installed into $WORK/venv with pip if it is missing) and
GNU time (apt-get install -y time, hugo). Exits 3 if Broadsheet does not build,
4 if a Broadsheet build fails or a rebuild decodes an image.
EOF
}

log() { printf '[images] %s\n' "$*" >&2; }
die() { local code=${2:-1}; printf '[images] error: %s\n' "$1" >&2; exit "$code"; }

# ------------------------------------------------------------------ arguments

TOOLS_ARG=""
DO_REBUILDS=1
N=""
while (($#)); do
    case $1 in
        -h|--help) usage; exit 0 ;;
        -t|--tools) (($# >= 2)) || die "$1 needs a value" 2; TOOLS_ARG=$2; shift 2 ;;
        --tools=*) TOOLS_ARG=${1#*=}; shift ;;
        --no-rebuilds) DO_REBUILDS=0; shift ;;
        -*) usage >&2; die "unknown option: $1" 2 ;;
        *) [[ -z $N ]] || die "only one N, got '$N' and '$1'" 2; N=$1; shift ;;
    esac
done
N=${N:-1000}
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N'" 2

RUNS=${RUNS:-1}
INCR_RUNS=${INCR_RUNS:-3}
JOBS=${JOBS:-$(nproc)}
for v in RUNS INCR_RUNS JOBS; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'" 2
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_DIR:-$REPO/../shared}
GEN=$SHARED/bench/gen_corpus.py
WORK=${WORK:-/tmp/broadsheet-bench-images}
RESULTS_DIR=${RESULTS_DIR:-$REPO/bench/results/$(date -u +%F)-images}
HUGO=${HUGO:-hugo}
ZOLA=${ZOLA:-}
RAW=$WORK/raw-$N

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
select_tools
[[ -f $GEN ]] || die "corpus generator not found: $GEN (set SHARED_DIR)" 2

refuse_quoted_paths "$WORK" "$REPO" "$HUGO" "$ZOLA" "${BROADSHEET:-}" "${CARGO_TARGET_DIR:-}"

# ------------------------------------------------------------------ dependencies

need_tools

mkdir -p "$WORK"
PY=python3
if ! python3 -c 'import PIL' 2>/dev/null; then
    PY=$WORK/venv/bin/python
    if ! "$PY" -c 'import PIL' 2>/dev/null; then
        log "installing Pillow into $WORK/venv (pip)"
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install --quiet pillow >&2
    fi
fi

# ------------------------------------------------------------------ build Broadsheet

find_broadsheet "bench/images.sh --tools hugo,zola $N"
if want broadsheet; then
    # Measure a copy: a rebuild of the binary in the middle of a run would otherwise
    # change the program between the clean build and the rebuilds.
    BIN_SRC=$BIN
    BIN=$WORK/broadsheet.bin
    mkdir -p "$WORK"
    cp "$BIN_SRC" "$BIN.part"
    mv "$BIN.part" "$BIN"
    if [[ -n ${FLOOR:-} ]]; then
        FLOOR_BIN=$FLOOR
    else
        log "building the pictures floor: cargo build --release --example picture_floor"
        (cd "$REPO" && cargo build --release --example picture_floor >&2) ||
            die "the floor program does not build (errors above)" 3
        FLOOR_BIN=$(dirname "$BIN_SRC")/examples/picture_floor
    fi
    [[ -x $FLOOR_BIN ]] || die "no floor program at $FLOOR_BIN (set FLOOR)" 3
fi

# ------------------------------------------------------------------ images

# The generator: ten base "photos" (a tinted gradient, smooth noise at four scales,
# a few dozen soft-edged shapes, sensor grain), 4400x3300; image i is base i%10 cropped
# to 4000x3000 at an offset that depends on i, with its brightness nudged, saved at
# JPEG quality 90. Seeded, so the same Pillow makes the same bytes; cached by the
# generator's own hash and Pillow's version, and only missing images are made.
IMAGE_GEN=$(cat <<'PY'
import os, random, sys
from multiprocessing import Pool
from PIL import Image, ImageDraw, ImageFilter

W, H, PAD_W, PAD_H, BASES = 4000, 3000, 400, 300, 10
BW, BH = W + PAD_W, H + PAD_H
out, n, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def noise(rng, w, h):
    return Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3))

def base(seed):
    rng = random.Random(seed)
    top = tuple(rng.randrange(60, 230) for _ in range(3))
    bottom = tuple(rng.randrange(10, 150) for _ in range(3))
    ramp = Image.linear_gradient("L").resize((BW, BH))
    img = Image.composite(Image.new("RGB", (BW, BH), bottom), Image.new("RGB", (BW, BH), top), ramp)
    for cw, ch, weight in ((12, 9, 0.45), (110, 82, 0.30), (1100, 825, 0.22), (2200, 1650, 0.12)):
        img = Image.blend(img, noise(rng, cw, ch).resize((BW, BH), Image.BICUBIC), weight)
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x, y, r = rng.randrange(BW), rng.randrange(BH), rng.randrange(40, 500)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(2))
    return Image.blend(img, noise(rng, BW, BH), 0.10)

def work(b):
    todo = [i for i in range(b, n, BASES) if not os.path.exists(f"{out}/{i}.jpg")]
    if not todo:
        return 0
    img = base(1000 + b)
    for i in todo:
        dx, dy = (i * 37) % (PAD_W + 1), (i * 53) % (PAD_H + 1)
        gain = 0.94 + ((i * 7) % 13) / 100
        lut = [min(255, int(v * gain + 0.5)) for v in range(256)] * 3
        tmp = f"{out}/{i}.jpg.part"
        img.crop((dx, dy, dx + W, dy + H)).point(lut).save(tmp, "JPEG", quality=90)
        os.replace(tmp, f"{out}/{i}.jpg")
    return len(todo)

if __name__ == "__main__":
    with Pool(min(jobs, BASES)) as pool:
        made = sum(pool.map(work, range(BASES), chunksize=1))
    print(made)
PY
)

gen_key=$( { printf '%s' "$IMAGE_GEN"; "$PY" -c 'import PIL; print(PIL.__version__)'; } |
    sha256sum | cut -c1-12)
IMAGES=$WORK/images-$gen_key
mkdir -p "$IMAGES"
log "images: $IMAGES (making any of the $N missing, $JOBS processes)"
made=$("$PY" -c "$IMAGE_GEN" "$IMAGES" "$N" "$JOBS")
log "images: made $made, reused $((N - made))"
img_bytes=$(find "$IMAGES" -maxdepth 1 -name '*.jpg' -printf '%f %s\n' |
    awk -v n="$N" '{split($1, a, "."); if (a[1] + 0 < n) s += $2} END {printf "%.0f\n", s}')

# ------------------------------------------------------------------ sites

gen_sum=$(sha256sum "$GEN" | cut -c1-16)
CORPUS=$WORK/corpus-ours-$N
stamp="n=$N generator=$gen_sum"
if [[ ! -d $CORPUS || ! -f $CORPUS.stamp || $(<"$CORPUS.stamp") != "$stamp" ]]; then
    rm -rf "$CORPUS" "$CORPUS.partial"
    log "generating the $N-article corpus"
    python3 "$GEN" --n "$N" --format ours --out "$CORPUS.partial" >&2
    mv "$CORPUS.partial" "$CORPUS"
    printf '%s\n' "$stamp" >"$CORPUS.stamp"
fi

SITES=$WORK/sites-$N
rm -rf "$SITES"
mkdir -p "$SITES" "$RAW"
rm -f "$RAW"/*

# One article per seed of the corpus: seeds/<slug>-<i>.md gets image <i>.jpg. Each
# site gets the same title, date and Markdown body, and a hard link to the same JPEG.
python3 - "$CORPUS/seeds" "$IMAGES" "$SITES" "$TOOLS_ARG" <<'PY'
import os, re, sys
seeds, images, sites, tools = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
WIDTHS = [320, 640, 960, 1280, 1920]

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

articles = []
for name in sorted(os.listdir(seeds)):
    if not name.endswith(".md"):
        continue
    stem = name[:-3]
    index = int(stem.rsplit("-", 1)[1])
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    _, front, body = text.split("+++\n", 2)
    title = re.search(r'^title = (".*")$', front, re.M).group(1)
    date = re.search(r"^date = (\S+)$", front, re.M).group(1)
    articles.append((stem, index, front, title, date, body))

if "broadsheet" in tools:
    site = os.path.join(sites, "broadsheet")
    write(os.path.join(site, "site.toml"), """title = "Bench"
base_url = "https://example.org/"
language = "en"
timezone = "UTC"
per_page = 20

[feeds]
formats = ["rss"]
per_tag = false
per_edition = false
limit = 20

[search]
enabled = false

[related]
enabled = false

[images]
widths = [320, 640, 960, 1280, 1920]
quality = 80
""")
    for stem, index, front, title, date, body in articles:
        image = f'image = {{ src = "{stem}.jpg", alt = "Photograph for article {index}" }}\n'
        write(os.path.join(site, "seeds", stem + ".md"), f"+++\n{front}{image}+++\n{body}")
        os.link(os.path.join(images, f"{index}.jpg"), os.path.join(site, "seeds", stem + ".jpg"))

if "hugo" in tools:
    site = os.path.join(sites, "hugo")
    write(os.path.join(site, "config.toml"), """baseURL = "https://example.org/"
title = "Bench"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
""")
    write(os.path.join(site, "layouts", "_default", "baseof.html"),
          '<!doctype html><html><head><title>{{ .Title }}</title>{{ block "head" . }}{{ end }}</head>'
          "<body>{{ block \"main\" . }}{{ end }}</body></html>\n")
    write(os.path.join(site, "layouts", "_default", "list.html"),
          '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
    widths = " ".join(str(w) for w in WIDTHS)
    write(os.path.join(site, "layouts", "_default", "single.html"), f"""{{{{ define "head" }}}}{{{{ with .Resources.GetMatch "photo.jpg" }}}}<meta property="og:image" content="{{{{ (.Resize "1200x jpg q80").Permalink }}}}">{{{{ end }}}}{{{{ end }}}}
{{{{ define "main" }}}}<article><h1>{{{{ .Title }}}}</h1>
{{{{ with .Resources.GetMatch "photo.jpg" }}}}{{{{ $img := . }}}}<picture>
{{{{ range slice "webp" "jpg" }}}}{{{{ $fmt := . }}}}<source type="image/{{{{ if eq $fmt "jpg" }}}}jpeg{{{{ else }}}}{{{{ $fmt }}}}{{{{ end }}}}" srcset="{{{{ range $i, $w := slice {widths} }}}}{{{{ $r := $img.Resize (printf "%dx %s q80" $w $fmt) }}}}{{{{ if $i }}}}, {{{{ end }}}}{{{{ $r.RelPermalink }}}} {{{{ $r.Width }}}}w{{{{ end }}}}">
{{{{ end }}}}<img src="{{{{ ($img.Resize "1920x jpg q80").RelPermalink }}}}" width="{{{{ $img.Width }}}}" height="{{{{ $img.Height }}}}" alt="Photograph"></picture>{{{{ end }}}}
{{{{ .Content }}}}</article>{{{{ end }}}}
""")
    write(os.path.join(site, "content", "posts", "_index.md"), '+++\ntitle = "Posts"\n+++\n')
    for stem, index, front, title, date, body in articles:
        bundle = os.path.join(site, "content", "posts", stem)
        write(os.path.join(bundle, "index.md"), f"+++\ntitle = {title}\ndate = {date}\n+++\n{body}")
        os.link(os.path.join(images, f"{index}.jpg"), os.path.join(bundle, "photo.jpg"))

if "zola" in tools:
    site = os.path.join(sites, "zola")
    write(os.path.join(site, "config.toml"), """base_url = "https://example.org/"
title = "Bench"
compile_sass = false
build_search_index = false
generate_feeds = false
""")
    os.makedirs(os.path.join(site, "static"), exist_ok=True)
    write(os.path.join(site, "templates", "index.html"),
          "<!doctype html><html><body><h1>{{ config.title }}</h1></body></html>\n")
    write(os.path.join(site, "templates", "section.html"),
          '<!doctype html><html><body><ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul></body></html>\n')
    widths = ", ".join(str(w) for w in WIDTHS)
    write(os.path.join(site, "templates", "page.html"), f"""{{% set src = page.extra.image %}}{{% set meta = get_image_metadata(path=src) %}}{{% set og = resize_image(path=src, width=1200, op="fit_width", format="jpg", quality=80) %}}<!doctype html><html><head><title>{{{{ page.title }}}}</title><meta property="og:image" content="{{{{ og.url | safe }}}}"></head>
<body><article><h1>{{{{ page.title }}}}</h1><picture>
{{% for fmt in ["webp", "jpg"] %}}<source type="image/{{% if fmt == "jpg" %}}jpeg{{% else %}}{{{{ fmt }}}}{{% endif %}}" srcset="{{% for w in [{widths}] %}}{{% set r = resize_image(path=src, width=w, op="fit_width", format=fmt, quality=80) %}}{{% if not loop.first %}}, {{% endif %}}{{{{ r.url | safe }}}} {{{{ r.width }}}}w{{% endfor %}}">
{{% endfor %}}{{% set big = resize_image(path=src, width=1920, op="fit_width", format="jpg", quality=80) %}}<img src="{{{{ big.url | safe }}}}" width="{{{{ meta.width }}}}" height="{{{{ meta.height }}}}" alt="Photograph"></picture>
{{{{ page.content | safe }}}}</article></body></html>
""")
    write(os.path.join(site, "content", "_index.md"), "+++\n+++\n")
    write(os.path.join(site, "content", "posts", "_index.md"), '+++\ntitle = "Posts"\n+++\n')
    for stem, index, front, title, date, body in articles:
        bundle = os.path.join(site, "content", "posts", stem)
        write(os.path.join(bundle, "index.md"),
              f'+++\ntitle = {title}\ndate = {date}\n\n[extra]\nimage = "posts/{stem}/photo.jpg"\n+++\n{body}')
        os.link(os.path.join(images, f"{index}.jpg"), os.path.join(bundle, "photo.jpg"))
PY

# ------------------------------------------------------------------ measuring helpers

# rows of the results: id, tool, kind, runs, wall s (median), user+sys s (median),
# peak RSS KiB (highest), files, bytes, decoded
ROWS=$RAW/rows.tsv
: >"$ROWS"

# median of the numbers on stdin
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# measure ID TOOL KIND RUNS SITE SCRIPT [PREPARE]: RUNS runs of `sh -c SCRIPT` under GNU
# time -v (PREPARE, if given, runs before each, untimed); appends a row to $ROWS and
# sets DECODED to the `decoded` count of the last run's `pictures:` line (or "").
DECODED=""
measure() {
    local id=$1 tool=$2 kind=$3 runs=$4 site=$5 script=$6 prepare=${7:-}
    local r walls=() cpus=() peak=0 out logf t0 t1
    for ((r = 1; r <= runs; r++)); do
        [[ -z $prepare ]] || sh -c "$prepare"
        out=$RAW/$id.$r.time.txt logf=$RAW/$id.$r.log
        log "$id: run $r/$runs"
        t0=$(date +%s%N)
        if ! /usr/bin/time -v sh -c "$script" >"$logf" 2>"$out"; then
            tail -n 15 "$logf" >&2
            sed '/^[[:space:]]*Command being timed:/,$d' "$out" | tail -n 30 >&2
            [[ $tool != broadsheet ]] || die "$id failed (above; logs $logf, $out)" 4
            die "$id failed (above; logs $logf, $out)"
        fi
        t1=$(date +%s%N)
        # wall from the clock (GNU time's own is in hundredths of a second)
        walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f\n", (b - a) / 1e9}')")
        cpus+=("$(awk -F': *' '/User time|System time/ {s += $2} END {printf "%.2f\n", s}' "$out")")
        local kib
        kib=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$out")
        ((kib > peak)) && peak=$kib
    done
    DECODED=$(cat "$logf" "$out" | sed -n 's/^pictures:.* \([0-9][0-9]*\) decoded.*/\1/p' | tail -n 1)
    local wall cpu files bytes
    wall=$(printf '%s\n' "${walls[@]}" | median)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    read -r files bytes < <(tree_stats "$site/public")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$tool" "$kind" "$runs" "$wall" "$cpu" \
        "$peak" "$files" "$bytes" "${DECODED:--}" >>"$ROWS"
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sync

# ------------------------------------------------------------------ measure

if want broadsheet; then
    s=$SITES/broadsheet
    build="cd \"$s\" && exec \"$BIN\" build"
    measure broadsheet-clean broadsheet clean "$RUNS" "$s" "cd \"$s\" && rm -rf public .broadsheet && exec \"$BIN\" build"
    [[ -n $DECODED ]] || die "Broadsheet's build printed no \`pictures: ... N decoded\` line (log: $RAW/broadsheet-clean.$RUNS.log): does this binary process images?" 4
    ((DECODED == N)) || log "warning: the clean build decoded $DECODED images, not $N"
    # The floor, on the same photos: a folder of hard links to the N images.
    f=$SITES/floor
    mkdir -p "$f/photos" "$f/public"
    for ((i = 0; i < N; i++)); do ln -f "$IMAGES/$i.jpg" "$f/photos/$i.jpg"; done
    measure floor floor "decode, resample, encode only" "$RUNS" "$f" "exec \"$FLOOR_BIN\" \"$f/photos\""
    if ((DO_REBUILDS)); then
        sync
        # A build trusts file identities only two seconds after the files changed.
        sleep 3
        measure broadsheet-noop broadsheet "rebuild, no change" "$INCR_RUNS" "$s" "$build"
        [[ $DECODED == 0 ]] || die "the no-change rebuild decoded ${DECODED:-an unknown number of} images (log: $RAW/)" 4
        seed=$(find "$s/seeds" -name '*-0.md' | head -n 1)
        edit="printf \"\\nA sentence added by the benchmark to force a rebuild of this article.\\n\" >> \"$seed\""
        log "one-edit rebuilds append a sentence to $(basename "$seed")"
        measure broadsheet-edit broadsheet "rebuild, one edit" "$INCR_RUNS" "$s" "$build" "$edit"
        [[ $DECODED == 0 ]] || die "the one-edit rebuild decoded ${DECODED:-an unknown number of} images (log: $RAW/)" 4
    fi
fi
if want hugo; then
    s=$SITES/hugo
    measure hugo-clean hugo clean "$RUNS" "$s" "cd \"$s\" && rm -rf public resources && exec \"$HUGO\" -d public"
    if ((DO_REBUILDS)); then
        measure hugo-noop hugo "rebuild, no change" "$INCR_RUNS" "$s" "cd \"$s\" && exec \"$HUGO\" -d public"
    fi
fi
if want zola; then
    s=$SITES/zola
    measure zola-clean zola clean "$RUNS" "$s" "cd \"$s\" && rm -rf public static/processed_images && exec \"$ZOLA\" build"
    if ((DO_REBUILDS)); then
        measure zola-noop zola "rebuild, no change" "$INCR_RUNS" "$s" "cd \"$s\" && exec \"$ZOLA\" build"
    fi
fi

# ------------------------------------------------------------------ summary

versions=$RAW/versions.txt
{
    printf 'date\t%s\n' "$STARTED"
    host_facts
    printf 'fstype\t%s\n' "$(stat -f -c %T "$WORK")"
    printf 'images\t%s x 4000x3000 JPEG q90, %s MiB in all (%s)\n' "$N" "$((img_bytes / 1048576))" "$IMAGES"
    if want hugo; then printf 'hugo\t%s\n' "$("$HUGO" version 2>&1 | head -n1)"; fi
    if want zola; then printf 'zola\t%s\n' "$("$ZOLA" --version 2>&1 | head -n1)"; fi
    if want broadsheet; then
        printf 'broadsheet_bin\t%s (a copy of %s)\n' "$BIN" "$BIN_SRC"
        printf 'broadsheet\t%s\n' "$("$BIN" --version 2>/dev/null | head -n1 || true)"
        if [[ -n ${BROADSHEET:-} ]]; then
            printf 'broadsheet_commit\t%s\n' "unknown (prebuilt binary, $(date -u -r "$BIN_SRC" +%Y-%m-%dT%H:%M:%SZ))"
        else
            printf 'broadsheet_commit\t%s\n' "$(git -C "$REPO" rev-parse -q --verify HEAD || echo none)$(
                git -C "$REPO" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ' (with uncommitted changes)')"
        fi
    fi
} >"$versions"

mkdir -p "$RESULTS_DIR"
python3 - "$ROWS" "$versions" "$N" >"$RESULTS_DIR/images-$N.md" <<'PY'
import sys
rows_path, versions_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = {"broadsheet": "Broadsheet", "hugo": "Hugo", "zola": "Zola", "floor": "floor program"}
rows = [line.rstrip("\n").split("\t") for line in open(rows_path) if line.strip()]
by_id = {r[0]: r for r in rows}
base = float(by_id["broadsheet-clean"][4]) if "broadsheet-clean" in by_id else None
base_rss = int(by_id["broadsheet-clean"][6]) if "broadsheet-clean" in by_id else None

def ratio(a, b):
    if not b:
        return "—"
    r = a / b
    return f"{r:.2f}x" if r >= 0.1 else f"{r:.4f}x"

print(f"## Lead images: {n:,} articles, one 12-megapixel JPEG each\n")
for line in open(versions_path):
    key, value = line.rstrip("\n").split("\t", 1)
    print(f"- {key}: {value}")
print()
print("| tool | build | runs | wall s | cpu s | peak RSS MiB | wall vs Broadsheet clean | RSS vs Broadsheet clean | files out | MiB out | decoded |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for id_, tool, kind, runs, wall, cpu, kib, files, size, decoded in rows:
    w, k = float(wall), int(kib)
    print(f"| {names[tool]} | {kind} | {runs} | {w:.3f} | {float(cpu):.2f} | {k / 1024:,.0f} | "
          f"{ratio(w, base) if base else '—'} | {ratio(k, base_rss) if base_rss else '—'} | "
          f"{int(files):,} | {int(size) / 1048576:,.0f} | {decoded} |")
if "floor" in by_id and base:
    f = by_id["floor"]
    print(f"\nBroadsheet's clean build against the floor: wall {ratio(base, float(f[4]))}, "
          f"CPU {ratio(float(by_id['broadsheet-clean'][5]), float(f[5]))}, "
          f"peak RSS {ratio(base_rss, int(f[6]))}.")
if "hugo-clean" in by_id and "zola-clean" in by_id:
    h, z = by_id["hugo-clean"], by_id["zola-clean"]
    print(f"\nPeers, clean build: Hugo/Zola wall {ratio(float(h[4]), float(z[4]))}, "
          f"peak RSS {ratio(int(h[6]), int(z[6]))}.")
print("\nClean builds include removing the output and image cache (`rm -rf`); wall is the median "
      "of the runs, peak RSS the highest (GNU time -v, \"Maximum resident set size\").")
PY
cp "$ROWS" "$RESULTS_DIR/images-$N.tsv"
cp "$versions" "$RESULTS_DIR/images-$N.versions.txt"
cat "$RESULTS_DIR/images-$N.md"
log "results: $RESULTS_DIR/images-$N.md (rows: images-$N.tsv; raw logs: $RAW/)"
