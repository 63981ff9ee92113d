// Package chans answers "which channel is this?": it follows an SSA channel
// value back to its identity (a make site, a struct field, a global, a
// parameter, or something from outside), and indexes a package's functions
// to say, for each channel, where it is sent on, received from and closed,
// and whether it escapes to code the index cannot see.
//
// Identities are may-alias: a value that may come from several places has
// several IDs, and the index merges the IDs a channel flows between (a make
// stored into a field, an argument bound to a parameter) into one Channel.
// The package must not follow calls out of the indexed functions, must stay
// linear in their size, and must not panic on unusual SSA.
package chans

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Kind says what a channel's identity is.
type Kind int

const (
	External Kind = iota // from code the index cannot see: a call result, a slice or map element, a receive, an unresolved free variable
	Make                 // a make(chan ...) in the indexed code
	Field                // a struct field
	Global               // a package-level variable
	Param                // a function parameter
	Result               // result Index of Func, a function of the index whose every call the index sees (Summary only)
	Elem                 // a key or value of the map held in Field or Global, a map only the indexed code fills and reads (Summary only)
)

// ID identifies a channel. It is comparable and can key a map; exactly the
// field matching Kind is set.
type ID struct {
	Kind   Kind
	Make   *ssa.MakeChan
	Field  *types.Var  // Field, or Elem of a map held in a field
	Global *ssa.Global // Global, or Elem of a map held in a package-level variable
	Param  *ssa.Parameter
	Value  ssa.Value     // External: the value the channel was obtained as
	Func   *ssa.Function // Result
	Index  int           // Result
}

// maxSteps bounds one walk through phis, loads and captured variables.
const maxSteps = 512

// Origins returns the identities v may have, following phis, conversions,
// local and captured variables, in a deterministic order. Nil constants
// name no channel and are skipped.
func Origins(v ssa.Value) []ID {
	var ids []ID
	last, exceeded := ssax.Walk(v, maxSteps, func(v ssa.Value) ([]ssa.Value, bool) {
		next, id, ok := step(v)
		if ok {
			ids = append(ids, id)
		}
		return next, false
	})
	if exceeded {
		ids = append(ids, ID{Kind: External, Value: last})
	}
	return ids
}

// Origin returns v's identity when it has exactly one.
func Origin(v ssa.Value) (ID, bool) {
	ids := Origins(v)
	if len(ids) != 1 {
		return ID{}, false
	}
	return ids[0], true
}

// step returns either the values v copies (next) or v's identity (ok).
func step(v ssa.Value) (next []ssa.Value, id ID, ok bool) {
	external := ID{Kind: External, Value: v}
	switch v := v.(type) {
	case *ssa.MakeChan:
		return nil, ID{Kind: Make, Make: v}, true
	case *ssa.Parameter:
		return nil, ID{Kind: Param, Param: v}, true
	case *ssa.Const:
		return nil, ID{}, false // nil: no channel
	case *ssa.Phi:
		return v.Edges, ID{}, false
	case *ssa.ChangeType:
		return []ssa.Value{v.X}, ID{}, false
	case *ssa.MakeInterface:
		return []ssa.Value{v.X}, ID{}, false
	case *ssa.TypeAssert:
		return []ssa.Value{v.X}, ID{}, false
	case *ssa.Extract:
		if ta, isAssert := v.Tuple.(*ssa.TypeAssert); isAssert {
			return []ssa.Value{ta.X}, ID{}, false
		}
	case *ssa.FreeVar:
		if b := ssax.Binding(v); b != nil {
			return []ssa.Value{b}, ID{}, false
		}
	case *ssa.Field:
		if f := ssax.Field(v.X.Type(), v.Field); f != nil {
			return nil, ID{Kind: Field, Field: f}, true
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			break
		}
		switch addr := v.X.(type) {
		case *ssa.FieldAddr:
			if f := ssax.Field(addr.X.Type(), addr.Field); f != nil {
				return nil, ID{Kind: Field, Field: f}, true
			}
		case *ssa.Global:
			return nil, ID{Kind: Global, Global: addr}, true
		case *ssa.Alloc, *ssa.FreeVar:
			return ssax.StoredValues(addr), ID{}, false // never assigned: nil
		}
	}
	return nil, external, true
}

// CallResult returns the call whose result v is, through conversions, and
// which of its results (0 for a call with one): v is the call, or a
// component of its tuple.
func CallResult(v ssa.Value) (*ssa.Call, int, bool) {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Extract:
			call, ok := x.Tuple.(*ssa.Call)
			return call, x.Index, ok
		case *ssa.Call:
			return x, 0, true
		default:
			return nil, 0, false
		}
	}
}

// Capacity returns mk's buffer size when it is a constant.
func Capacity(mk *ssa.MakeChan) (n int64, known bool) {
	c, ok := mk.Size.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
