#!/usr/bin/env bash
# Installs what bench-s3 needs beyond the test suite's packages
# (scripts/install-deps.sh): the peers curl and rclone, nginx for the
# server-cost-free rows, and s3rver from npm, pinned by package-lock.json
# in this folder. Idempotent; run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")"
packages=(curl rclone nginx-light awscli python3-boto3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  # --no-install-recommends: the nginx binary only, no service started.
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -d node_modules/s3rver ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null
