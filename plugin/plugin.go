// Package plugin is conclint as a golangci-lint v2 module plugin.
//
// Importing it registers the linter "conclint" with
// github.com/golangci/plugin-module-register; a golangci-lint binary built
// with `golangci-lint custom` from a .custom-gcl.yml that lists this
// package then runs the suite (docs/ci.md shows the whole setup):
//
//	linters:
//	  enable: [conclint]
//	  settings:
//	    custom:
//	      conclint:
//	        type: module
//	        description: concurrency pitfalls
//	        settings:
//	          disable: [ctxdone]
//
// golangci-lint reports every finding under the linter name "conclint",
// so //nolint:conclint silences one; the pass that found it is the start
// of the message ("lockblock: send on channel ..."). golangci-lint adds
// that prefix itself, for every analyzer of a plugin whose name is not
// the plugin's (pkg/goanalysis/runners.go, buildIssues, in v2.15.0), so
// the plugin does not: the pass name would be printed twice.
//
// What the plugin does change is the related positions of a finding (the
// lock site, the spawn site, ...). golangci-lint would turn each into an
// issue of its own ("lockblock(related information): s.mu locked here")
// on its own line, which a //nolint:conclint on the finding's line does not
// silence, and which issues.uniq-by-line (on by default) may keep instead
// of a real finding on that line. The passes handed to golangci-lint are
// therefore copies that fold the related positions into the message:
//
//	lockblock: send on channel s.events while s.mu is held: ... (line 21: s.mu locked here)
//
// The registry's analyzers, which the command line and go vet run, are not
// modified. scripts/golangci-plugin-test.sh checks the exact lines a real
// golangci-lint prints.
package plugin

import (
	"fmt"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/internal/config"
)

// Name is the linter name the plugin registers, the key under
// linters.settings.custom in .golangci.yml.
const Name = "conclint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings, from
// linters.settings.custom.conclint.settings in .golangci.yml. They are
// the keys of .conclint.yml (internal/config documents them: enable,
// disable, blocking-functions, network-functions,
// deadline-context-functions, exclude), so one vocabulary configures every
// way of running conclint; exclude globs are relative to the directory
// golangci-lint runs in. A key that is not one of these is an error.
type Settings = config.Settings

// settingKeys lists the keys Settings accepts, for error messages.
func settingKeys() string {
	t := reflect.TypeFor[Settings]()
	var keys []string
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if key != "" && key != "-" && t.Field(i).IsExported() {
			keys = append(keys, key)
		}
	}
	return strings.Join(keys, ", ")
}

// conclintPlugin is the register.LinterPlugin.
type conclintPlugin struct {
	analyzers []*analysis.Analyzer
}

// New decodes and validates the settings. Everything that can be wrong
// in them is reported here, when golangci-lint loads its configuration,
// rather than when it starts analyzing.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, settingsError(err)
	}
	// Apply validates (naming the key at fault), hands the configured
	// functions to the passes as analyzer flags and selects the passes.
	selected, err := s.Apply(suite.Analyzers())
	if err != nil {
		return nil, err
	}
	analyzers := make([]*analysis.Analyzer, len(selected))
	for i, a := range selected {
		if len(s.Exclude) > 0 {
			a = s.WrapExclude(a) // a copy; the registry's is unchanged
		}
		analyzers[i] = foldRelated(a)
	}
	return &conclintPlugin{analyzers: analyzers}, nil
}

// settingsError rewords a decoding error so that it names the plugin and,
// for an unknown key, the keys it accepts.
func settingsError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "decoding settings: ")
	if key, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("%s settings: unknown key %s (known keys: %s)", Name, key, settingKeys())
	}
	msg = strings.TrimPrefix(msg, "json: ")
	// "cannot unmarshal string into Go struct field Settings.enable of
	// type []string": name the key as the user wrote it.
	msg = strings.Replace(msg, "Go struct field Settings.", "key ", 1)
	return fmt.Errorf("%s settings: %s", Name, msg)
}

// BuildAnalyzers returns the selected passes of the suite, sorted by name,
// as copies that fold related positions into the message (and drop
// findings in excluded files when settings.exclude is set).
func (p *conclintPlugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return append([]*analysis.Analyzer(nil), p.analyzers...), nil
}

// GetLoadMode asks for type information: the passes build SSA.
func (p *conclintPlugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// foldRelated returns a copy of a whose diagnostics carry their related
// positions in the message instead of in Related. The copy keeps a's name,
// flags, requirements and fact types.
func foldRelated(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	run := a.Run
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			pass.Report(fold(pass.Fset, d))
		}
		return run(&p)
	}
	return &c
}

// fold appends " (line L: message; file.go:L: message)" to d's message,
// one entry per related position: the line alone in the finding's own
// file, the file's base name and line in another.
func fold(fset *token.FileSet, d analysis.Diagnostic) analysis.Diagnostic {
	if len(d.Related) == 0 {
		return d
	}
	at := fset.Position(d.Pos)
	parts := make([]string, 0, len(d.Related))
	for _, r := range d.Related {
		rp := fset.Position(r.Pos)
		switch {
		case !rp.IsValid():
			parts = append(parts, r.Message)
		case rp.Filename == at.Filename:
			parts = append(parts, fmt.Sprintf("line %d: %s", rp.Line, r.Message))
		default:
			parts = append(parts, fmt.Sprintf("%s:%d: %s", filepath.Base(rp.Filename), rp.Line, r.Message))
		}
	}
	d.Message += " (" + strings.Join(parts, "; ") + ")"
	d.Related = nil
	return d
}
