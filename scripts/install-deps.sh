#!/usr/bin/env bash
# Installs what building and testing libremotestore needs on Debian 12.
# Idempotent; run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libltdl-dev
  gobject-introspection libgirepository1.0-dev gir1.2-glib-2.0
  # tests
  libglib-testing-0-dev valgrind python3-gi gjs
  # the network plugins build against these; liburing for the local
  # plugin's io_uring engine; attr for xattr checks in the local tests
  libcurl4-gnutls-dev libssh2-1-dev libgnutls28-dev liburing-dev attr
  # loopback test servers: OpenStack Swift with s3api (+ memcached for
  # tempauth), OpenSSH's sshd; Azurite comes from npm (tests/azure/)
  swift swift-proxy swift-object swift-container swift-account python3-swift memcached
  openssh-server openssh-client
  # independent clients for the interop tests
  awscli python3-azure python3-boto3
  # documentation
  gi-docgen
)

missing=()
# Azurite needs node and npm; this image may bring its own node (with npm
# inside), which Debian's npm package conflicts with.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

npm_ci () {
  # Test servers from npm (Azurite), pinned by a lock file beside the
  # tests that start them.
  local lock dir
  for lock in tests/*/package-lock.json; do
    [ -f "$lock" ] || continue
    dir=$(dirname "$lock")
    [ -d "$dir/node_modules" ] || (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  done
}

for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  npm_ci
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_ci
