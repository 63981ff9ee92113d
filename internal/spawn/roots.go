package spawn

import "golang.org/x/tools/go/ssa"

// RootsBehavior summarizes what fn does with a channel it reaches as the
// values roots (all the same channel: for instance every load of a struct
// field that holds it), named name in messages. It is not memoized and
// not exported as a fact.
func (info *Info) RootsBehavior(fn *ssa.Function, name string, roots []ssa.Value) Behavior {
	if len(roots) == 0 || fn.Blocks == nil {
		return Behavior{}
	}
	return info.behavior(fn, cyclic(fn), name, roots...)
}
