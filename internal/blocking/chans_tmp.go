package blocking

// TEMPORARY: replaced by internal/chans, internal/ctxflow and internal/waitexit
// once they land.

import (
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

func Buffered(ch ssa.Value) bool {
	if mk, ok := ssax.Unwrap(ch).(*ssa.MakeChan); ok {
		if c, ok := mk.Size.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
			n, _ := constant.Int64Val(c.Value)
			return n > 0
		}
	}
	return false
}

func IsTimerChan(ch ssa.Value) bool {
	switch v := ssax.Unwrap(ch).(type) {
	case *ssa.Call:
		name := ssax.FullName(ssax.Callee(&v.Call))
		return name == "time.After" || name == "time.Tick"
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok {
			t := types.TypeString(fa.X.Type(), nil)
			return t == "*time.Timer" || t == "*time.Ticker"
		}
	}
	return false
}

func IsDoneChan(ch ssa.Value) bool {
	if c, ok := ssax.Unwrap(ch).(*ssa.Call); ok && c.Call.IsInvoke() && c.Call.Method.Name() == "Done" {
		return types.TypeString(c.Call.Value.Type(), nil) == "context.Context"
	}
	return false
}
