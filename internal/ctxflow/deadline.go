package ctxflow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// This file answers the deadline questions a pass needs when it follows a
// context into outbound I/O: "may this context carry no deadline, counting
// what callees return?" and "is this the caller's context, passed along
// without a deadline added?". Both stay intraprocedural: what a callee
// returns is asked of the caller-supplied hook, which a pass answers from
// its own summaries or facts.

// DeadlineQuery tunes LacksDeadline.
type DeadlineQuery struct {
	// RootLacks, if set, is asked about a root that is neither
	// context.Background nor context.TODO (typically a Call root: the
	// result of some function) and reports whether it may carry no
	// deadline, e.g. because that callee returns a context rooted in
	// context.Background. A false answer means "its provider's business".
	RootLacks func(o Origin) bool
}

// LacksDeadline is MayLackDeadline with two refinements for outbound I/O:
//   - a root that q.RootLacks vouches for counts as deadline-less, so a
//     context made by a helper (func newCtx() context.Context { return
//     context.Background() }) is judged like a direct Background call;
//   - a WithCancel(Cause) whose cancel function may run while the context
//     is in use (it escapes: handed to time.AfterFunc, a goroutine, a
//     struct, another function) is treated as a deadline in disguise, and
//     signal.NotifyContext as an interruption the user controls. Only a
//     cancel that this function itself calls or defers leaves the chain
//     deadline-less.
func LacksDeadline(v ssa.Value, q DeadlineQuery) (bool, Origin) {
	return walkValues(v, func(v ssa.Value, o *Origin, d derivation) verdict {
		switch {
		case o != nil && (o.Kind == Background || o.Kind == TODO):
			return found
		case o != nil && q.RootLacks != nil && q.RootLacks(*o):
			return found
		case o != nil:
			return settle
		case d == addsDeadline:
			return settle
		case d == dropsCancel:
			return found
		case d == addsCancel && cancelMayFireEarly(v):
			return settle
		}
		return follow
	})
}

// CallerContext reports whether some chain of v is a parameter of the
// function that v belongs to (or of an enclosing function, through a
// closure's free variable) with no deadline added and no WithoutCancel on
// the way: the context is the caller's, and so is its deadline. It returns
// that parameter.
func CallerContext(v ssa.Value) (*ssa.Parameter, bool) {
	ok, o := walkValues(v, func(_ ssa.Value, o *Origin, d derivation) verdict {
		switch {
		case o != nil && o.Kind == Param:
			return found
		case o != nil:
			return settle
		case d == addsDeadline, d == dropsCancel:
			return settle
		}
		return follow
	})
	if !ok {
		return nil, false
	}
	p, ok := o.Value.(*ssa.Parameter)
	return p, ok
}

// AddsDeadlineTo reports whether some chain of v derives a deadline
// (WithTimeout, WithDeadline) from p, the caller's context, on the way to
// v: the function bounds the wait itself on that path, typically by its
// own configuration (if cfg.Timeout > 0 { ctx, cancel =
// context.WithTimeout(ctx, cfg.Timeout) }). Such a function is not a
// pass-through of its caller's deadline: a caller handing it
// context.Background leaves the bound to that configuration, which the
// function's user sets. A deadline added to another context (a fallback
// for a nil parameter) does not count.
func AddsDeadlineTo(v ssa.Value, p *ssa.Parameter) bool {
	ok, _ := walkValues(v, func(v ssa.Value, o *Origin, d derivation) verdict {
		switch {
		case o != nil:
			return settle
		case d == addsDeadline:
			parents, _, _ := step(v)
			for _, parent := range parents {
				if q, ok := CallerContext(parent); ok && q == p {
					return found
				}
			}
			return settle
		case d == dropsCancel:
			return settle
		}
		return follow
	})
	return ok
}

// walkValues is walk with the value of each step passed to judge, so that a
// question can look at the derivation call itself.
func walkValues(v ssa.Value, judge func(v ssa.Value, o *Origin, d derivation) verdict) (bool, Origin) {
	var hit *Origin
	last, exceeded := ssax.Walk(v, maxSteps, func(v ssa.Value) ([]ssa.Value, bool) {
		next, o, d := step(v)
		switch judge(v, o, d) {
		case found:
			if o == nil {
				kind := Call
				if d == dropsCancel {
					kind = WithoutCancel
				}
				o = &Origin{Kind: kind, Value: v, Pos: derivationPos(v), Object: calleeObject(v)}
			}
			hit = o
			return nil, true
		case follow:
			return next, false
		}
		return nil, false
	})
	if exceeded {
		o := Origin{Kind: Unknown, Value: last, Pos: last.Pos()}
		return judge(last, &o, notDerived) == found, o
	}
	if hit != nil {
		return true, *hit
	}
	return false, Origin{}
}

// derivationPos is the position of the call that produced v.
func derivationPos(v ssa.Value) token.Pos {
	if e, ok := v.(*ssa.Extract); ok {
		return e.Tuple.Pos()
	}
	return v.Pos()
}

// cancelMayFireEarly reports whether v, the context result of a cancelling
// derivation, can be cancelled while it is still in use by something other
// than this function's own calls of cancel: the cancel function escapes
// (timer, goroutine, field, argument), or the derivation is
// signal.NotifyContext. errgroup.WithContext is cancelled only by a failing
// sibling, which bounds nothing: it reports false.
func cancelMayFireEarly(v ssa.Value) bool {
	e, ok := v.(*ssa.Extract)
	if !ok {
		return false
	}
	c, ok := e.Tuple.(*ssa.Call)
	if !ok {
		return false
	}
	fn := ssax.Callee(&c.Call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os/signal.NotifyContext":
		return true
	case "context.WithCancel", "context.WithCancelCause":
	default:
		return false
	}
	refs := c.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		cancel, ok := r.(*ssa.Extract)
		if !ok || cancel.Index != 1 {
			continue
		}
		if cancelEscapes(cancel) {
			return true
		}
	}
	return false
}

// cancelEscapes reports whether the cancel function is used for anything
// but being called or deferred right here.
func cancelEscapes(cancel ssa.Value) bool {
	refs := cancel.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			com := r.Common()
			if com.Value != cancel {
				return true // passed as an argument
			}
			for _, a := range com.Args {
				if a == cancel {
					return true
				}
			}
			if _, isGo := r.(*ssa.Go); isGo {
				return true // go cancel(): fires whenever the scheduler says
			}
		default:
			return true
		}
	}
	return false
}

// AlwaysLacksDeadline reports whether every chain of v is rooted in
// context.Background or context.TODO (or a root q.RootLacks vouches for)
// with no deadline added on the way and no cancel that may fire early: the
// context certainly carries no deadline, whatever path produced it. A
// summary of a function's context result uses it, so that a helper that
// returns context.Background only as a fallback for a nil parameter does
// not taint its callers.
func AlwaysLacksDeadline(v ssa.Value, q DeadlineQuery) bool {
	counter, _ := walkValues(v, func(v ssa.Value, o *Origin, d derivation) verdict {
		switch {
		case o != nil && (o.Kind == Background || o.Kind == TODO):
			return settle
		case o != nil && q.RootLacks != nil && q.RootLacks(*o):
			return settle
		case o != nil:
			return found // a root that may carry a deadline
		case d == addsDeadline:
			return found
		case d == dropsCancel:
			return settle
		case d == addsCancel && cancelMayFireEarly(v):
			return found
		}
		return follow
	})
	return !counter
}
