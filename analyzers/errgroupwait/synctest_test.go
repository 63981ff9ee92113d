package errgroupwait_test

// These tests prove the fixtures in testdata/src/errgroupwait honest at
// run time: each bad pattern, run under testing/synctest with the real
// golang.org/x/sync/errgroup, hangs, leaks or loses work, and its good
// near-miss finishes cleanly. The code mirrors the fixture of the same
// name; only probes (recover, counters) are added.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/sync/errgroup"
)

// bubble runs f in a synctest bubble, settling the fake clock before f
// returns, and reports the deadlock panic synctest raises (nil if none).
func bubble(t *testing.T, f func()) (deadlock any) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			if !strings.Contains(fmt.Sprint(r), "deadlock") {
				panic(r)
			}
			deadlock = r
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		f()
		time.Sleep(time.Hour)
		synctest.Wait()
	})
	return nil
}

// wantLeak asserts that f leaves goroutines blocked forever.
func wantLeak(t *testing.T, name string, f func()) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		if bubble(t, f) == nil {
			t.Fatalf("%s: expected a deadlock or leaked goroutine, the bubble finished", name)
		}
	})
}

// wantClean asserts that f finishes with no goroutine left behind.
func wantClean(t *testing.T, name string, f func()) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f()
			time.Sleep(time.Hour)
			synctest.Wait()
		})
	})
}

var errTooMany = errors.New("too many")

// missing.go earlyReturn / checkFirst: results are sent on an unbuffered
// channel that is drained after Wait; the early return leaves the workers
// blocked (nothing cancels the group context, since Wait is never called).
func gatherEarlyReturn(ctx context.Context, urls []string, checkFirst bool) (int, error) {
	if checkFirst && len(urls) > 2 {
		return 0, errTooMany
	}
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, u := range urls {
		g.Go(func() error {
			time.Sleep(time.Millisecond)
			select {
			case results <- len(u):
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	}
	if len(urls) > 2 {
		return 0, errTooMany // the bad version: workers are never awaited
	}
	go func() { _ = g.Wait(); close(results) }()
	sum := 0
	for v := range results {
		sum += v
	}
	return sum, g.Wait()
}

func TestRuntimeMissingWait(t *testing.T) {
	urls := []string{"a", "bb", "ccc"}
	wantLeak(t, "earlyReturn", func() { _, _ = gatherEarlyReturn(context.Background(), urls, false) })
	wantClean(t, "checkFirst", func() { _, _ = gatherEarlyReturn(context.Background(), urls, true) })
	wantClean(t, "gather", func() {
		if n, err := gatherEarlyReturn(context.Background(), urls[:2], false); n != 3 || err != nil {
			t.Errorf("gather = %d, %v", n, err)
		}
	})
}

// dropped.go dropStmt / keepErr: the dropped error is really lost.
func TestRuntimeDroppedError(t *testing.T) {
	fail := errors.New("boom")
	run := func(keep bool) error {
		var g errgroup.Group
		g.Go(func() error { return fail })
		if keep {
			if err := g.Wait(); err != nil {
				return err
			}
			return nil
		}
		g.Wait()
		return nil
	}
	deferred := func(read bool) (err error) {
		var g errgroup.Group
		defer g.Wait()
		g.Go(func() error { return fail })
		if read {
			return g.Wait()
		}
		return nil
	}
	synctest.Test(t, func(t *testing.T) {
		if err := deferred(false); err != nil {
			t.Errorf("deferredWaitDropped returned %v, the fixture's point is that the error is lost", err)
		}
		if err := deferred(true); !errors.Is(err, fail) {
			t.Errorf("deferredWaitRead returned %v, want %v", err, fail)
		}
		if err := run(false); err != nil {
			t.Errorf("dropStmt returned %v, the fixture's point is that it returns nil", err)
		}
		if err := run(true); !errors.Is(err, fail) {
			t.Errorf("keepErr returned %v, want %v", err, fail)
		}
	})
}

// ctxafter.go overwrite / renamed: after Wait the group's context is
// cancelled, the caller's is not.
func TestRuntimeCtxAfterWait(t *testing.T) {
	save := func(ctx context.Context) error { return ctx.Err() }
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		{
			g, ctx := errgroup.WithContext(ctx)
			g.Go(func() error { return ctx.Err() })
			if err := g.Wait(); err != nil {
				t.Fatal(err)
			}
			//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
			if err := save(ctx); !errors.Is(err, context.Canceled) {
				t.Errorf("overwrite: save after Wait = %v, want context.Canceled", err)
			}
		}
		g, gctx := errgroup.WithContext(ctx)
		g.Go(func() error { return gctx.Err() })
		if err := g.Wait(); err != nil {
			t.Fatal(err)
		}
		if err := save(ctx); err != nil {
			t.Errorf("renamed: save after Wait = %v, want nil", err)
		}
	})
}

// limit.go walkLimited / walkTry: nested Go in a limited group deadlocks
// once every slot is held by a goroutine waiting in Go.
func walk(ctx context.Context, roots [][]int, try bool) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	visit := func(ctx context.Context, k int) error { time.Sleep(time.Millisecond); return ctx.Err() }
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r {
				if !try {
					//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
					g.Go(func() error { return visit(gctx, k) })
					continue
				}
				if !g.TryGo(func() error { return visit(gctx, k) }) {
					if err := visit(gctx, k); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	return g.Wait()
}

func TestRuntimeLimitedGo(t *testing.T) {
	roots := [][]int{{1, 2}, {3, 4}, {5}}
	wantLeak(t, "walkLimited", func() { _ = walk(context.Background(), roots, false) })
	wantClean(t, "walkTry", func() { _ = walk(context.Background(), roots, true) })
}

// limit.go walker.walk: a dispatcher goroutine of the group calls Go
// under a limit that keeps a slot for it; the workers never call Go.
func dispatchWalk(ctx context.Context, next func(int) []int, roots []int, workers int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers + 1)
	done := make(chan int, 64)
	spawnAll := func(nodes []int) {
		for _, n := range nodes {
			g.Go(func() error { done <- n; return nil })
		}
	}
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case n := <-done:
				if n < 0 {
					return nil
				}
				spawnAll(next(n))
			}
		}
	})
	spawnAll(roots)
	return g.Wait()
}

func TestRuntimeDispatcherUnderLimit(t *testing.T) {
	next := func(n int) []int {
		if n >= 3 {
			return []int{-1}
		}
		return []int{n + 1, n + 1, n + 1}
	}
	wantClean(t, "walker.walk", func() { _ = dispatchWalk(context.Background(), next, []int{1}, 1) })
}

func load(k string) (int, error) {
	time.Sleep(time.Millisecond)
	if k == "" {
		return 0, errors.New("empty")
	}
	return len(k), nil
}

// waitgroup.go skippedDone / deferredDone.
func loadAll(keys []string, deferDone bool) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			if deferDone {
				defer wg.Done()
			}
			v, err := load(k)
			if err != nil {
				return
			}
			res[i] = v
			if !deferDone {
				wg.Done()
			}
		}()
	}
	wg.Wait()
	return res
}

// waitgroup.go skippedDoneCallback / doneHandedToCallback.
func loadWith(keys []string, makeLoad func(*sync.WaitGroup) func(string) (int, error)) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	load := makeLoad(&wg)
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				return
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}

func TestRuntimeSkippedDone(t *testing.T) {
	keys := []string{"a", "", "ccc"}
	wantLeak(t, "skippedDone", func() { loadAll(keys, false) })
	wantLeak(t, "skippedDoneCallback", func() {
		loadWith(keys, func(*sync.WaitGroup) func(string) (int, error) { return load })
	})
	wantClean(t, "doneHandedToCallback", func() {
		loadWith(keys, func(wg *sync.WaitGroup) func(string) (int, error) {
			return func(k string) (int, error) {
				v, err := load(k)
				if err != nil {
					wg.Done() // the callback owns the failing path's Done
				}
				return v, err
			}
		})
	})
	wantClean(t, "deferredDone", func() { loadAll(keys, true) })
	wantClean(t, "wgGo", func() {
		var wg sync.WaitGroup
		for _, k := range keys {
			wg.Go(func() {
				if _, err := load(k); err != nil {
					return
				}
			})
		}
		wg.Wait()
	})
}

// waitgroup.go noAdd / addLen: Wait returns before the work is done and
// Done panics with a negative counter (recovered here to observe it).
func TestRuntimeWaitWithoutAdd(t *testing.T) {
	run := func(add bool) (int, int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		done, panics := 0, 0
		keys := []string{"a", "b", "c"}
		if add {
			wg.Add(len(keys))
		}
		for _, k := range keys {
			go func() {
				defer func() {
					if recover() != nil {
						mu.Lock()
						panics++
						mu.Unlock()
					}
				}()
				defer wg.Done()
				_, _ = load(k)
				mu.Lock()
				done++
				mu.Unlock()
			}()
		}
		//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
		wg.Wait()
		mu.Lock()
		d, p := done, panics
		mu.Unlock()
		return d, p
	}
	synctest.Test(t, func(t *testing.T) {
		if done, _ := run(false); done != 0 {
			t.Errorf("noAdd: Wait returned after %d goroutines finished, want 0 (it does not wait)", done)
		}
		time.Sleep(time.Hour)
		synctest.Wait()
		if done, panics := run(true); done != 3 || panics != 0 {
			t.Errorf("addLen: done=%d panics=%d, want 3, 0", done, panics)
		}
	})
}

// waitgroup.go addAfterWaiter / addBeforeWaiter: with no keys, the waiter's
// Wait returns at once and closes out before the extra work is added; the
// extra result is lost (and its send panics on the closed channel).
func collect(keys []string, extra string, before bool) (got int, lost bool) {
	out := make(chan int, len(keys)+1)
	var wg sync.WaitGroup
	if before && extra != "" {
		keys = append(keys, extra)
	}
	worker := func(k string) {
		defer wg.Done()
		defer func() {
			if recover() != nil {
				lost = true
			}
		}()
		v, _ := load(k)
		out <- v
	}
	for _, k := range keys {
		wg.Add(1)
		go worker(k)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	synctest.Wait() // the waiter runs first: the interleaving the race allows
	if !before && extra != "" {
		//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
		wg.Add(1)
		go worker(extra)
	}
	for range out {
		got++
	}
	time.Sleep(time.Hour)
	synctest.Wait()
	return got, lost
}

func TestRuntimeAddAfterWaiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got, lost := collect(nil, "x", false); got != 0 || !lost {
			t.Errorf("addAfterWaiter: got=%d lost=%v, want 0 results and the extra one lost", got, lost)
		}
		if got, lost := collect(nil, "x", true); got != 1 || lost {
			t.Errorf("addBeforeWaiter: got=%d lost=%v, want 1 result", got, lost)
		}
	})
}

// waitgroup.go startTogether: a gate released with a negative Add once
// every worker runs; all of them finish.
func TestRuntimeStartTogether(t *testing.T) {
	wantClean(t, "startTogether", func() {
		const n = 3
		var gate sync.WaitGroup
		running := make(chan struct{})
		finished := make(chan struct{})
		done := 0
		gate.Add(n)
		for i := 0; i < n; i++ {
			go func() {
				defer func() { finished <- struct{}{} }()
				running <- struct{}{}
				gate.Wait()
			}()
		}
		for i := 0; i < n; i++ {
			<-running
		}
		gate.Add(-n)
		for i := 0; i < n; i++ {
			<-finished
			done++
		}
		if done != n {
			t.Errorf("startTogether: %d of %d finished", done, n)
		}
	})
}

// addcount.go: an Add that counts a goroutine an iteration never starts
// leaves Wait waiting forever; the near misses finish.
func TestRuntimeAddCountSkipped(t *testing.T) {
	xs := []int{1, 0, 2, -1, 3}
	handle := func(int) {}
	addLen := func(skip func(int) (stop, next bool), doneOnSkip bool) {
		var wg sync.WaitGroup
		wg.Add(len(xs))
		for _, x := range xs {
			if stop, next := skip(x); stop || next {
				if doneOnSkip {
					wg.Done()
				}
				if stop {
					break
				}
				continue
			}
			go func() {
				defer wg.Done()
				handle(x)
			}()
		}
		wg.Wait()
	}
	wantLeak(t, "addLenSkipped", func() { addLen(func(x int) (bool, bool) { return false, x == 0 }, false) })
	wantLeak(t, "addLenBreak", func() { addLen(func(x int) (bool, bool) { return x < 0, false }, false) })
	wantLeak(t, "addOneSkipped", func() {
		var wg sync.WaitGroup
		for _, x := range xs {
			wg.Add(1)
			if x == 0 {
				continue
			}
			go func() {
				defer wg.Done()
				handle(x)
			}()
		}
		wg.Wait()
	})
	wantClean(t, "addLenDoneOnSkip", func() { addLen(func(x int) (bool, bool) { return false, x == 0 }, true) })
	wantClean(t, "addLenEvery", func() { addLen(func(int) (bool, bool) { return false, false }, false) })
	wantClean(t, "addOneAfterFilter", func() {
		var wg sync.WaitGroup
		for _, x := range xs {
			if x == 0 {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				handle(x)
			}()
		}
		wg.Wait()
	})
}

// addorder.go probeNeededMany / probeNeeded: with one region the guarded
// Add is skipped and the goroutine's Done panics with a negative counter;
// the len(need) > 0 guard never skips the Add for a goroutine it starts.
func TestRuntimeGuardedAdd(t *testing.T) {
	run := func(need []string, min int) (done, panics int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		if len(need) > min {
			wg.Add(len(need))
		}
		for range need {
			go func() {
				defer func() {
					if recover() != nil {
						mu.Lock()
						panics++
						mu.Unlock()
					}
				}()
				defer wg.Done()
				mu.Lock()
				done++
				mu.Unlock()
			}()
		}
		//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
		wg.Wait()
		time.Sleep(time.Hour)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		return done, panics
	}
	synctest.Test(t, func(t *testing.T) {
		if _, panics := run([]string{"a"}, 1); panics != 1 {
			t.Errorf("probeNeededMany with one region: %d panics, want 1 (Done without Add)", panics)
		}
		for _, need := range [][]string{nil, {"a"}, {"a", "b", "c"}} {
			if done, panics := run(need, 0); done != len(need) || panics != 0 {
				t.Errorf("probeNeeded(%v): done=%d panics=%d, want %d, 0", need, done, panics, len(need))
			}
		}
	})
}

// guarded.go certMonitor: a goroutine with a start and a stop group.
type certMonitor struct {
	startWg, stopWg sync.WaitGroup
	closeCh         chan struct{}
	attempt         int
}

func (m *certMonitor) monitor(startWg, stopWg *sync.WaitGroup) {
	if startWg != nil {
		startWg.Done()
	}
	<-m.closeCh
	if stopWg != nil {
		stopWg.Done()
	}
}

func (m *certMonitor) monitorChecked(startWg, stopWg *sync.WaitGroup) {
	if m.attempt < 0 {
		return
	}
	startWg.Done()
	<-m.closeCh
	stopWg.Done()
}

func TestRuntimeTwoGroups(t *testing.T) {
	wantClean(t, "startAndStopGuarded", func() {
		m := &certMonitor{closeCh: make(chan struct{})}
		m.startWg.Add(1)
		m.stopWg.Add(1)
		go m.monitor(&m.startWg, &m.stopWg)
		m.startWg.Wait()
		close(m.closeCh)
		m.stopWg.Wait()
	})
	wantLeak(t, "startSkipped", func() {
		m := &certMonitor{closeCh: make(chan struct{}), attempt: -1}
		m.startWg.Add(1)
		m.stopWg.Add(1)
		go m.monitorChecked(&m.startWg, &m.stopWg)
		m.startWg.Wait()
	})
}

// addcount.go pruneEach / pruneSerially / pruneAll: a Wait inside the loop
// that starts the goroutines, after an Add that counted them all,
// deadlocks on the first iteration; one Add per iteration, or the Wait
// after the loop, finishes.
func prune(xs []int, perIteration, waitInLoop bool) {
	var wg sync.WaitGroup
	if !perIteration {
		wg.Add(len(xs))
	}
	for range xs {
		if perIteration {
			wg.Add(1)
		}
		go func() {
			defer wg.Done()
		}()
		if waitInLoop {
			wg.Wait()
		}
	}
	wg.Wait()
}

func TestRuntimeWaitInStartLoop(t *testing.T) {
	xs := []int{1, 2, 3}
	wantLeak(t, "pruneEach", func() { go prune(xs, false, true) })
	wantClean(t, "pruneSerially", func() { prune(xs, true, true) })
	wantClean(t, "pruneAll", func() { prune(xs, false, false) })
}

// limit.go crawl / crawlTry: Go reached through a helper that a goroutine
// of the limited group runs deadlocks; TryGo with an inline fallback
// finishes.
func visitLinks(ctx context.Context, g *errgroup.Group, depth int, try bool) error {
	if depth == 0 {
		return nil
	}
	for range 2 {
		if try {
			if !g.TryGo(func() error { return visitLinks(ctx, g, depth-1, try) }) {
				if err := visitLinks(ctx, g, depth-1, try); err != nil {
					return err
				}
			}
			continue
		}
		//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
		g.Go(func() error { return visitLinks(ctx, g, depth-1, try) })
	}
	return nil
}

func crawlLinks(try bool) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(1)
	g.Go(func() error { return visitLinks(ctx, g, 2, try) })
	return g.Wait()
}

func TestRuntimeLimitedGoViaHelper(t *testing.T) {
	wantLeak(t, "crawl", func() { go func() { _ = crawlLinks(false) }() })
	wantClean(t, "crawlTry", func() { _ = crawlLinks(true) })
}

// indexAll mirrors addforgo.go: an Add left over next to wg.Go.
func indexAll(docs []string, index func(string)) {
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		wg.Go(func() { index(d) })
	}
	wg.Wait()
}

// indexGoDone mirrors addforgo.go's near miss: the Add is matched by the
// goroutine's own Done.
func indexGoDone(docs []string, index func(string)) {
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		wg.Go(func() {
			defer wg.Done()
			index(d)
		})
	}
	wg.Wait()
}

func TestAddForGoAtRunTime(t *testing.T) {
	docs := []string{"a", "b"}
	wantLeak(t, "indexAll", func() { go indexAll(docs, func(string) {}) })
	wantClean(t, "indexGoDone", func() { indexGoDone(docs, func(string) {}) })
}

type treeNode struct {
	name     string
	children []*treeNode
}

// visitTree and walkTree mirror limit.go: the owner starts a recursive
// walk through the helper on a limited group.
func visitTree(g *errgroup.Group, n *treeNode, seen func(string)) {
	g.Go(func() error {
		seen(n.name)
		for _, c := range n.children {
			visitTree(g, c, seen)
		}
		return nil
	})
}

func walkTree(root *treeNode, limit int, seen func(string)) error {
	var g errgroup.Group
	g.SetLimit(limit)
	visitTree(&g, root, seen)
	return g.Wait()
}

// walkLeaves mirrors limit.go's near miss: the helper's goroutines start
// nothing more.
func walkLeaves(leaves []string, limit int, seen func(string)) error {
	var g errgroup.Group
	g.SetLimit(limit)
	for _, l := range leaves {
		g.Go(func() error { seen(l); return nil })
	}
	return g.Wait()
}

func TestRecursiveHelperAtRunTime(t *testing.T) {
	root := &treeNode{name: "r", children: []*treeNode{{name: "a"}, {name: "b"}}}
	wantLeak(t, "walkTree", func() { go func() { _ = walkTree(root, 1, func(string) {}) }() })
	wantClean(t, "walkLeaves", func() { _ = walkLeaves([]string{"a", "b", "c"}, 1, func(string) {}) })
}
