package errgroupwait

import (
	"context"
	"errgroupwait/dep"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"

	"golang.org/x/sync/errgroup"
)

// What a return that skips Wait costs: the group's error (lost only when
// the return does not report a failure of its own), the context of
// errgroup.WithContext (only Wait cancels it once every goroutine
// succeeded), and goroutines that wait for the function to do something it
// does only on the paths that wait.

type session struct{ addr string }

type pipe struct{ conn net.Conn }

// open dials the session's peer: it fails at run time (a refused or
// broken connection), not on its input.
func (s *session) open() (*pipe, error) {
	c, err := net.Dial("tcp", s.addr)
	if err != nil {
		return nil, err
	}
	return &pipe{conn: c}, nil
}

func (*pipe) write([]byte) error { return nil }

var errNegative = errors.New("negative")

// Good: the early return hands the session's failure to the caller. The
// group's error could only repeat it, and the goroutines wait for nothing
// this function does (their pipes belong to the failed session).
func openAll(s *session, n int) error {
	g := new(errgroup.Group)
	for i := 0; i < n; i++ {
		p, err := s.open()
		if err != nil {
			return err // ok: a failure is returned; Wait would add a second error
		}
		g.Go(func() error { return p.write(nil) })
	}
	return g.Wait()
}

// Good: the same with the failure wrapped.
func openAllWrapped(s *session, n int) (int, error) {
	var g errgroup.Group
	for i := 0; i < n; i++ {
		p, err := s.open()
		if err != nil {
			return i, fmt.Errorf("open %d: %w", i, err) // ok: a failure is returned
		}
		g.Go(func() error { return p.write(nil) })
	}
	return n, g.Wait()
}

// Good: a test marks itself failed before it returns.
func testOpenAll(t *testing.T, s *session) {
	var g errgroup.Group
	for i := 0; i < 3; i++ {
		p, err := s.open()
		if err != nil {
			t.Errorf("open: %v", err)
			return // ok: the test has failed already
		}
		g.Go(func() error { return p.write(nil) })
	}
	if err := g.Wait(); err != nil {
		t.Error(err)
	}
}

// TestingT is a test-assertion library's stand-in for *testing.T (testify's
// assert.TestingT, a suite a production package exports): its Errorf
// marks the running test failed.
type TestingT interface {
	Errorf(format string, args ...any)
}

// Good: a suite written against TestingT marks the test failed before it
// returns.
func suiteOpenAll(t TestingT, s *session) {
	var g errgroup.Group
	for i := 0; i < 3; i++ {
		p, err := s.open()
		if err != nil {
			t.Errorf("open: %v", err)
			return // ok: the test has failed already
		}
		g.Go(func() error { return p.write(nil) })
	}
	if err := g.Wait(); err != nil {
		t.Errorf("%v", err)
	}
}

// Logger is a production logger: its Errorf fails no test.
type Logger interface {
	Errorf(format string, args ...any)
}

// Bad: the near miss: logging the failure does not report it to anyone
// who waits.
func openAllLogged(log Logger, s *session) {
	var g errgroup.Group
	for i := 0; i < 3; i++ {
		p, err := s.open()
		if err != nil {
			log.Errorf("open: %v", err)
			return // want `return without g.Wait after g.Go started a goroutine`
		}
		g.Go(func() error { return p.write(nil) })
	}
	if err := g.Wait(); err != nil {
		log.Errorf("%v", err)
	}
}

// Good: results go into a buffer that holds them all; nothing blocks
// when the function stops reading them.
func firstNegativeBuffered(n int) error {
	var g errgroup.Group
	results := make(chan int, n)
	for i := 0; i < n; i++ {
		g.Go(func() error { results <- i - 1; return nil })
	}
	for i := 0; i < n; i++ {
		if <-results < 0 {
			return errNegative // ok: the senders find room in the buffer
		}
	}
	return g.Wait()
}

// Bad: the early return does not report the failure it saw.
func openAllQuiet(s *session, n int) error {
	g := new(errgroup.Group)
	for i := 0; i < n; i++ {
		p, err := s.open()
		if err != nil {
			return nil // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and its error is lost`
		}
		g.Go(func() error { return p.write(nil) })
	}
	return g.Wait()
}

// Bad: the error is returned only sometimes (it may be nil here).
func openAllMaybe(s *session, n int, err error) error {
	g := new(errgroup.Group)
	for i := 0; i < n; i++ {
		p, _ := s.open()
		if i > 10 {
			return err // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and its error is lost`
		}
		g.Go(func() error { return p.write(nil) })
	}
	return g.Wait()
}

// Bad: a failure is returned, but the group's context is left uncancelled.
func openAllContext(ctx context.Context, s *session, n int) error {
	g, gctx := errgroup.WithContext(ctx)
	for i := 0; i < n; i++ {
		p, err := s.open()
		if err != nil {
			return err // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and it may still be running after the return, with nothing to wait for it, and the group's context is never cancelled`
		}
		g.Go(func() error { return fetch(gctx, "a") })
		_ = p
	}
	return g.Wait()
}

// Bad: the group's context is discarded: the early return leaves the
// started goroutines running, with nothing to join or stop them.
func openAllContextDropped(ctx context.Context, s *session, n int) error {
	g, _ := errgroup.WithContext(ctx)
	for i := 0; i < n; i++ {
		p, err := s.open()
		if err != nil {
			return err // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and it may still be running after the return, with nothing to wait for it or stop it \(the group's context is discarded\)`
		}
		g.Go(func() error { return fetch(ctx, "a") })
		_ = p
	}
	return g.Wait()
}

// Good: the parent's cancel is deferred: it cancels the group's context
// at the early return too.
func openAllContextCancelled(ctx context.Context, s *session, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	for i := 0; i < n; i++ {
		p, err := s.open()
		if err != nil {
			return err // ok: a failure is returned and the deferred cancel stops the goroutines
		}
		g.Go(func() error { return fetch(gctx, "a") })
		_ = p
	}
	return g.Wait()
}

// Bad: a failure is returned, but the senders that come after it block
// forever: only the loop this return leaves receives from results.
func firstNegative(n int) error {
	var g errgroup.Group
	results := make(chan int)
	for i := 0; i < n; i++ {
		g.Go(func() error { results <- i - 1; return nil })
	}
	for i := 0; i < n; i++ {
		if <-results < 0 {
			return errNegative // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and it can block forever: it waits for a receive that the function performs only on paths that wait`
		}
	}
	return g.Wait()
}

// Good: the goroutines cannot fail, so no error is lost, and they wait
// for nothing the function does.
func pingAll(s *session, n int) {
	var g errgroup.Group
	for i := 0; i < n; i++ {
		if _, err := s.open(); err != nil {
			return // ok: nothing the goroutines return can be lost
		}
		g.Go(func() error { _ = s; return nil })
	}
	_ = g.Wait()
}

// Good: the early return is taken when the caller's context is done: it
// returns why, and the group's context, derived from it, is cancelled too.
func fetchUntilCancelled(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		select {
		case <-ctx.Done():
			return ctx.Err() // ok: a failure is returned and the group's context is cancelled
		default:
		}
		g.Go(func() error { return fetch(gctx, u) })
	}
	return g.Wait()
}

// Good: the same, returning why the caller's context ended (Beam prism's
// executePipeline, which logs it first).
func fetchUntilCause(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		select {
		case <-ctx.Done():
			err := context.Cause(ctx)
			println(err.Error())
			return err // ok: a failure is returned and the group's context is cancelled
		default:
		}
		g.Go(func() error { return fetch(gctx, u) })
	}
	return g.Wait()
}

// Good: a plain group, polling the caller's context.
func pollUntilCancelled(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		if ctx.Err() != nil {
			return ctx.Err() // ok: a failure is returned
		}
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// Bad: the group's own context is done because a goroutine failed; its
// Err says context.Canceled and the goroutine's error is lost.
func fetchUntilFailed(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		select {
		case <-gctx.Done():
			return gctx.Err() // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and its error is lost \(the group context's Err hides it\)`
		default:
		}
		g.Go(func() error { return fetch(gctx, u) })
	}
	return g.Wait()
}

// Good: a group context derived from Background is tied to nothing; the
// early return reports the failure.
func openAllBackground(s *session, n int) error {
	g, gctx := errgroup.WithContext(context.Background())
	for i := 0; i < n; i++ {
		if _, err := s.open(); err != nil {
			return err // ok: a failure is returned; the uncancelled context holds nothing
		}
		g.Go(func() error { return fetch(gctx, "a") })
	}
	return g.Wait()
}

// Good: the early return hands back an error built by another package's
// constructor, which fails on every return (FailsFact), and the parent's
// deferred cancel stops the goroutines.
func fetchKinds(ctx context.Context, kinds []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	for _, k := range kinds {
		if k < 0 {
			return dep.Bugf("unknown kind %d", k) // ok: a failure is returned
		}
		g.Go(func() error { return fetch(gctx, "a") })
	}
	return g.Wait()
}

// Bad: the wrapper may return nil, and the goroutines' errors are lost.
func fetchKindsWrapped(ctx context.Context, kinds []int, err error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	for _, k := range kinds {
		if k < 0 {
			return dep.MaybeWrap(err) // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and its error is lost`
		}
		g.Go(func() error { return fetch(gctx, "a") })
	}
	return g.Wait()
}

// Good: the near miss: the early return reports a malformed address, a
// failure only the input can cause (url.Parse waits for nothing); the
// goroutines already started run to their end, and the lost cancel of the
// group's context costs nothing worth a finding.
func fetchAllParsed(ctx context.Context, raws []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, raw := range raws {
		u, err := url.Parse(raw)
		if err != nil {
			return fmt.Errorf("bad address %q: %w", raw, err) // ok: a validation failure
		}
		g.Go(func() error { return fetch(gctx, u.Host) })
	}
	return g.Wait()
}

// Good: the near miss across a package boundary: the early return reports
// a malformed reference, which dep.ParseRef (a dependency's parse, with
// functional options) finds from its input alone; the goroutines already
// started run to their end.
func pushTags(ctx context.Context, refs []string, insecure bool) error {
	var opts []dep.RefOption
	if insecure {
		opts = append(opts, dep.Insecure)
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, ref := range refs {
		repo, err := dep.ParseRef(ref, opts...)
		if err != nil {
			return err // ok: a validation failure in another package
		}
		g.Go(func() error { return fetch(gctx, repo) })
	}
	return g.Wait()
}

// Bad: dep.ResolveRef asks a name server, which can fail at run time: the
// goroutines already started go on uncancelled after the caller was told
// the push failed.
func pushResolved(ctx context.Context, refs []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, ref := range refs {
		repo, err := dep.ResolveRef(ref)
		if err != nil {
			return err // want `return without g.Wait after g.Go started a goroutine`
		}
		g.Go(func() error { return fetch(gctx, repo) })
	}
	return g.Wait()
}

// Bad: two returns skip the Wait after the first Go (a directory that
// cannot be made, a listing that fails). One finding for the group, at
// the first; the second is its related information, so that fixing the
// reported return does not leave the other unnoticed.
func downloadEach(ctx context.Context, s *session, names []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, name := range names {
		if _, err := s.open(); err != nil {
			return err // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and it may still be running after the return`
		}
		g.Go(func() error { return fetch(gctx, name) })
	}
	if _, err := s.open(); err != nil {
		return err // reported as related information of the finding above
	}
	return g.Wait()
}
