#!/usr/bin/env bash
# Installs Broadsheet into ROOT/bin: the release binary for this machine, downloaded with
# its .sha256 file and checked against it; or, when the release has no binary for this
# machine, `cargo install --locked` of the same version from crates.io. action.yml runs
# it; it runs by hand too.
#
# Usage: scripts/install.sh plan      print version=, target=, root= and releases= lines (for $GITHUB_OUTPUT)
#        scripts/install.sh install   install, then check that `broadsheet --version` is VERSION
# Environment (all optional):
#   BROADSHEET_VERSION     the version; default: the one in the Cargo.toml beside this script
#   BROADSHEET_ROOT        where to install; default: a folder per version and target
#   BROADSHEET_TARGET      the target triple; default: this machine's, from uname
#   BROADSHEET_RELEASES    the URL of the folder holding one v<VERSION>/ folder per release;
#                          default: the GitHub releases of BROADSHEET_REPOSITORY
#   BROADSHEET_REPOSITORY  owner/name on GitHub; default: the one the action was run from
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/../Cargo.toml"

# A path with forward slashes only (Windows runners give C:\a\…; bash takes C:/a/…).
slashes() { echo "${1//\\//}"; }
die() { echo "install.sh: error: $*" >&2; exit 1; }
note() { echo "install.sh: $*" >&2; }

# The value of `key = "…"` in Cargo.toml's [package] table.
package_field() {
  awk -v key="$1" '/^\[/ { in_package = ($0 == "[package]") }
    in_package && $1 == key && $2 == "=" { gsub(/"/, "", $3); print $3; exit }' "$manifest"
}

# This machine's target triple, as the release workflow names its archives; empty if
# the release builds none for it.
host_target() {
  local os arch
  os="$(uname -s)"
  arch="$(uname -m)"
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) return 0 ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-gnu" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN*) [ "$arch" = x86_64 ] && echo "x86_64-pc-windows-msvc" ;;
  esac
  return 0
}

# Where releases are downloaded from: given, or this repository's GitHub releases. In an
# action the repository is the one the runner checked the action out of
# (…/_actions/OWNER/NAME/REF), since github.action_repository is empty in composite actions.
releases_url() {
  if [ -n "${BROADSHEET_RELEASES:-}" ]; then echo "${BROADSHEET_RELEASES%/}"; return; fi
  local repository="${BROADSHEET_REPOSITORY:-}" action_path
  action_path="$(slashes "${GITHUB_ACTION_PATH:-}")"
  if [ -z "$repository" ] && [[ "$action_path" == */_actions/*/*/* ]]; then
    repository="$(echo "${action_path#*/_actions/}" | cut -d/ -f1-2)"
  fi
  [ -n "$repository" ] && echo "https://github.com/$repository/releases/download"
  return 0
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

exe_suffix() { case "$1" in *windows*) echo .exe ;; esac; }
archive_ext() { case "$1" in *windows*) echo zip ;; *) echo tar.gz ;; esac; }

unpack() {
  case "$1" in
    *.zip) if command -v unzip >/dev/null; then unzip -q "$1" -d "$2"; else 7z x -bd -o"$2" "$1" >/dev/null; fi ;;
    *) tar -xzf "$1" -C "$2" ;;
  esac
}

# Downloads the archive for $target and installs its binary; returns 3 when the release
# has no archive for it (so the caller falls back), fails on anything else.
install_release() {
  local base="$1" name file
  name="broadsheet-$target.$(archive_ext "$target")"
  if ! curl -fsSL --retry 3 --proto '=https,file' -o "$work/$name" "$base/v$version/$name" 2>"$work/curl.log"; then
    note "no release binary at $base/v$version/$name ($(tr '\n' ' ' <"$work/curl.log"))"
    return 3
  fi
  curl -fsSL --retry 3 --proto '=https,file' -o "$work/$name.sha256" "$base/v$version/$name.sha256" \
    || die "the release has $name but no $name.sha256 to check it against: not installing"
  local expected actual
  expected="$(cut -d' ' -f1 <"$work/$name.sha256")"
  actual="$(sha256_of "$work/$name")"
  [ "$expected" = "$actual" ] \
    || die "checksum mismatch for $name: $name.sha256 says $expected, the download is $actual; not installing"
  mkdir -p "$work/unpacked" "$root/bin" || die "cannot create $root/bin"
  unpack "$work/$name" "$work/unpacked" || die "cannot unpack $name"
  file="$work/unpacked/broadsheet-$target/broadsheet$(exe_suffix "$target")"
  [ -f "$file" ] || die "$name holds no broadsheet-$target/broadsheet$(exe_suffix "$target")"
  { cp "$file" "$root/bin/" && chmod +x "$root/bin/${file##*/}"; } || die "cannot install into $root/bin"
  note "installed the release binary of $version for $target (sha256 $actual)"
}

install_with_cargo() {
  local crate
  crate="$(package_field name)"
  command -v cargo >/dev/null \
    || die "no release binary for ${target:-this machine} and no cargo to build $crate $version (install Rust: https://rustup.rs)"
  note "building $crate $version from crates.io with cargo install (takes minutes)"
  cargo install --locked "$crate" --version "$version" --root "$root"
}

version="${BROADSHEET_VERSION:-$(package_field version)}"
[ -n "$version" ] || die "no version: set BROADSHEET_VERSION"
target="${BROADSHEET_TARGET-$(host_target)}"
cache="$(slashes "${RUNNER_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}}")"
root="$(slashes "${BROADSHEET_ROOT:-$cache/broadsheet/$version/${target:-source}}")"

case "${1:-}" in
  plan)
    printf 'version=%s\ntarget=%s\nroot=%s\nreleases=%s\n' "$version" "${target:-source}" "$root" "$(releases_url)"
    ;;
  install)
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    base="$(releases_url)"
    status=3
    if [ -n "$target" ] && [ -n "$base" ]; then
      if install_release "$base"; then status=0; else status=$?; fi
      [ "$status" = 3 ] || [ "$status" = 0 ] || exit "$status"
    elif [ -z "$target" ]; then
      note "no release binary is built for $(uname -s) $(uname -m)"
    else
      note "no releases to download from: set BROADSHEET_REPOSITORY or BROADSHEET_RELEASES"
    fi
    [ "$status" = 0 ] || install_with_cargo
    bin="$root/bin/broadsheet$(exe_suffix "${target:-}")"
    said="$("$bin" --version 2>&1)" || die "$bin --version failed: $said"
    [ "$said" = "broadsheet $version" ] || die "$bin --version says '$said', not 'broadsheet $version'"
    echo "$root/bin"
    ;;
  *)
    echo "usage: scripts/install.sh plan | install" >&2
    exit 2
    ;;
esac
