// Package dep holds helpers called across a package boundary: their
// behaviour reaches errgroupwait only through facts.
package dep

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// WaitAll waits on g on every path (WaitsFact).
func WaitAll(g *errgroup.Group) error {
	return g.Wait()
}

// Spawn only starts work on g: it does not wait.
func Spawn(g *errgroup.Group, f func() error) {
	g.Go(f)
}

// Keep stores g for code that may wait on it later: g escapes.
func Keep(g *errgroup.Group) {
	kept = append(kept, g)
}

var kept []*errgroup.Group

// StartListener makes a group, starts a goroutine in it that ends when
// ctx is done, and returns it (ReturnsStartedFact): the caller owns it.
func StartListener(ctx context.Context) (*errgroup.Group, context.Context) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		<-gctx.Done()
		return gctx.Err()
	})
	return g, gctx
}

// Finish calls wg.Done (DoneFact).
func Finish(wg *sync.WaitGroup) {
	wg.Done()
}

// Log does not touch any wait group.
func Log(string) {}

// WaitTimeout waits on wg in a goroutine and gives up after d: it waits
// with a bound (BoundedWaitsFact).
func WaitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		wg.Wait()
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// WaitJoined waits on wg in a goroutine, then for that goroutine with no
// bound: it waits as long as Wait.
func WaitJoined(wg *sync.WaitGroup) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	<-done
}

// Bugf builds an error for a broken invariant: every return fails
// (noreturn's FailsFact).
func Bugf(format string, args ...any) error {
	return fmt.Errorf("BUG: "+format, args...)
}

// MaybeWrap returns nil for a nil error: not every return fails.
func MaybeWrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("wrapped: %w", err)
}

type traceKey struct{}

// Trace records msg under the trace ID that ctx carries: it neither waits
// nor looks at cancellation.
func Trace(ctx context.Context, msg string) string {
	id, _ := ctx.Value(traceKey{}).(string)
	return id + ": " + msg
}

// refOptions are ParseRef's options.
type refOptions struct{ insecure bool }

// RefOption is a functional option of ParseRef.
type RefOption func(*refOptions)

// Insecure allows plain HTTP registries.
func Insecure(o *refOptions) { o.insecure = true }

// ParseRef parses an image reference: its error says the reference was
// malformed (InputOnlyFact), whatever options it is handed.
func ParseRef(ref string, opts ...RefOption) (string, error) {
	var o refOptions
	for _, opt := range opts {
		opt(&o)
	}
	repo, tag, ok := strings.Cut(ref, ":")
	if !ok || tag == "" || strings.Contains(tag, "/") {
		return "", fmt.Errorf("bad reference %q", ref)
	}
	return repo, nil
}

// ResolveRef parses the reference and asks the registry's name server:
// it can fail at run time.
func ResolveRef(ref string) (string, error) {
	repo, err := ParseRef(ref)
	if err != nil {
		return "", err
	}
	host, _, _ := strings.Cut(repo, "/")
	if _, err := net.LookupHost(host); err != nil {
		return "", err
	}
	return repo, nil
}

// Debug logs args, the first of which may be a context whose trace ID it
// prints (navidrome's log.Debug(ctx, msg, keyvals...)): it neither waits
// nor looks at cancellation.
func Debug(args ...any) {
	if len(args) == 0 {
		return
	}
	if ctx, ok := args[0].(context.Context); ok {
		id, _ := ctx.Value(traceKey{}).(string)
		fmt.Println(id, args[1:])
		return
	}
	fmt.Println(args...)
}
