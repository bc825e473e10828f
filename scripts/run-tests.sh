#!/usr/bin/env bash
# Installs what is needed, builds in a fresh folder, and runs the whole
# test suite; then the suite again under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

run_suite () {
  local dir=$1; shift
  rm -rf "$dir"
  meson setup "$dir" "$@" >/dev/null
  ninja -C "$dir"
  meson test -C "$dir" --print-errorlogs --num-processes 2
}

start=$(date +%s)
run_suite _build/ci -Ddocs=true
run_suite _build/asan -Db_sanitize=address,undefined -Db_lundef=false -Dintrospection=false
echo "All suites passed in $(( $(date +%s) - start )) s."
