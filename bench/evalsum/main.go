// Command evalsum turns the JSON output of conclint on one corpus into the
// files bench/eval.sh leaves for reading and diffing, and sums a whole run
// up. It judges nothing: it counts, and it makes failures loud.
//
//	evalsum corpus -dir OUT/<corpus> -cwd DIR -strip P1:P2
//	evalsum summary -dir OUT -half tune
//
// corpus reads DIR/conclint.json (conclint -format json), conclint.err
// (its stderr) and conclint.exit (its exit status), and writes
//   - findings.txt: file:line:col: pass: message, one finding a line, the
//     file relative to its module root (a prefix of -strip removed: the
//     module cache, whose next path element, module@version, goes too, or
//     GOROOT/src) or to -cwd;
//   - counts.tsv: pass, category, count;
//   - errors.txt: each error of the run (package: message), load and
//     type-check failures and internal errors of the passes alike;
//   - status.txt: key=value lines that summary reads.
//
// summary reads every OUT/*/status.txt, counts.tsv and meta.txt and prints
// summary.md: findings per corpus and pass, per pass and category, and the
// failures. It exits 3 when any corpus failed to load, type-check or be
// analyzed, panicked, or printed no valid JSON.
//
// The JSON of conclint has no category field (yet): the category is then
// the pass's own category name, recognised from the message wording that
// each pass uses for it (the table below, kept in step with analyzers/);
// a message that matches none counts as "unclassified", which the summary
// shows, so a new wording is noticed rather than miscounted.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: evalsum corpus|summary [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "corpus":
		err = corpusCmd(os.Args[2:])
	case "summary":
		err = summaryCmd(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q (corpus, summary)", os.Args[1])
	}
	var exit exitError
	switch {
	case errors.As(err, &exit):
		os.Exit(int(exit))
	case err != nil:
		fmt.Fprintln(os.Stderr, "evalsum:", err)
		os.Exit(2)
	}
}

// exitError is a deliberate exit status, the message already printed.
type exitError int

func (e exitError) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// output is the part of conclint's JSON output (docs/cli.md) read here.
type output struct {
	Diagnostics []diagnostic `json:"diagnostics"`
	Errors      []struct {
		Package string `json:"package"`
		Message string `json:"message"`
	} `json:"errors"`
}

type diagnostic struct {
	Pass     string `json:"pass"`
	Category string `json:"category"` // not in conclint's JSON today; used when it is
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
}

// categories maps each pass to its categories (the Category names of its
// diagnostics in analyzers/<pass>) and a pattern of the messages of each.
// The first match wins.
var categories = map[string][]struct {
	name string
	re   *regexp.Regexp
}{
	"lockblock": {
		{"lock-order", regexp.MustCompile(`^lock order inversion: `)},
		{"held-on-return", regexp.MustCompile(`^return with .* still locked`)},
		{"recursive-rlock", regexp.MustCompile(`already read-locked on this path: if a writer`)},
		{"relock", regexp.MustCompile(`(for writing while it is read-locked on this path|already locked on this path: sync mutexes are not reentrant)`)},
		{"blocking-under-lock", regexp.MustCompile(` is held.*: every goroutine that needs `)},
	},
	"goroutineleak": {
		{"producer-no-exit", regexp.MustCompile(`^producer goroutine can block forever`)},
		{"abandoned-sender", regexp.MustCompile(`can return without receiving from it`)},
		{"blocked-sync", regexp.MustCompile(`(without calling Done or starting the goroutines|which is local to it, so nothing can unlock it|without Signal or Broadcast)`)},
		{"abandoned-receiver", regexp.MustCompile(`^goroutine can block forever in .*, and nothing else can \(goroutine leak\)`)},
	},
	"errgroupwait": {
		{"missing-wait", regexp.MustCompile(`(\.Wait is never called|^return without .*\.Wait after)`)},
		{"dropped-wait-error", regexp.MustCompile(`^error from .*\.Wait is dropped`)},
		{"ctx-after-wait", regexp.MustCompile(`is the context of errgroup\.WithContext, cancelled when Wait returns`)},
		{"go-in-limited-group", regexp.MustCompile(`\.Go called from a goroutine of .*, which has a limit`)},
		{"add-after-wait", regexp.MustCompile(`may run after a goroutine waiting on .* was started`)},
		{"wait-without-add", regexp.MustCompile(`\.Wait with no .*\.Add before the goroutine`)},
		{"skipped-done", regexp.MustCompile(`^goroutine returns here without calling .*\.Done`)},
	},
	"ctxtimeout": {
		{"context-without-deadline", regexp.MustCompile(` is given a context with no deadline `)},
		{"client-without-timeout", regexp.MustCompile(`(with a client that has no Timeout|uses http\.DefaultClient, which has no timeout)`)},
		{"dial-without-timeout", regexp.MustCompile(`(with a Dialer that has no Timeout|^net\.Dial has no timeout|^tls\.Dial has no timeout)`)},
		{"server-without-read-timeout", regexp.MustCompile(`\(Slowloris\)`)},
	},
	"ctxdone": {
		{"select-without-done", regexp.MustCompile(`^(select has no case for .*\.Done\(\)|select \{\} blocks forever)`)},
		{"loop-ignores-context", regexp.MustCompile(`^loop never exits and never checks `)},
		{"context-variant", regexp.MustCompile(`^call to .* ignores .*: cancelling .* does not stop it`)},
		{"goroutine-ignores-context", regexp.MustCompile(`^goroutine started with .* never observes it`)},
		{"wait-ignores-context", regexp.MustCompile(` ignores `)},
	},
}

// ignoreCategories are the categories every pass shares (internal/passutil).
var ignoreCategories = []struct {
	name string
	re   *regexp.Regexp
}{
	{"malformed-ignore", regexp.MustCompile(`^malformed //conclint:ignore directive`)},
	{"unused-ignore", regexp.MustCompile(`^unused //conclint:ignore directive`)},
}

// category returns the category of d.
func category(d diagnostic) string {
	if d.Category != "" {
		return strings.TrimPrefix(d.Category, d.Pass+"/")
	}
	for _, c := range ignoreCategories {
		if c.re.MatchString(d.Message) {
			return c.name
		}
	}
	for _, c := range categories[d.Pass] {
		if c.re.MatchString(d.Message) {
			return c.name
		}
	}
	return "unclassified"
}

// relPath returns file relative to its module root (or GOROOT/src), else
// to cwd, else file itself.
func relPath(file, cwd string, strip []string) string {
	if file == "" {
		return file
	}
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, abs)
	}
	for _, p := range strip {
		rest, ok := strings.CutPrefix(abs, strings.TrimSuffix(p, "/")+"/")
		if !ok {
			continue
		}
		// In the module cache the path goes on with the module path, its
		// last element carrying @version: cut up to there.
		if i := strings.Index(rest, "@"); i >= 0 {
			if j := strings.Index(rest[i:], "/"); j >= 0 {
				return rest[i+j+1:]
			}
		}
		return rest
	}
	if r, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return file
}

func corpusCmd(args []string) error {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	dir := fs.String("dir", "", "the corpus's output directory")
	cwd := fs.String("cwd", "", "the directory conclint ran in")
	strip := fs.String("strip", "", "colon-separated prefixes (module cache, GOROOT/src) to remove from file names")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *cwd == "" {
		return errors.New("corpus: -dir and -cwd are required")
	}
	var prefixes []string
	for _, p := range strings.Split(*strip, ":") {
		if p != "" {
			prefixes = append(prefixes, p)
		}
	}
	st := status{}
	if b, err := os.ReadFile(filepath.Join(*dir, "conclint.exit")); err == nil {
		st["exit"] = strings.TrimSpace(string(b))
	}
	stderr, _ := os.ReadFile(filepath.Join(*dir, "conclint.err"))
	// An uncontained panic kills the process with a trace on stderr; the
	// driver's own errors are in the JSON instead.
	st["crashed"] = yesNo(bytes.Contains(stderr, []byte("\npanic: ")) || bytes.HasPrefix(stderr, []byte("panic: ")) ||
		bytes.Contains(stderr, []byte("fatal error: ")))

	var out output
	raw, err := os.ReadFile(filepath.Join(*dir, "conclint.json"))
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	st["json"] = "ok"
	if err != nil {
		st["json"] = "invalid: " + strings.ReplaceAll(err.Error(), "\n", " ")
	}

	var findings bytes.Buffer
	counts := map[[2]string]int{}
	for _, d := range out.Diagnostics {
		fmt.Fprintf(&findings, "%s:%d:%d: %s: %s\n", relPath(d.File, *cwd, prefixes), d.Line, d.Column, d.Pass, oneLine(d.Message))
		counts[[2]string{d.Pass, category(d)}]++
	}
	var errs bytes.Buffer
	internal := 0
	for _, e := range out.Errors {
		if isInternal(e.Message) {
			internal++
		}
		fmt.Fprintf(&errs, "%s: %s\n", e.Package, e.Message)
	}
	st["findings"] = strconv.Itoa(len(out.Diagnostics))
	st["errors"] = strconv.Itoa(len(out.Errors))
	st["internal"] = strconv.Itoa(internal)

	var tsv bytes.Buffer
	keys := make([][2]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		fmt.Fprintf(&tsv, "%s\t%s\t%d\n", k[0], k[1], counts[k])
	}
	for name, b := range map[string][]byte{
		"findings.txt": findings.Bytes(),
		"counts.tsv":   tsv.Bytes(),
		"errors.txt":   errs.Bytes(),
		"status.txt":   st.bytes(),
	} {
		if err := os.WriteFile(filepath.Join(*dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// isInternal reports whether an error message is an internal error of a
// pass (a contained panic or an error it returned) rather than a package
// that does not load or type-check.
func isInternal(msg string) bool {
	return strings.Contains(msg, "internal error") || strings.Contains(msg, "panicked")
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// status is a key=value file.
type status map[string]string

func (s status) bytes() []byte {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, s[k])
	}
	return b.Bytes()
}

func readStatus(file string) status {
	s := status{}
	f, err := os.Open(file)
	if err != nil {
		return s
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			s[k] = v
		}
	}
	return s
}

// problems returns what went wrong in a corpus's run, for the loud part.
func problems(st status) []string {
	var p []string
	if st["json"] == "" {
		return []string{"no result: conclint did not run or evalsum corpus did not"}
	}
	if st["json"] != "ok" {
		p = append(p, "no valid JSON output ("+st["json"]+")")
	}
	if st["crashed"] == "yes" {
		p = append(p, "conclint crashed (panic or fatal error on stderr)")
	}
	if n, _ := strconv.Atoi(st["internal"]); n > 0 {
		p = append(p, fmt.Sprintf("%d internal errors of passes (panics or returned errors)", n))
	}
	if n, _ := strconv.Atoi(st["errors"]); n > 0 {
		in, _ := strconv.Atoi(st["internal"])
		if n-in > 0 {
			p = append(p, fmt.Sprintf("%d load errors (packages that did not load, type-check or get analyzed, or patterns that matched nothing)", n-in))
		}
	}
	if e := st["exit"]; e != "" && e != "0" && e != "1" {
		p = append(p, "exit status "+e)
	}
	return p
}

func summaryCmd(args []string) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	dir := fs.String("dir", "", "the run's output directory")
	half := fs.String("half", "", "the half (for the title)")
	floor := fs.Bool("floor", false, "a -floor run: no findings are shown")
	if err := fs.Parse(args); err != nil {
		return err
	}
	corpora := readLines(filepath.Join(*dir, "corpora.txt"))
	if len(corpora) == 0 {
		return fmt.Errorf("summary: no corpora listed in %s", filepath.Join(*dir, "corpora.txt"))
	}
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	what := "findings"
	if *floor {
		what = "load and SSA check (conclint -floor)"
	}
	p("# conclint evaluation, %s half: %s\n\n", *half, what)
	for _, l := range readLines(filepath.Join(*dir, "run.txt")) {
		p("- %s\n", l)
	}
	p("\n## Corpora\n\n| corpus | module | version | packages | lines | findings | errors (internal) | exit | wall |\n|---|---|---|--:|--:|--:|--:|--:|--:|\n")
	loud := map[string][]string{}
	byPass := map[string]map[string]int{} // pass -> corpus -> n
	byCat := map[[2]string]map[string]int{}
	for _, c := range corpora {
		d := filepath.Join(*dir, c)
		st := readStatus(filepath.Join(d, "status.txt"))
		meta := readStatus(filepath.Join(d, "meta.txt"))
		if pr := problems(st); len(pr) > 0 {
			loud[c] = pr
		}
		nf := st["findings"]
		if *floor {
			nf = "—"
		}
		p("| %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s |\n", c, meta["module"], meta["version"], meta["packages"], meta["lines"],
			nf, st["errors"], st["internal"], st["exit"], meta["wall"])
		if *floor {
			continue
		}
		for _, l := range readLines(filepath.Join(d, "counts.tsv")) {
			f := strings.Split(l, "\t")
			if len(f) != 3 {
				continue
			}
			n, _ := strconv.Atoi(f[2])
			if byPass[f[0]] == nil {
				byPass[f[0]] = map[string]int{}
			}
			byPass[f[0]][c] += n
			k := [2]string{f[0], f[1]}
			if byCat[k] == nil {
				byCat[k] = map[string]int{}
			}
			byCat[k][c] += n
		}
	}
	if !*floor {
		p("\n## Findings per pass\n\n")
		table(&b, corpora, sortedKeys(byPass), func(k string) map[string]int { return byPass[k] }, "pass")
		p("\n## Findings per pass and category\n\n")
		cats := make([]string, 0, len(byCat))
		catMap := map[string]map[string]int{}
		for k, v := range byCat {
			name := k[0] + " / " + k[1]
			cats = append(cats, name)
			catMap[name] = v
		}
		sort.Strings(cats)
		table(&b, corpora, cats, func(k string) map[string]int { return catMap[k] }, "pass / category")
	}
	p("\n## Failures\n\n")
	if len(loud) == 0 {
		p("None: every package loaded, type-checked and was analyzed; no panic, no internal error.\n")
	} else {
		for _, c := range corpora {
			for _, pr := range loud[c] {
				p("- **%s: %s** (see %s/errors.txt and %s/conclint.err)\n", c, pr, c, c)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(*dir, "summary.md"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Print(b.String())
	if len(loud) > 0 {
		fmt.Fprintln(os.Stderr, "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")
		for _, c := range corpora {
			for _, pr := range loud[c] {
				fmt.Fprintf(os.Stderr, "!!! FAILURE in corpus %s: %s\n", c, pr)
			}
		}
		fmt.Fprintf(os.Stderr, "!!! details: %s/<corpus>/errors.txt and conclint.err\n", *dir)
		fmt.Fprintln(os.Stderr, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")
		return exitError(3)
	}
	return nil
}

// table prints one row per key, one column per corpus, and a total.
func table(b *strings.Builder, corpora, keys []string, row func(string) map[string]int, head string) {
	fmt.Fprintf(b, "| %s | %s | total |\n|---|", head, strings.Join(corpora, " | "))
	for range corpora {
		b.WriteString("--:|")
	}
	b.WriteString("--:|\n")
	totals := map[string]int{}
	all := 0
	for _, k := range keys {
		r := row(k)
		fmt.Fprintf(b, "| %s |", k)
		sum := 0
		for _, c := range corpora {
			fmt.Fprintf(b, " %d |", r[c])
			sum += r[c]
			totals[c] += r[c]
		}
		fmt.Fprintf(b, " %d |\n", sum)
		all += sum
	}
	b.WriteString("| **all** |")
	for _, c := range corpora {
		fmt.Fprintf(b, " %d |", totals[c])
	}
	fmt.Fprintf(b, " %d |\n", all)
}

func sortedKeys(m map[string]map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func readLines(file string) []string {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
