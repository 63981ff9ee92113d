package idioms

import (
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

// 45. tests using t.Cleanup(wg.Wait).
func TestCleanupWait(t *testing.T) {
	var wg sync.WaitGroup
	t.Cleanup(wg.Wait)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(i)
		}()
	}
}

// 46. t.Cleanup with an errgroup Wait checked.
func TestCleanupEG(t *testing.T) {
	var g errgroup.Group
	t.Cleanup(func() {
		if err := g.Wait(); err != nil {
			t.Error(err)
		}
	})
	for i := 0; i < 3; i++ {
		g.Go(func() error { return work(i) })
	}
}

// 47. test fails fast with t.Fatal before any goroutine.
func TestFatalBeforeGo(t *testing.T) {
	items := []int{1, 2}
	if len(items) == 0 {
		t.Fatal("no items")
	}
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
}
