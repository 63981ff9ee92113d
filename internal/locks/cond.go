package locks

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// CondLockers maps the class of each sync.Cond field of a package (the
// struct field that holds the *sync.Cond or sync.Cond) to the class of
// the mutex its L is, as set by c = sync.NewCond(&s.mu) or
// sync.Cond{L: &s.mu} stored into that field. A cond whose locker cannot
// be told is absent.
func CondLockers(funcs []*ssa.Function) map[string]string {
	out := map[string]string{}
	conflict := map[string]bool{}
	record := func(condField ssa.Value, locker ssa.Value) {
		cond, lock := Identify(condField).Class, lockerClass(locker)
		if cond == "" || lock == "" || conflict[cond] {
			return
		}
		if old, ok := out[cond]; ok && old != lock {
			delete(out, cond) // ok: two lockers for one field; say nothing
			conflict[cond] = true
			return
		}
		out[cond] = lock
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				store, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if _, ok := store.Addr.(*ssa.FieldAddr); !ok {
					continue
				}
				switch v := ssax.Unwrap(store.Val).(type) {
				case *ssa.Call: // s.cond = sync.NewCond(&s.mu)
					if ssax.FullName(ssax.Callee(&v.Call)) == "sync.NewCond" && len(v.Call.Args) == 1 {
						record(store.Addr, v.Call.Args[0])
					}
				}
				// s.cond.L = &s.mu, or sync.Cond{L: &s.mu} built in place
				if fa, ok := store.Addr.(*ssa.FieldAddr); ok {
					if f := ssax.Field(fa.X.Type(), fa.Field); f != nil && f.Name() == "L" && f.Pkg() != nil && f.Pkg().Path() == "sync" {
						record(fa.X, store.Val)
					}
				}
			}
		}
	}
	return out
}

// lockerClass is the class of the mutex that locker, the L of a cond,
// locks: the mutex itself, or the sync.Mutex or sync.RWMutex that a
// struct embeds (sync.NewCond(&w.mu) where mu is struct{ sync.Mutex;
// ... }: w.mu.Lock() locks w.mu.Mutex), through any number of embedded
// structs, as Go promotes Lock (a wrapper type lock.Mutex struct{
// internalMutex } whose internalMutex is struct{ sync.Mutex }: cilium's).
func lockerClass(locker ssa.Value) string {
	class := Identify(locker).Class
	if class == "" {
		return ""
	}
	v := locker
	if mi, ok := v.(*ssa.MakeInterface); ok {
		v = mi.X
	}
	p, ok := ssax.Unwrap(v).Type().Underlying().(*types.Pointer)
	if !ok {
		return class
	}
	t := p.Elem()
	inner := class
	for range 4 {
		if IsMutex(t) {
			return inner
		}
		f, ok := soleEmbeddedLocker(t)
		if !ok {
			return class
		}
		if named := fieldClass(t, f.Name()); named != "" && !wrapperField(t, f.Name()) {
			inner = named
		} else {
			inner = inner + "." + f.Name()
		}
		t = f.Type()
	}
	return class
}

// soleEmbeddedLocker returns the embedded field of struct type t through
// which t's Lock is promoted: its one embedded sync mutex, or else its one
// embedded struct (not a pointer) that has such a field in turn.
func soleEmbeddedLocker(t types.Type) (*types.Var, bool) {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil, false
	}
	var mutex, inner *types.Var
	structs := 0
	for i := range st.NumFields() {
		f := st.Field(i)
		if !f.Embedded() {
			continue
		}
		if IsMutex(f.Type()) {
			if _, ptr := f.Type().Underlying().(*types.Pointer); ptr {
				return nil, false // a shared *sync.Mutex: not followed
			}
			if mutex != nil {
				return nil, false // two embedded mutexes: which one Lock means is ambiguous
			}
			mutex = f
			continue
		}
		if _, ok := f.Type().Underlying().(*types.Struct); ok {
			structs++
			inner = f
		}
	}
	if mutex != nil {
		return mutex, true
	}
	if structs == 1 {
		return inner, true
	}
	return nil, false
}
