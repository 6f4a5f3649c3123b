#!/usr/bin/env bash
# bench/ab.sh: two Broadsheet binaries on the same corpus in the same run, for a
# before/after comparison of one change. Run with -h for usage.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: bench/ab.sh BEFORE AFTER [N]

Builds an N-article corpus (default 10000, shared/bench/gen_corpus.py --format ours,
with bench/site.toml, the peer config) on tmpfs and times, with hyperfine, each binary
in turn and then again in the other order (A B B A), so that drift in the machine's load
shows as a difference between the two passes rather than between the binaries:
  clean        rm -rf public .broadsheet, then build
  no change    build again with nothing touched
  one edit     a sentence appended to the newest seed before every run
Prints each median wall time with its min-max, the mean CPU time (user + system,
less sensitive to other load on the machine) and the AFTER/BEFORE ratios.

Environment: RUNS=5 (timed runs after one warm-up), TMPFS=/dev/shm/broadsheet-ab,
SHARED_DIR=<repo>/../shared. Needs hyperfine (apt-get install -y hyperfine).
USAGE
}

[[ ${1:-} == -h || ${1:-} == --help || $# -lt 2 ]] && { usage; [[ $# -ge 2 ]]; exit $?; }
before=$(realpath "$1") after=$(realpath "$2") n=${3:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$(dirname "$repo")/shared}
runs=${RUNS:-5} tmp=${TMPFS:-/dev/shm/broadsheet-ab}
command -v hyperfine >/dev/null || { echo "ab: hyperfine is missing" >&2; exit 2; }

mkdir -p "$tmp"
if [[ ! -d $tmp/corpus-$n ]]; then
    python3 "$shared/bench/gen_corpus.py" --n "$n" --format ours --out "$tmp/corpus-$n" >/dev/null
fi
newest=$(ls "$tmp/corpus-$n/seeds" | sort | tail -1)

# site NAME: a fresh copy of the corpus with the peer config.
site() {
    rm -rf "$tmp/$1"
    cp -a "$tmp/corpus-$n" "$tmp/$1"
    cp "$repo/bench/site.toml" "$tmp/$1/site.toml"
    printf '%s\n' "$tmp/$1"
}

# measure LABEL BIN: the three timings of one binary, as hyperfine JSON files.
measure() {
    local label=$1 bin=$2 s
    s=$(site "$label")
    hyperfine -N --runs "$runs" --warmup 1 --export-json "$tmp/$label-clean.json" \
        --prepare "rm -rf $s/public $s/.broadsheet" "$bin build --quiet --root $s" >/dev/null
    hyperfine -N --runs "$runs" --warmup 1 --export-json "$tmp/$label-none.json" \
        "$bin build --quiet --root $s" >/dev/null
    hyperfine --runs "$runs" --warmup 1 --export-json "$tmp/$label-edit.json" \
        --prepare "echo 'One more sentence.' >> $s/seeds/$newest" \
        "$bin build --quiet --root $s" >/dev/null
}

measure a1 "$before"
measure b1 "$after"
measure b2 "$after"
measure a2 "$before"

python3 - "$tmp" <<'PY'
import json, statistics, sys
tmp = sys.argv[1]
def result(label, kind):
    return json.load(open(f"{tmp}/{label}-{kind}.json"))["results"][0]
def cpu(label, kind):
    r = result(label, kind)
    return r["user"] + r["system"]
print(f"{'kind':<10} {'before wall s, median [min-max]':<32} {'after wall s':<32} {'ratio':<6} "
      f"{'before cpu s':<13} {'after cpu s':<12} ratio")
for kind, name in [("clean", "clean"), ("none", "no change"), ("edit", "one edit")]:
    a = result("a1", kind)["times"] + result("a2", kind)["times"]
    b = result("b1", kind)["times"] + result("b2", kind)["times"]
    ma, mb = statistics.median(a), statistics.median(b)
    ca = (cpu("a1", kind) + cpu("a2", kind)) / 2
    cb = (cpu("b1", kind) + cpu("b2", kind)) / 2
    fa = f"{ma:.3f} [{min(a):.3f}-{max(a):.3f}]"
    fb = f"{mb:.3f} [{min(b):.3f}-{max(b):.3f}]"
    print(f"{name:<10} {fa:<32} {fb:<32} {mb / ma:<6.2f} {ca:<13.3f} {cb:<12.3f} {cb / ca:.2f}")
PY
