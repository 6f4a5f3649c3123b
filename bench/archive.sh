#!/usr/bin/env bash
# bench/archive.sh: one large archive, built once each way (clean, nothing changed, one
# article edited), every default on, with peak memory; then the search page must find
# the edited article while fetching at most 2 MB of index. Run with -h for usage.
set -euo pipefail
shopt -s inherit_errexit

usage() {
    cat <<'EOF'
usage: bench/archive.sh [options] N

Generates an N-article corpus (shared/bench/gen_corpus.py, seed 42) and builds it with
bench/site-full.toml (every default on), one run of each:
  clean          build --clean (the output and work folder removed first)
  nothing        build, nothing changed
  edit           build after a sentence with a word no article has ("quillmere") is
                 appended to one seed
  nothing-again  build, nothing changed
Each row gives wall time, its ratio to the clean build, and peak RSS (GNU time). Then,
unless --no-search, scripts/search-test.sh types the new word into the search page,
served and from disk, expecting the edited article first and at most MAX_INDEX_BYTES
(2,000,000) bytes of index fetched (the seed edited keeps its sentence: each run adds one
more). A 1,000,000-article run needs about 27 GB of disk
(output 20 GB, cache 6 GB) besides the seeds (6 GB), and takes about 40 minutes on 2 cores.

Options:
  --no-search   skip the browser test (it needs ../shared/checks installed)
  -h, --help    show this help

Environment:
  WORK=/tmp/broadsheet-archive   the site (site.toml, output, work folder) and results
  SEEDS=$WORK/seeds-N            where the corpus is generated (kept between runs; put it
                                 on tmpfs to leave the disk to the output)
  SHARED_DIR=<repo>/../shared    gen_corpus.py and the checks
  BROADSHEET=/path/to/broadsheet use this binary instead of `cargo build --release`
EOF
}

log() { echo "archive: $*" >&2; }
die() { echo "archive: $1" >&2; exit "${2:-1}"; }

SEARCH=1
N=""
while (($#)); do
    case $1 in
        --no-search) SEARCH=0 ;;
        -h|--help) usage; exit 0 ;;
        -*) die "unknown option $1 (see -h)" 2 ;;
        *) [[ -z $N ]] || die "one N only" 2; N=$1 ;;
    esac
    shift
done
[[ $N =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }

REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED_DIR:-$(dirname "$REPO")/shared}
WORK=${WORK:-/tmp/broadsheet-archive}
SEEDS=${SEEDS:-$WORK/seeds-$N}
[[ -f $SHARED/bench/gen_corpus.py ]] || die "no gen_corpus.py under $SHARED/bench (set SHARED_DIR)" 2
declare -A WANT=([broadsheet]=1)
source "$REPO/bench/lib.sh"
refuse_quoted_paths "$WORK" "$SEEDS"
need_tools
find_broadsheet "(nothing: this script measures Broadsheet alone)"

mkdir -p "$WORK"
if [[ ! -d $SEEDS ]]; then
    log "generating $N articles into $SEEDS"
    python3 "$SHARED/bench/gen_corpus.py" --n "$N" --format ours --out "$SEEDS.tmp" >&2
    mv "$SEEDS.tmp/seeds" "$SEEDS" && rm -rf "$SEEDS.tmp"
    sleep 3 # a file younger than two seconds is never trusted: the stamp would not be kept
fi
SITE=$WORK/site-$N
RESULTS=$WORK/results-$N-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$SITE" "$RESULTS"
cp "$REPO/bench/site-full.toml" "$SITE/site.toml"
ln -sfn "$SEEDS" "$SITE/seeds"
rm -rf "$SITE/public" "$SITE/.broadsheet"

# run LABEL [ARGS...]: one build; appends "LABEL wall_s peak_kib" to $RESULTS/runs.txt.
run() {
    local label=$1
    shift
    log "$label"
    /usr/bin/time -f "%e %M" -o "$RESULTS/$label.time" \
        "$BIN" build --quiet --root "$SITE" --now 2026-12-01 "$@" >"$RESULTS/$label.log" 2>&1 ||
        die "the $label build failed: $RESULTS/$label.log"
    echo "$label $(cat "$RESULTS/$label.time")" >>"$RESULTS/runs.txt"
}

run clean --clean
run nothing
edited=$(find "$SEEDS" -name '*.md' | sort | sed -n 7p)
printf '\nThe Quillmere ferry resumed its crossings on Saturday.\n' >>"$edited"
touch -d '-1 hour' "$edited" # settled, as an editor's save a while ago is
run edit
run nothing-again

read -r files bytes < <(tree_stats "$SITE/public")
{
    printf '%s articles, bench/site-full.toml, %s files (%s bytes) written; %s\n' \
        "$N" "$files" "$bytes" "$(uname -srm), $(nproc) cores"
    printf '| build | wall s | against clean | peak RSS MiB |\n| --- | ---: | ---: | ---: |\n'
    awk 'NR == 1 {clean = $2} {printf "| %s | %.2f | %.3f | %.0f |\n", $1, $2, $2 / clean, $3 / 1024}' \
        "$RESULTS/runs.txt"
} | tee "$RESULTS/summary.md"

if ((SEARCH)); then
    title=$(sed -n 's/^title = "\(.*\)"$/\1/p' "$edited" | head -n1)
    MAX_INDEX_BYTES=2000000 SHARED_DIR=$SHARED SERVED_RUNS=2 \
        "$REPO/scripts/search-test.sh" "$SITE/public" / quillmere "$title" | tee "$RESULTS/search.txt"
fi
log "results in $RESULTS"
