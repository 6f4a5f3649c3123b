#!/usr/bin/env bash
# bench/languages.sh: what several languages cost. Run with -h for usage.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: bench/languages.sh BIN [N]

The same N articles (default 10000, shared/bench/gen_corpus.py --format ours) built
twice with BIN on tmpfs, in the same run, alternating (one, three, three, one):
  one      every article in the site's language (bench/site.toml)
  three    a third renamed story.fr.md and a third story.ar.md, with [languages.fr]
           and [languages.ar] added: three sites of about N/3 articles each
Clean builds (rm -rf public .broadsheet before each), with the peer config. Prints each
median wall time with its min-max, the mean CPU time and the three/one ratios.

Environment: RUNS=5 (timed runs after one warm-up), TMPFS=/dev/shm/broadsheet-lang,
SHARED_DIR=<repo>/../shared. Needs hyperfine (apt-get install -y hyperfine).
USAGE
}

[[ ${1:-} == -h || ${1:-} == --help || $# -lt 1 ]] && { usage; [[ $# -ge 1 ]]; exit $?; }
bin=$(realpath "$1") n=${2:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$(dirname "$repo")/shared}
runs=${RUNS:-5} tmp=${TMPFS:-/dev/shm/broadsheet-lang}
command -v hyperfine >/dev/null || { echo "languages: hyperfine is missing" >&2; exit 2; }

mkdir -p "$tmp"
if [[ ! -d $tmp/corpus-$n ]]; then
    python3 "$shared/bench/gen_corpus.py" --n "$n" --format ours --out "$tmp/corpus-$n" >/dev/null
fi

rm -rf "$tmp/one" "$tmp/three"
cp -a "$tmp/corpus-$n" "$tmp/one"
cp "$repo/bench/site.toml" "$tmp/one/site.toml"
cp -a "$tmp/corpus-$n" "$tmp/three"
cp "$repo/bench/site.toml" "$tmp/three/site.toml"
printf '\n[languages.fr]\ntitle = "Digest"\n\n[languages.ar]\ntitle = "نشرة"\n' >>"$tmp/three/site.toml"
i=0
for f in "$tmp"/three/seeds/*.md; do
    case $((i % 3)) in
        1) mv "$f" "${f%.md}.fr.md" ;;
        2) mv "$f" "${f%.md}.ar.md" ;;
    esac
    i=$((i + 1))
done

clean() { # LABEL SITE
    hyperfine -N --runs "$runs" --warmup 1 --export-json "$tmp/$1.json" \
        --prepare "rm -rf $2/public $2/.broadsheet" "$bin build --quiet --root $2" >/dev/null
}
clean one1 "$tmp/one"
clean three1 "$tmp/three"
clean three2 "$tmp/three"
clean one2 "$tmp/one"
echo "three languages: $(ls "$tmp/three/public/fr/articles" | wc -l) fr and $(ls "$tmp/three/public/ar/articles" | wc -l) ar article pages"

python3 - "$tmp" <<'PY'
import json, statistics, sys
tmp = sys.argv[1]
def res(label):
    return json.load(open(f"{tmp}/{label}.json"))["results"][0]
def times(a, b):
    return res(a)["times"] + res(b)["times"]
def cpu(a, b):
    return sum(res(x)["user"] + res(x)["system"] for x in (a, b)) / 2
one, three = times("one1", "one2"), times("three1", "three2")
m1, m3 = statistics.median(one), statistics.median(three)
c1, c3 = cpu("one1", "one2"), cpu("three1", "three2")
print(f"clean build   wall s, median [min-max]   cpu s")
print(f"one language  {m1:.3f} [{min(one):.3f}-{max(one):.3f}]         {c1:.3f}")
print(f"three         {m3:.3f} [{min(three):.3f}-{max(three):.3f}]         {c3:.3f}")
print(f"ratio         {m3 / m1:.2f}                         {c3 / c1:.2f}")
PY
