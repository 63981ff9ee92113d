package chans

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
)

// SendsBeforeHandOff returns the plain sends on the channel that mk makes
// that no hand-off of the channel can precede (a later round of a loop
// counts as preceding), and every hand-off: an instruction that gives the
// channel to code that could receive from it (a go statement, a call, a
// store, a closure, an interface, a return, a send of the channel as a
// value). Its own sends, receives, selects on it, len, cap, close and nil
// tests are not hand-offs. ok is false when a send's channel may be
// another channel than mk (a phi with another value).
func SendsBeforeHandOff(mk *ssa.MakeChan) (unshared []*ssa.Send, handOffs []ssa.Instruction, ok bool) {
	sends, handOffs, ok := sendsAndHandOffs(mk)
	if !ok {
		return nil, nil, false
	}
	for _, s := range sends {
		if !handedOnBefore(handOffs, s) {
			unshared = append(unshared, s)
		}
	}
	return unshared, handOffs, true
}

// sendsAndHandOffs follows the channel mk through phis and conversions and
// returns the plain sends on it and the instructions that hand it on to
// code that could receive from it: everything but its own sends, receives,
// selects on it, len, cap, close and nil tests. ok is false when a send's
// channel may also be another channel than mk (a phi with another value).
func sendsAndHandOffs(mk *ssa.MakeChan) (sends []*ssa.Send, shares []ssa.Instruction, ok bool) {
	seen := map[ssa.Value]bool{mk: true}
	work := []ssa.Value{mk}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch x := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Phi, *ssa.ChangeType:
				next := x.(ssa.Value)
				if !seen[next] {
					seen[next] = true
					work = append(work, next)
				}
			case *ssa.Send:
				if x.X == v {
					shares = append(shares, x) // sent as a value
				}
				if x.Chan == v {
					if ids := Origins(x.Chan); len(ids) != 1 || ids[0].Kind != Make || ids[0].Make != mk {
						return nil, nil, false
					}
					sends = append(sends, x)
				}
			case *ssa.UnOp:
				if x.Op != token.ARROW {
					shares = append(shares, x)
				}
			case *ssa.BinOp:
				// ch == nil: a test, not a hand-off
			case *ssa.Select:
				for _, st := range x.States {
					if st.Send == v {
						shares = append(shares, x)
					}
				}
			case *ssa.Store:
				cell, isCell := x.Addr.(*ssa.Alloc)
				if x.Val != v || !isCell {
					shares = append(shares, x)
					continue
				}
				// The variable that holds the channel, kept in a cell
				// because a closure captures it: its loads are the
				// channel, and what can reach the cell (the closure that
				// binds it, its address handed on) is a hand-off.
				loads, cellShares, sole := cellUses(cell, seen)
				if !sole {
					return nil, nil, false
				}
				shares = append(shares, cellShares...)
				for _, l := range loads {
					if !seen[l] {
						seen[l] = true
						work = append(work, l)
					}
				}
			case *ssa.Call:
				if b, isBuiltin := x.Call.Value.(*ssa.Builtin); isBuiltin {
					switch b.Name() {
					case "len", "cap", "close":
						continue
					}
				}
				shares = append(shares, x)
			default:
				shares = append(shares, r)
			}
		}
	}
	return sends, shares, true
}

// cellUses returns the loads of cell, a local variable's cell, and the
// instructions that hand the cell on (a closure that binds it, its address
// passed or stored). sole is false when the cell is also assigned a value
// that is not among the channel's values in seen (another channel, nil):
// operations through it may be on another channel.
func cellUses(cell *ssa.Alloc, seen map[ssa.Value]bool) (loads []ssa.Value, shares []ssa.Instruction, sole bool) {
	refs := cell.Referrers()
	if refs == nil {
		return nil, nil, true
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if x.Op == token.MUL {
				loads = append(loads, x)
				continue
			}
			shares = append(shares, x)
		case *ssa.Store:
			if x.Addr != cell {
				shares = append(shares, x) // the cell's address stored
				continue
			}
			if !seen[x.Val] {
				return nil, nil, false
			}
		default:
			shares = append(shares, r)
		}
	}
	return loads, shares, true
}

// handedOnBefore reports whether some instruction of shares can run
// before send (a later round of a loop counts).
func handedOnBefore(shares []ssa.Instruction, send *ssa.Send) bool {
	for _, sh := range shares {
		if cfg.Reaches(sh, send, nil) {
			return true
		}
	}
	return false
}
