#!/usr/bin/env bash
# bench/heldout/run.sh: run a conclint binary once on one added held-out set
# and keep what it printed, for judging (docs/evaluation.md) or comparing.
#
# Usage:
#   bench/heldout/run.sh BIN SET OUTDIR [conclint flags...]
#
# BIN is a conclint binary (go build -o /tmp/conclint ./cmd/conclint), SET a
# directory name under bench/heldout (added175), OUTDIR where to write:
#   raw.txt    conclint's text output (findings with their related lines)
#   err.txt    its stderr
#   meta.txt   exit status and wall seconds
#   findings.txt  the findings' first lines only, sorted
# The set's modules go into the bench module cache (bench/out/tools/modcache),
# shared with bench/run.sh and bench/eval.sh; a fresh CONCLINT_CACHE is used.
# A never-seen set is run once, on frozen rules: see bench/heldout/README.md.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: bench/heldout/run.sh BIN SET OUTDIR [flags...]" >&2; exit 2; }
BIN=$(realpath "$1")
SET=$2
mkdir -p "$3"
OUT=$(cd "$3" && pwd)
shift 3
HELD=$(cd "$(dirname "$0")" && pwd)
cd "$HELD/$SET"
export GOMODCACHE=$HELD/../out/tools/modcache GOFLAGS=-modcacherw
cache=$(mktemp -d)
start=$(date +%s)
rc=0
# shellcheck disable=SC2046 # pkgs.txt is one line of package paths
CONCLINT_CACHE=$cache "$BIN" "$@" $(cat pkgs.txt) >"$OUT/raw.txt" 2>"$OUT/err.txt" || rc=$?
echo "exit=$rc wall=$(($(date +%s) - start))" >"$OUT/meta.txt"
rm -rf "$cache"
grep -v '^[[:space:]]' "$OUT/raw.txt" | sort >"$OUT/findings.txt" || true
cat "$OUT/meta.txt"
