// Package driver is conclint's standalone command line: it parses the
// flags, runs the suite with staticcheck's runner (which keeps facts and
// results in an on-disk cache, so memory stays low on large modules),
// and prints, fixes or encodes the findings.
//
// It must not know any pass by name: the passes come in through Config,
// and everything the driver says about a pass it reads from the pass's
// *analysis.Analyzer. The go vet face of the binary does not come through
// here either; it is unitchecker's.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Exit statuses. They are part of the command's interface, documented in
// the usage text and in docs/cli.md.
const (
	ExitClean    = 0 // no findings
	ExitFindings = 1 // at least one finding, and no failure
	ExitFailure  = 2 // bad usage, or a package could not be loaded, type-checked or analyzed
)

// Config is what the command hands the driver.
type Config struct {
	// Name is the program name used in messages and usage, "conclint".
	Name string
	// Analyzers is the suite. Selection flags choose among them.
	Analyzers []*analysis.Analyzer
	// Stdout receives findings (text or JSON); Stderr receives errors,
	// warnings and usage. Nil means os.Stdout and os.Stderr.
	Stdout, Stderr io.Writer
}

// options are the parsed command line.
type options struct {
	tests    bool
	enable   string
	disable  string
	json     bool
	format   string // text, json or sarif; -json is -format json
	fix      bool
	verbose  bool
	dir      string
	tags     string // -tags, passed to go list
	floor    bool   // hidden -floor: type-check + SSA only (floor.go)
	patterns []string
	adopt    adoption // -config, -unused-ignores, -baseline (adopt.go)
}

// Main runs the standalone command with args (without the program name)
// and returns the exit status.
func Main(cfg Config, args []string) int {
	if cfg.Name == "" {
		cfg.Name = "conclint"
	}
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}

	fs, opts := newFlagSet(cfg)
	args, opts.floor = takeFloorFlag(fs, args)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(cfg, fs, cfg.Stdout)
			return ExitClean
		}
		fmt.Fprintf(cfg.Stderr, "%s: %v (see '%s -h')\n", cfg.Name, err, cfg.Name)
		return ExitFailure
	}
	if err := resolveFormat(opts); err != nil {
		fmt.Fprintf(cfg.Stderr, "%s: %v (see '%s -h')\n", cfg.Name, err, cfg.Name)
		return ExitFailure
	}
	opts.patterns = fs.Args()
	if len(opts.patterns) == 0 {
		fmt.Fprintf(cfg.Stderr, "%s: no packages given, e.g. '%s ./...' (see '%s -h')\n", cfg.Name, cfg.Name, cfg.Name)
		return ExitFailure
	}
	if err := analysis.Validate(cfg.Analyzers); err != nil {
		fmt.Fprintf(cfg.Stderr, "%s: internal error: %v\n", cfg.Name, err)
		return ExitFailure
	}
	selected, err := opts.adopt.selectPasses(cfg, opts)
	if err != nil {
		fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
		return ExitFailure
	}
	if opts.floor {
		selected = floorAnalyzers()
	}
	return run(cfg, opts, selected)
}

func newFlagSet(cfg Config) (*flag.FlagSet, *options) {
	opts := &options{}
	fs := flag.NewFlagSet(cfg.Name, flag.ContinueOnError)
	// Parse errors are printed by Main on one line; the flag package
	// would add the whole usage after them.
	fs.SetOutput(io.Discard)
	fs.BoolVar(&opts.tests, "tests", true, "also analyze test files")
	fs.StringVar(&opts.enable, "enable", "", "run only these passes (comma-separated `names`)")
	fs.StringVar(&opts.disable, "disable", "", "do not run these passes (comma-separated `names`)")
	fs.BoolVar(&opts.json, "json", false, "same as -format json")
	fs.StringVar(&opts.format, "format", "", "output `format`: text (the default), json (one JSON object) or sarif (SARIF 2.1.0, for code scanning)")
	fs.BoolVar(&opts.fix, "fix", false, "apply the first suggested fix of each finding to the files")
	fs.BoolVar(&opts.verbose, "v", false, "print the full text of internal errors, stack traces included")
	fs.StringVar(&opts.dir, "C", "", "run as if started in `dir`")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build `tags` to consider satisfied, as go build -tags (files excluded by build constraints are not analyzed)")
	opts.adopt.register(fs)

	// Analyzer flags, as multichecker names them: -<pass>.<flag>.
	for _, a := range cfg.Analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return fs, opts
}

func usage(cfg Config, fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, `%[1]s finds concurrency pitfalls in Go code.

Usage:
  %[1]s [flags] packages...
        analyze packages: ./..., ., std, import paths
  %[1]s help [pass]
        list the passes, or print one pass's documentation
  go vet -vettool=$(command -v %[1]s) packages...
        run the suite under go vet

Flags:
`, cfg.Name)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, `
Exit status:
  0  no findings
  1  findings (with -fix: findings that were not fixed)
  2  bad flags or usage; a pattern matched no packages; a package failed to
     load, type-check or be analyzed, or was left out because its files
     import "C" and cgo is disabled (2 wins over 1: the findings of the
     packages that could be analyzed are still printed)

Results are cached in $CONCLINT_CACHE, or %[1]s/ under the user cache
directory. See docs/cli.md for the JSON schema.
`, cfg.Name)
}

// resolveFormat checks -format and folds -json into it. Afterwards
// opts.json is set exactly when the format is json.
func resolveFormat(opts *options) error {
	switch opts.format {
	case "":
		opts.format = "text"
		if opts.json {
			opts.format = "json"
		}
	case "text", "sarif":
		if opts.json {
			return fmt.Errorf("-json and -format %s disagree", opts.format)
		}
	case "json":
	default:
		return fmt.Errorf("-format: unknown format %q (text, json or sarif)", opts.format)
	}
	opts.json = opts.format == "json"
	return nil
}

// selectPasses applies -enable and -disable to the suite.
func selectPasses(all []*analysis.Analyzer, enable, disable string) ([]*analysis.Analyzer, error) {
	byName := map[string]*analysis.Analyzer{}
	for _, a := range all {
		byName[a.Name] = a
	}
	parse := func(flagName, list string) (map[string]bool, error) {
		set := map[string]bool{}
		for _, name := range strings.Split(list, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if byName[name] == nil {
				return nil, fmt.Errorf("-%s: unknown pass %q (known: %s)", flagName, name, knownNames(all))
			}
			set[name] = true
		}
		return set, nil
	}
	on, err := parse("enable", enable)
	if err != nil {
		return nil, err
	}
	off, err := parse("disable", disable)
	if err != nil {
		return nil, err
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if (len(on) == 0 || on[a.Name]) && !off[a.Name] {
			out = append(out, a)
		}
	}
	if len(out) == 0 && len(all) > 0 {
		return nil, errors.New("-enable/-disable leave no pass to run")
	}
	return out, nil
}

func knownNames(all []*analysis.Analyzer) string {
	if len(all) == 0 {
		return "none"
	}
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// workDir returns the absolute directory the run behaves as if started
// in: -C when given, else the current directory.
func workDir(dir string) (string, error) {
	if dir == "" {
		return os.Getwd()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("-C: %v", err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("-C: %s is not a directory", dir)
	}
	return abs, nil
}
