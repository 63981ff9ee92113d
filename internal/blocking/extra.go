package blocking

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/ssax"
)

// User-configured additions to knownBlocking, passed as flags of Analyzer
// (go/analysis's way to configure a pass, which works under go vet, nogo
// and golangci-lint alike; internal/config sets them from .conclint.yml):
//
//	-blockingfacts.blocking-functions=(*example.com/db.Client).Call,example.com/x.Wait
//	-blockingfacts.network-functions=(*example.com/rpc.Conn).RoundTrip
//
// A call of a blocking function is a wait of Kind Call ("blocking call"),
// of a network function one of Kind NetIO. Both take part in function
// summaries and BlocksFacts like the table's entries. The values live in
// the analyzer's Flags and are read by run for each package; nothing else
// holds them.

// Flag names of the extension lists.
const (
	BlockingFunctionsFlag = "blocking-functions"
	NetworkFunctionsFlag  = "network-functions"
)

func init() {
	Analyzer.Flags.Var(new(ssax.FuncSet), BlockingFunctionsFlag, "comma-separated qualified `names` of extra functions that can wait without bound")
	Analyzer.Flags.Var(new(ssax.FuncSet), NetworkFunctionsFlag, "comma-separated qualified `names` of extra functions that do network I/O")
}

// extraFuncs is the configured lists, as read from an analyzer's flags.
type extraFuncs struct {
	blocking, network *ssax.FuncSet
}

func extraOf(a *analysis.Analyzer) extraFuncs {
	get := func(name string) *ssax.FuncSet {
		if a == nil {
			return nil
		}
		if f := a.Flags.Lookup(name); f != nil {
			if s, ok := f.Value.(*ssax.FuncSet); ok && s.Len() > 0 {
				return s
			}
		}
		return nil
	}
	return extraFuncs{blocking: get(BlockingFunctionsFlag), network: get(NetworkFunctionsFlag)}
}

// classify reports the kind of wait a call of f is by the configured
// lists.
func (e extraFuncs) classify(f *types.Func) (Kind, bool) {
	switch {
	case e.network.Has(f):
		return NetIO, true
	case e.blocking.Has(f):
		return Call, true
	}
	return NotBlocking, false
}
