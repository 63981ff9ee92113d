package lockblock

import (
	"errors"
	"sync"
)

// Releases through closures: an error helper (a closure) calls another
// closure, captured by value, that unlocks a mutex of the enclosing
// function's receiver. The summaries of both closures map back to the
// caller's mutex, so every return below is unlocked.

type stager struct {
	mu    sync.Mutex
	seqMu sync.Mutex
	seq   uint64
}

// Good: fail calls rollback, which releases b.seqMu; fail releases b.mu.
func (b *stager) commit(n int) error {
	b.mu.Lock()
	b.seqMu.Lock()
	old := b.seq
	rollback := func() {
		b.seq = old
		b.seqMu.Unlock()
	}
	fail := func(msg string) error {
		rollback()
		b.mu.Unlock()
		return errors.New(msg)
	}
	for i := 0; i < n; i++ {
		if i > 100 {
			return fail("too many") // ok: fail releases both through rollback
		}
		b.seq++
	}
	b.seqMu.Unlock()
	b.mu.Unlock()
	return nil
}

// Bad: this helper's rollback forgets b.seqMu, so the early return leaves
// it locked.
func (b *stager) commitLeaky(n int) error {
	b.mu.Lock()
	b.seqMu.Lock()
	old := b.seq
	rollback := func() {
		b.seq = old
	}
	fail := func(msg string) error {
		rollback()
		b.mu.Unlock()
		return errors.New(msg)
	}
	for i := 0; i < n; i++ {
		if i > 100 {
			return fail("too many") // want `return with b.seqMu still locked, though later returns unlock it`
		}
		b.seq++
	}
	b.seqMu.Unlock()
	b.mu.Unlock()
	return nil
}
