package groups_test

import (
	"testing"

	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/ssatest"
)

const boundedSrc = `package p

import (
	"context"
	"sync"
	"time"
)

func timeout(wg *sync.WaitGroup, d time.Duration) bool {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		wg.Wait()
	}()
	select {
	case <-ch:
		return true
	case <-time.After(d):
		return false
	}
}

func plain(wg *sync.WaitGroup) {
	ch := make(chan struct{})
	go func() {
		wg.Wait()
		close(ch)
	}()
	<-ch
}

func both(wg *sync.WaitGroup, d time.Duration) {
	if !timeout(wg, d) {
		wg.Wait()
	}
}

func viaHelper(d time.Duration) {
	var wg sync.WaitGroup
	wg.Add(1)
	go wg.Done()
	timeout(&wg, d)
}

func inline(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(1)
	go wg.Done()
	ch := make(chan int, 1)
	go func() {
		wg.Wait()
		ch <- 1
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func unwaited() {
	var wg sync.WaitGroup
	wg.Add(1)
	go wg.Done()
}
`

func TestWaitsBounded(t *testing.T) {
	pkg := ssatest.Build(t, boundedSrc)
	info := groups.NewInfo(nil)
	for name, want := range map[string]bool{"timeout": true, "plain": false, "both": false} {
		fn := ssatest.Func(t, pkg, name)
		if got := info.WaitsBounded(info.Follow(fn, fn.Params[0])); got != want {
			t.Errorf("%s: waits with a bound = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"viaHelper": true, "inline": true, "unwaited": false} {
		gs := info.Local(ssatest.Func(t, pkg, name))
		if len(gs) != 1 {
			t.Fatalf("%s: want one group, got %d", name, len(gs))
		}
		if got := info.WaitsBounded(gs[0]); got != want {
			t.Errorf("%s: waits with a bound = %v, want %v", name, got, want)
		}
	}
}
