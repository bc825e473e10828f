#!/usr/bin/env bash
# Installs what building and testing libremotestore needs on Debian 12.
# Idempotent; run as root (or with sudo available).
set -euo pipefail

packages=(
  # build
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libltdl-dev
  gobject-introspection libgirepository1.0-dev gir1.2-glib-2.0
  # tests
  libglib-testing-0-dev valgrind python3-gi gjs
  # the network plugins (later issues) build against these
  libcurl4-gnutls-dev libssh2-1-dev libgnutls28-dev
  # documentation
  gi-docgen
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
