package chans

import "golang.org/x/tools/go/ssa"

// Buffered reports whether every channel v may be was made, somewhere in
// the indexed code, with a constant non-zero capacity: the author meant it
// as a queue, and a send is assumed to find room. It reports false when no
// make is known (a channel from outside, or a nil one).
func (s *Summary) Buffered(v ssa.Value) bool {
	makes := 0
	for _, ch := range s.Channels(v) {
		for _, id := range ch.IDs {
			if id.Kind != Make {
				continue
			}
			if n, ok := Capacity(id.Make); !ok || n <= 0 {
				return false
			}
			makes++
		}
	}
	if makes > 0 {
		return true
	}
	// A channel not in the index: judge its own make, if it has one.
	for _, id := range Origins(v) {
		if id.Kind != Make {
			return false
		}
		if n, ok := Capacity(id.Make); !ok || n <= 0 {
			return false
		}
		makes++
	}
	return makes > 0
}
