#!/usr/bin/env bash
# bench/deploy.sh: `broadsheet deploy` against `aws s3 sync` on the same S3 store, in the
# same run. Run with -h for usage.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: bench/deploy.sh BIN [N]

Builds an N-article corpus (default 10000, shared/bench/gen_corpus.py --format ours,
with bench/site.toml, the peer config) on tmpfs with BIN, starts Ceph's RADOS Gateway
(scripts/ceph-rgw.sh: one in-memory OSD on loopback) and times BIN's `deploy` against
the AWS CLI's `aws s3 sync`, each into a bucket of its own:
  first      the whole site into a fresh bucket (a fresh pair of buckets each run)
  no change  again, nothing changed
  clean      after `build --clean` (the same bytes with new mtimes)
  one edit   a sentence appended to the newest seed, incremental build
Each stage runs RUNS times, broadsheet first on odd runs and aws first on even ones.
Prints per stage and tool the median wall seconds [min-max] and the files uploaded
(broadsheet's summary line; aws's `upload:` lines), and the broadsheet/aws ratio.

Environment: RUNS=3, WORK=<repo>/target/bench (the awscli venv, AWSCLI=awscli==1.46.3),
TMPFS=/dev/shm/broadsheet-deploy, RGW_DIR=/tmp/broadsheet-deploy-rgw, RGW_PORT=7600
(the monitor takes the port after it), SHARED_DIR=<repo>/../shared.
USAGE
}

[[ ${1:-} == -h || ${1:-} == --help || $# -lt 1 ]] && { usage; [[ $# -ge 1 ]]; exit $?; }
bin=$(realpath "$1") n=${2:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$(dirname "$repo")/shared}
runs=${RUNS:-3} work=${WORK:-$repo/target/bench} tmp=${TMPFS:-/dev/shm/broadsheet-deploy}
rgw=${RGW_DIR:-/tmp/broadsheet-deploy-rgw} port=${RGW_PORT:-7600}

# The AWS CLI in a venv of its own.
aws=$work/awscli-venv/bin/aws
if [[ ! -x $aws ]]; then
    python3 -m venv "$work/awscli-venv"
    "$work/awscli-venv/bin/pip" install -q "${AWSCLI:-awscli==1.46.3}"
fi

# The site, built once.
mkdir -p "$tmp"
if [[ ! -d $tmp/corpus-$n ]]; then
    python3 "$shared/bench/gen_corpus.py" --n "$n" --format ours --out "$tmp/corpus-$n" >/dev/null
fi
site=$tmp/site
rm -rf "$site" "$tmp/out" "$tmp/results.tsv"
mkdir -p "$tmp/out"
cp -a "$tmp/corpus-$n" "$site"
cp "$repo/bench/site.toml" "$site/site.toml"
"$bin" build --quiet --root "$site"
newest=$(ls "$site/seeds" | sort | tail -1)

# The store, stopped however the script ends; a start that fails is tried once more.
rgw_stop() { "$repo/scripts/ceph-rgw.sh" stop "$rgw"; }
trap rgw_stop EXIT
settings=$("$repo/scripts/ceph-rgw.sh" start "$rgw" "$port") ||
    { rgw_stop; sleep 2; settings=$("$repo/scripts/ceph-rgw.sh" start "$rgw" "$port"); }
eval "$settings"
export AWS_ACCESS_KEY_ID=$BROADSHEET_RGW_KEY AWS_SECRET_ACCESS_KEY=$BROADSHEET_RGW_SECRET
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
url=$BROADSHEET_RGW_ENDPOINT

# one STAGE TOOL BUCKET: one timed deploy; appends stage, tool, seconds, files uploaded.
one() {
    local out=$tmp/out/$1-$2-$(date +%s%N).txt t0 t1 files
    t0=$(date +%s.%N)
    if [[ $2 == broadsheet ]]; then
        "$bin" deploy "s3://$3" --endpoint "$url" --root "$site" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
        files=$(grep -o '[0-9]* uploaded' "$out" | cut -d' ' -f1)
    else
        "$aws" s3 sync "$site/public" "s3://$3" --endpoint-url "$url" --no-progress >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
        files=$(grep -c '^upload:' "$out" || true)
    fi
    t1=$(date +%s.%N)
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk "BEGIN { print $t1 - $t0 }")" "$files" >>"$tmp/results.tsv"
}
# pair STAGE RUN BUCKET: both tools into bs-BUCKET and aws-BUCKET, the order alternating.
pair() {
    if (($2 % 2)); then one "$1" broadsheet "bs-$3"; one "$1" aws "aws-$3"; else
        one "$1" aws "aws-$3"; one "$1" broadsheet "bs-$3"; fi
}

for r in $(seq "$runs"); do
    "$aws" s3 mb "s3://bs-$r" --endpoint-url "$url" >/dev/null
    "$aws" s3 mb "s3://aws-$r" --endpoint-url "$url" >/dev/null
    pair first "$r" "$r"
done
for r in $(seq "$runs"); do pair none "$r" 1; done
for r in $(seq "$runs"); do
    "$bin" build --quiet --clean --root "$site"
    pair clean "$r" 1
done
for r in $(seq "$runs"); do
    echo "One more sentence, edit $r." >>"$site/seeds/$newest"
    "$bin" build --quiet --root "$site"
    pair edit "$r" 1
done
for b in bs-1 aws-1; do
    echo "$b: $("$aws" s3 ls "s3://$b" --recursive --endpoint-url "$url" | wc -l) objects"
done
echo "site: $(find "$site/public" -type f | wc -l) files, $(du -sh "$site/public" | cut -f1)"

python3 - "$tmp/results.tsv" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
print(f"{'stage':<10} {'broadsheet s, median [min-max]':<30} {'files':<14} "
      f"{'aws s, median [min-max]':<30} {'files':<14} ratio")
for stage, name in [("first", "first"), ("none", "no change"), ("clean", "clean"), ("edit", "one edit")]:
    cols, med = [], {}
    for tool in ("broadsheet", "aws"):
        t = [float(r[2]) for r in rows if r[:2] == [stage, tool]]
        f = "/".join(sorted({r[3] for r in rows if r[:2] == [stage, tool]}))
        med[tool] = statistics.median(t)
        cols += [f"{med[tool]:.2f} [{min(t):.2f}-{max(t):.2f}]", f]
    print(f"{name:<10} {cols[0]:<30} {cols[1]:<14} {cols[2]:<30} {cols[3]:<14} "
          f"{med['broadsheet'] / med['aws']:.3f}")
PY
