#!/usr/bin/env bash
# Screenshots of the example site for review: the front page, an article, an edition and a
# topic page, each at 375 px and 1280 px wide, light and dark (16 PNGs), into OUT_DIR
# (default target/screenshots, not committed). With --readme it also rewrites
# docs/static/screenshots/front-page.png, the front page the README and the docs show.
#
# Usage: scripts/screenshots.sh [OUT_DIR] [--readme]
# Needs node, /usr/bin/chromium and playwright-core from the shared checks
# (../shared/checks/install.sh puts it in $SITE_CHECKS_HOME, default ~/.cache/site-checks).
set -euo pipefail
cd "$(dirname "$0")/.."
out="target/screenshots"
readme=0
for arg in "$@"; do
  case "$arg" in
    --readme) readme=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) out="$arg" ;;
  esac
done
site="target/screenshot-site"
cargo run --quiet --release -- build --quiet --output-dir "$site" --now 2025-04-22T12:00:00Z
mkdir -p "$out"
node scripts/screenshots.mjs "$site" "$out" \
  index.html articles/ten-year-transport-plan.html editions/2025-04-18.html tags/transport.html
if [ "$readme" = 1 ]; then
  node scripts/screenshots.mjs "$site" docs/static/screenshots --readme index.html
fi
