#!/usr/bin/env bash
# bench/run.sh: conclint on real code, side by side with staticcheck and
# go vet in the same run. Results: bench/out/<stamp>/report.md (the table
# that goes into docs/benchmarks.md) and the raw outputs beside it.
#
# Usage:
#   bench/run.sh [corpus...]      default: std etcd grpc raft stress
#
# Corpora: stress (generated) and those of bench/corpus.txt, which gives each
# one's module, version, packages and half of the evaluation (tune: std etcd
# grpc raft nats sarama; heldout: memberlist clientgo pebble kafkago goredis).
# A held-out corpus runs only with CONCLINT_HELDOUT=finished (see
# bench/corpus.txt and docs/evaluation.md): this report counts findings.
#
# Needs only Go (1.26) and the Go module proxy. Environment knobs:
#   BENCH_TIMEOUT=15m             limit of each timed command
#   BENCH_<NAME>_PKGS="..."       the packages of corpus NAME instead of
#                                 bench/corpus.txt's, e.g. BENCH_STD_PKGS="sync
#                                 context" for a quick try (BENCH_ETCD_PKGS,
#                                 BENCH_GRPC_PKGS, BENCH_RAFT_PKGS, ...)
#   BENCH_SECOND_COLD=1           0 skips conclint's second cold run (the determinism check)
#   BENCH_STD_ROUNDS=1            rounds of cold runs for std (2 for the modules: see below)
#   BENCH_MEM_PAIRS=5             cold (floor, conclint) pairs for the peak RSS ratio, rounds
#                                 1 and 2 included (module corpora; see below)
#   BENCH_OUT=dir                 where to write (default bench/out/<UTC stamp>)
#
# What is timed, per corpus (each command with a fresh result cache so that
# real analysis is timed; the Go build cache is warmed once beforehand and is
# the same for all):
#   round 1: conclint cold (fresh CONCLINT_CACHE), the floor (conclint -floor:
#     type-check + SSA of the same package graph, fresh cache), staticcheck
#     -checks all (fresh STATICCHECK_CACHE), go vet (cache busted by a random
#     -printf.funcs value);
#   conclint warm rerun and conclint after editing one package (round 1's cache);
#   round 2 (every module corpus), in reverse order: staticcheck, floor, conclint
#     cold, whose output is compared byte for byte with round 1's (std: only
#     the conclint cold run; stress: no round 2);
#   then (every module corpus) BENCH_MEM_PAIRS-2 more cold pairs of floor and
#     conclint, alternating which runs first: the report gives the median of
#     the pairs' peak RSS ratios, the budget's measure, and the floor's own
#     spread between identical runs.
# The machine is shared: compare tools within a round, not across runs.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${BENCH_OUT:-$BENCH/out/$STAMP}
TOOLS=$BENCH/out/tools   # kept across runs: binaries, module copies, stress packages
TIMEOUT=${BENCH_TIMEOUT:-15m}
# shellcheck source=corpus.sh
. "$BENCH/corpus.sh"
SECOND_COLD=${BENCH_SECOND_COLD:-1}
MEM_PAIRS=${BENCH_MEM_PAIRS:-5}
CORPORA=("$@")
[ ${#CORPORA[@]} -gt 0 ] || CORPORA=(std etcd grpc raft stress)
# Fail before the long setup on an unknown corpus or a held-out one.
for corpus in "${CORPORA[@]}"; do
	[ "$corpus" = stress ] && continue
	corpus_row "$corpus" >/dev/null 2>&1 || {
		echo "bench/run.sh: unknown corpus $corpus (stress $(corpus_names '' | tr '\n' ' '))" >&2
		exit 2
	}
	corpus_guard_heldout "$corpus" || exit 2
done

STATICCHECK_VERSION=v0.8.2
# The corpus modules are ordinary dependencies pinned in bench/go.mod. They
# are downloaded through the module proxy into a module cache of the
# benchmark's own (bench/out/tools/modcache, writable: -modcacherw), so that
# the "edit one package" rerun can edit a file without touching the shared
# module cache; the file is restored right after.
#
# The package each corpus edits for the incremental rerun (bench/corpus.txt's
# touch column): one with few importers, so that "only what depends on it"
# is visible in the count.

log() { printf '%s [bench] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

mkdir -p "$OUT" "$TOOLS/bin"
# Pin the Go build cache: it is shared by every tool and warmed once. (Left
# to default, it follows XDG_CACHE_HOME, and a tool given a fresh
# XDG_CACHE_HOME would silently recompile everything.)
GOCACHE=$(go env GOCACHE)
export GOCACHE
log "output in $OUT"
cd "$BENCH"

# --- setup -----------------------------------------------------------------

if [ ! -f go.mod ]; then
	# From nothing: the pinned corpus as ordinary dependencies (corpus.sh).
	# grpc's packages are listed explicitly in grpc-packages.txt, because
	# google.golang.org/grpc/... with tests pulls the separate grpc/examples
	# module.
	log "creating bench/go.mod"
	corpus_setup_gomod
fi
log "installing staticcheck $STATICCHECK_VERSION"
[ -x "$TOOLS/bin/staticcheck" ] && "$TOOLS/bin/staticcheck" -version | grep -q "${STATICCHECK_VERSION#v}" ||
	GOBIN=$TOOLS/bin go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
log "building conclint from $ROOT"
(cd "$ROOT" && go build -o "$TOOLS/bin/conclint" ./cmd/conclint)
go build -o "$TOOLS/bin/timeit" ./timeit
go build -o "$TOOLS/bin/report" ./report
CONCLINT=$TOOLS/bin/conclint
STATICCHECK=$TOOLS/bin/staticcheck
TIMEIT=$TOOLS/bin/timeit

export GOMODCACHE=$TOOLS/modcache
export GOFLAGS="${GOFLAGS:-} -modcacherw"
log "downloading the corpus modules into $GOMODCACHE"
go mod download

# The generated stress packages: github.com/conclint/conclint/bench/out/tools/stress/<name>.
STRESS=(bigfunc5000 bigfunc10000 bigfunc20000 manyfuncs1250 manyfuncs2500 manyfuncs5000)
for s in "${STRESS[@]}"; do
	kind=${s%%[0-9]*}
	n=${s#"$kind"}
	go run ./genstress -kind "$kind" -n "$n" -out "$TOOLS/stress/$s"
done

# --- machine ---------------------------------------------------------------

{
	echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "nproc=$(nproc)"
	echo "mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
	echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
	echo "go=$(go env GOVERSION) $(go env GOOS)/$(go env GOARCH)"
	echo "conclint=$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)"
	echo "staticcheck=$("$STATICCHECK" -version)"
	echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "corpora=${CORPORA[*]}"
	echo "command=bench/run.sh ${*:-}"
} >"$OUT/machine.txt"

# --- measurements ----------------------------------------------------------

# timed NAME CMD...: run CMD under timeit, recording into $dir/NAME.{time,out,err}.
timed() {
	local name=$1
	shift
	log "  $name: $(printf '%s ' "$@" | cut -c1-140)"
	"$TIMEIT" -o "$dir/$name.time" -timeout "$TIMEOUT" -stdout "$dir/$name.out" -stderr "$dir/$name.err" -- "$@"
	log "    $(cat "$dir/$name.time")"
}

# lines PKGS...: the lines of the Go files (tests included) of the packages.
lines() { corpus_lines "$@"; }

# touch_file PKG: a non-test Go file of PKG, the one that gets edited.
touch_file() {
	go list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}' "$1" | head -1
}

# restore_edit puts back the file the edited rerun changed (also after an
# interrupted run: it is called at startup).
restore_edit() {
	if [ -f "$TOOLS/edit-backup/path" ]; then
		cp "$TOOLS/edit-backup/content" "$(cat "$TOOLS/edit-backup/path")"
		rm -rf "$TOOLS/edit-backup"
	fi
}
restore_edit

# measure CORPUS PKGS...
measure() {
	local corpus=$1
	shift
	local rounds=${ROUNDS:-2}
	dir=$OUT/$corpus
	mkdir -p "$dir" "$OUT/caches"
	printf '%s\n' "$@" >"$dir/patterns.txt"
	log "$corpus: listing and warming the Go build cache"
	go list -e "$@" >"$dir/packages.txt"
	echo "packages=$(wc -l <"$dir/packages.txt")" >"$dir/meta.txt"
	echo "lines=$(lines "$@")" >>"$dir/meta.txt"
	# Untimed: export data of every package and test variant, compiled once
	# into the Go build cache, which every tool below then reuses.
	go list -e -export -deps -test "$@" >/dev/null 2>"$dir/warmup.err" || true
	go build "$@" >/dev/null 2>>"$dir/warmup.err" || true

	export CONCLINT_BENCH_STATS=1
	local c1=$OUT/caches/$corpus-conclint1 c2=$OUT/caches/$corpus-conclint2 cf=$OUT/caches/$corpus-floor sc=$OUT/caches/$corpus-staticcheck
	rm -rf "$c1" "$c2" "$cf" "$sc"
	# Round 1: conclint, floor, staticcheck, go vet.
	CONCLINT_CACHE=$c1 timed conclint-cold "$CONCLINT" "$@"
	CONCLINT_CACHE=$cf timed floor "$CONCLINT" -floor "$@"
	STATICCHECK_CACHE=$sc timed staticcheck "$STATICCHECK" -checks all "$@"
	timed vet go vet "-printf.funcs=benchbust$RANDOM$RANDOM" "$@"
	rm -rf "$cf" "$sc"
	# Reruns on round 1's cache.
	CONCLINT_CACHE=$c1 timed conclint-warm "$CONCLINT" "$@"
	local pkg=""
	[ "$corpus" = std ] || [ "${corpus#stress-}" != "$corpus" ] || pkg=$(corpus_touch "$corpus")
	if [ -n "$pkg" ]; then
		local f
		f=$(touch_file "$pkg")
		mkdir -p "$TOOLS/edit-backup"
		cp "$f" "$TOOLS/edit-backup/content"
		echo "$f" >"$TOOLS/edit-backup/path"
		trap restore_edit EXIT
		printf '\n// edited by bench/run.sh\nfunc benchEdited() int { return 1 }\n' >>"$f"
		echo "touched=$pkg" >>"$dir/meta.txt"
		echo "touched_file=${f#"$GOMODCACHE/"}" >>"$dir/meta.txt"
		go list -e -export -deps -test "$@" >/dev/null 2>&1 || true # recompile, untimed, as an editor's build would
		CONCLINT_CACHE=$c1 timed conclint-edit "$CONCLINT" "$@"
		restore_edit
		trap - EXIT
		go list -e -export -deps -test "$@" >/dev/null 2>&1 || true
	fi
	# Round 2, in reverse order so that a drift of the machine's load
	# favours no tool: staticcheck, floor, conclint (whose output is
	# compared with round 1's). With one round (std), only the conclint run.
	if [ "$rounds" -ge 2 ]; then
		STATICCHECK_CACHE=$sc timed staticcheck2 "$STATICCHECK" -checks all "$@"
		CONCLINT_CACHE=$cf timed floor2 "$CONCLINT" -floor "$@"
	fi
	if [ "$rounds" -ge 1 ] && [ "$SECOND_COLD" = 1 ]; then
		CONCLINT_CACHE=$c2 timed conclint-cold2 "$CONCLINT" "$@"
		if cmp -s "$dir/conclint-cold.out" "$dir/conclint-cold2.out"; then
			echo "identical=yes" >>"$dir/meta.txt"
		else
			echo "identical=NO" >>"$dir/meta.txt"
		fi
	fi
	unset CONCLINT_BENCH_STATS
	# Peak RSS against the floor: more cold pairs (rounds 1 and 2 are the
	# first two), alternating which side runs first. One run's peak RSS
	# depends on which packages the runner holds at once and on when the
	# GC runs; the floor's own peak varies by a third between identical
	# runs on grpc, so the budget is judged on the median of the pairs'
	# ratios, with the floor-to-floor spread beside it (report).
	if [ "$rounds" -ge 2 ] && [ "$SECOND_COLD" = 1 ]; then
		local k cm
		for k in $(seq 3 "$MEM_PAIRS"); do
			cm=$OUT/caches/$corpus-mem
			for side in $([ $((k % 2)) -eq 1 ] && echo "conclint floor" || echo "floor conclint"); do
				rm -rf "$cm"
				if [ "$side" = floor ]; then
					CONCLINT_CACHE=$cm timed "mem-floor-$k" "$CONCLINT" -floor "$@"
				else
					CONCLINT_CACHE=$cm timed "mem-conclint-$k" "$CONCLINT" "$@"
				fi
			done
			rm -rf "$cm"
		done
	fi
	rm -rf "$c1" "$c2" "$cf" "$sc" # the caches are large; the outputs stay
}

for corpus in "${CORPORA[@]}"; do
	case $corpus in
	std)
		# shellcheck disable=SC2046 # one pattern a word
		ROUNDS=${BENCH_STD_ROUNDS:-1} measure std $(corpus_patterns std)
		;;
	stress)
		for s in "${STRESS[@]}"; do
			ROUNDS=1 SECOND_COLD=0 measure "stress-$s" "github.com/conclint/conclint/bench/out/tools/stress/$s"
		done
		;;
	*)
		# shellcheck disable=SC2046 # one pattern a word
		measure "$corpus" $(corpus_patterns "$corpus")
		;;
	esac
done

rmdir "$OUT/caches" 2>/dev/null || true
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
"$TOOLS/bin/report" -dir "$OUT" >"$OUT/report.md"
ln -sfn "$OUT" "$BENCH/out/latest"
log "done: $OUT/report.md"
cat "$OUT/report.md"
