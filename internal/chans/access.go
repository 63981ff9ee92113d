package chans

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// AccessKind says what one instruction does with a tracked channel value.
type AccessKind int

const (
	AccSend       AccessKind = iota // a *ssa.Send on it
	AccRecv                         // a receive *ssa.UnOp (CommaOk for range loops and v, ok := <-ch)
	AccSelectSend                   // case Case of a *ssa.Select sends on it
	AccSelectRecv                   // case Case of a *ssa.Select receives from it
	AccClose                        // close(ch), called, deferred or spawned
	AccArg                          // passed as argument Arg of a call, go or defer (not a builtin)
	AccCapture                      // captured by the closure Closure as its free variable Arg
	AccEscape                       // lost to the walk: Reason says how
)

// Access is one use of a tracked channel. Instr is the instruction; its
// Parent is the function the use happens in.
type Access struct {
	Kind    AccessKind
	Instr   ssa.Instruction
	Case    int              // select case, for AccSelectSend/AccSelectRecv
	Arg     int              // argument index (AccArg) or free variable index (AccCapture)
	Closure *ssa.MakeClosure // AccCapture
	CommaOk bool             // AccRecv: the receive also yields ok
	Reason  Reason           // AccEscape
}

// Pos returns the access's position (the case's, for a select).
func (a Access) Pos() token.Pos {
	return Use{Instr: a.Instr, Case: a.Case}.Pos()
}

// Reassigned is an escape Reason of Accesses: the variable that holds the
// channel is assigned another non-nil value, so operations through it may
// be on another channel.
const Reassigned Reason = 100

// Merged is an escape Reason of Accesses: the channel meets another value
// in a phi, so operations on the phi may be on another channel.
const Merged Reason = 101

// maxAccessSteps bounds one Accesses walk.
const maxAccessSteps = 4096

// Accesses follows the channel value roots through copies within their
// function — conversions, local variables it is stored into and loaded
// from, phis with nil — and lists every use, in discovery order (which is
// deterministic). It stops at calls and closures: an argument is an
// AccArg, a captured variable an AccCapture, and the caller decides what
// the callee or closure does. Anything else that loses track of the value
// (stored into a field, returned, sent, converted, merged with another
// channel) is an AccEscape. Roots may be a *ssa.MakeChan, a channel
// *ssa.Parameter, or a *ssa.FreeVar: a captured variable (a pointer to a
// channel, loaded in the closure) or a channel bound by value.
func Accesses(roots ...ssa.Value) []Access {
	w := &accessWalk{seen: map[ssa.Value]bool{}}
	for _, r := range roots {
		if fv, ok := r.(*ssa.FreeVar); ok {
			if p, isPtr := fv.Type().Underlying().(*types.Pointer); isPtr && isChan(p.Elem()) {
				w.variable(fv)
				continue
			}
		}
		w.value(r)
	}
	return w.out
}

type accessWalk struct {
	seen map[ssa.Value]bool
	out  []Access
}

func (w *accessWalk) add(a Access) { w.out = append(w.out, a) }

func (w *accessWalk) escape(instr ssa.Instruction, r Reason) {
	w.add(Access{Kind: AccEscape, Instr: instr, Reason: r})
}

// value records the uses of v, a channel value.
func (w *accessWalk) value(v ssa.Value) {
	if v == nil || w.seen[v] || len(w.seen) > maxAccessSteps {
		return
	}
	w.seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return
	}
	for _, instr := range *refs {
		switch x := instr.(type) {
		case *ssa.Send:
			if x.Chan == v {
				w.add(Access{Kind: AccSend, Instr: x, Case: -1})
			}
			if x.X == v {
				w.escape(x, SentOnChannel)
			}
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				w.add(Access{Kind: AccRecv, Instr: x, Case: -1, CommaOk: x.CommaOk})
			} else {
				w.escape(x, StoredElsewhere)
			}
		case *ssa.Select:
			for i, st := range x.States {
				if st.Chan == v {
					k := AccSelectRecv
					if st.Dir == types.SendOnly {
						k = AccSelectSend
					}
					w.add(Access{Kind: k, Instr: x, Case: i})
				}
				if st.Send == v {
					w.escape(x, SentOnChannel)
				}
			}
		case ssa.CallInstruction:
			w.call(x, v)
		case *ssa.Store:
			if x.Val != v {
				continue // v is the address? a channel is never one
			}
			if alloc, ok := x.Addr.(*ssa.Alloc); ok {
				w.variable(alloc)
			} else {
				w.escape(x, StoredElsewhere)
			}
		case *ssa.ChangeType:
			w.value(x)
		case *ssa.Phi:
			if onlyNilOr(x, v) {
				w.value(x)
			} else {
				w.escape(x, Merged)
			}
		case *ssa.Return:
			w.escape(x, Returned)
		case *ssa.MakeInterface:
			w.escape(x, Converted)
		case *ssa.MakeClosure:
			for i, b := range x.Bindings {
				if b == v {
					w.add(Access{Kind: AccCapture, Instr: x, Arg: i, Closure: x})
				}
			}
		case *ssa.DebugRef, *ssa.BinOp:
			// comparisons and debug info do not use the channel
		default:
			w.escape(instr, StoredElsewhere)
		}
	}
}

// call records what a call, go or defer does with its argument v.
func (w *accessWalk) call(c ssa.CallInstruction, v ssa.Value) {
	common := c.Common()
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			w.add(Access{Kind: AccClose, Instr: c, Case: -1})
		case "len", "cap":
		default:
			w.escape(c, PassedOut)
		}
		return
	}
	if common.Value == v {
		w.escape(c, PassedOut) // not a function: unreachable for channels
		return
	}
	for i, a := range common.Args {
		if a == v {
			w.add(Access{Kind: AccArg, Instr: c, Case: -1, Arg: i})
		}
	}
}

// variable records the uses of a local or captured variable holding the
// channel: loads are the channel again; stores of nil keep it (a select
// case disabled by ch = nil); any other store or use of the address loses
// it.
func (w *accessWalk) variable(addr ssa.Value) {
	if w.seen[addr] || len(w.seen) > maxAccessSteps {
		return
	}
	w.seen[addr] = true
	refs := addr.Referrers()
	if refs == nil {
		return
	}
	for _, instr := range *refs {
		switch x := instr.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL && x.X == addr {
				w.value(x)
			} else {
				w.escape(x, StoredElsewhere)
			}
		case *ssa.Store:
			if x.Addr != addr {
				w.escape(x, StoredElsewhere) // the variable's address is stored
				continue
			}
			if w.seen[x.Val] || isNilConst(x.Val) {
				continue // the initial store, or ch = nil
			}
			w.escape(x, Reassigned)
		case *ssa.MakeClosure:
			for i, b := range x.Bindings {
				if b == addr {
					w.add(Access{Kind: AccCapture, Instr: x, Arg: i, Closure: x})
				}
			}
		case *ssa.DebugRef:
		default:
			w.escape(instr, StoredElsewhere)
		}
	}
}

// onlyNilOr reports whether every edge of phi is v, phi itself or nil.
func onlyNilOr(phi *ssa.Phi, v ssa.Value) bool {
	for _, e := range phi.Edges {
		if e != v && e != phi && !isNilConst(e) {
			return false
		}
	}
	return true
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

// ClosedByMaker reports whether ch is one channel, made by a make that
// the function making it closes, itself or in a closure (up to two deep)
// that captures it: a close among the make's Accesses. A worker handed
// the channel ends once its maker closes it.
func ClosedByMaker(ch ssa.Value) bool {
	ids := Origins(ch)
	if len(ids) != 1 || ids[0].Kind != Make {
		return false
	}
	return closesIn(Accesses(ids[0].Make), 0)
}

// closesIn reports whether accs close the channel, or hand it to a
// closure (up to two deep) that does.
func closesIn(accs []Access, depth int) bool {
	for _, a := range accs {
		switch a.Kind {
		case AccClose:
			return true
		case AccCapture:
			fn, ok := a.Closure.Fn.(*ssa.Function)
			if ok && depth < 2 && a.Arg < len(fn.FreeVars) && closesIn(Accesses(fn.FreeVars[a.Arg]), depth+1) {
				return true
			}
		}
	}
	return false
}

// Received returns the channels instr receives from: a receive's
// operand, or the channel of each receive case of a select; nil for any
// other instruction.
func Received(instr ssa.Instruction) []ssa.Value {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return []ssa.Value{x.X}
		}
	case *ssa.Select:
		var out []ssa.Value
		for _, st := range x.States {
			if st.Dir == types.RecvOnly {
				out = append(out, st.Chan)
			}
		}
		return out
	}
	return nil
}
