package chans

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Buffered reports whether every channel v may be was made, somewhere in
// the indexed code, with a buffer: a constant non-zero capacity, or a
// capacity computed at run time (make(chan T, n)), which says the author
// meant a queue. A send on it is assumed to find room. It reports false
// when no make is known (a channel from outside, or a nil one).
func (s *Summary) Buffered(v ssa.Value) bool {
	makes := 0
	for _, ch := range s.Channels(v) {
		for _, id := range ch.IDs {
			if id.Kind != Make {
				continue
			}
			if !hasBuffer(id.Make) {
				return false
			}
			makes++
		}
	}
	if makes > 0 {
		return true
	}
	// A channel not in the index: judge its own make, if it has one.
	origins := Origins(v)
	for _, id := range origins {
		if id.Kind == Make {
			if !hasBuffer(id.Make) {
				return false
			}
			makes++
		}
	}
	if makes == len(origins) && makes > 0 {
		return true
	}
	// Reached through a slice, a map or another channel: judge by the
	// package's makes of the same channel type, when every one of them is
	// buffered.
	if onlyExternal(origins) {
		k := s.makeKindsOf(v.Type())
		return k.buffered > 0 && k.unbuffered == 0
	}
	return false
}

// makeKinds counts the makes of one channel type.
type makeKinds struct{ buffered, unbuffered int }

func (s *Summary) makeKindsOf(t types.Type) makeKinds {
	s.makesOnce.Do(func() {
		s.makesByType = map[string]makeKinds{}
		for fn := range s.indexed {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					mk, ok := instr.(*ssa.MakeChan)
					if !ok {
						continue
					}
					key := chanKey(mk.Type())
					k := s.makesByType[key]
					if hasBuffer(mk) {
						k.buffered++
					} else {
						k.unbuffered++
					}
					s.makesByType[key] = k
				}
			}
		}
	})
	return s.makesByType[chanKey(t)]
}

// chanKey names a channel type by its element, ignoring direction.
func chanKey(t types.Type) string {
	if c, ok := t.Underlying().(*types.Chan); ok {
		return types.TypeString(c.Elem(), nil)
	}
	return ""
}

func onlyExternal(ids []ID) bool {
	for _, id := range ids {
		if id.Kind != External {
			return false
		}
	}
	return true
}

// hasBuffer reports whether mk's capacity is a non-zero constant or is
// computed at run time.
func hasBuffer(mk *ssa.MakeChan) bool {
	n, ok := Capacity(mk)
	return !ok || n > 0
}
