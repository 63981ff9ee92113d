#!/usr/bin/env bash
# golangci-plugin-test.sh: build golangci-lint with conclint's module plugin
# from this working tree and check what the real binary reports.
#
# `golangci-lint custom` clones golangci-lint from GitHub, which CI machines
# here cannot reach, so this script builds the same binary by hand from the
# module proxy: it copies golangci-lint's source out of the module cache,
# adds a plugins.go importing github.com/conclint/conclint/plugin, points the
# conclint module at this checkout with a replace directive, and builds.
# It then runs that binary on a scratch module holding the example programs
# (testdata/examples) and asserts, line for line:
#   - the findings of the examples, exactly as pinned below;
#   - the same findings as `conclint -format json` on the same module, each
#     as golangci-lint prints it through the plugin: "file:line:col: pass:
#     message (line L: related message) (conclint)", the related positions
#     folded into the message, none printed as an issue of its own, the
#     pass name once;
#   - //nolint:conclint silences a finding, its twin without it is reported;
#   - a deadlock in a file that imports "C" is reported at the user's line
#     (cgo must be enabled: gcc on PATH; the script fails otherwise);
#   - settings.disable, and settings.enable with exclude (exit status 0
#     and no output when nothing is left; 1 with findings);
#   - an unknown settings key is a clear error naming the key.
#
# Needs: Go, the module proxy (or a warm module cache). The first build
# takes a few minutes; later ones reuse Go's build cache.
# Environment: KEEP=1 keeps the scratch directory; GCL_BIN=<path> also
# copies the built binary there.
set -euo pipefail

GCL_MODULE=github.com/golangci/golangci-lint/v2
GCL_VERSION=v2.15.0
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/conclint-gcl.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "golangci-plugin-test: scratch directory $WORK"
else
	trap 'rm -rf "$WORK"' EXIT
fi
export GOWORK=off
export GOLANGCI_LINT_CACHE="$WORK/gcl-cache" CONCLINT_CACHE="$WORK/conclint-cache"

fail() {
	echo "golangci-plugin-test: FAIL: $*" >&2
	exit 1
}
step() {
	echo "-- $* ($(date -u +%H:%M:%S))"
}

step "fetching $GCL_MODULE@$GCL_VERSION through the module proxy"
(cd "$WORK" && go mod download "$GCL_MODULE@$GCL_VERSION") || fail "go mod download $GCL_MODULE@$GCL_VERSION"
SRC="$(go env GOMODCACHE)/$GCL_MODULE@$GCL_VERSION"
[ -f "$SRC/cmd/golangci-lint/main.go" ] || fail "no golangci-lint source in $SRC"

step "preparing the source tree with the conclint plugin"
cp -R "$SRC" "$WORK/gcl"
chmod -R u+w "$WORK/gcl"
cat > "$WORK/gcl/cmd/golangci-lint/plugins.go" <<'GO'
package main

// The module plugins of this build, as `golangci-lint custom` writes them.
import _ "github.com/conclint/conclint/plugin"
GO
(
	cd "$WORK/gcl"
	go mod edit -replace "github.com/conclint/conclint=$REPO"
	go mod tidy
) || fail "go mod tidy in the golangci-lint source"

step "building golangci-lint $GCL_VERSION-custom"
build_start=$(date +%s)
GCL="$WORK/golangci-lint"
(
	cd "$WORK/gcl"
	go build -ldflags "-X main.version=${GCL_VERSION#v}-custom -X main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
		-o "$GCL" ./cmd/golangci-lint
) || fail "building golangci-lint"
echo "   built in $(($(date +%s) - build_start))s"
version=$("$GCL" version 2>&1) || fail "golangci-lint version: $version"
case "$version" in
*"${GCL_VERSION#v}-custom"*) ;;
*) fail "unexpected version: $version" ;;
esac
if [ -n "${GCL_BIN:-}" ]; then
	cp "$GCL" "$GCL_BIN"
fi

step "writing the scratch module"
MOD="$WORK/mod"
mkdir -p "$MOD"
printf 'module example.com/gcltest\n\ngo 1.26\n' > "$MOD/go.mod"
cp -R "$REPO/testdata/examples/." "$MOD/"
mkdir -p "$MOD/nolint"
cat > "$MOD/nolint/nolint.go" <<'GO'
// Package nolint holds one finding silenced with //nolint:conclint and its
// twin, reported.
package nolint

import "sync"

type Queue struct {
	mu  sync.Mutex
	out chan int
}

func (q *Queue) Push(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.out <- v //nolint:conclint // the reader never stops (test)
}

func (q *Queue) PushLoud(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.out <- v
}

// drain, the only receiver, locks q.mu before every receive.
func (q *Queue) drain() {
	for {
		q.mu.Lock()
		q.mu.Unlock()
		<-q.out
	}
}
GO
# A package that uses cgo (issue 14: findings in files that import "C"
# went silent). Produce holds mu while it sends; Consume, the receiver,
# takes mu first: a real deadlock, to be reported at the user's line.
[ "$(go env CGO_ENABLED)" = 1 ] ||
	fail "cgo is disabled here (go env CGO_ENABLED = $(go env CGO_ENABLED)): the cgo case cannot run; install gcc"
mkdir -p "$MOD/cgodeadlock"
cat > "$MOD/cgodeadlock/cgodeadlock.go" <<'GO'
// Package cgodeadlock calls C while it deadlocks.
package cgodeadlock

// static int twice(int x) { return 2 * x; }
import "C"

import "sync"

var (
	mu       sync.Mutex
	ch       = make(chan int)
	received int
)

// Produce sends on ch while holding mu.
func Produce(v int) {
	mu.Lock()
	ch <- int(C.twice(C.int(v))) // line 18
	mu.Unlock()
}

// Consume takes mu before it receives: while Produce holds mu and waits
// for a receiver, Consume waits for mu.
func Consume() int {
	mu.Lock()
	received++
	mu.Unlock()
	return <-ch
}
GO
grep -q 'ch <- int(C.twice(C.int(v))) // line 18' <(sed -n 18p "$MOD/cgodeadlock/cgodeadlock.go") ||
	fail "the cgo fixture's send is not on line 18"
write_config() { # $1: the settings block under conclint, indented by 8
	cat > "$MOD/.golangci.yml" <<YML
version: "2"
linters:
  default: none
  enable:
    - conclint
  settings:
    custom:
      conclint:
        type: module
        description: concurrency pitfalls (conclint)
        original-url: https://github.com/conclint/conclint
$1
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
output:
  show-stats: false
  formats:
    text:
      path: stdout
      print-issued-lines: false
      colors: false
YML
}

# run_gcl runs the built golangci-lint in the scratch module; it sets out
# (stdout, sorted), err (stderr) and code (exit status).
run_gcl() {
	set +e
	(cd "$MOD" && "$GCL" run --config "$MOD/.golangci.yml" ./...) > "$WORK/out" 2> "$WORK/err"
	code=$?
	set -e
	out=$(LC_ALL=C sort "$WORK/out")
	err=$(cat "$WORK/err")
}

step "golangci-lint run with the whole suite"
write_config ""
run_gcl
[ "$code" = 1 ] || fail "exit status $code, want 1 (findings)
--- stdout:
$out
--- stderr:
$err"

# The examples' findings, pinned. When a pass rewords a message or an
# example changes, update these lines (and README's description).
want_pinned='lockblock/bad.go:19:11: lockblock: deadlock: send on channel b.events while b.mu is held, but the only receive that could end it, in (*Broker).run, must first lock b.mu: neither goroutine can proceed (line 17: b.mu locked here; line 27: receive that would end the wait, in (*Broker).run; line 24: which first locks b.mu here) (conclint)
lockblock/bad.go:45:16: lockblock: call to (*Broker).Count locks b.mu while it is already locked on this path: sync mutexes are not reentrant (self-deadlock) (line 42: b.mu first locked here) (conclint)
nolint/nolint.go:21:8: lockblock: deadlock: send on channel q.out while q.mu is held, but the only receive that could end it, in (*Queue).drain, must first lock q.mu: neither goroutine can proceed (line 19: q.mu locked here; line 29: receive that would end the wait, in (*Queue).drain; line 27: which first locks q.mu here) (conclint)'
while IFS= read -r line; do
	grep -qxF -- "$line" <<< "$out" || fail "missing line:
$line
--- golangci-lint printed:
$out
--- stderr:
$err"
done <<< "$want_pinned"
# The cgo finding, at the user's line and column (the pass's wording is
# cross-checked with conclint's below, not pinned here).
grep -q '^cgodeadlock/cgodeadlock.go:18:5: lockblock: .*\bmu\b' <<< "$out" ||
	fail "the lockblock finding in the cgo package is missing (want cgodeadlock/cgodeadlock.go:18:5):
$out
--- stderr:
$err"
if grep -q 'go-build\|_cgo_' <<< "$out"; then
	fail "a position in cgo's output (the build cache) was printed:
$out"
fi
if grep -q '^nolint/nolint.go:\([0-9]\|1[0-6]\):' <<< "$out"; then
	fail "//nolint:conclint did not silence the finding in Push:
$out"
fi
if grep -q '^[^ ]*: \([a-z]*\): \1:' <<< "$out"; then
	fail "the pass name is printed twice:
$out"
fi
if grep -q '(related information)' <<< "$out"; then
	fail "related positions printed as issues of their own (the plugin folds them into the message):
$out"
fi

step "cross-checking with conclint -format json on the same module"
CONCLINT="$WORK/conclint"
(cd "$REPO" && go build -o "$CONCLINT" ./cmd/conclint) || fail "building conclint"
set +e
(cd "$MOD" && "$CONCLINT" -format json ./...) > "$WORK/conclint.json" 2> "$WORK/conclint.err"
ccode=$?
set -e
[ "$ccode" = 1 ] || fail "conclint exit status $ccode, want 1
$(cat "$WORK/conclint.err")"
mkdir -p "$WORK/expect"
cat > "$WORK/expect/main.go" <<'GO'
// Command expect prints, for conclint's JSON findings on stdin, the lines
// golangci-lint v2 prints for them through the plugin (text format): the
// pass name (golangci-lint's prefix), the message with the related
// positions folded in by the plugin, the linter name. Findings in the
// files named as arguments are left out (silenced with //nolint there).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
)

func main() {
	var doc struct {
		Diagnostics []struct {
			Pass, File, Message string
			Line, Column        int
			Related             []struct {
				File, Message string
				Line          int
			}
		}
	}
	if err := json.NewDecoder(os.Stdin).Decode(&doc); err != nil {
		fmt.Fprintln(os.Stderr, "expect:", err)
		os.Exit(1)
	}
	for _, d := range doc.Diagnostics {
		if slices.Contains(os.Args[1:], d.File) {
			continue
		}
		msg := d.Message
		if len(d.Related) > 0 {
			var parts []string
			for _, r := range d.Related {
				if r.File == d.File {
					parts = append(parts, fmt.Sprintf("line %d: %s", r.Line, r.Message))
				} else {
					parts = append(parts, fmt.Sprintf("%s:%d: %s", path.Base(r.File), r.Line, r.Message))
				}
			}
			msg += " (" + strings.Join(parts, "; ") + ")"
		}
		fmt.Printf("%s:%d:%d: %s: %s (conclint)\n", d.File, d.Line, d.Column, d.Pass, msg)
	}
}
GO
(cd "$WORK/expect" && printf 'module expect\n\ngo 1.26\n' > go.mod && go run . nolint/nolint.go < "$WORK/conclint.json") > "$WORK/expected" ||
	fail "expect helper"
want=$(LC_ALL=C sort "$WORK/expected")
# The nolint'd file is left out of conclint's side; add golangci's one
# reported finding there back from the pinned lines.
want=$(printf '%s\n%s\n' "$want" "$(grep '^nolint/' <<< "$want_pinned")" | LC_ALL=C sort)
if [ "$out" != "$want" ]; then
	fail "golangci-lint and conclint disagree
--- diff (conclint expected, golangci-lint printed):
$(diff <(echo "$want") <(echo "$out") || true)"
fi

step "golangci-lint run with settings.disable: [lockblock]"
write_config "        settings:
          disable: [lockblock]"
run_gcl
want_rest=$(grep -v '^[^ ]*: lockblock: ' <<< "$want" || true)
want_code=1
[ -n "$want_rest" ] || want_code=0
[ "$code" = "$want_code" ] && [ "$out" = "$want_rest" ] || fail "with disable: [lockblock]: exit status $code (want $want_code)
--- diff (expected, printed):
$(diff <(echo "$want_rest") <(echo "$out") || true)
--- stderr:
$err"

step "golangci-lint run with settings.enable: [lockblock] and exclude of the files it reports in"
excludes=$(grep '^[^ ]*: lockblock: ' <<< "$want" | cut -d: -f1 | sort -u | sed 's/.*/"&"/' | paste -sd, -)
[ -n "$excludes" ] || fail "lockblock reports nothing in the scratch module"
write_config "        settings:
          enable: [lockblock]
          exclude: [$excludes]"
run_gcl
[ "$code" = 0 ] && [ -z "$out" ] || fail "with enable: [lockblock], exclude: [$excludes]: exit status $code, want 0 and no findings
--- stdout:
$out
--- stderr:
$err"

step "golangci-lint run with an unknown settings key"
write_config "        settings:
          bogus: true"
run_gcl
[ "$code" = 3 ] || fail "an unknown key: exit status $code, want 3 (golangci-lint's failure)
$err"
grep -qF 'plugin(conclint): newPlugin conclint settings: unknown key "bogus" (known keys: enable, disable, ' <<< "$err" ||
	fail "an unknown key: the error does not name it:
$err"

echo "golangci-plugin-test: ok"
