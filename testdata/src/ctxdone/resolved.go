package ctxdone

import "context"

// A semaphore slot given back through a call the core resolves
// (internal/callees): the deferred method value is Limiter.release.

// Bad: the slot is given back by a method value deferred through a
// variable; the send waits while all slots are held.
func (l *Limiter) RunBound(ctx context.Context, f func()) {
	l.slots <- struct{}{} // want `send on channel l.slots acquires a semaphore slot and ignores ctx`
	release := l.release
	defer release()
	f()
}

// Good: the same acquisition in a select with ctx.Done().
func (l *Limiter) RunBoundCtx(ctx context.Context, f func()) error {
	select { // ok: ctx.Done() case
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	release := l.release
	defer release()
	f()
	return nil
}

// Good: the deferred value is one of two functions, one of which keeps
// the slot: the send is not known to take a slot that is given back.
func (l *Limiter) RunEither(ctx context.Context, f func(), keep bool) {
	l.slots <- struct{}{} // ok: the release is not known
	release := l.release
	if keep {
		release = func() {}
	}
	defer release()
	f()
}
