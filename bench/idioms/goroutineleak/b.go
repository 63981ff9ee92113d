package idioms

import (
	"context"
	"sync"
	"time"
)

// 13. pub/sub with per-subscriber buffered channels and unsubscribe
type Broker struct {
	mu   sync.Mutex
	subs map[chan string]struct{}
}

func NewBroker() *Broker { return &Broker{subs: map[chan string]struct{}{}} }

func (b *Broker) Subscribe() (<-chan string, func()) {
	ch := make(chan string, 16)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
		b.mu.Unlock()
	}
}

func (b *Broker) Publish(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- msg:
		default:
		}
	}
}

// 14. pub/sub with a broker goroutine: sub/unsub channels, quit
type Hub struct {
	sub   chan chan string
	unsub chan chan string
	pub   chan string
	quit  chan struct{}
}

func NewHub() *Hub {
	h := &Hub{
		sub:   make(chan chan string),
		unsub: make(chan chan string),
		pub:   make(chan string),
		quit:  make(chan struct{}),
	}
	go h.run()
	return h
}

func (h *Hub) run() {
	subs := map[chan string]bool{}
	for {
		select {
		case c := <-h.sub:
			subs[c] = true
		case c := <-h.unsub:
			delete(subs, c)
			close(c)
		case m := <-h.pub:
			for c := range subs {
				select {
				case c <- m:
				default:
				}
			}
		case <-h.quit:
			for c := range subs {
				close(c)
			}
			return
		}
	}
}

func (h *Hub) Subscribe() chan string {
	c := make(chan string, 8)
	select {
	case h.sub <- c:
	case <-h.quit:
		close(c)
	}
	return c
}

func (h *Hub) Unsubscribe(c chan string) {
	select {
	case h.unsub <- c:
	case <-h.quit:
	}
}

func (h *Hub) Publish(m string) {
	select {
	case h.pub <- m:
	case <-h.quit:
	}
}

func (h *Hub) Close() { close(h.quit) }

// 15. request/response with reply channels (actor)
type request struct {
	key   string
	reply chan string
}

type Store struct {
	reqs chan request
	quit chan struct{}
	data map[string]string
}

func NewStore() *Store {
	s := &Store{reqs: make(chan request), quit: make(chan struct{}), data: map[string]string{}}
	go s.loop()
	return s
}

func (s *Store) loop() {
	for {
		select {
		case r := <-s.reqs:
			r.reply <- s.data[r.key]
		case <-s.quit:
			return
		}
	}
}

func (s *Store) Get(ctx context.Context, key string) (string, error) {
	r := request{key: key, reply: make(chan string, 1)}
	select {
	case s.reqs <- r:
	case <-ctx.Done():
		return "", ctx.Err()
	case <-s.quit:
		return "", context.Canceled
	}
	select {
	case v := <-r.reply:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (s *Store) Close() { close(s.quit) }

// 16. singleflight-like result sharing
type call struct {
	wg  sync.WaitGroup
	val int
	err error
}

type Group struct {
	mu sync.Mutex
	m  map[string]*call
}

func (g *Group) Do(key string, fn func() (int, error)) (int, error) {
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*call)
	}
	if c, ok := g.m[key]; ok {
		g.mu.Unlock()
		c.wg.Wait()
		return c.val, c.err
	}
	c := new(call)
	c.wg.Add(1)
	g.m[key] = c
	g.mu.Unlock()

	c.val, c.err = fn()
	c.wg.Done()

	g.mu.Lock()
	delete(g.m, key)
	g.mu.Unlock()
	return c.val, c.err
}

// 17. singleflight with channel result
type chanCall struct {
	done chan struct{}
	val  int
}

type ChanGroup struct {
	mu sync.Mutex
	m  map[string]*chanCall
}

func (g *ChanGroup) DoChan(key string, fn func() int) <-chan int {
	out := make(chan int, 1)
	g.mu.Lock()
	if g.m == nil {
		g.m = map[string]*chanCall{}
	}
	if c, ok := g.m[key]; ok {
		g.mu.Unlock()
		go func() {
			<-c.done
			out <- c.val
		}()
		return out
	}
	c := &chanCall{done: make(chan struct{})}
	g.m[key] = c
	g.mu.Unlock()
	go func() {
		c.val = fn()
		close(c.done)
		g.mu.Lock()
		delete(g.m, key)
		g.mu.Unlock()
		out <- c.val
	}()
	return out
}

// 18. sync.Cond queue with Broadcast on close
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *Queue) Get() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, true
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// 19. consumer goroutines of the cond queue, drained by Close
func DrainQueue(q *Queue, n int) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if _, ok := q.Get(); !ok {
					return
				}
			}
		}()
	}
	return &wg
}

// 20. local Cond with broadcast
func CondLocal(n int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	var wg sync.WaitGroup
	total := 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !ready {
				c.Wait()
			}
			total++
			mu.Unlock()
		}()
	}
	mu.Lock()
	ready = true
	mu.Unlock()
	c.Broadcast()
	wg.Wait()
	return total
}

// 21. periodic ticker with stop channel, stop func returned
func Every(d time.Duration, f func()) (stop func()) {
	quit := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				f()
			case <-quit:
				return
			}
		}
	}()
	return func() { once.Do(func() { close(quit) }) }
}

// 22. context-driven ticker loop
func Poll(ctx context.Context, d time.Duration, f func()) {
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				f()
			case <-ctx.Done():
				return
			}
		}
	}()
}

// 23. time.AfterFunc cancel via Stop
func Deadline(d time.Duration, cancel func()) func() bool {
	t := time.AfterFunc(d, cancel)
	return t.Stop
}
