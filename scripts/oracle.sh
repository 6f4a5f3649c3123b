#!/usr/bin/env bash
# The oracle: a peer site built by the real peer and, imported, by Broadsheet, compared.
#
#   scripts/oracle.sh jekyll|hugo|zola SRC [--strict] [--details FILE]
#
# SRC is the peer site's folder (only read). The peer (jekyll, hugo or zola on PATH) builds
# it at https://oracle.invalid/; `broadsheet import KIND SRC` fills a temporary site that
# Broadsheet builds at / and under /repo/. Prints a table: the peer's post and page URLs
# served (as a page or an alias redirect), titles and dates equal, broken internal links in
# both outputs, template leftovers, missing pictures. --strict exits 1 when a URL is not
# served, or Broadsheet breaks more links or leaves more template code than the peer. BROADSHEET names the binary
# (default: target/release/broadsheet); --now is fixed (and --future on: the peers write
# future posts the list counts), so the same site gives the same table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kind="${1:?usage: oracle.sh jekyll|hugo|zola SRC [--strict] [--details FILE]}"
src="$(cd "${2:?usage: oracle.sh jekyll|hugo|zola SRC}" && pwd)"
shift 2
bin="${BROADSHEET:-${CARGO_TARGET_DIR:-$here/../target}/release/broadsheet}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
base=https://oracle.invalid/
# The peers write into their source (.jekyll-cache, .hugo_build.lock): they build a copy.
peer_src="$work/peer-src"
cp -a "$src" "$peer_src"

case "$kind" in
jekyll)
  # Only the plugins this machine has (jemoji is not packaged by Debian); the site's own
  # _config.yml otherwise, as `jekyll build` reads it.
  plugins=$(sed -n '/^plugins:/,/^[^- ]/s/^ *- *//p' "$peer_src/_config.yml" | while read -r p; do
    if ruby -e "require 'jekyll'; require '$p'" 2>/dev/null; then printf '%s, ' "$p"; fi; done)
  printf 'plugins: [%s]\nurl: https://oracle.invalid\nbaseurl: ""\n' "${plugins%, }" >"$work/oracle.yml"
  ruby "$here/oracle-jekyll.rb" "$peer_src" "$work/peer" "$peer_src/_config.yml,$work/oracle.yml" >"$work/pages.jsonl"
  ;;
hugo)
  (cd "$peer_src" && hugo --quiet --destination "$work/peer" --baseURL "$base" --enableGitInfo=false)
  (cd "$peer_src" && hugo list all) | python3 "$here/oracle.py" hugo-pages >"$work/pages.jsonl"
  ;;
zola)
  (cd "$peer_src" && zola build --output-dir "$work/peer" --base-url "$base" >/dev/null 2>&1)
  python3 "$here/oracle.py" zola-pages "$peer_src" >"$work/pages.jsonl"
  ;;
*) echo "oracle.sh: unknown peer '$kind' (jekyll, hugo or zola)" >&2; exit 2 ;;
esac

mkdir "$work/site"
"$bin" import "$kind" "$src" --root "$work/site" --quiet
build() { "$bin" build --root "$work/site" --quiet --keep-going --future --now 2026-01-01 --base-url "$1" --output-dir "$2"; }
build "$base" "$work/root"
build "${base}repo/" "$work/sub"
python3 "$here/oracle.py" --name "$kind: $(basename "$src")" --pages "$work/pages.jsonl" \
  --src "$src" --peer "$work/peer" --root "$work/root" --sub "$work/sub" --prefix /repo/ "$@"
