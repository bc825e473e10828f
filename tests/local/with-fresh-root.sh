#!/bin/sh
# with-fresh-root.sh QUERY PROGRAM ARGS…: runs PROGRAM with RS_TEST_URI
# naming a fresh, empty file:// root (plus the ?QUERY options), and removes
# that root afterwards, whatever the outcome.
set -u
query=$1
shift
root=$(mktemp -d "${TMPDIR:-/tmp}/rs-local-test.XXXXXX") || exit 1
trap 'rm -rf "$root"' EXIT INT TERM
if [ -n "$query" ]; then
  RS_TEST_URI="file://$root?$query"
else
  RS_TEST_URI="file://$root"
fi
export RS_TEST_URI
"$@"
