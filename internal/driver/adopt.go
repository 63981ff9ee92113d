package driver

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/config"
	"github.com/conclint/conclint/internal/passutil"
)

// adoption holds the flags that help a codebase adopt conclint: the
// configuration file, the report of unused //conclint:ignore directives
// and the baseline (baseline.go).
type adoption struct {
	config        string
	unusedIgnores bool
	baseline      string
	writeBaseline string

	settings *config.Settings // nil: no configuration file
}

func (ad *adoption) register(fs *flag.FlagSet) {
	fs.StringVar(&ad.config, "config", "", "read the configuration from `file` instead of the nearest "+config.FileName)
	fs.BoolVar(&ad.unusedIgnores, "unused-ignores", false, "report //conclint:ignore directives that suppress nothing")
	fs.StringVar(&ad.baseline, "baseline", "", "report only the findings that are not in the baseline `file`")
	fs.StringVar(&ad.writeBaseline, "write-baseline", "", "record the findings in the baseline `file` instead of reporting them")
}

// selectPasses reads the configuration, applies it to the suite and
// returns the passes to run. -enable and -disable, when given, replace
// the configuration's enable and disable.
func (ad *adoption) selectPasses(cfg Config, opts *options) ([]*analysis.Analyzer, error) {
	if ad.baseline != "" && ad.writeBaseline != "" {
		return nil, fmt.Errorf("-baseline and -write-baseline exclude each other")
	}
	file := ad.config
	if file == "" {
		wd, err := workDir(opts.dir)
		if err != nil {
			return nil, err
		}
		if file, err = config.Find(wd); err != nil {
			return nil, err
		}
	} else if opts.dir != "" && !filepath.IsAbs(file) {
		file = filepath.Join(opts.dir, file)
	}
	s := &config.Settings{}
	if file != "" {
		var err error
		if s, err = config.Load(file); err != nil {
			return nil, err
		}
		ad.settings = s
	}
	// The command line's -enable and -disable replace the file's; they
	// are checked first, so that their errors name the flag.
	if _, err := selectPasses(cfg.Analyzers, opts.enable, opts.disable); err != nil {
		return nil, err
	}
	if opts.enable != "" {
		s.Enable = splitList(opts.enable)
	}
	if opts.disable != "" {
		s.Disable = splitList(opts.disable)
	}
	// Apply always runs, also without a file: it resets the core's lists.
	selected, err := s.Apply(cfg.Analyzers)
	if err != nil {
		return nil, err
	}
	for _, a := range selected {
		if f := a.Flags.Lookup(passutil.UnusedIgnoresFlag); f != nil && ad.unusedIgnores {
			if err := f.Value.Set("true"); err != nil {
				return nil, err
			}
		}
	}
	return selected, nil
}

func splitList(list string) []string {
	var out []string
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// filter drops the findings in excluded files, applies or writes the
// baseline, and returns a message for stderr, if any.
func (ad *adoption) filter(out *outcome, wd string) (string, error) {
	if ad.settings != nil && len(ad.settings.Exclude) > 0 {
		kept := out.findings[:0]
		for _, f := range out.findings {
			if !ad.settings.Excluded(f.Pos.File) {
				kept = append(kept, f)
			}
		}
		out.findings = kept
	}
	switch {
	case ad.writeBaseline != "":
		file := ad.writeBaseline
		if !filepath.IsAbs(file) {
			file = filepath.Join(wd, file)
		}
		n := len(out.findings)
		if err := writeBaseline(file, out.findings); err != nil {
			return "", err
		}
		out.findings = nil
		return fmt.Sprintf("wrote %d findings to the baseline %s", n, ad.writeBaseline), nil
	case ad.baseline != "":
		file := ad.baseline
		if !filepath.IsAbs(file) {
			file = filepath.Join(wd, file)
		}
		kept, err := applyBaseline(file, out.findings)
		if err != nil {
			return "", err
		}
		out.findings = kept
	}
	return "", nil
}
