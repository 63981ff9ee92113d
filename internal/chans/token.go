package chans

import "golang.org/x/tools/go/ssa"

// Token reports whether the receive recv takes a token from a channel used
// as a lock or semaphore: the channel is buffered, and the function that
// receives (or a closure of it, such as a deferred one) also sends on the
// same channel, giving the token back. Such a receive is an acquisition,
// ordered like a mutex, not a wait for data that may never come.
func (s *Summary) Token(recv *ssa.UnOp) bool {
	fn := recv.Parent()
	if fn == nil || !s.Buffered(recv.X) {
		return false
	}
	for _, ch := range s.Channels(recv.X) {
		for _, send := range ch.Sends {
			if within(send.Instr.Parent(), fn) {
				return true
			}
		}
	}
	return false
}

// within reports whether fn is outer or a closure nested in it.
func within(fn, outer *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}
