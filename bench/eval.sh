#!/usr/bin/env bash
# bench/eval.sh: conclint's findings on one half of the real-code evaluation
# corpus, for reading and judging (docs/evaluation.md). It measures no time
# worth comparing (that is bench/run.sh) and judges nothing.
#
# Usage:
#   bench/eval.sh [-floor] tune|heldout [corpus...]
#
# The halves and their corpora are those of bench/corpus.txt (default: every
# corpus of the half). Rules are tuned on the tune half; the held-out half is
# run only on finished rules, and then needs CONCLINT_HELDOUT=finished. With
# -floor, conclint runs with its hidden -floor flag instead: load, type-check
# and build SSA for every package, and print no finding; that checks that a
# corpus (either half) is usable without looking at what the passes say.
#
# conclint is built from this working tree, and runs on each corpus with
# -format json, its tests included, with a fresh CONCLINT_CACHE. Results in
# bench/out/eval-<half>[-floor]-<UTC stamp>/ (EVAL_OUT=dir to choose):
#   summary.md             findings per corpus, per pass and per category;
#                          packages and lines of Go; failures
#   run.txt                conclint's revision, date, machine load
#   <corpus>/conclint.json conclint's output as printed (paths relative to
#                          bench/ or absolute)
#   <corpus>/findings.txt  file:line:col: pass: message, file relative to its
#                          module root (to GOROOT/src for std)
#   <corpus>/counts.tsv    pass, category, count
#   <corpus>/errors.txt    load and type-check failures, internal errors
#   <corpus>/conclint.err  conclint's stderr (warnings, a crash's trace)
#   <corpus>/meta.txt      module, version, packages, lines, wall seconds
#   <corpus>/packages.txt, patterns.txt
# A package that fails to load or type-check, an internal error of a pass,
# a crash or output that is not JSON is printed loudly at the end, and the
# exit status is then 3.
#
# Needs only Go (1.26) and the Go module proxy (the corpus modules go into
# bench/out/tools/modcache, shared with bench/run.sh). Environment:
#   BENCH_<NAME>_PKGS="..."  other packages for corpus NAME (a quick try)
#   CONCLINT_HELDOUT=finished  allows the held-out half without -floor
#   EVAL_OUT=dir             where to write
#   EVAL_NICE=10             niceness of the conclint runs (a shared machine)
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
TOOLS=$BENCH/out/tools
# shellcheck source=corpus.sh
. "$BENCH/corpus.sh"

usage() {
	echo "usage: bench/eval.sh [-floor] tune|heldout [corpus...]" >&2
	exit 2
}

FLOOR=0
if [ "${1:-}" = -floor ]; then
	FLOOR=1
	shift
fi
[ $# -ge 1 ] || usage
HALF=$1
shift
case $HALF in
tune | heldout) ;;
*) usage ;;
esac
CORPORA=("$@")
if [ ${#CORPORA[@]} -eq 0 ]; then
	mapfile -t CORPORA < <(corpus_names "$HALF")
fi
for c in "${CORPORA[@]}"; do
	corpus_row "$c" >/dev/null || exit 2
	if [ "$(corpus_half "$c")" != "$HALF" ]; then
		echo "bench/eval.sh: corpus $c is in the $(corpus_half "$c") half, not $HALF" >&2
		exit 2
	fi
	[ "$FLOOR" = 1 ] || corpus_guard_heldout "$c" || exit 2
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
kind=$HALF
[ "$FLOOR" = 0 ] || kind=$HALF-floor
OUT=${EVAL_OUT:-$BENCH/out/eval-$kind-$STAMP}
NICE=${EVAL_NICE:-10}

log() { printf '%s [eval] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

mkdir -p "$OUT" "$TOOLS/bin"
OUT=$(cd "$OUT" && pwd)
GOCACHE=$(go env GOCACHE)
export GOCACHE
GOROOT_SRC=$(go env GOROOT)/src
log "output in $OUT"
cd "$BENCH"

# bench/run.sh edits one file of the module cache for its incremental rerun
# and puts it back; a backup left behind means that it is running now or was
# interrupted, and the corpus is not the pinned one.
if [ -e "$TOOLS/edit-backup/path" ]; then
	echo "bench/eval.sh: $(cat "$TOOLS/edit-backup/path") is edited by bench/run.sh (running, or interrupted: rerun it to restore)" >&2
	exit 2
fi

if [ ! -f go.mod ]; then
	log "creating bench/go.mod"
	corpus_setup_gomod
fi
log "building conclint from $ROOT"
CONCLINT=$OUT/conclint
(cd "$ROOT" && go build -o "$CONCLINT" ./cmd/conclint)
go build -o "$TOOLS/bin/evalsum" ./evalsum
EVALSUM=$TOOLS/bin/evalsum

export GOMODCACHE=$TOOLS/modcache
export GOFLAGS="${GOFLAGS:-} -modcacherw"
log "downloading the corpus modules into $GOMODCACHE"
go mod download

printf '%s\n' "${CORPORA[@]}" >"$OUT/corpora.txt"
{
	echo "half: $HALF$([ "$FLOOR" = 0 ] || echo ' (conclint -floor: load, type-check and SSA only; findings are not computed)')"
	echo "conclint: $(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown) (built from $ROOT)"
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "go: $(go env GOVERSION); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "command: bench/eval.sh $([ "$FLOOR" = 0 ] || echo '-floor ')$HALF ${*:-}"
} >"$OUT/run.txt"

cache=""
trap 'rm -rf "$cache"' EXIT # the result cache of an interrupted run
for corpus in "${CORPORA[@]}"; do
	dir=$OUT/$corpus
	mkdir -p "$dir"
	mapfile -t pkgs < <(corpus_patterns "$corpus")
	printf '%s\n' "${pkgs[@]}" >"$dir/patterns.txt"
	log "$corpus: listing, counting lines, warming the Go build cache"
	go list -e "${pkgs[@]}" >"$dir/packages.txt"
	{
		echo "module=$(corpus_module "$corpus")"
		echo "version=$(corpus_version "$corpus")"
		echo "packages=$(wc -l <"$dir/packages.txt")"
		echo "lines=$(corpus_lines "${pkgs[@]}")"
	} >"$dir/meta.txt"
	nice -n "$NICE" go list -e -export -deps -test "${pkgs[@]}" >/dev/null 2>"$dir/warmup.err" || true

	cache=$(mktemp -d "${TMPDIR:-/tmp}/conclint-eval-cache.XXXXXX")
	flags=(-format json)
	[ "$FLOOR" = 0 ] || flags=(-floor "${flags[@]}")
	log "$corpus: conclint ${flags[*]} on $(wc -l <"$dir/packages.txt") packages"
	start=$(date +%s.%N)
	rc=0
	CONCLINT_CACHE=$cache nice -n "$NICE" "$CONCLINT" "${flags[@]}" "${pkgs[@]}" >"$dir/conclint.json" 2>"$dir/conclint.err" || rc=$?
	end=$(date +%s.%N)
	rm -rf "$cache"
	cache=""
	echo "$rc" >"$dir/conclint.exit"
	echo "wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f s", e - s }')" >>"$dir/meta.txt"
	"$EVALSUM" corpus -dir "$dir" -cwd "$BENCH" -strip "$GOMODCACHE:$GOROOT_SRC"
	if [ "$FLOOR" = 1 ]; then
		rm -f "$dir/findings.txt" "$dir/counts.tsv" # -floor computes none
	fi
	log "$corpus: $(tr '\n' ' ' <"$dir/status.txt")"
done

rm -f "$CONCLINT" # 40 MB; run.txt names the revision
ln -sfn "$OUT" "$BENCH/out/latest-eval-$kind"
log "done: $OUT/summary.md"
summary=(summary -dir "$OUT" -half "$HALF")
[ "$FLOOR" = 0 ] || summary+=(-floor)
"$EVALSUM" "${summary[@]}"
