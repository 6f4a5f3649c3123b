#!/usr/bin/env bash
# Browser test of the search page of a built site, twice: served like GitHub Pages under
# PREFIX (Pagefind), and opened from disk (the fallback index). Types WORD, expects
# HEADLINE first (HEADLINE "-": expects no result and the "nothing found" line); then picks
# topic TOPIC and expects as many results as the index lists.
#
# Usage: scripts/search-test.sh SITE_DIR [PREFIX] [WORD HEADLINE [TOPIC]]
#   PREFIX defaults to /; WORD, HEADLINE and TOPIC default to a story of the example site.
#   SEARCH_PAGE: the search page's path in the site (default search.html; zh/search.html
#   for a language's own); SERVED_RUNS: how many fresh browsers load it served (default 3).
# Needs the shared checks (ghpages_server.py, playwright-core; see ../shared/checks/README.md),
# found at $SHARED_DIR, else beside this repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="${1:?usage: scripts/search-test.sh SITE_DIR [PREFIX] [WORD HEADLINE [TOPIC]]}"
site="$(cd "$site" && pwd)"
prefix="${2:-/}"
word="${3:-Glassworks}"
headline="${4:-Glassworks Theatre Revives a Forgotten Harbor Musical}"
# The example site's topic only with its own word: a word given without a topic picks none.
if [ $# -ge 3 ]; then topic="${5:-}"; else topic="transport"; fi
shared="${SHARED_DIR:-$(dirname "$(dirname "$here")")/shared}"
[ -f "$shared/checks/ghpages_server.py" ] || { echo "search-test: no shared checks at $shared (set SHARED_DIR)"; exit 2; }

work="$(mktemp -d)"
python3 "$shared/checks/ghpages_server.py" "$site" --prefix "$prefix" --port 0 --port-file "$work/port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"
prefix="/${prefix#/}"; prefix="${prefix%/}/"
page="${SEARCH_PAGE:-search.html}"
# The language's own site folder: its assets/search-index.js lists the topics.
own="$site/$(dirname "$page")"

status=0
# Served three times, each in a fresh browser: the bundles load in parallel, and a race
# between them (as Pagefind's shared WebAssembly module once had) fails only some loads.
for _ in $(seq "${SERVED_RUNS:-3}"); do
  node "$here/search-test.mjs" "http://127.0.0.1:$port$prefix$page" "$own" "$word" "$headline" "$topic" || status=1
done
node "$here/search-test.mjs" "file://$site/$page" "$own" "$word" "$headline" "$topic" || status=1
exit "$status"
