#!/usr/bin/env bash
# Installs the peers bench-sftp measures against (not needed by the tests).
set -euo pipefail
apt-get install -y rclone python3-paramiko python3-asyncssh
