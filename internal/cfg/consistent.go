package cfg

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// ConsistentPath reports whether some path from fn's entry through the
// block of via to the block of to, which after via takes no edge for
// which avoid holds (avoid(from, to): an edge into a block to avoid, or
// one edge, as the case of a select whose empty body go/ssa threaded
// away; edges back into via's block are asked too), decides its branches
// consistently: a branch on a
// condition that the path already tested (the same value, the same field
// of the same value, the same comparison of such operands, possibly
// negated) goes the way the first test went.
//
//	if !opts.JSON || (preview && !stream) {
//		ch = make(chan T)
//		go produce(ch) // via
//	}
//	if opts.JSON {
//		if preview && !stream {
//			digest(ch) // avoid: drains ch
//		}
//		return // to: not reachable from via without digest
//	}
//
// Path-insensitive reachability says the return can follow the go
// statement without the drain; no consistent path does. The search is
// bounded: when it gives up, it answers true (a path may exist).
func ConsistentPath(via ssa.Instruction, to ssa.Instruction, avoid func(from, to *ssa.BasicBlock) bool) bool {
	fn := via.Parent()
	if fn == nil || len(fn.Blocks) == 0 || to.Parent() != fn {
		return true
	}
	return search(fn, via.Block(), to.Block(), false, avoid)
}

// search runs one bounded path search from fn's entry; true when a path
// exists or the search gave up.
func search(fn *ssa.Function, via, to *ssa.BasicBlock, cycle bool, avoid func(from, to *ssa.BasicBlock) bool) bool {
	s := &pathSearch{
		via:    via,
		to:     to,
		cycle:  cycle,
		avoid:  avoid,
		seen:   map[string]bool{},
		budget: 20000,
		atoms:  map[*ssa.BasicBlock]atom{},
	}
	found := s.walk(fn.Blocks[0], nil, false, nil)
	return found || s.budget <= 0
}

// ConsistentCycle reports whether some path from fn's entry reaches the
// block of at and comes back to it, through no edge for which avoid
// holds (as ConsistentPath; an edge back into at's block is asked too),
// deciding its branches consistently (as ConsistentPath): a
// loop that starts a goroutine at at can start another one without
// passing avoid. A flag that records the start (started := false; if c {
// go f(); started = true }; ...; if started { <-done }) is a decided
// value on the way round: its false edge cannot follow the start.
func ConsistentCycle(at ssa.Instruction, avoid func(from, to *ssa.BasicBlock) bool) bool {
	fn := at.Parent()
	if fn == nil || len(fn.Blocks) == 0 {
		return true
	}
	return search(fn, at.Block(), at.Block(), true, avoid)
}

// atom is a branch condition in canonical form: key names the tested
// value (or comparison), and neg says that the If's true edge means the
// atom is false.
type atom struct {
	key  string
	neg  bool
	ok   bool
	defs []*ssa.BasicBlock // the blocks defining the values it reads
	// mono, when set, is the counter a comparison of a counter with a
	// value the loop does not change reads (i < n: i only grows round
	// the loop), and stays says which outcome then holds for good (i < n
	// false: i >= n stays so on every later round).
	mono  *counter
	stays bool
}

// counter is an integer loop variable that only grows: a phi whose every
// edge but those from outside the loop is phi + k, k > 0 (the index of a
// range over a slice, i++).
type counter struct {
	phi *ssa.Phi
	inc *ssa.BinOp
}

type decision struct {
	key  string
	val  bool
	defs []*ssa.BasicBlock
	// mono: the decision stays true round the loop of this counter
	// (entering the counter's block by an edge that increments it)
	mono *counter
}

type pathSearch struct {
	via, to *ssa.BasicBlock
	cycle   bool                                // to is via, reached again through at least one edge
	avoid   func(from, to *ssa.BasicBlock) bool // edges the path may not take
	seen    map[string]bool
	budget  int
	atoms   map[*ssa.BasicBlock]atom
	// tested counts the branches on each atom key (built on first use):
	// a decision that no later branch can be checked against is not
	// recorded, so that it does not multiply the states searched.
	tested map[string]int
	cyclic map[*ssa.BasicBlock]bool // blocks on a cycle (built on first use)
	// counted, when set, carries a count along the path (ConsistentCount).
	counted *counting
	// timers caches, by block, the timer case its If's true edge enters
	// (a zero key when none).
	timers map[*ssa.BasicBlock]timerCase
	// flags caches testedFlag.
	flags map[*ssa.Phi]bool
}

// counting is the count a ConsistentCount search carries.
type counting struct {
	enter func(b *ssa.BasicBlock, n int) int
	edge  func(from, to *ssa.BasicBlock, n int, after bool) (int, bool)
	limit int
}

// ConsistentCount reports whether some path from fn's entry through the
// block of via to the block of to decides its branches consistently (as
// ConsistentPath) and arrives with a count above limit. The count is 0 at
// the entry; enter(b, n) gives it once the path is in b, edge(from, to, n,
// after) once it has taken the edge (ok false: the edge cannot be taken;
// after says whether the path has passed via). The
// caller keeps the count in a small range (the search tells paths apart
// by it). Like ConsistentPath, it answers true when it gives up.
func ConsistentCount(via, to ssa.Instruction, enter func(b *ssa.BasicBlock, n int) int, edge func(from, to *ssa.BasicBlock, n int, after bool) (int, bool), limit int) bool {
	fn := via.Parent()
	if fn == nil || len(fn.Blocks) == 0 || to.Parent() != fn {
		return true
	}
	s := &pathSearch{
		via:     via.Block(),
		to:      to.Block(),
		seen:    map[string]bool{},
		budget:  20000,
		atoms:   map[*ssa.BasicBlock]atom{},
		counted: &counting{enter, edge, limit},
	}
	found := s.walkCounted(fn.Blocks[0], nil, false, nil, 0)
	return found || s.budget <= 0
}

// walk explores paths from b; after says whether via was passed; decided
// holds the branch outcomes so far (sorted by key).
func (s *pathSearch) walk(b, from *ssa.BasicBlock, after bool, decided []decision) bool {
	return s.walkCounted(b, from, after, decided, 0)
}

// walkCounted is walk carrying the count n of a ConsistentCount search
// (the count after the edge into b; 0 and unused otherwise).
func (s *pathSearch) walkCounted(b, from *ssa.BasicBlock, after bool, decided []decision, n int) bool {
	if s.budget <= 0 {
		return true
	}
	s.budget--
	if s.cycle && after && b == s.to {
		return true // back at the start, through at least one edge
	}
	if s.counted != nil {
		n = s.counted.enter(b, n)
	}
	if b == s.via {
		after = true
	}
	if !s.cycle && after && b == s.to {
		return s.counted == nil || n > s.counted.limit
	}
	// Entering a block runs its instructions again (a loop): a decision
	// on a value it defines no longer holds for the new value, unless it
	// compares a counter that only grew since (i >= n stays true).
	stale := func(d decision) bool {
		return slices.Contains(d.defs, b) && !d.mono.grewInto(b, from)
	}
	if slices.ContainsFunc(decided, stale) {
		decided = slices.DeleteFunc(slices.Clone(decided), stale)
	}
	// A boolean phi takes the constant of the edge the path came in by,
	// or the value the path decided for the phi that edge brings (a flag
	// a select's case sets, merged after the select and carried round the
	// loop).
	if from != nil {
		if k := slices.Index(b.Preds, from); k >= 0 {
			for _, instr := range b.Instrs {
				phi, ok := instr.(*ssa.Phi)
				if !ok {
					break
				}
				if nilable(phi.Type()) {
					decided = s.decideNil(phi, phi.Edges[k], b, decided)
					continue
				}
				var val bool
				switch e := phi.Edges[k].(type) {
				case *ssa.Const:
					if e.Value == nil || e.Value.Kind() != constant.Bool {
						continue
					}
					val = constant.BoolVal(e.Value)
				case *ssa.Phi:
					j, found := slices.BinarySearchFunc(decided, "v:"+e.Name(), func(d decision, k string) int { return strings.Compare(d.key, k) })
					if !found {
						continue
					}
					val = decided[j].val
				default:
					continue
				}
				key := "v:" + phi.Name()
				if !s.testedFlag(phi) {
					continue // ok: no branch tests it, nor a phi it flows into
				}
				j, found := slices.BinarySearchFunc(decided, key, func(d decision, k string) int { return strings.Compare(d.key, k) })
				if !found {
					decided = slices.Insert(slices.Clone(decided), j, decision{key: key, val: val, defs: []*ssa.BasicBlock{b}})
				}
			}
		}
	}
	// A timer that has delivered its value on the path: received from in
	// b (<-t.C), or made by a helper that returns it spent (t :=
	// time.NewTimer(0); <-t.C; return t) called in b. A Reset in b after
	// the receive arms it again.
	for _, fd := range firedOnEntry(b) {
		j, found := slices.BinarySearchFunc(decided, fd.key, func(d decision, k string) int { return strings.Compare(d.key, k) })
		switch {
		case fd.val && !found:
			decided = slices.Insert(slices.Clone(decided), j, fd)
		case !fd.val && found:
			decided = slices.Delete(slices.Clone(decided), j, j+1)
		}
	}
	state := stateKey(b, after, decided)
	if s.counted != nil {
		state += fmt.Sprintf("#%d", n)
	}
	if s.seen[state] {
		return false
	}
	s.seen[state] = true
	a := s.atomOf(b)
	for i, succ := range b.Succs {
		if after && s.avoid != nil && s.avoid(b, succ) {
			continue
		}
		next := decided
		if i == 0 {
			if tc, ok := s.timerCaseOf(b); ok {
				// A timer's channel yields one value per arming: a
				// second firing needs the path to make the timer anew
				// or Reset it first (a block of tc.defs).
				j, found := slices.BinarySearchFunc(decided, tc.key, func(d decision, k string) int { return strings.Compare(d.key, k) })
				if found {
					continue // the timer fired already on this path
				}
				next = slices.Insert(slices.Clone(decided), j, decision{key: tc.key, val: true, defs: tc.defs})
			}
		}
		if a.ok && len(b.Succs) == 2 {
			val := (i == 0) != a.neg
			j, found := slices.BinarySearchFunc(decided, a.key, func(d decision, k string) int { return strings.Compare(d.key, k) })
			if found {
				if decided[j].val != val {
					continue // inconsistent with an earlier test of the same condition
				}
			} else if s.checkedAgain(b, a.key) {
				d := decision{key: a.key, val: val, defs: a.defs}
				if a.mono != nil && val == a.stays {
					d.mono = a.mono
				}
				k, _ := slices.BinarySearchFunc(next, a.key, func(d decision, k string) int { return strings.Compare(d.key, k) })
				next = slices.Insert(slices.Clone(next), k, d)
			}
		}
		m := n
		if s.counted != nil {
			var ok bool
			if m, ok = s.counted.edge(b, succ, n, after); !ok {
				continue
			}
		}
		if s.walkCounted(succ, b, after, next, m) {
			return true
		}
		if s.budget <= 0 {
			return true
		}
	}
	return false
}

// decideNil records, for a phi of a type that can be nil (an error
// merged after a select: var firstErr error, set in one case only), whether
// the value the path brings in is nil: the nil constant is, and a value
// made there (errors.New, fmt.Errorf, an interface made from a value, an
// address, a closure, a make) is not. A later test of phi against nil
// then takes the branch that value decides (if firstErr != nil { return }
// on the path through the other case cannot return).
func (s *pathSearch) decideNil(phi *ssa.Phi, in ssa.Value, b *ssa.BasicBlock, decided []decision) []decision {
	isNil, known := nilness(in)
	if !known || !comparedWithNil(phi) {
		return decided
	}
	var defs []*ssa.BasicBlock
	key, _, ok := condKey(&ssa.BinOp{Op: token.EQL, X: phi, Y: ssa.NewConst(nil, phi.Type())}, &defs)
	if !ok {
		return decided
	}
	j, found := slices.BinarySearchFunc(decided, key, func(d decision, k string) int { return strings.Compare(d.key, k) })
	if found {
		return decided
	}
	return slices.Insert(slices.Clone(decided), j, decision{key: key, val: isNil, defs: []*ssa.BasicBlock{b}})
}

// nilable reports whether a value of type t can be nil.
func nilable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Interface, *types.Pointer, *types.Map, *types.Chan, *types.Slice, *types.Signature:
		return true
	}
	return false
}

// nilness says whether v is nil, when that is known from how v is made.
func nilness(v ssa.Value) (isNil, known bool) {
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value == nil, x.Value == nil
	case *ssa.MakeInterface, *ssa.Alloc, *ssa.MakeClosure, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeSlice:
		return false, true // an interface holding even a nil pointer is not nil
	case *ssa.Call:
		if f := x.Call.StaticCallee(); f != nil {
			switch f.RelString(nil) {
			case "errors.New", "fmt.Errorf":
				return false, true
			}
		}
	}
	return false, false
}

// comparedWithNil reports whether a branch compares phi with nil.
func comparedWithNil(phi *ssa.Phi) bool {
	for _, r := range *phi.Referrers() {
		bin, ok := r.(*ssa.BinOp)
		if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
			continue
		}
		for _, o := range []ssa.Value{bin.X, bin.Y} {
			if c, ok := o.(*ssa.Const); ok && c.Value == nil {
				return true
			}
		}
	}
	return false
}

// firedPrefix starts the decision key that says a timer's channel has
// delivered its value on the path.
const firedPrefix = "fired:"

// timerCase is a select case that receives from the channel of a
// *time.Timer: key names the timer's firing, defs the blocks that arm it
// anew (where the timer value is made, a phi that may bring another one,
// a Reset).
type timerCase struct {
	key  string
	defs []*ssa.BasicBlock
}

// timerCaseOf returns the timer case whose body the true edge of b's If
// enters: b tests a select's index against k, and case k receives from
// t.C, for a timer t that the function makes (a call's result, or a phi
// of such) and uses only to receive from C, Stop and Reset it. A timer
// handed elsewhere may be Reset there, and a field may be replaced: no
// case then.
func (s *pathSearch) timerCaseOf(b *ssa.BasicBlock) (timerCase, bool) {
	if s.timers == nil {
		s.timers = map[*ssa.BasicBlock]timerCase{}
	}
	if tc, ok := s.timers[b]; ok {
		return tc, tc.key != ""
	}
	tc := findTimerCase(b)
	s.timers[b] = tc
	return tc, tc.key != ""
}

func findTimerCase(b *ssa.BasicBlock) timerCase {
	var none timerCase
	n := len(b.Instrs)
	if n == 0 {
		return none
	}
	iff, ok := b.Instrs[n-1].(*ssa.If)
	if !ok {
		return none
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return none
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return none
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	if !ok {
		return none
	}
	kc, ok := cmp.Y.(*ssa.Const)
	if !ok || kc.Value == nil || kc.Value.Kind() != constant.Int {
		return none
	}
	k, exact := constant.Int64Val(kc.Value)
	if !exact || k < 0 || int(k) >= len(sel.States) || sel.States[k].Dir != types.RecvOnly {
		return none
	}
	load, ok := sel.States[k].Chan.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return none
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok || !isTimerPtr(fa.X.Type()) {
		return none
	}
	key, defs, ok := timerArmings(fa.X)
	if !ok {
		return none
	}
	return timerCase{key: key, defs: defs}
}

// timerArmings returns the key and the arming blocks of the timer
// variable t is a value of: t and the values it is merged with through
// phis (t = time.NewTimer(d) in a loop's case, carried round the loop) are
// one variable, keyed by the least of their names; it is armed anew where
// one of its calls makes a timer (their blocks: the phis' own blocks only
// carry it) or a Reset runs. ok is false when a value of the variable is
// anything but a call or a phi, or is used other than to read C, Stop or
// Reset it (handed on, stored, captured: it may be Reset elsewhere).
func timerArmings(t ssa.Value) (key string, defs []*ssa.BasicBlock, ok bool) {
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		if key == "" || v.Name() < key {
			key = v.Name()
		}
		switch x := v.(type) {
		case *ssa.Call:
			defs = append(defs, x.Block())
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !walk(e) {
					return false
				}
			}
		default:
			return false
		}
		refs := v.Referrers()
		if refs == nil {
			return true
		}
		for _, r := range *refs {
			switch u := r.(type) {
			case *ssa.FieldAddr:
				if u.Field != 0 {
					return false
				}
			case *ssa.DebugRef:
			case *ssa.Phi:
				if !walk(u) {
					return false
				}
			case *ssa.Call:
				callee := u.Call.StaticCallee()
				if callee == nil || len(u.Call.Args) == 0 || u.Call.Args[0] != v {
					return false
				}
				switch callee.String() {
				case "(*time.Timer).Stop":
				case "(*time.Timer).Reset":
					defs = append(defs, u.Block())
				default:
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	if !walk(t) {
		return "", nil, false
	}
	return firedPrefix + "v:" + key, defs, true
}

// firedOnEntry returns what b does to the firing of the function's
// timers, in order: a decision with val true for a timer whose value has
// been taken once the path is through b (a receive from t.C, a spent
// timer a helper returns), val false for one that b arms again after that
// (Reset).
func firedOnEntry(b *ssa.BasicBlock) []decision {
	var out []decision
	add := func(t ssa.Value, val bool) {
		key, defs, ok := timerArmings(t)
		if !ok {
			return
		}
		for i, d := range out {
			if d.key == key {
				out[i].val = val
				return
			}
		}
		out = append(out, decision{key: key, val: val, defs: defs})
	}
	for _, instr := range b.Instrs {
		switch x := instr.(type) {
		case *ssa.Call:
			if isTimerPtr(x.Type()) && spentTimer(x) {
				add(x, true)
			} else if callee := x.Call.StaticCallee(); callee != nil && callee.String() == "(*time.Timer).Reset" && len(x.Call.Args) > 0 {
				add(x.Call.Args[0], false)
			}
		case *ssa.UnOp:
			if t := timerOfRecv(x); t != nil {
				add(t, true)
			}
		}
	}
	return out
}

// timerOfRecv returns the timer t when u receives from t.C (<-t.C).
func timerOfRecv(u *ssa.UnOp) ssa.Value {
	if u.Op != token.ARROW {
		return nil
	}
	load, ok := u.X.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok || fa.Field != 0 || !isTimerPtr(fa.X.Type()) {
		return nil
	}
	return fa.X
}

// spentTimer reports whether call is a call of a function that returns a
// timer whose value it has received: every return returns the result of
// a time.NewTimer that a receive from its C dominates, and nothing Resets
// it (mediamtx's emptyTimer, a select case that never fires until the
// loop arms a new timer).
func spentTimer(call *ssa.Call) bool {
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 || callee.Signature.Results().Len() != 1 {
		return false
	}
	rets := 0
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		rets++
		t, ok := ret.Results[0].(*ssa.Call)
		if !ok {
			return false
		}
		if f := t.Call.StaticCallee(); f == nil || f.String() != "time.NewTimer" {
			return false
		}
		received := false
		for _, r := range *t.Referrers() {
			switch u := r.(type) {
			case *ssa.FieldAddr:
				if u.Field != 0 || u.Referrers() == nil {
					return false
				}
				for _, l := range *u.Referrers() {
					load, ok := l.(*ssa.UnOp)
					if !ok || load.Op != token.MUL || load.Referrers() == nil {
						return false
					}
					for _, rr := range *load.Referrers() {
						if recv, ok := rr.(*ssa.UnOp); ok && recv.Op == token.ARROW && Dominates(recv, ret) {
							received = true
						}
					}
				}
			case *ssa.Return, *ssa.DebugRef:
			default:
				return false // handed on, Reset or stored
			}
		}
		if !received {
			return false
		}
	}
	return rets > 0
}

// isTimerPtr reports whether t is *time.Timer.
func isTimerPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && named.Obj().Name() == "Timer" && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "time"
}

func stateKey(b *ssa.BasicBlock, after bool, decided []decision) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d/%t", b.Index, after)
	for _, d := range decided {
		fmt.Fprintf(&sb, "|%s=%t", d.key, d.val)
	}
	return sb.String()
}

// testedCount returns how many branches of fn test the atom key.
func (s *pathSearch) testedCount(fn *ssa.Function, key string) int {
	if s.tested == nil {
		s.tested = map[string]int{}
		for _, b := range fn.Blocks {
			if a := s.atomOf(b); a.ok {
				s.tested[a.key]++
			}
		}
	}
	return s.tested[key]
}

// testedFlag reports whether a branch tests the boolean phi, or a phi it
// flows into (through at most a few phis): a decision on it can be
// checked later.
func (s *pathSearch) testedFlag(phi *ssa.Phi) bool {
	if s.flags == nil {
		s.flags = map[*ssa.Phi]bool{}
	}
	if v, ok := s.flags[phi]; ok {
		return v
	}
	s.flags[phi] = false // a cycle of phis: not through here
	tested := s.testedCount(phi.Parent(), "v:"+phi.Name()) > 0
	if !tested && phi.Referrers() != nil {
		for _, r := range *phi.Referrers() {
			if next, ok := r.(*ssa.Phi); ok && s.testedFlag(next) {
				tested = true
				break
			}
		}
	}
	s.flags[phi] = tested
	return tested
}

// checkedAgain reports whether a decision on key taken at the branch of b
// can be checked later: another branch tests the same key, or b itself
// lies on a cycle (a loop tests it again).
func (s *pathSearch) checkedAgain(b *ssa.BasicBlock, key string) bool {
	if s.testedCount(b.Parent(), key) >= 2 {
		return true
	}
	if s.cyclic == nil {
		s.cyclic = onCycle(b.Parent())
	}
	return s.cyclic[b]
}

// onCycle returns the blocks of fn that lie on a cycle (Tarjan's strongly
// connected components: a component of more than one block, or a block
// with an edge to itself).
func onCycle(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	n := len(fn.Blocks)
	index, low := make([]int, n), make([]int, n)
	for i := range index {
		index[i] = -1
	}
	onStack := make([]bool, n)
	var stack []int
	out := map[*ssa.BasicBlock]bool{}
	next := 0
	type frame struct{ b, succ int }
	for root := range fn.Blocks {
		if index[root] >= 0 {
			continue
		}
		work := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(work) > 0 {
			top := &work[len(work)-1]
			blk := fn.Blocks[top.b]
			if top.succ < len(blk.Succs) {
				w := blk.Succs[top.succ].Index
				top.succ++
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					work = append(work, frame{w, 0})
				} else if onStack[w] {
					low[top.b] = min(low[top.b], index[w])
				}
				continue
			}
			v := top.b
			work = work[:len(work)-1]
			if len(work) > 0 {
				p := work[len(work)-1].b
				low[p] = min(low[p], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if len(comp) > 1 || slices.Contains(fn.Blocks[v].Succs, fn.Blocks[v]) {
				for _, w := range comp {
					out[fn.Blocks[w]] = true
				}
			}
		}
	}
	return out
}

// atomOf returns the canonical condition of b's If, if any.
func (s *pathSearch) atomOf(b *ssa.BasicBlock) atom {
	if a, ok := s.atoms[b]; ok {
		return a
	}
	var a atom
	if n := len(b.Instrs); n > 0 {
		if iff, ok := b.Instrs[n-1].(*ssa.If); ok {
			a.key, a.neg, a.ok = condKey(iff.Cond, &a.defs)
			if a.ok {
				a.mono, a.stays = monotone(iff.Cond, a.defs)
			}
		}
	}
	s.atoms[b] = a
	return a
}

// monotone reports, for a branch condition cond whose canonical atom
// reads values defined in defs, the counter it
// compares with a value defined outside the counter's block (a constant,
// a parameter, a value computed before the loop), and the atom's outcome
// that holds for good once taken: a growing counter stays >= n, stays > n,
// and stays not < n.
func monotone(cond ssa.Value, defs []*ssa.BasicBlock) (*counter, bool) {
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		cond = u.X
	}
	bin, ok := cond.(*ssa.BinOp)
	if !ok {
		return nil, false
	}
	// grows: the value of the comparison (x op y) that holds for good
	x, y := bin.X, bin.Y
	var grows bool
	var ctr *counter
	switch {
	case counterOf(x) != nil:
		ctr = counterOf(x)
		switch bin.Op {
		case token.GEQ, token.GTR:
			grows = true
		case token.LSS, token.LEQ:
			grows = false
		default:
			return nil, false
		}
	case counterOf(y) != nil:
		ctr, x, y = counterOf(y), y, x
		switch bin.Op {
		case token.LEQ, token.LSS: // n <= i
			grows = true
		case token.GEQ, token.GTR: // n >= i
			grows = false
		default:
			return nil, false
		}
	default:
		return nil, false
	}
	if instr, ok := y.(ssa.Instruction); ok && instr.Block() == ctr.phi.Block() {
		return nil, false // the bound changes with the counter
	}
	for _, d := range defs {
		if d != ctr.phi.Block() && !d.Dominates(ctr.phi.Block()) {
			// the condition reads a value made inside the loop; values
			// made before it (a bound loaded from a variable written
			// once, there) stay the same round it
			return nil, false
		}
	}
	// The atom is the comparison canonicalized by condKey (x >= y is
	// the atom x < y, false when the comparison holds).
	flip := bin.Op == token.GEQ || bin.Op == token.LEQ
	return ctr, grows != flip
}

// counterOf returns v as a growing counter: a phi p whose edges are
// values from outside its block or p + k (k a positive constant), or
// such an increment itself.
func counterOf(v ssa.Value) *counter {
	phi, ok := v.(*ssa.Phi)
	if !ok {
		if add, ok := v.(*ssa.BinOp); ok && add.Op == token.ADD {
			if p, ok := add.X.(*ssa.Phi); ok && positiveConst(add.Y) && p.Block() == add.Block() {
				phi = p
			}
		}
	}
	if phi == nil || !isInteger(phi.Type()) {
		return nil
	}
	var inc *ssa.BinOp
	for _, e := range phi.Edges {
		add, ok := e.(*ssa.BinOp)
		if ok && add.Op == token.ADD && add.X == phi && positiveConst(add.Y) {
			if inc != nil && inc != add {
				return nil
			}
			inc = add
			continue
		}
		if instr, ok := e.(ssa.Instruction); ok && instr.Block() == phi.Block() {
			return nil
		}
	}
	if inc == nil {
		return nil
	}
	return &counter{phi: phi, inc: inc}
}

// grewInto reports whether entering b from the block from increments the
// counter c (from is a predecessor whose edge carries the increment).
func (c *counter) grewInto(b, from *ssa.BasicBlock) bool {
	if c == nil || from == nil || c.phi.Block() != b {
		return false
	}
	k := slices.Index(b.Preds, from)
	return k >= 0 && c.phi.Edges[k] == ssa.Value(c.inc)
}

func positiveConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return false
	}
	return constant.Sign(c.Value) > 0
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// condKey returns the canonical key of a boolean condition and whether
// it is negated: !x is x negated, x != y is x == y negated; comparisons
// and fields are keyed by their operands' keys.
func condKey(v ssa.Value, defs *[]*ssa.BasicBlock) (string, bool, bool) {
	neg := false
	for {
		u, ok := v.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		neg = !neg
		v = u.X
	}
	if bin, ok := v.(*ssa.BinOp); ok {
		op := bin.Op
		switch op {
		case token.NEQ:
			op, neg = token.EQL, !neg
		case token.GEQ:
			op, neg = token.LSS, !neg
		case token.LEQ:
			op, neg = token.GTR, !neg
		}
		switch op {
		case token.EQL, token.LSS, token.GTR:
			x, okx := valueKey(bin.X, 0, defs)
			y, oky := valueKey(bin.Y, 0, defs)
			if !okx || !oky {
				return "", false, false
			}
			if op == token.EQL && y < x {
				x, y = y, x
			}
			return fmt.Sprintf("(%s %s %s)", x, op, y), neg, true
		}
		return "", false, false
	}
	k, ok := valueKey(v, 0, defs)
	return k, neg, ok
}

// valueKey names a value that cannot change between two reads: an SSA
// value itself, a constant by its value, or a field of such a value
// (opts.JSON on a struct parameter).
func valueKey(v ssa.Value, depth int, defs *[]*ssa.BasicBlock) (string, bool) {
	if depth > 4 {
		return "", false
	}
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value == nil {
			return "nil:" + x.Type().String(), true
		}
		return "const:" + x.Value.ExactString(), x.Value.Kind() != constant.Unknown
	case *ssa.Field:
		base, ok := valueKey(x.X, depth+1, defs)
		return fmt.Sprintf("%s.%d", base, x.Field), ok
	case *ssa.Parameter, *ssa.Call, *ssa.Phi, *ssa.Extract, *ssa.UnOp, *ssa.BinOp, *ssa.FreeVar, *ssa.TypeAssert, *ssa.Lookup, *ssa.Convert:
		if u, ok := x.(*ssa.UnOp); ok && u.Op == token.MUL {
			// A load: the same only from a local that is written once,
			// where it is made, and then only read (a struct parameter's
			// spill: opts.JSON).
			if k, ok := loadKey(u.X, defs); ok {
				return k, true
			}
			return stableLoadKey(u.X, defs)
		}
		if instr, ok := x.(ssa.Instruction); ok && !slices.Contains(*defs, instr.Block()) {
			*defs = append(*defs, instr.Block())
		}
		return "v:" + x.Name(), true
	}
	return "", false
}

// loadKey names a load from addr when addr is a field path of a local
// that is written once, in the block that makes it, and otherwise only
// read: every read of it sees the same value.
func loadKey(addr ssa.Value, defs *[]*ssa.BasicBlock) (string, bool) {
	path := ""
	for {
		fa, ok := addr.(*ssa.FieldAddr)
		if !ok {
			break
		}
		path = fmt.Sprintf(".%d", fa.Field) + path
		addr = fa.X
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok || !writtenOnceThenRead(alloc) {
		return "", false
	}
	if !slices.Contains(*defs, alloc.Block()) {
		*defs = append(*defs, alloc.Block())
	}
	return "m:" + alloc.Name() + path, true
}

// writtenOnceThenRead reports whether the local alloc is stored to at
// most once, as a whole and in its own block, and its address (and its
// fields' addresses) are otherwise only loaded from, here or in the
// closures that capture it (a parameter that a go statement's literal
// reads is spilled to such a cell).
func writtenOnceThenRead(alloc *ssa.Alloc) bool {
	stores := 0
	var readOnly func(v ssa.Value, depth int) bool
	readOnly = func(v ssa.Value, depth int) bool {
		if v.Referrers() == nil || depth > 4 {
			return false
		}
		for _, r := range *v.Referrers() {
			switch x := r.(type) {
			case *ssa.UnOp:
				if x.Op != token.MUL {
					return false
				}
			case *ssa.FieldAddr:
				if !readOnly(x, depth) {
					return false
				}
			case *ssa.DebugRef:
			case *ssa.Store:
				if v != alloc || x.Addr != alloc || x.Block() != alloc.Block() {
					return false
				}
				stores++
			case *ssa.MakeClosure:
				// Captured: the closure's free variable must only be read.
				lit, ok := x.Fn.(*ssa.Function)
				if !ok {
					return false
				}
				for i, b := range x.Bindings {
					if b == v && (i >= len(lit.FreeVars) || !readOnly(lit.FreeVars[i], depth+1)) {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	return readOnly(alloc, 0) && stores <= 1
}
