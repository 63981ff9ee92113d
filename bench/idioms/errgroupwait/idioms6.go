package idioms

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// 91. HTTP server and its shutdown in one errgroup.
func Serve(ctx context.Context, srv *http.Server) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-gctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	})
	return g.Wait()
}

// 92. results gathered from a channel with a bounded read loop, Wait last.
func GatherN(ctx context.Context, items []int) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	out := make(chan int, len(items))
	for _, it := range items {
		g.Go(func() error {
			v, err := fetch(gctx, it)
			if err != nil {
				return err
			}
			out <- v
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	close(out)
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res, nil
}

// 93. a mutex-protected map filled by errgroup goroutines.
func FillMap(keys []string, load func(string) (int, error)) (map[string]int, error) {
	var (
		g  errgroup.Group
		mu sync.Mutex
		m  = make(map[string]int, len(keys))
	)
	for _, k := range keys {
		g.Go(func() error {
			v, err := load(k)
			if err != nil {
				return err
			}
			mu.Lock()
			m[k] = v
			mu.Unlock()
			return nil
		})
	}
	return m, g.Wait()
}

// 94. wg.Go with a results slice and a context check after Wait.
func WGGoCtx(ctx context.Context, items []int) ([]int, error) {
	var wg sync.WaitGroup
	res := make([]int, len(items))
	for i, it := range items {
		wg.Go(func() { res[i], _ = fetch(ctx, it) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// 95. errgroup in a method with the group's ctx passed to a method.
type Syncer struct{ dst map[int]int }

func (s *Syncer) one(ctx context.Context, i int) error {
	_, err := fetch(ctx, i)
	return err
}

func (s *Syncer) All(ctx context.Context, ids []int) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error { return s.one(ctx, id) })
	}
	return g.Wait()
}

// 96. a goroutine per item with an early continue on a cached item.
func WithCache(items []int, cached map[int]bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		if cached[it] {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// 97. an errgroup whose Wait is in a select goroutine with timeout.
func EGWithTimeout(items []int, d time.Duration) error {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	errc := make(chan error, 1)
	go func() { errc <- g.Wait() }()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return errors.New("timeout")
	}
}

// 98. a goroutine per connection tracked by a server WaitGroup.
type ConnServer struct {
	wg    sync.WaitGroup
	conns chan int
}

func (s *ConnServer) Serve(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			s.wg.Wait()
			return ctx.Err()
		case c := <-s.conns:
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				_ = work(c)
			}()
		}
	}
}
