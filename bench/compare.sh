#!/usr/bin/env bash
# bench/compare.sh: Broadsheet against Hugo (and Zola, when a binary is given)
# on the shared deterministic news corpus. Run with -h for usage.
set -euo pipefail
shopt -s inherit_errexit

usage() {
    cat <<'EOF'
usage: bench/compare.sh [options] N

Benchmarks Broadsheet against Hugo (and Zola if ZOLA is set) on an N-article
corpus from shared/bench/gen_corpus.py, on disk and on tmpfs. Reports median
wall time (hyperfine), peak RSS (GNU time -v), and ratios between them.

What it measures (each location: disk = $WORK, tmpfs = $TMPFS):
  clean builds   sh -c 'cd SITE && rm -rf public .broadsheet && exec BUILD'
                   broadsheet, peer config    bench/site.toml (RSS only, no search/related)
                   broadsheet, full defaults  bench/site-full.toml (everything on)
                   hugo                       hugo --quiet -d public
                   zola (only if ZOLA=...)    zola build
  incremental    broadsheet build with the output and cache of a previous build:
                   no change                  nothing touched between builds
                   one edit                   a sentence appended to the newest seed
                                              before every run (hyperfine --prepare)

Options:
  -t, --tools LIST   comma-separated subset of broadsheet,hugo,zola
                     (default: broadsheet,hugo, plus zola when ZOLA is set)
  -f, --fs LIST      comma-separated subset of disk,tmpfs (default: disk,tmpfs)
  --no-incremental   skip the incremental measurements
  -h, --help         show this help

Environment:
  RUNS=5             timed runs per command (after 1 warm-up run)
  WORK=/tmp/broadsheet-bench          corpora, disk sites, results
  TMPFS=/dev/shm/broadsheet-bench     tmpfs sites (removed at exit unless KEEP_TMPFS=1)
  SHARED_DIR=<repo>/../shared         where bench/gen_corpus.py and bench/ANCHORS.md live
  BROADSHEET=/path/to/broadsheet      use this binary instead of `cargo build --release`
  CARGO_TARGET_DIR                    honoured by the cargo build
  HUGO=hugo  ZOLA=/path/to/zola       tool binaries
  CONFIGS="peer full"                 Broadsheet configs measured (full defaults at 50,000
                                      articles: about 40 s and 3 GB of memory on tmpfs)
  INCR_CONFIGS=$CONFIGS               configs measured incrementally

Outputs:
  stdout                      the results table
  $WORK/results-N.json        machine-readable summary
  $WORK/results-N.txt         copy of the table
  $WORK/raw-N/                hyperfine JSON exports, GNU time logs, build logs

Needs root the first time (apt-get install -y hyperfine time hugo). Exits 3 if
Broadsheet does not build, 4 if the built binary fails on the corpus.
EOF
}

log() { printf '[compare] %s\n' "$*" >&2; }
die() { local code=${2:-1}; printf '[compare] error: %s\n' "$1" >&2; exit "$code"; }

# ------------------------------------------------------------------ arguments

TOOLS_ARG=""
FS_ARG="disk,tmpfs"
DO_INCR=1
N=""
while (($#)); do
    case $1 in
        -h|--help) usage; exit 0 ;;
        -t|--tools) (($# >= 2)) || die "$1 needs a value" 2; TOOLS_ARG=$2; shift 2 ;;
        --tools=*) TOOLS_ARG=${1#*=}; shift ;;
        -f|--fs) (($# >= 2)) || die "$1 needs a value" 2; FS_ARG=$2; shift 2 ;;
        --fs=*) FS_ARG=${1#*=}; shift ;;
        --no-incremental) DO_INCR=0; shift ;;
        -*) usage >&2; die "unknown option: $1" 2 ;;
        *) [[ -z $N ]] || die "only one N, got '$N' and '$1'" 2; N=$1; shift ;;
    esac
done
[[ -n $N ]] || { usage >&2; exit 2; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N'" 2

RUNS=${RUNS:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'" 2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_DIR:-$REPO/../shared}
GEN=$SHARED/bench/gen_corpus.py
ANCHORS=$SHARED/bench/ANCHORS.md
WORK=${WORK:-/tmp/broadsheet-bench}
TMPFS=${TMPFS:-/dev/shm/broadsheet-bench}
HUGO=${HUGO:-hugo}
ZOLA=${ZOLA:-}
CONFIGS=${CONFIGS:-peer full}
INCR_CONFIGS=${INCR_CONFIGS:-$CONFIGS}
RAW=$WORK/raw-$N

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
select_tools
IFS=, read -r -a FSES <<<"$FS_ARG"
for f in "${FSES[@]}"; do
    [[ $f == disk || $f == tmpfs ]] || die "unknown fs '$f' (use disk, tmpfs)" 2
done
[[ -f $GEN ]] || die "corpus generator not found: $GEN (set SHARED_DIR)" 2

refuse_quoted_paths "$WORK" "$TMPFS" "$REPO" "$HUGO" "$ZOLA" "${BROADSHEET:-}" "${CARGO_TARGET_DIR:-}"

# ------------------------------------------------------------------ dependencies

need_tools hyperfine

# ------------------------------------------------------------------ build Broadsheet

find_broadsheet "bench/compare.sh --tools hugo $N"

# ------------------------------------------------------------------ corpora

gen_sum=$(sha256sum "$GEN" | cut -c1-16)

# corpus FMT: make sure $WORK/corpus/FMT-N holds the FMT corpus of N articles.
corpus() {
    local fmt=$1 dir=$WORK/corpus/$1-$N
    local stamp="n=$N format=$fmt generator=$gen_sum"
    if [[ -d $dir && -f $dir.stamp && $(<"$dir.stamp") == "$stamp" ]]; then
        log "corpus $fmt-$N exists, not regenerating"
        return
    fi
    rm -rf "$dir" "$dir.partial" "$dir.stamp"
    mkdir -p "$WORK/corpus"
    log "generating corpus $fmt-$N"
    python3 "$GEN" --n "$N" --format "$fmt" --out "$dir.partial"
    mv "$dir.partial" "$dir"
    printf '%s\n' "$stamp" >"$dir.stamp"
}

want broadsheet && corpus ours
want hugo && corpus hugo
want zola && corpus zola

# ------------------------------------------------------------------ sites

declare -A LOC=([disk]=$WORK [tmpfs]=$TMPFS)
cleanup_tmpfs() {
    if [[ ${KEEP_TMPFS:-0} != 1 && -d $TMPFS ]]; then
        rm -rf "$TMPFS/sites" "$TMPFS/corpus"
        rmdir "$TMPFS" 2>/dev/null || true
    fi
}
for f in "${FSES[@]}"; do
    if [[ $f == tmpfs ]]; then
        trap cleanup_tmpfs EXIT
        mkdir -p "$TMPFS"
        [[ $(stat -f -c %T "$TMPFS") == tmpfs ]] || log "warning: $TMPFS is not on a tmpfs ($(stat -f -c %T "$TMPFS"))"
    fi
done
mkdir -p "$RAW"
rm -f "$RAW"/*.json "$RAW"/*.time.txt "$RAW"/*.log "$RAW/manifest.tsv"

# local_corpus FS FMT: path of the FMT corpus on that file system (copied to tmpfs once).
local_corpus() {
    local fs=$1 fmt=$2 src=$WORK/corpus/$2-$N
    if [[ $fs == disk ]]; then printf '%s\n' "$src"; return; fi
    local dst=$TMPFS/corpus/$fmt-$N
    if [[ ! -f $dst.stamp ]] || ! cmp -s "$src.stamp" "$dst.stamp"; then
        rm -rf "$dst" "$dst.stamp"
        mkdir -p "$TMPFS/corpus"
        cp -r "$src" "$dst"
        cp "$src.stamp" "$dst.stamp"
    fi
    printf '%s\n' "$dst"
}

# make_site FS NAME FMT MODE [CONFIG]: fresh site dir from the corpus; MODE link
# (hard links: the tools only read their input) or copy (for sites we edit).
make_site() {
    local fs=$1 name=$2 fmt=$3 mode=$4 config=${5:-}
    local src dst=${LOC[$fs]}/sites/$name-$N
    src=$(local_corpus "$fs" "$fmt")
    rm -rf "$dst"
    mkdir -p "${LOC[$fs]}/sites"
    if [[ $mode == link ]]; then cp -al "$src" "$dst"; else cp -a "$src" "$dst"; fi
    if [[ -n $config ]]; then
        rm -f "$dst/site.toml"
        cp "$config" "$dst/site.toml"
    fi
    printf '%s\n' "$dst"
}

# ------------------------------------------------------------------ measuring helpers

# The manifest tells summarize.py what each measurement was:
# id, tool, config, fs, kind, hyperfine json, index in it, peak RSS KiB, files, bytes, command
manifest() { local IFS=$'\t'; printf '%s\n' "$*" >>"$RAW/manifest.tsv"; }

# rss ID SCRIPT: one run of `sh -c SCRIPT` under GNU time -v; prints peak RSS in KiB.
rss() {
    local id=$1 script=$2 out=$RAW/$1.time.txt
    if ! /usr/bin/time -v sh -c "$script" >"$RAW/$id.log" 2>"$out"; then
        return 1
    fi
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$out"
}

# newest_seed SITE: the seed file with the latest date (the one a newsroom edits).
newest_seed() {
    python3 - "$1/seeds" <<'PY'
import os, re, sys
best = None
for name in sorted(os.listdir(sys.argv[1])):
    if not name.endswith(".md"):
        continue
    path = os.path.join(sys.argv[1], name)
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'date = (\S+)', line)
            if m:
                if best is None or m.group(1) > best[0]:
                    best = (m.group(1), path)
                break
print(best[1])
PY
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
HF=(hyperfine --warmup 1 --runs "$RUNS" --shell=none --style basic)

# ------------------------------------------------------------------ measure

declare -a CLEAN_IDS=() CLEAN_NAMES=() CLEAN_SCRIPTS=() CLEAN_RSS=() CLEAN_STATS=()
add_clean() { CLEAN_IDS+=("$1"); CLEAN_NAMES+=("$2"); CLEAN_SCRIPTS+=("$3"); }

for fs in "${FSES[@]}"; do
    log "=== $fs (${LOC[$fs]}) ==="
    CLEAN_IDS=() CLEAN_NAMES=() CLEAN_SCRIPTS=() CLEAN_RSS=() CLEAN_STATS=()
    if want broadsheet; then
        for cfg in $CONFIGS; do
            [[ $cfg == peer || $cfg == full ]] || die "CONFIGS: unknown config '$cfg'" 2
            cfgfile=$HERE/site.toml
            [[ $cfg == full ]] && cfgfile=$HERE/site-full.toml
            s=$(make_site "$fs" "bs-$cfg" ours link "$cfgfile")
            add_clean "$fs-broadsheet-$cfg-clean" "broadsheet-$cfg ($fs)" \
                "cd \"$s\" && rm -rf public .broadsheet && exec \"$BIN\" build --root \"$s\" --quiet"
        done
    fi
    if want hugo; then
        s=$(make_site "$fs" hugo hugo link)
        add_clean "$fs-hugo-clean" "hugo ($fs)" "cd \"$s\" && rm -rf public && exec \"$HUGO\" --quiet -d public"
    fi
    if want zola; then
        s=$(make_site "$fs" zola zola link)
        add_clean "$fs-zola-clean" "zola ($fs)" "cd \"$s\" && rm -rf public && exec \"$ZOLA\" build"
    fi

    sync  # flush the corpus and site copies so their write-back does not land in the timings

    # One GNU time run per clean build first: peak RSS, output size, and a check that it works.
    for i in "${!CLEAN_IDS[@]}"; do
        id=${CLEAN_IDS[$i]}
        log "peak RSS: ${CLEAN_NAMES[$i]}"
        if ! kib=$(rss "$id" "${CLEAN_SCRIPTS[$i]}"); then
            # the tool's own output: stdout log, then stderr up to GNU time's report
            tail -n 15 "$RAW/$id.log" >&2
            sed '/^[[:space:]]*Command being timed:/,$d' "$RAW/$id.time.txt" | tail -n 30 >&2
            if [[ $id == *broadsheet* ]]; then
                die "Broadsheet built, but \`broadsheet build\` failed on the $N-article corpus (above; full log $RAW/$id.time.txt)" 4
            fi
            die "${CLEAN_NAMES[$i]} failed (above; full log $RAW/$id.time.txt)"
        fi
        CLEAN_RSS[i]=$kib
        site=$(sed -n 's/^cd "\([^"]*\)".*/\1/p' <<<"${CLEAN_SCRIPTS[$i]}")
        [[ -d $site/public ]] || die "${CLEAN_NAMES[$i]} wrote no $site/public"
        CLEAN_STATS[i]=$(tree_stats "$site/public")
    done

    json=$RAW/$fs-clean.json
    cmds=()
    for i in "${!CLEAN_IDS[@]}"; do cmds+=(-n "${CLEAN_NAMES[$i]}" "sh -c '${CLEAN_SCRIPTS[$i]}'"); done
    log "hyperfine: clean builds on $fs"
    "${HF[@]}" --export-json "$json" "${cmds[@]}" >&2
    for i in "${!CLEAN_IDS[@]}"; do
        id=${CLEAN_IDS[$i]}
        IFS=- read -r _ tool cfg _ <<<"$id"
        [[ $tool == broadsheet ]] || cfg=default
        read -r files bytes <<<"${CLEAN_STATS[$i]}"
        manifest "$id" "$tool" "$cfg" "$fs" clean "$json" "$i" "${CLEAN_RSS[$i]}" "$files" "$bytes" \
            "sh -c '${CLEAN_SCRIPTS[$i]}'"
    done

    if want broadsheet && ((DO_INCR)); then
        for cfg in $INCR_CONFIGS; do
            [[ $cfg == peer || $cfg == full ]] || die "INCR_CONFIGS: unknown config '$cfg'" 2
            cfgfile=$HERE/site.toml
            [[ $cfg == full ]] && cfgfile=$HERE/site-full.toml
            s=$(make_site "$fs" "bs-$cfg-incr" ours copy "$cfgfile")
            build="cd \"$s\" && exec \"$BIN\" build --root \"$s\" --quiet"
            log "incremental ($cfg, $fs): priming build"
            sh -c "cd \"$s\" && rm -rf public .broadsheet && exec \"$BIN\" build --root \"$s\" --quiet" >&2
            sync
            # A build trusts file identities only two seconds after the files changed
            # (cache::stamp): let the copied site settle, as an editor's files have.
            sleep 3

            id=$fs-broadsheet-$cfg-noop
            json=$RAW/$id.json
            log "hyperfine: incremental, nothing changed ($cfg, $fs)"
            "${HF[@]}" --export-json "$json" -n "broadsheet-$cfg incremental, no change ($fs)" \
                "sh -c '$build'" >&2
            kib=$(rss "$id" "$build") || die "incremental build failed, see $RAW/$id.time.txt" 4
            manifest "$id" broadsheet "$cfg" "$fs" incr-noop "$json" 0 "$kib" "" "" "sh -c '$build'"

            seed=$(newest_seed "$s")
            edit="printf \"\\nA sentence added by the benchmark to force a rebuild of this article.\\n\" >> \"$seed\""
            id=$fs-broadsheet-$cfg-edit
            json=$RAW/$id.json
            log "hyperfine: incremental, one article edited ($cfg, $fs; edits $(basename "$seed"))"
            "${HF[@]}" --export-json "$json" -n "broadsheet-$cfg incremental, one edit ($fs)" \
                --prepare "sh -c '$edit'" "sh -c '$build'" >&2
            sh -c "$edit"
            kib=$(rss "$id" "$build") || die "incremental build failed, see $RAW/$id.time.txt" 4
            manifest "$id" broadsheet "$cfg" "$fs" incr-edit "$json" 0 "$kib" "" "" "sh -c '$build'"
        done
    fi
done

# ------------------------------------------------------------------ summary

versions=$RAW/versions.txt
{
    printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    host_facts
    printf 'hyperfine\t%s\n' "$(hyperfine --version)"
    for f in "${FSES[@]}"; do printf 'fstype_%s\t%s\n' "$f" "$(stat -f -c %T "${LOC[$f]}")"; done
    if want hugo; then printf 'hugo\t%s\n' "$("$HUGO" version 2>&1 | head -n1)"; fi
    if want zola; then printf 'zola\t%s\n' "$("$ZOLA" --version 2>&1 | head -n1)"; fi
    if want broadsheet; then
        printf 'broadsheet_bin\t%s\n' "$BIN"
        printf 'broadsheet\t%s\n' "$("$BIN" --version 2>/dev/null | head -n1 || true)"
        printf 'broadsheet_commit\t%s\n' "$(git -C "$REPO" rev-parse -q --verify HEAD || echo none)"
        printf 'rustc\t%s\n' "$(rustc --version 2>/dev/null || true)"
    fi
} >"$versions"

python3 "$HERE/summarize.py" --n "$N" --runs "$RUNS" --manifest "$RAW/manifest.tsv" \
    --versions "$versions" --anchors "$ANCHORS" --json "$WORK/results-$N.json" |
    tee "$WORK/results-$N.txt"
log "summary: $WORK/results-$N.json (table: $WORK/results-$N.txt, raw: $RAW/)"
