#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job: the remote-store
# tool copies a sample tree (this repository's docs/ and examples/) into a
# store, lists it and sums it up. The store is by default a local folder
# the script creates (build/main-job); pass another location instead — a
# local path, a file:// URI, or NAME:path for a store of the configuration
# (each step is its own process, so an in-process memory:// store would
# not outlive it).
set -euo pipefail
cd "$(dirname "$0")/.."

build="${RS_BUILD_DIR:-build}"
bash scripts/install-deps.sh
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
ninja -C "$build" >/dev/null

if [ $# -gt 0 ]; then
  dest="$1"
else
  mkdir -p "$build/main-job"
  dest="$PWD/$build/main-job"
fi

rs() {
  echo "+ remote-store $*" >&2
  meson devenv -C "$build" --workdir "$PWD" "./$build/tools/remote-store" "$@"
}

rs rm -r -f "$dest/sample"
rs cp -r docs "$dest/sample/"
rs cp -r examples "$dest/sample/"
rs ls -l -R "$dest/sample"
rs du -H "$dest/sample"
rs glob "$dest/sample" '**/*.md'
rs stat "$dest/sample/docs/decisions.md"
