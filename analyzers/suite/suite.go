// Package suite is the registry of conclint's passes. The command line,
// the go vet tool, the golangci-lint plugin and the documentation test all
// read this list; nothing else enumerates the passes.
package suite

import (
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/ctxdone"
	"github.com/conclint/conclint/analyzers/ctxtimeout"
	"github.com/conclint/conclint/analyzers/errgroupwait"
	"github.com/conclint/conclint/analyzers/goroutineleak"
	"github.com/conclint/conclint/analyzers/lockblock"
)

// passes is the suite, in the order help lists them.
var passes = []*analysis.Analyzer{
	lockblock.Analyzer,
	goroutineleak.Analyzer,
	ctxtimeout.Analyzer,
	ctxdone.Analyzer,
	errgroupwait.Analyzer,
}

// Analyzers returns the passes of the suite, sorted by name.
func Analyzers() []*analysis.Analyzer {
	out := append([]*analysis.Analyzer(nil), passes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the pass called name, or nil.
func Lookup(name string) *analysis.Analyzer {
	for _, a := range passes {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// DocURL is where the documentation page of a pass lives.
func DocURL(name string) string {
	return "https://github.com/conclint/conclint/blob/main/docs/" + name + ".md"
}
