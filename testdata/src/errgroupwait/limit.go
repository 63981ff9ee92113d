package errgroupwait

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

type node struct{ kids []*node }

// Bad: Go from inside a goroutine of a limited group.
func walkLimited(ctx context.Context, roots []*node) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r.kids {
				g.Go(func() error { return visit(gctx, k) }) // want `g.Go called from a goroutine of g, which has a limit`
			}
			return nil
		})
	}
	return g.Wait()
}

func visit(ctx context.Context, n *node) error { return ctx.Err() }

// Good: TryGo never blocks; run inline when no slot is free.
func walkTry(ctx context.Context, roots []*node) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r.kids {
				if !g.TryGo(func() error { return visit(gctx, k) }) { // ok: TryGo does not wait for a slot
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

// Good: no limit, nested Go cannot deadlock.
func walkUnlimited(ctx context.Context, roots []*node) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(-1)
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r.kids {
				g.Go(func() error { return visit(gctx, k) }) // ok: SetLimit(-1) removes the limit
			}
			return nil
		})
	}
	return g.Wait()
}

// Good: the semaphore pattern: a limited group, Go only from the caller.
func semaphore(ctx context.Context, items []*node) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, it := range items {
		g.Go(func() error { return visit(gctx, it) }) // ok: not nested
	}
	return g.Wait()
}

// Good: the inner work goes to a second, unlimited group.
func twoGroups(ctx context.Context, roots []*node) error {
	var outer, inner errgroup.Group
	outer.SetLimit(2)
	for _, r := range roots {
		outer.Go(func() error {
			for _, k := range r.kids {
				inner.Go(func() error { return visit(ctx, k) }) // ok: another group
			}
			return nil
		})
	}
	errOuter := outer.Wait()
	errInner := inner.Wait() // ok: both groups awaited on every path
	return errors.Join(errOuter, errInner)
}

type crawler struct{ links func(string) []string }

// visitAll starts a visit of every link of url in g.
func (c *crawler) visitAll(ctx context.Context, g *errgroup.Group, url string) error {
	for _, u := range c.links(url) {
		g.Go(func() error { return c.visitAll(ctx, g, u) }) // want `g.Go called through \(\*crawler\).visitAll, which a goroutine of g runs with the group: g has a limit`
	}
	return ctx.Err()
}

// Bad: the limited group's goroutine calls a helper that calls Go on it.
func (c *crawler) crawl(ctx context.Context, root string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(1)
	g.Go(func() error { return c.visitAll(ctx, g, root) })
	return g.Wait()
}

// tryVisitAll starts what it can, and visits the rest inline.
func (c *crawler) tryVisitAll(ctx context.Context, g *errgroup.Group, url string) error {
	for _, u := range c.links(url) {
		if !g.TryGo(func() error { return c.tryVisitAll(ctx, g, u) }) { // ok: TryGo never blocks
			if err := c.tryVisitAll(ctx, g, u); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// Good: the near miss: the helper uses TryGo.
func (c *crawler) crawlTry(ctx context.Context, root string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(1)
	g.Go(func() error { return c.tryVisitAll(ctx, g, root) })
	return g.Wait()
}

type walker struct{ next func(int) []int }

// spawnAll starts one worker per node in g; the workers only report back.
func (w *walker) spawnAll(g *errgroup.Group, nodes []int, done chan<- int) {
	for _, n := range nodes {
		g.Go(func() error { done <- n; return nil }) // ok: the workers never call Go: they end and free their slots
	}
}

// Good: one dispatcher goroutine calls Go through spawnAll, under a limit
// that keeps a slot for it; the workers end by themselves (docker
// compose's graph traversal).
func (w *walker) walk(ctx context.Context, roots []int, workers int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers + 1)
	done := make(chan int, 64)
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case n := <-done:
				if n < 0 {
					return nil
				}
				w.spawnAll(g, w.next(n), done)
			}
		}
	})
	w.spawnAll(g, roots, done)
	return g.Wait()
}

type treeNode struct {
	name     string
	children []*treeNode
}

// visitTree starts a goroutine per node; each visits its children with
// the same group.
func visitTree(g *errgroup.Group, n *treeNode, seen func(string)) {
	g.Go(func() error { // want `g.Go called in errgroupwait.visitTree, whose goroutines call errgroupwait.visitTree again with the group: g has a limit`
		seen(n.name)
		for _, c := range n.children {
			visitTree(g, c, seen)
		}
		return nil
	})
}

// Bad: the owner starts the walk through the recursive helper.
func walkTree(root *treeNode, limit int, seen func(string)) error {
	var g errgroup.Group
	g.SetLimit(limit)
	visitTree(&g, root, seen)
	return g.Wait()
}

// visitLeaves starts one goroutine per leaf; they call nothing back.
func visitLeaves(g *errgroup.Group, leaves []string, seen func(string)) {
	for _, l := range leaves {
		g.Go(func() error {
			seen(l)
			return nil
		})
	}
}

// Good: the helper's goroutines never start more: each ends and frees
// its slot.
func walkLeaves(leaves []string, limit int, seen func(string)) error {
	var g errgroup.Group
	g.SetLimit(limit)
	visitLeaves(&g, leaves, seen)
	return g.Wait()
}
