#!/usr/bin/env bash
# bench/mempairs.sh: peak RSS (and wall) of conclint against its floor
# (conclint -floor: type-check + SSA of the same package graph), in N
# alternating cold pairs on one corpus, and the median of their ratios.
#
# Usage:
#   bench/mempairs.sh [-n N] [corpus...]     default: -n 7 grpc etcd
#
# Why pairs: a run's peak RSS depends on which packages the runner happens
# to hold at once, and the floor's own peak varies by a third between
# identical runs on grpc (docs/benchmarks.md). bench/run.sh's two rounds
# give two ratios of two such maxima; the budget (peak RSS within 1.25x
# the floor's) is judged here on the median ratio of N pairs, each pair
# run back to back (the order alternates from pair to pair) so that both
# sides of a pair see the same machine load. Each run has a fresh
# CONCLINT_CACHE; the Go build cache is warmed once. Needs what
# bench/run.sh needs (it reuses its tools and module cache).
#
# Output: bench/out/mempairs-<UTC stamp>/report.md and the raw timeit lines.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
TOOLS=$BENCH/out/tools
# shellcheck source=corpus.sh
. "$BENCH/corpus.sh"
N=7
if [ "${1:-}" = -n ]; then
	N=$2
	shift 2
fi
CORPORA=("$@")
[ ${#CORPORA[@]} -gt 0 ] || CORPORA=(grpc etcd)
for corpus in "${CORPORA[@]}"; do
	corpus_row "$corpus" >/dev/null 2>&1 || {
		echo "bench/mempairs.sh: unknown corpus $corpus" >&2
		exit 2
	}
	corpus_guard_heldout "$corpus" || exit 2
done
OUT=$BENCH/out/mempairs-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT" "$TOOLS/bin"
log() { printf '%s [mempairs] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

GOCACHE=$(go env GOCACHE)
export GOCACHE
cd "$BENCH"
[ -f go.mod ] || corpus_setup_gomod
(cd "$ROOT" && go build -o "$OUT/conclint" ./cmd/conclint)
go build -o "$TOOLS/bin/timeit" ./timeit
export GOMODCACHE=$TOOLS/modcache
export GOFLAGS="${GOFLAGS:-} -modcacherw"
go mod download

field() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p"; }

{
	echo "# Peak RSS against the floor, $N alternating cold pairs"
	echo
	echo "date=$(date -u '+%Y-%m-%d %H:%M UTC') nproc=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) conclint=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo +dirty)"
	echo
	echo "| corpus | pair | floor MiB | conclint MiB | RSS ratio | floor s | conclint s | wall ratio |"
	echo "|---|--:|--:|--:|--:|--:|--:|--:|"
} >"$OUT/report.md"

for corpus in "${CORPORA[@]}"; do
	mapfile -t pkgs < <(corpus_patterns "$corpus")
	log "$corpus: warming the Go build cache"
	go list -e -export -deps -test "${pkgs[@]}" >/dev/null 2>&1 || true
	ratios=()
	for i in $(seq 1 "$N"); do
		order=(floor conclint)
		[ $((i % 2)) -eq 0 ] && order=(conclint floor)
		for side in "${order[@]}"; do
			cache=$(mktemp -d)
			flag=()
			[ "$side" = floor ] && flag=(-floor)
			CONCLINT_CACHE=$cache "$TOOLS/bin/timeit" -o "$OUT/$corpus-$side-$i.time" \
				-stdout /dev/null -stderr "$OUT/$corpus-$side-$i.err" -- "$OUT/conclint" "${flag[@]}" "${pkgs[@]}" || true
			rm -rf "$cache"
		done
		fr=$(field "$OUT/$corpus-floor-$i.time" maxrss_mib)
		cr=$(field "$OUT/$corpus-conclint-$i.time" maxrss_mib)
		fw=$(field "$OUT/$corpus-floor-$i.time" wall)
		cw=$(field "$OUT/$corpus-conclint-$i.time" wall)
		r=$(awk -v a="$cr" -v b="$fr" 'BEGIN{printf "%.2f", a/b}')
		w=$(awk -v a="$cw" -v b="$fw" 'BEGIN{printf "%.2f", a/b}')
		ratios+=("$r")
		log "$corpus pair $i: floor $fr MiB, conclint $cr MiB, ratio $r (wall $w)"
		echo "| $corpus | $i | $fr | $cr | $r | $fw | $cw | $w |" >>"$OUT/report.md"
	done
	median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
	echo "| $corpus | **median** | | | **$median** | | | |" >>"$OUT/report.md"
done
log "report: $OUT/report.md"
cat "$OUT/report.md"
