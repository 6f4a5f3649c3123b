#!/usr/bin/env bash
# Checks the example site's latest e-mail the way e-mail tools do, and remakes its
# screenshots: the Nu HTML Checker (vnu, from the shared checks) for valid HTML, and
# doiuse-email (the caniemail.com data) for what Gmail, Outlook, Apple Mail, Yahoo,
# Samsung Email and Thunderbird support. Fails on any vnu error and on any client
# finding beyond the three known ones the README lists ("Checking the e-mail").
# Then docs/static/screenshots/email-600.png and docs/static/screenshots/email-375.png from headless Chromium.
#
# Usage: scripts/email-check.sh
# Needs java, node, npm (doiuse-email goes into target/email-check) and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
site="target/email-check/site"
cargo run --quiet --release -- build --quiet --output-dir "$site" --now 2025-04-22T12:00:00Z
email="$site/email/latest.html"

vnu="${VNU_JAR:-${SITE_CHECKS_HOME:-$HOME/.cache/site-checks}/node_modules/vnu-jar/build/dist/vnu.jar}"
echo "== vnu $email"
java -jar "$vnu" --errors-only "$email"

echo "== doiuse-email $email"
npm install --silent --no-save --prefix target/email-check doiuse-email@0.4.1 >/dev/null
NODE_PATH=target/email-check/node_modules node --input-type=module - "$email" <<'JS'
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(process.cwd() + '/target/email-check/');
const { doIUseEmail } = require('doiuse-email');
const html = readFileSync(process.argv[2], 'utf8');
// Known and accepted: every HTML document has a <body> (these apps swap it for a <div>;
// the e-mail puts no style on it that matters); role="presentation" on layout tables is
// for screen readers; the preheader's display:none (Gmail's mobile web app then shows
// it as 1 px text in the background colour).
const known = [/^`<body> element` is not supported/, /^`role attribute` is not supported/,
  /^`display:none` is not supported by `gmail\.mobile-webmail`/];
let unknown = 0;
for (const client of ['gmail', 'outlook', 'apple-mail', 'yahoo', 'samsung-email', 'thunderbird']) {
  const result = doIUseEmail(html, { emailClients: [`${client}.*`] });
  const errors = result.errors ?? [];
  const fresh = errors.filter((e) => !known.some((k) => k.test(e)));
  unknown += fresh.length;
  console.log(`${client}: ${errors.length - fresh.length} known, ${fresh.length} new`);
  for (const e of fresh) console.log(`  ${e}`);
}
process.exit(unknown > 0 ? 1 : 0);
JS

echo "== screenshots (docs/static/screenshots/email-600.png, docs/static/screenshots/email-375.png)"
for size in 600,840 375,1180; do
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$(mktemp -d)" --window-size="$size" \
    --screenshot="docs/static/screenshots/email-${size%,*}.png" "file://$PWD/$email" 2>/dev/null
done
echo "email-check: PASS"
