package wake

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

const (
	semNew     = "golang.org/x/sync/semaphore.NewWeighted"
	semAcquire = "(*golang.org/x/sync/semaphore.Weighted).Acquire"
	semRelease = "(*golang.org/x/sync/semaphore.Weighted).Release"
)

// FullAcquire reports whether call acquires a weighted semaphore's whole
// weight: sem.Acquire(ctx, n) on a sem := semaphore.NewWeighted(n) of the
// same function, n the same value. It returns only once every unit held
// is released: it waits for every goroutine that holds one, as a
// WaitGroup's Wait does (the join of a bounded pool: acquire one unit
// per goroutine, release it in a defer, acquire all to wait).
func FullAcquire(call *ssa.Call) bool {
	if ssax.FullName(ssax.Callee(&call.Call)) != semAcquire || len(call.Call.Args) != 3 {
		return false
	}
	made, ok := ssax.Unwrap(call.Call.Args[0]).(*ssa.Call)
	if !ok || ssax.FullName(ssax.Callee(&made.Call)) != semNew || len(made.Call.Args) != 1 {
		return false
	}
	size, n := ssax.Unwrap(made.Call.Args[0]), ssax.Unwrap(call.Call.Args[2])
	if cs, ok := size.(*ssa.Const); ok {
		cn, ok := n.(*ssa.Const)
		return ok && cs.Value != nil && cn.Value != nil && constant.Compare(cs.Value, token.EQL, cn.Value)
	}
	return ssax.SameFieldPath(size, n)
}

// SemaphoreJoins reports whether the full acquire wait (FullAcquire)
// waits for a goroutine running body: body releases the same semaphore
// in a deferred call, so it holds a unit until it returns.
func SemaphoreJoins(wait *ssa.Call, body *ssa.Function) bool {
	if !FullAcquire(wait) {
		return false
	}
	sem := ssax.CapturedRoot(wait.Call.Args[0])
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok || ssax.FullName(ssax.Callee(&d.Call)) != semRelease || len(d.Call.Args) != 2 {
				continue
			}
			if ssax.CapturedRoot(d.Call.Args[0]) == sem {
				return true
			}
		}
	}
	return false
}
