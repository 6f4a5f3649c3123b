#!/usr/bin/env bash
# Packs a built Broadsheet binary for one target as the release workflow publishes it:
# OUT_DIR/broadsheet-TARGET.tar.gz (.zip for Windows) holding the folder
# broadsheet-TARGET/ with the binary, README.md and LICENSE, and beside it
# broadsheet-TARGET.tar.gz.sha256 ("HASH  NAME", as sha256sum writes it). Prints the
# archive's path. scripts/install.sh unpacks exactly this layout.
#
# With --check (for a binary that runs here): unpacks the archive into a temporary folder,
# checks the checksum file and that the binary's --version is this package's version.
#
# Usage: scripts/package.sh [--check] BINARY TARGET OUT_DIR
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
usage="usage: scripts/package.sh [--check] BINARY TARGET OUT_DIR"
binary="${1:?$usage}"
target="${2:?$usage}"
out="${3:?$usage}"
die() { echo "package.sh: error: $*" >&2; exit 1; }
[ -f "$binary" ] || die "no binary at $binary"

case "$target" in
  *windows*) exe=.exe ext=zip ;;
  *) exe="" ext=tar.gz ;;
esac
name="broadsheet-$target"
archive="$name.$ext"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir "$work/$name"
cp "$binary" "$work/$name/broadsheet$exe"
chmod +x "$work/$name/broadsheet$exe"
cp "$repo/README.md" "$repo/LICENSE" "$work/$name/"
rm -f "$out/$archive" "$out/$archive.sha256"
case "$ext" in
  zip) if command -v 7z >/dev/null; then (cd "$work" && 7z a -tzip -bd "$out/$archive" "$name" >/dev/null)
       else (cd "$work" && zip -qr "$out/$archive" "$name"); fi ;;
  *) tar -czf "$out/$archive" -C "$work" "$name" ;;
esac

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}
echo "$(sha256_of "$out/$archive")  $archive" >"$out/$archive.sha256"

if $check; then
  version="$(awk '/^\[/ { p = ($0 == "[package]") } p && $1 == "version" { gsub(/"/, "", $3); print $3; exit }' "$repo/Cargo.toml")"
  (cd "$out" && if command -v sha256sum >/dev/null; then sha256sum --check --quiet "$archive.sha256"
    else shasum -a 256 --check --quiet "$archive.sha256"; fi) || die "$archive.sha256 does not match $archive"
  mkdir "$work/check"
  case "$ext" in
    zip) unzip -q "$out/$archive" -d "$work/check" ;;
    *) tar -xzf "$out/$archive" -C "$work/check" ;;
  esac
  said="$("$work/check/$name/broadsheet$exe" --version)"
  [ "$said" = "broadsheet $version" ] || die "the packed binary says '$said', not 'broadsheet $version'"
  for file in README.md LICENSE; do
    cmp -s "$work/check/$name/$file" "$repo/$file" || die "$archive holds no copy of $file"
  done
  echo "package.sh: $archive runs and says '$said'; checksum matches" >&2
fi
echo "$out/$archive"
