#!/usr/bin/env bash
# Checks the Emacs package in this folder:
#   1. installs what is missing (Debian: emacs-nox elpa-lsp-mode elpa-eglot
#      elpa-markdown-mode elpa-package-lint, when run as root);
#   2. byte-compiles resolution-ls.el with warnings as errors (alone, and
#      with lsp-mode, Eglot and markdown-mode loaded);
#   3. runs package-lint (test/package-lint-check.el: fails on any finding
#      but the ones the design calls for, which it prints as "accepted");
#   4. runs the ERT tests: without a server, then lsp-mode and Eglot each
#      against the real server on a copy of tests/fixtures/drafts/ccpcj-21-3.md.
# Exits non-zero if any step fails.
#
# Environment: RESOLUTION_LS_BIN (default: target/debug/resolution-ls of this
# repository, built with cargo if missing), RESOLUTION_LS_TIMEOUT (seconds to
# wait for the server, default 30), EMACS (default: emacs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
EMACS="${EMACS:-emacs}"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

# --- 1. What the tests need -------------------------------------------------

# Emacs libraries the tests need, and the Debian package that has each.
libraries=(lsp-mode eglot markdown-mode package-lint)
declare -A debian_package=(
  [lsp-mode]=elpa-lsp-mode [eglot]=elpa-eglot
  [markdown-mode]=elpa-markdown-mode [package-lint]=elpa-package-lint)

missing_libraries() {
  command -v "$EMACS" >/dev/null || { printf '%s\n' "${libraries[@]}"; return; }
  "$EMACS" --batch --eval "(progn (package-activate-all)
     (dolist (l command-line-args-left)
       (unless (locate-library l) (princ (format \"%s\n\" l))))
     (setq command-line-args-left nil))" "${libraries[@]}" 2>/dev/null
}

step "Checking for Emacs and its packages"
missing="$(missing_libraries)"
if ! command -v "$EMACS" >/dev/null || [ -n "$missing" ]; then
  packages=()
  command -v "$EMACS" >/dev/null || packages+=(emacs-nox)
  for lib in $missing; do packages+=("${debian_package[$lib]}"); done
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${packages[@]}"
  else
    fail "missing: ${packages[*]} (install them, e.g. apt-get install -y --no-install-recommends ${packages[*]})"
  fi
  missing="$(missing_libraries)"
  [ -z "$missing" ] || fail "Emacs still cannot find: $missing"
fi
"$EMACS" --version | head -n 1

bin="${RESOLUTION_LS_BIN:-$repo/target/debug/resolution-ls}"
if [ ! -x "$bin" ]; then
  if [ -z "${RESOLUTION_LS_BIN:-}" ] && command -v cargo >/dev/null; then
    step "Building the server (cargo build -p resolution-ls)"
    (cd "$repo" && cargo build -p resolution-ls)
  else
    fail "no server binary at $bin (build it with cargo build -p resolution-ls, or set RESOLUTION_LS_BIN)"
  fi
fi
export RESOLUTION_LS_BIN="$bin"
echo "Server: $RESOLUTION_LS_BIN"

# --- 2. Byte-compilation ----------------------------------------------------

build="$(mktemp -d "${TMPDIR:-/tmp}/resolution-ls-emacs.XXXXXX")"
trap 'rm -rf "$build"' EXIT

compile() {  # compile FORM-TO-EVALUATE-FIRST
  rm -f "$build/resolution-ls.elc"
  cp "$here/resolution-ls.el" "$build/"
  "$EMACS" --batch --eval "(progn (package-activate-all) $1)" \
    --eval '(setq byte-compile-error-on-warn t)' \
    -f batch-byte-compile "$build/resolution-ls.el"
  [ -f "$build/resolution-ls.elc" ] || fail "byte-compilation failed"
}

step "Byte-compiling resolution-ls.el, warnings as errors"
compile ""
step "Byte-compiling again with lsp-mode, Eglot and markdown-mode loaded"
compile "(require 'lsp-mode) (require 'eglot) (require 'markdown-mode)"

# --- 3. package-lint --------------------------------------------------------

step "package-lint"
"$EMACS" --batch -l "$here/test/package-lint-check.el" "$here/resolution-ls.el"

# --- 4. ERT, on the compiled package ----------------------------------------

status=0
for suite in resolution-ls-test resolution-ls-lsp-mode-test resolution-ls-eglot-test; do
  step "ERT: $suite"
  if ! "$EMACS" --batch -L "$build" -L "$here/test" -l "$suite" \
       -f ert-run-tests-batch-and-exit; then
    echo "FAILED: $suite"
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  step "All Emacs checks passed"
else
  step "Some Emacs checks FAILED"
fi
exit "$status"
