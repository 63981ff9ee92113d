package ctxflow

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// GetsDeadline reports whether the connection conn has SetDeadline,
// SetReadDeadline or SetWriteDeadline called on it (or on a conversion of
// it) in its function: its reads and writes are then bounded by time,
// which the code manages itself.
func GetsDeadline(conn ssa.Value) bool {
	seen := map[ssa.Value]bool{}
	var visit func(v ssa.Value, depth int) bool
	visit = func(v ssa.Value, depth int) bool {
		if seen[v] || depth > 8 || v.Referrers() == nil {
			return false
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case ssa.CallInstruction:
				com := r.Common()
				if f := ssax.Callee(com); f != nil && strings.HasPrefix(f.Name(), "Set") && strings.HasSuffix(f.Name(), "Deadline") {
					if (com.IsInvoke() && com.Value == v) || (!com.IsInvoke() && len(com.Args) > 0 && com.Args[0] == v) {
						return true
					}
				}
			case *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.ChangeType, *ssa.TypeAssert, *ssa.Phi:
				if visit(r.(ssa.Value), depth+1) {
					return true
				}
			}
		}
		return false
	}
	return visit(conn, 0)
}

// ConnIOGetsDeadline reports whether call, a read, write or accept on a
// connection, is made on a connection that gets a deadline in the same
// function (GetsDeadline of the receiver, before its conversions).
func ConnIOGetsDeadline(call *ssa.CallCommon) bool {
	var recv ssa.Value
	switch {
	case call.IsInvoke():
		recv = call.Value
	case len(call.Args) > 0:
		recv = call.Args[0]
	default:
		return false
	}
	return GetsDeadline(recv) || GetsDeadline(ssax.Unwrap(recv))
}
