# shellcheck shell=bash
# bench/corpus.sh: reads bench/corpus.txt, the one list of the real-code
# corpora and of the evaluation's two halves. Sourced by bench/run.sh and
# bench/eval.sh (with set -euo pipefail already on); defines functions only.
#
# Needs BENCH (the bench/ directory) to be set.

CORPUS_FILE=$BENCH/corpus.txt

# corpus_lines_of: the corpus lines of corpus.txt, comments and blank lines dropped.
corpus_lines_of() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$CORPUS_FILE"
}

# corpus_row NAME: the line of corpus NAME (fails if there is none).
corpus_row() {
	local row
	row=$(corpus_lines_of | awk -v n="$1" '$1 == n')
	if [ -z "$row" ]; then
		echo "unknown corpus $1 (known: $(corpus_names '' | tr '\n' ' '))" >&2
		return 1
	fi
	printf '%s\n' "$row"
}

# corpus_names [HALF]: the corpus names, in file order, of HALF (default all).
corpus_names() {
	corpus_lines_of | awk -v h="${1:-}" 'h == "" || $2 == h { print $1 }'
}

corpus_half() { corpus_row "$1" | awk '{print $2}'; }
corpus_module() { corpus_row "$1" | awk '{print $3}'; }
corpus_version() { corpus_row "$1" | awk '{print $4}'; }
corpus_touch() { corpus_row "$1" | awk '$5 != "-" {print $5}'; }

# corpus_patterns NAME: the package patterns of NAME, one a line, @FILE
# expanded. BENCH_<NAME>_PKGS (upper case), when set and not empty,
# replaces them (e.g. BENCH_STD_PKGS="sync context" for a quick try).
corpus_patterns() {
	local name=$1 var
	var="BENCH_$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')_PKGS"
	if [ -n "${!var:-}" ]; then
		local -a words
		read -ra words <<<"${!var}"
		printf '%s\n' "${words[@]}"
		return
	fi
	corpus_default_patterns "$name"
}

# corpus_default_patterns NAME: the patterns of corpus.txt, ignoring overrides.
corpus_default_patterns() {
	local row f
	row=$(corpus_row "$1")
	for f in $(printf '%s\n' "$row" | awk '{for (i = 6; i <= NF; i++) print $i}'); do
		case $f in
		@*)
			[ -f "$BENCH/${f#@}" ] || {
				echo "corpus $1: missing pattern file bench/${f#@}" >&2
				return 1
			}
			sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's/[[:space:]]*$//' "$BENCH/${f#@}"
			;;
		*) printf '%s\n' "$f" ;;
		esac
	done
}

# corpus_setup_gomod: creates bench/go.mod from nothing when it is missing:
# each module corpus as an ordinary dependency at its pinned version, with
# its tests' dependencies (-t; a plain get + tidy leaves go.sum entries
# missing, e.g. for etcd). One go get per corpus, in file order (this
# reproduces the versions the benchmarks were measured with), then one for
# all of them: it adds the go.sum entries of dependencies that a later get
# upgraded (hashicorp/raft's go-colorable, upgraded for pebble), which the
# earlier get had only for the old version. Only the module proxy is used.
corpus_setup_gomod() {
	[ ! -f "$BENCH/go.mod" ] || return 0
	local name version all=() args
	(cd "$BENCH" && go mod init github.com/conclint/conclint/bench && go mod edit -go=1.26.0)
	for name in $(corpus_names ''); do
		version=$(corpus_version "$name")
		[ "$version" != go ] || continue
		mapfile -t args < <(corpus_default_patterns "$name" | sed "s/\$/@$version/")
		(cd "$BENCH" && go get -t "${args[@]}")
		all+=("${args[@]}")
	done
	(cd "$BENCH" && go get -t "${all[@]}")
}

# corpus_lines PKGS...: the lines of the Go files (tests included) of the
# packages, run in the bench module.
corpus_lines() {
	go list -e -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}
{{end}}' "$@" | sort -u | xargs cat | wc -l
}

# corpus_guard_heldout NAME: fails for a held-out corpus unless
# CONCLINT_HELDOUT=finished says that the rules being measured are finished.
# The held-out half is there to judge finished rules on code nobody tuned
# them on: its findings are not looked at while a rule is being written.
corpus_guard_heldout() {
	[ "$(corpus_half "$1")" = heldout ] || return 0
	[ "${CONCLINT_HELDOUT:-}" = finished ] && return 0
	echo "corpus $1 is in the held-out half: it is run only on finished rules." >&2
	echo "Set CONCLINT_HELDOUT=finished to run it (and judge every finding in docs/evaluation.md)," >&2
	echo "or verify that it loads without looking at findings: bench/eval.sh -floor heldout" >&2
	return 1
}
