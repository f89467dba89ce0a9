#!/usr/bin/env bash
# Installs the extension's npm dependencies and runs its tests: type-check, bundle, the Node tests
# against the real server binary, and the .vsix build. Needs Node 20+ and npm; the server binary
# is $RESOLUTION_LS_BIN, else ../../target/debug/resolution-ls (built here when cargo is there).
# It also builds the platform .vsix with that binary bundled (scripts/dist --binary, so no release
# build), which test/bundled-server.test.js unpacks and runs.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "error: node and npm are needed (Node 20 or newer)" >&2
  exit 2
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "error: Node $(node --version) is too old; Node 20 or newer is needed" >&2
  exit 2
fi

if [ -z "${RESOLUTION_LS_BIN:-}" ] && [ ! -x ../../target/debug/resolution-ls ]; then
  if command -v cargo >/dev/null; then
    (cd ../.. && cargo build -p resolution-ls)
  else
    echo "error: no server binary at ../../target/debug/resolution-ls and no cargo to build it; set RESOLUTION_LS_BIN" >&2
    exit 2
  fi
fi

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

# The platform .vsix, with the server under test bundled in it.
vsix_dir="$(mktemp -d "${TMPDIR:-/tmp}/resolution-ls-vsix.XXXXXX")"
trap 'rm -rf "$vsix_dir"' EXIT
../../scripts/dist --binary "${RESOLUTION_LS_BIN:-../../target/debug/resolution-ls}" --no-archive --out "$vsix_dir"
vsix=("$vsix_dir"/*.vsix)
[ -f "${vsix[0]}" ] || { echo "error: scripts/dist wrote no .vsix" >&2; exit 1; }
export RESOLUTION_LS_VSIX="${vsix[0]}"

npm test
