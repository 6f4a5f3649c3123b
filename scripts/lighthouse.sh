#!/usr/bin/env bash
# Google Lighthouse on a built site: serves SITE_DIR on 127.0.0.1 (python3 -m http.server,
# a free port) and audits each PAGE with Debian's headless Chromium, mobile form factor
# (Lighthouse's default: a Moto G Power-class phone, simulated slow 4G). Prints the four
# category scores (0-100) and four image checks: properly sized images, next-gen formats,
# explicit width and height, LCP image not lazily loaded (pass, FAIL below 0.9, or n/a
# when the page has nothing to judge). JSON and HTML reports go to --out (default a new
# temporary folder, printed). Fails if any image check fails, so it can serve as a check.
#
# Usage: scripts/lighthouse.sh [--out DIR] SITE_DIR [PAGE...]
#   SITE_DIR  a built output folder (public/, or what `broadsheet build --output-dir` made)
#   PAGE      paths inside it; default index.html and the first article page found
#             (articles/<slug>.html, else a top-level <slug>/index.html that is an article)
#   --out     where the reports go (PAGE's name with / as _, .report.json and .report.html)
# Exit: 0 all checks pass, 1 an image check failed or a Lighthouse run failed, 2 bad usage
# or setup. Needs node, npm, python3 and /usr/bin/chromium (else $CHROME_PATH). Lighthouse
# goes into $LIGHTHOUSE_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/broadsheet-lighthouse)
# once and is reused; $LIGHTHOUSE_TIMEOUT (seconds, default 300) bounds each page's run.
set -euo pipefail

# 12.8.2, not 13.x: Lighthouse 13 wants Node 22.19 and Debian's node is 20.
version="12.8.2"
cache="${LIGHTHOUSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/broadsheet-lighthouse}"
chrome="${CHROME_PATH:-/usr/bin/chromium}"
run_timeout="${LIGHTHOUSE_TIMEOUT:-300}"
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

out=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    --) shift; args+=("$@"); break ;;
    -*) echo "lighthouse: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ ${#args[@]} -ge 1 ] || { usage >&2; exit 2; }
site="${args[0]}"
[ -f "$site/index.html" ] || { echo "lighthouse: $site has no index.html: not a built site" >&2; exit 2; }
site="$(cd "$site" && pwd)"
pages=("${args[@]:1}")
[ -x "$chrome" ] || { echo "lighthouse: no Chromium at $chrome (set CHROME_PATH)" >&2; exit 2; }

# The default article: Broadsheet writes articles/<slug>.html; a site laid out as
# <slug>/index.html has its articles next to the list folders, which are skipped. Of the
# candidates the first whose page says og:type article, else the first at all.
first_article() {
  local f candidates=()
  for f in "$site"/articles/*.html "$site"/*/index.html; do
    [ -f "$f" ] || continue
    case "${f#"$site"/}" in
      tags/*|authors/*|sources/*|sections/*|editions/*|archive/*|page/*|assets/*|email/*|search/*|pagefind/*|static/*) continue ;;
    esac
    candidates+=("${f#"$site"/}")
  done
  [ ${#candidates[@]} -gt 0 ] || return 0
  for f in "${candidates[@]}"; do
    if grep -q '<meta property="og:type" content="article"' "$site/$f"; then echo "$f"; return 0; fi
  done
  echo "${candidates[0]}"
}
if [ ${#pages[@]} -eq 0 ]; then
  pages=(index.html)
  article="$(first_article)"
  if [ -n "$article" ]; then pages+=("$article"); else echo "lighthouse: no article page found, auditing index.html only" >&2; fi
fi
for i in "${!pages[@]}"; do
  p="${pages[$i]#/}"
  if [ -z "$p" ] || [ -d "$site/$p" ]; then p="${p%/}${p:+/}index.html"; fi
  [ -f "$site/$p" ] || { echo "lighthouse: no page $p in $site" >&2; exit 2; }
  pages[i]="$p"
done

# Lighthouse, pinned, in a cache outside the repository; installed again only when the
# version there differs (a first run, or a new pin here).
lh="$cache/node_modules/.bin/lighthouse"
installed="$(node -p "require(process.argv[1]).version" "$cache/node_modules/lighthouse/package.json" 2>/dev/null || true)"
if [ "$installed" != "$version" ]; then
  echo "lighthouse: installing lighthouse@$version into $cache" >&2
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --save-exact --loglevel=error "lighthouse@$version" >&2
fi

if [ -z "$out" ]; then out="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-lighthouse.XXXXXX")"; fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# The server on port 0 (the kernel picks a free one, no race); -u so the line naming the
# port reaches the log at once. Killed, whatever happens, on exit.
work="$(mktemp -d)"
log="$work/server.log"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$site" >"$log" 2>&1 &
server=$!

# Lighthouse starts Chromium detached, in a process group of its own, so a timeout that
# ends Lighthouse leaves the browser running. Each run gets its own profile folder; the
# SingletonLock Chromium puts there names its pid (host-pid), the leader of that group.
profile=""
kill_chrome() {
  local lock pid
  [ -n "$profile" ] || return 0
  lock="$(readlink "$profile/SingletonLock" 2>/dev/null)" || return 0
  pid="${lock##*-}"
  case "$pid" in ''|*[!0-9]*) return 0 ;; esac
  # Only while that pid is still this run's browser (a stale lock's pid may be reused);
  # then wait for it to go (it writes to the profile as it ends), by force after 10 s.
  { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "--user-data-dir=$profile" || return 0
  kill -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
trap 'kill_chrome; kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
port=""
for _ in $(seq 100); do
  port="$(sed -n 's/^Serving HTTP on .* port \([0-9][0-9]*\).*/\1/p' "$log")"
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
[ -n "$port" ] || { echo "lighthouse: the HTTP server did not start:" >&2; cat "$log" >&2; exit 2; }

echo "lighthouse $version, mobile form factor, $("$chrome" --version 2>/dev/null | awk '{print $1, $2}'), site $site on port $port"
echo "reports in $out"
status=0
for page in "${pages[@]}"; do
  name="${page%.html}"; name="${name//\//_}"
  echo
  echo "== $page"
  # --no-sandbox: Chromium's sandbox cannot start as root in a container; the page is our
  # own. --headless=new is the headless mode that renders like a real browser. TMPDIR:
  # Lighthouse's own (unused) profile folder goes into $work too, and so is removed.
  profile="$work/profile-$name"
  rc=0
  TMPDIR="$work" CHROME_PATH="$chrome" timeout --kill-after=15 "$run_timeout" "$lh" "http://127.0.0.1:$port/$page" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --user-data-dir=$profile" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$out/$name" --quiet || rc=$?
  kill_chrome
  profile=""
  if [ "$rc" != 0 ]; then
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then why="timed out after ${run_timeout}s (LIGHTHOUSE_TIMEOUT)"; else why="exit status $rc"; fi
    echo "  FAIL: lighthouse did not finish on $page: $why"
    status=1
    continue
  fi
  node --input-type=module - "$out/$name.report.json" <<'JS' || status=1
import { readFileSync } from 'node:fs';
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const s = report.configSettings;
console.log(`  ${s.formFactor} form factor, ${s.throttlingMethod} throttling, lighthouse ${report.lighthouseVersion}`);
if (report.runtimeError) {
  console.log(`  FAIL: ${report.runtimeError.code}: ${report.runtimeError.message}`);
  process.exit(1);
}
for (const w of report.runWarnings ?? []) console.log(`  warning: ${w}`);
const pct = (x) => (x == null ? '?' : String(Math.round(x * 100)));
console.log('  ' + ['performance', 'accessibility', 'best-practices', 'seo']
  .map((c) => `${c} ${pct(report.categories[c]?.score)}`).join('  '));
console.log('  ' + ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
  .map((id) => `${id.split('-').map((w) => w[0].toUpperCase()).join('')} ${report.audits[id]?.displayValue ?? '?'}`).join('  '));
// Each check by its id in this version: the older audit first, then the insight that
// replaces it in newer Lighthouse (13 drops the older ones).
const checks = [
  ['properly size images', ['uses-responsive-images', 'image-delivery-insight']],
  ['serve images in next-gen formats', ['modern-image-formats', 'image-delivery-insight']],
  ['image elements have explicit width and height', ['unsized-images', 'cls-culprits-insight']],
  ['LCP image was not lazily loaded', ['lcp-lazy-loaded', 'lcp-discovery-insight', 'prioritize-lcp-image']],
];
let failed = 0;
for (const [label, ids] of checks) {
  const id = ids.find((i) => report.audits[i]);
  if (!id) {
    console.log(`  FAIL  ${label.padEnd(46)} no audit ${ids.join(' / ')} in this version`);
    failed++;
    continue;
  }
  const a = report.audits[id];
  let verdict;
  let shown;
  if (a.scoreDisplayMode === 'notApplicable') { verdict = 'n/a'; shown = 'notApplicable'; }
  else if (a.scoreDisplayMode === 'error' || a.score == null) { verdict = 'FAIL'; shown = a.errorMessage ?? a.scoreDisplayMode; }
  else {
    verdict = a.score >= 0.9 ? 'pass' : 'FAIL';
    // How many images (or requests) it flagged: 0 on a page with no images at all.
    const n = a.details?.items?.length;
    shown = `score ${a.score}` + (n == null ? '' : `, ${n} flagged`);
  }
  if (verdict === 'FAIL') failed++;
  console.log(`  ${verdict.padEnd(5)} ${label.padEnd(46)} ${id.padEnd(24)} ${shown}`);
}
process.exit(failed ? 1 : 0);
JS
  echo "  report: $out/$name.report.html"
done
echo
if [ "$status" = 0 ]; then echo "lighthouse: all image checks pass"; else echo "lighthouse: FAILED"; fi
exit "$status"
