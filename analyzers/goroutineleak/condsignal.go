package goroutineleak

import (
	"fmt"
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// checkSkippedCondFlags reports a Cond wait loop of fn whose flag only one
// function sets to the value that ends the wait, when that function can
// return without setting it: a goroutine that waits after such a return,
// or while it happens, waits forever (a Broadcast on that path only sends
// it back to Wait). The Cond form of the field signal
// (checkSkippedFieldCloses), with the same rules for what is a skip
// (moby#30408: activate records its error and returns it, without setting
// activated; waitActive waits for activated, then returns the error it
// can never reach):
//
//	func (p *Plugin) activate() error {
//		if err := p.handshake(); err != nil {
//			p.activateErr = err
//			return err // activated stays false
//		}
//		p.activated = true
//		p.activateWait.Broadcast()
//		return nil
//	}
//
//	func (p *Plugin) waitActive() error {
//		for !p.activated {
//			p.activateWait.Wait() // blocks forever after that return
//		}
//		return p.activateErr
//	}
//
// The flag is an unexported boolean field that nothing stores a computed
// value into; every store of the exiting value (a constant, outside a
// constructor) is in that one function, which never sets it back (that
// shape, a flag raised for the time of a load, is checkStuckFlags'). Not a skip: a return decided by
// the object's own state, or one that hands the caller an error when the
// path records nothing that the waiter reads after its wait.
func (c *checker) checkSkippedCondFlags(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	for _, w := range fieldCondWaits(fn) {
		for _, flag := range waitFlags(fn, w.call, w.cond) {
			if !soleExit(fn, w.call, flag) {
				continue // ok: the loop has another way out (items queued, a second flag)
			}
			setter, stores, ok := c.onlySetter(flag)
			if !ok || setter == fn {
				continue
			}
			if sk, ok := c.skippedSignal(w.call, nil, setter, stores); ok {
				c.reportSkippedCondFlag(w.call, flag, sk)
				return
			}
		}
	}
}

// soleExit reports whether the flag's branch is the only way out of the
// innermost loop around wait: every edge that leaves it branches on the
// flag, and no return or jump leaves it otherwise.
func soleExit(fn *ssa.Function, wait *ssa.Call, flag condFlag) bool {
	var loop []*ssa.BasicBlock
	for _, l := range waitexit.LoopExits(fn) {
		if slices.Contains(l.Blocks, wait.Block()) && (loop == nil || len(l.Blocks) < len(loop)) {
			loop = l.Blocks
		}
	}
	if loop == nil {
		return false
	}
	for _, b := range loop {
		last := b.Instrs[len(b.Instrs)-1]
		if _, ok := last.(*ssa.Return); ok {
			return false
		}
		for _, succ := range b.Succs {
			if slices.Contains(loop, succ) {
				continue
			}
			iff, ok := last.(*ssa.If)
			if !ok {
				return false
			}
			v := iff.Cond
			if not, ok := v.(*ssa.UnOp); ok && not.Op == token.NOT {
				v = not.X
			}
			if ssax.LoadedField(v) != flag.field {
				return false
			}
		}
	}
	return true
}

// onlySetter returns the one function that stores the flag's exiting
// value into it, and those stores, when no function stores a value that
// is not a constant (p.ready = ok) and every store of the exiting value
// is in that function.
func (c *checker) onlySetter(flag condFlag) (*ssa.Function, []ssa.Instruction, bool) {
	var setter *ssa.Function
	var stores []ssa.Instruction
	var blocking []*ssa.Function // functions that set it back to the waiting value
	for _, fn := range c.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok || ssax.Field(fa.X.Type(), fa.Field) != flag.field {
					continue
				}
				k, ok := st.Val.(*ssa.Const)
				if !ok || k.Value == nil || k.Value.Kind() != constant.Bool {
					return nil, nil, false // ok: a computed value may end the wait from anywhere
				}
				if constant.BoolVal(k.Value) != flag.exit {
					if _, fresh := fa.X.(*ssa.Alloc); !fresh {
						blocking = append(blocking, fn)
					}
					continue
				}
				if _, fresh := fa.X.(*ssa.Alloc); fresh {
					continue // ok: a struct this function makes: nobody waits on it yet
				}
				if setter != nil && fn != setter {
					return nil, nil, false // ok: several functions set it
				}
				setter = fn
				stores = append(stores, st)
			}
		}
	}
	if slices.Contains(blocking, setter) {
		return nil, nil, false // ok: it sets the flag both ways, the stuck flag's shape (checkStuckFlags)
	}
	if setter == nil || setter.Pkg != flag.wait.Parent().Pkg || passutil.InTestFile(c.pass, setter) && !c.kernelCode(setter) {
		return nil, nil, false
	}
	return setter, stores, true
}

func (c *checker) reportSkippedCondFlag(wait *ssa.Call, flag condFlag, sk fieldSkip) {
	setter := fnName(sk.closer)
	if sk.closer.Parent() != nil {
		setter = "a goroutine of " + fnName(sk.closer.Parent())
	}
	related := []analysis.RelatedInformation{
		passutil.Related(returnPos(sk.ret), "%s returns here without setting %s to %t", setter, flag.field.Name(), flag.exit),
	}
	for _, r := range sk.others {
		related = append(related, passutil.Related(returnPos(r), "and here"))
	}
	for _, s := range sk.closes {
		what := fmt.Sprintf("where %s is set to %t, skipped", flag.field.Name(), flag.exit)
		if _, isCall := s.(*ssa.Call); isCall {
			what = "the call that sets it, skipped"
		}
		related = append(related, passutil.Related(ssax.Pos(s), "%s", what))
	}
	related = append(related, passutil.Related(flag.field.Pos(), "field %s declared here: nothing else in the package sets it to %t", flag.field.Name(), flag.exit))
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catSync,
		Message: fmt.Sprintf("%s.Wait can block forever: the loop waits until %s is %t, which only %s sets, and it can return without setting it; a Broadcast does not end the loop (goroutine leak)",
			flag.cond.Name(), flag.field.Name(), flag.exit, setter),
		Related: related,
	})
}
