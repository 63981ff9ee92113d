package locks

import (
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// FuncLocks is the lock state of one function: the mutexes held on every
// path into each block, and the effects of each call.
type FuncLocks struct {
	Fn *ssa.Function
	// entry is the must-held set at the start of each reachable block.
	entry  map[*ssa.BasicBlock][]Held
	events map[ssa.Instruction][]Event
	// deferred holds the keys of mutexes released by a deferred call.
	deferred map[string]bool
}

// Analyze computes the lock state of fn (memoized).
func (info *Info) Analyze(fn *ssa.Function) *FuncLocks {
	if fl, ok := info.funcs[fn]; ok {
		return fl
	}
	fl := &FuncLocks{Fn: fn, entry: map[*ssa.BasicBlock][]Held{}, events: map[ssa.Instruction][]Event{}, deferred: map[string]bool{}}
	info.funcs[fn] = fl
	if len(fn.Blocks) == 0 {
		return fl
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Call:
				if evs := info.Events(&x.Call); len(evs) > 0 {
					fl.events[instr] = evs
				}
			case *ssa.Defer:
				for _, ev := range info.Events(&x.Call) {
					if ev.Kind == Release {
						fl.deferred[ev.Ref.Key()] = true
					}
				}
			}
		}
	}
	fl.solve()
	return fl
}

// solve runs the must-held dataflow to a fixed point. The lattice is a set
// of held mutexes under intersection, so each block's entry set can only
// shrink and the loop ends after at most (blocks × mutexes) changes.
func (fl *FuncLocks) solve() {
	fn := fl.Fn
	seeds := []*ssa.BasicBlock{fn.Blocks[0]}
	if fn.Recover != nil {
		seeds = append(seeds, fn.Recover)
	}
	work := make([]*ssa.BasicBlock, 0, len(fn.Blocks))
	queued := map[*ssa.BasicBlock]bool{}
	for _, b := range seeds {
		fl.entry[b] = []Held{}
		work = append(work, b)
		queued[b] = true
	}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b] = false
		out := fl.transferBlock(b, fl.entry[b], nil)
		for _, succ := range b.Succs {
			old, seen := fl.entry[succ]
			var next []Held
			if !seen {
				next = out
			} else {
				next = intersect(old, out)
				if len(next) == len(old) {
					continue
				}
			}
			fl.entry[succ] = next
			if !queued[succ] {
				queued[succ] = true
				work = append(work, succ)
			}
		}
	}
}

// transferBlock applies the effects of b's instructions to in, calling
// visit (when not nil) with the set held just before each instruction.
func (fl *FuncLocks) transferBlock(b *ssa.BasicBlock, in []Held, visit func(ssa.Instruction, []Held)) []Held {
	held := in
	for _, instr := range b.Instrs {
		if visit != nil {
			visit(instr, held)
		}
		for _, ev := range fl.events[instr] {
			switch ev.Kind {
			case Acquire:
				held = with(held, Held{Ref: ev.Ref, Mode: ev.Mode, Site: instr})
			case Release:
				held = without(held, ev.Ref.Key())
			}
		}
	}
	return held
}

// Walk calls visit for every instruction of every reachable block, in
// block order, with the mutexes held on every path to it.
func (fl *FuncLocks) Walk(visit func(instr ssa.Instruction, held []Held)) {
	for _, b := range fl.Fn.Blocks {
		if in, ok := fl.entry[b]; ok {
			fl.transferBlock(b, in, visit)
		}
	}
}

// Events returns the lock effects of instr.
func (fl *FuncLocks) Events(instr ssa.Instruction) []Event { return fl.events[instr] }

// DeferredRelease reports whether a deferred call releases the mutex.
func (fl *FuncLocks) DeferredRelease(r Ref) bool { return fl.deferred[r.Key()] }

// Reachable reports whether the dataflow reached b.
func (fl *FuncLocks) Reachable(b *ssa.BasicBlock) bool {
	_, ok := fl.entry[b]
	return ok
}

// HeldAtReturns maps each reachable return to the mutexes held on every
// path to it that no deferred call releases. The return of the recover
// block, which only a panic reaches, is not one: panics are out of scope.
func (fl *FuncLocks) HeldAtReturns() map[*ssa.Return][]Held {
	out := map[*ssa.Return][]Held{}
	fl.Walk(func(instr ssa.Instruction, held []Held) {
		if ret, ok := instr.(*ssa.Return); ok && instr.Block() != fl.Fn.Recover {
			var kept []Held
			for _, h := range held {
				if !fl.deferred[h.Ref.Key()] {
					kept = append(kept, h)
				}
			}
			out[ret] = kept
		}
	})
	return out
}

// Find returns the entry of held for the mutex with the given key.
func Find(held []Held, key string) (Held, bool) {
	for _, h := range held {
		if h.Ref.Key() == key {
			return h, true
		}
	}
	return Held{}, false
}

func with(held []Held, h Held) []Held {
	key := h.Ref.Key()
	out := make([]Held, 0, len(held)+1)
	for _, x := range held {
		if x.Ref.Key() != key {
			out = append(out, x)
		}
	}
	out = append(out, h)
	sort.Slice(out, func(i, j int) bool { return out[i].Ref.Key() < out[j].Ref.Key() })
	return out
}

func without(held []Held, key string) []Held {
	if _, ok := Find(held, key); !ok {
		return held
	}
	out := make([]Held, 0, len(held))
	for _, x := range held {
		if x.Ref.Key() != key {
			out = append(out, x)
		}
	}
	return out
}

func intersect(a, b []Held) []Held {
	out := make([]Held, 0, len(a))
	for _, x := range a {
		if y, ok := Find(b, x.Ref.Key()); ok && y.Mode == x.Mode {
			out = append(out, x)
		}
	}
	return out
}

// Summarize computes what calling fn does to the mutexes it can reach
// (memoized; a recursive cycle is summarized as doing nothing).
func (info *Info) Summarize(fn *ssa.Function) *Summary {
	if s, ok := info.summaries[fn]; ok {
		return s
	}
	if info.visiting[fn] {
		return nil
	}
	info.visiting[fn] = true
	defer delete(info.visiting, fn)
	fl := info.Analyze(fn)
	s := &Summary{}
	fl.Walk(func(instr ssa.Instruction, held []Held) {
		for _, ev := range fl.events[instr] {
			e, ok := effectOf(ev.Ref, ev.Mode)
			if !ok {
				continue
			}
			switch ev.Kind {
			case Acquire, Take:
				s.Takes = append(s.Takes, e)
			case Release:
				if _, isHeld := Find(held, ev.Ref.Key()); !isHeld {
					s.Releases = append(s.Releases, e)
				}
			}
		}
	})
	var common []Held
	first := true
	rets := fl.HeldAtReturns()
	for _, b := range fn.Blocks { // block order keeps this deterministic
		for _, instr := range b.Instrs {
			ret, ok := instr.(*ssa.Return)
			if !ok {
				continue
			}
			held, ok := rets[ret]
			if !ok {
				continue
			}
			if first {
				common, first = held, false
			} else {
				common = intersect(common, held)
			}
		}
	}
	for _, h := range common {
		if e, ok := effectOf(h.Ref, h.Mode); ok {
			s.Acquires = append(s.Acquires, e)
		}
	}
	s.Takes = withoutReleased(s.Takes, s.Releases)
	s.Takes, s.Acquires, s.Releases = sortEffects(s.Takes), sortEffects(s.Acquires), sortEffects(s.Releases)
	info.summaries[fn] = s
	return s
}

// withoutReleased drops from takes the mutexes the function also releases
// for its caller: re-acquiring a mutex the caller held (unlock around a
// wait, lock again) is not taking it anew.
func withoutReleased(takes, releases []Effect) []Effect {
	out := takes[:0]
	for _, t := range takes {
		released := false
		for _, r := range releases {
			if r.Root == t.Root && strings.Join(r.Path, ".") == strings.Join(t.Path, ".") {
				released = true
			}
		}
		if !released {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil // canonical: a fact must decode (gob) to what was encoded
	}
	return out
}
