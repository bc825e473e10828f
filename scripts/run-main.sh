#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job: the quick-start
# example writing, listing and reading back files in a store (default:
# an in-process memory store; pass a URI to use another).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec meson devenv -C build --workdir "$PWD" ./build/examples/quickstart "$@"
