package chans

import "golang.org/x/tools/go/ssa"

// IsTimer reports whether id is a channel of package time's timers:
// (*time.Ticker).C, (*time.Timer).C (the only fields named C in package
// time), or the result of time.After or time.Tick. The runtime never
// closes them, and they are handed out receive-only.
func IsTimer(id ID) bool {
	switch id.Kind {
	case Field:
		return id.Field.Name() == "C" && id.Field.Pkg() != nil && id.Field.Pkg().Path() == "time"
	case External:
		call, ok := id.Value.(*ssa.Call)
		if !ok {
			return false
		}
		fn := call.Call.StaticCallee()
		return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "time" &&
			fn.Signature.Recv() == nil && (fn.Name() == "After" || fn.Name() == "Tick")
	}
	return false
}
