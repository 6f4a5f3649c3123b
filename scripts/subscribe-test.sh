#!/usr/bin/env bash
# Browser test of the sign-up page, as a reader meets it: a new digest from `init`, its
# [email.signup] pointed at a local list service (a capture server), built, served as
# GitHub Pages serves it under /digest/. In headless Chromium a reader finds the e-mail
# field by its label, types an address and presses Enter; the capture server must receive
# a POST with the configured field names. The same page is then checked at 320 px wide
# with a long menu: no sideways scrolling, every menu link reachable by Tab.
#
# Usage: scripts/subscribe-test.sh BROADSHEET_BINARY
# Needs the shared checks (ghpages_server.py, playwright-core; see ../shared/checks/README.md),
# found at $SHARED_DIR, else beside this repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "${1:?usage: scripts/subscribe-test.sh BROADSHEET_BINARY}")" && pwd)/$(basename "$1")"
shared="${SHARED_DIR:-$(dirname "$(dirname "$here")")/shared}"
[ -f "$shared/checks/ghpages_server.py" ] || { echo "subscribe-test: no shared checks at $shared (set SHARED_DIR)"; exit 2; }

work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

# The list service: records each request's method, path and body, answers "subscribed".
cat >"$work/capture.py" <<'PY'
import http.server, json, sys
log, port_file = sys.argv[1], sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        with open(log, "a") as f:
            f.write(json.dumps({"method": "POST", "path": self.path, "type": self.headers.get("Content-Type"), "body": body}) + "\n")
        out = b"<!doctype html><title>Subscribed</title><p>subscribed"
        self.send_response(200); self.send_header("Content-Type", "text/html"); self.send_header("Content-Length", str(len(out))); self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(port_file, "w").write(str(server.server_port))
server.serve_forever()
PY
python3 "$work/capture.py" "$work/requests.jsonl" "$work/capture-port" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/capture-port" ] && break; sleep 0.1; done
list_port="$(cat "$work/capture-port")"

"$bin" init --quiet "$work/digest"
cat >>"$work/digest/site.toml" <<TOML
[[menu.main]]
name = "Harbour and waterfront"
url = "https://example.org/harbour"
[[menu.main]]
name = "Council and city hall"
url = "https://example.org/council"
[[menu.main]]
name = "Schools and universities"
url = "https://example.org/schools"
[[menu.main]]
name = "Sign up for the morning e-mail"
builtin = "subscribe"
TOML
# Point the sign-up form at the capture server, with a hidden list field and Mailchimp's name.
python3 - "$work/digest/site.toml" "$list_port" <<'PY'
import sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read()
head, sep, tail = text.partition("[email.signup]\n")
assert sep, "init's site.toml has no [email.signup]"
signup = f'action = "http://127.0.0.1:{port}/subscribe"\nmethod = "post"\nemail_field = "EMAIL"\nhidden = {{ list = "morning" }}\nconsent = "We use your address only to send the digest."\n'
open(path, "w").write(head + sep + signup + tail)
PY

python3 "$shared/checks/ghpages_server.py" "$work/site" --prefix /digest/ --port 0 --port-file "$work/site-port" >"$work/server.log" 2>&1 &
pids+=($!)
mkdir -p "$work/site"
for _ in $(seq 50); do [ -s "$work/site-port" ] && break; sleep 0.1; done
site_port="$(cat "$work/site-port")"
"$bin" build --quiet --root "$work/digest" --base-url "http://127.0.0.1:$site_port/digest/" --output-dir "$work/site"

node "$here/subscribe-test.mjs" "http://127.0.0.1:$site_port/digest/subscribe.html" "$work/requests.jsonl" "$list_port"
