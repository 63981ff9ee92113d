package chans

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

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

// Timer names a *time.Timer as one function refers to it: Root is the
// timer pointer itself (the result of time.NewTimer, a phi of such, a
// captured variable's value, a parameter), or, when Field is set, the
// value whose field (an unexported struct field of type *time.Timer)
// holds the timer (s.timer, with Root the receiver s). Within a function
// every reference to the same timer has the same Timer, so it keys a map.
type Timer struct {
	Root  ssa.Value
	Field *types.Var
}

// TimerOf returns the timer whose channel ch is: a load of the C field of
// a *time.Timer (t.C, s.timer.C).
func TimerOf(ch ssa.Value) (Timer, bool) {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return Timer{}, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return Timer{}, false
	}
	f := ssax.Field(fa.X.Type(), fa.Field)
	if f == nil || f.Name() != "C" || f.Pkg() == nil || f.Pkg().Path() != "time" || !isTimerPtr(fa.X.Type()) {
		return Timer{}, false
	}
	return TimerValue(fa.X)
}

// TimerValue names the timer that the *time.Timer value v points to.
func TimerValue(v ssa.Value) (Timer, bool) {
	if !isTimerPtr(v.Type()) {
		return Timer{}, false
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return Timer{Root: v}, true // a value of the function
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return Timer{Root: v}, true // a load of a variable: each load is its own value
	}
	f := ssax.Field(fa.X.Type(), fa.Field)
	if f == nil {
		return Timer{}, false
	}
	return Timer{Root: fa.X, Field: f}, true
}

// isTimerPtr reports whether t is *time.Timer.
func isTimerPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == "Timer" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time"
}

// IsTimerMethod reports whether call calls the method name ("Stop",
// "Reset") of *time.Timer, and returns its receiver.
func IsTimerMethod(call *ssa.CallCommon, name string) (ssa.Value, bool) {
	if call.IsInvoke() || len(call.Args) == 0 {
		return nil, false
	}
	fn, ok := call.Value.(*ssa.Function)
	if !ok || fn.Name() != name || fn.Signature.Recv() == nil || !isTimerPtr(fn.Signature.Recv().Type()) {
		return nil, false
	}
	return call.Args[0], true
}
