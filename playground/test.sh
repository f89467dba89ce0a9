#!/usr/bin/env bash
# Builds the playground (scripts/playground --build) and tests it in Debian's headless Chromium,
# driven by playwright-core: the reference draft's warnings, typing, quick fix, fix-all, hover,
# outline, help, a French draft, open and save, and the keystroke time in a 1 MB draft.
# Screenshots and timings go to target/playground/test/. As root, installs Chromium when missing;
# CHROMIUM names another Chromium binary.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> apt-get install chromium (for the playground's browser test)"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "error: the playground's test needs Chromium: apt-get install chromium (or set CHROMIUM)" >&2
    exit 2
  fi
fi

site="$root/target/playground/test-site"
out="$root/target/playground/test"
rm -rf "$site" "$out"
mkdir -p "$out"
"$root/scripts/playground" --build "$site"

# A generated 1 MB draft (the benchmarks' generator, as the soak test uses).
(cd "$root" && cargo run --quiet --locked -p resolution-bench --bin resolution-bench -- --generate 1048576) > "$out/draft-1mb.md"

export CHROMIUM="$chromium" PLAYGROUND_SITE="$site" PLAYGROUND_OUT="$out" PLAYGROUND_BIG_DRAFT="$out/draft-1mb.md"
node --test --test-reporter=spec test/
echo "==> playground screenshots and timings: $out"
