package noreturn

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// HandlesSignalsFact marks an exported function that installs handlers
// for the process's signals: it calls os/signal's Notify or
// NotifyContext, itself or through a function it calls (a function of
// its package, or one of another package that carries this fact:
// knative's signals.NewContext). A process installs its signal handlers
// once, in its entry point; a library's Main(opts) that does so is the
// program's main in all but name, and what it starts lives as long as
// the process.
type HandlesSignalsFact struct{}

func (*HandlesSignalsFact) AFact() {}

func (*HandlesSignalsFact) String() string { return "handlesSignals" }

// HandlesSignals reports whether fn installs handlers for the process's
// signals (HandlesSignalsFact): fn is a function of this package (a
// closure too) or one of another package that carries the fact.
func (info *Info) HandlesSignals(fn *ssa.Function) bool {
	if fn == nil || info == nil {
		return false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if info.local(fn) {
		if info.signaling == nil { // after the run: the memo is complete
			return info.signals[fn]
		}
		return info.handlesSignals(fn)
	}
	var f HandlesSignalsFact
	obj, ok := fn.Object().(*types.Func)
	return ok && info.pass.ImportObjectFact(obj, &f)
}

// handlesSignals computes HandlesSignals for a function of the package,
// memoized; a cycle of calls answers false where it closes.
func (info *Info) handlesSignals(fn *ssa.Function) bool {
	if v, ok := info.signals[fn]; ok {
		return v
	}
	if info.signaling[fn] {
		return false
	}
	info.signaling[fn] = true
	found := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call) // a go or defer of Notify is not the function's own setup
			if !ok {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil {
				continue
			}
			if callee.Pkg != nil && callee.Pkg.Pkg.Path() == "os/signal" && (callee.Name() == "Notify" || callee.Name() == "NotifyContext") {
				found = true
			} else if callee != fn && info.HandlesSignals(callee) {
				found = true
			}
			if found {
				break
			}
		}
		if found {
			break
		}
	}
	delete(info.signaling, fn)
	info.signals[fn] = found
	return found
}
