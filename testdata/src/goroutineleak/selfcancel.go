package goroutineleak

import (
	"context"
	"time"
)

// A goroutine whose context's only cancel is one it calls itself, once
// its wait is over, and contexts that an unexported function receives
// from callers that all pass context.Background().

type rowsCursor struct {
	cancel context.CancelFunc
	closed bool
}

// Bad: the goroutine waits for ctx, whose cancel only close calls, and
// only the goroutine calls close, after the wait; the one caller passes
// context.Background(). Nothing can end the wait (cockroach#13755's
// Rows without Close).
func (rs *rowsCursor) watch(ctx context.Context) {
	ctx, rs.cancel = context.WithCancel(ctx)
	go rs.awaitDone(ctx)
}

func (rs *rowsCursor) awaitDone(ctx context.Context) {
	<-ctx.Done() // want `goroutine started by \(\*rowsCursor\).watch blocks forever in <-ctx.Done\(\): ctx is cancelled only by a cancel function that this goroutine itself calls, after this wait`
	rs.close()
}

func (rs *rowsCursor) close() {
	rs.closed = true
	rs.cancel()
}

func openRows() *rowsCursor {
	rs := &rowsCursor{}
	rs.watch(context.Background())
	return rs
}

type closableCursor struct {
	cancel context.CancelFunc
	closed bool
}

// Good: the near miss: Close calls the same close, so the owner can end
// the wait.
func (rs *closableCursor) watch(ctx context.Context) {
	ctx, rs.cancel = context.WithCancel(ctx)
	go rs.awaitDone(ctx)
}

func (rs *closableCursor) awaitDone(ctx context.Context) {
	<-ctx.Done() // ok: Close cancels it
	rs.close()
}

func (rs *closableCursor) close() {
	rs.closed = true
	rs.cancel()
}

// Close ends the cursor.
func (rs *closableCursor) Close() { rs.close() }

func openClosableRows() *closableCursor {
	rs := &closableCursor{}
	rs.watch(context.Background())
	return rs
}

type expiringCursor struct {
	cancel context.CancelFunc
}

// Good: the near miss: the goroutine calls the cancel itself, but from
// its ticker case, before the context is done: that ends the loop.
func (rs *expiringCursor) watch(ctx context.Context, every time.Duration) {
	ctx, rs.cancel = context.WithCancel(ctx)
	go rs.expire(ctx, every)
}

func (rs *expiringCursor) expire(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done(): // ok: the ticker case cancels it
			return
		case <-t.C:
			rs.cancel()
		}
	}
}

func openExpiringRows() *expiringCursor {
	rs := &expiringCursor{}
	rs.watch(context.Background(), time.Millisecond)
	return rs
}

// Bad: cleanupWhenDone's every caller passes context.Background(): its
// goroutine waits for a Done channel that is nil.
func cleanupWhenDone(ctx context.Context, cleanup func()) {
	go func() {
		<-ctx.Done() // want `goroutine started by goroutineleak.cleanupWhenDone blocks forever in <-ctx.Done\(\): ctx comes from context.Background or TODO and nothing can cancel it`
		cleanup()
	}()
}

func newTempDir(cleanup func()) {
	cleanupWhenDone(context.Background(), cleanup)
}

// Good: the near miss: one caller passes its own caller's context,
// which may be cancelled.
func cleanupWhenCancelled(ctx context.Context, cleanup func()) {
	go func() {
		<-ctx.Done() // ok: NewTempDirFor's caller may cancel it
		cleanup()
	}()
}

func newTempDirQuiet(cleanup func()) {
	cleanupWhenCancelled(context.Background(), cleanup)
}

// NewTempDirFor ties the clean-up to the caller's context.
func NewTempDirFor(ctx context.Context, cleanup func()) {
	cleanupWhenCancelled(ctx, cleanup)
}

type droppedTx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Bad: the transaction's goroutine waits for tx.ctx, which only Rollback
// cancels, and every caller of beginDropped drops the transaction: no
// code can reach it to roll back (cockroach#13197).
func beginDropped(ctx context.Context) *droppedTx {
	ctx, cancel := context.WithCancel(ctx)
	tx := &droppedTx{ctx: ctx, cancel: cancel}
	go tx.awaitDone()
	return tx
}

func (tx *droppedTx) awaitDone() {
	<-tx.ctx.Done() // want `goroutine started by goroutineleak.beginDropped blocks forever in <-tx.ctx.Done\(\): tx.ctx is cancelled only through the object goroutineleak.beginDropped returns, and every call of goroutineleak.beginDropped drops it`
}

// Rollback ends the transaction.
func (tx *droppedTx) Rollback() { tx.cancel() }

func touchDropped() {
	beginDropped(context.Background())
}

type keptTx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Good: the near miss: the caller keeps the transaction and rolls it
// back.
func beginKept(ctx context.Context) *keptTx {
	ctx, cancel := context.WithCancel(ctx)
	tx := &keptTx{ctx: ctx, cancel: cancel}
	go tx.awaitDone()
	return tx
}

func (tx *keptTx) awaitDone() {
	<-tx.ctx.Done() // ok: Rollback cancels it, and the caller calls it
}

// Rollback ends the transaction.
func (tx *keptTx) Rollback() { tx.cancel() }

func touchKept() {
	tx := beginKept(context.Background())
	tx.Rollback()
}
