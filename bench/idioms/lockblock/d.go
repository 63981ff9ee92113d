package idioms

import (
	"context"
	"hash/fnv"
	"net"
	"net/http"
	"os/exec"
	"sync"
	"time"
)

// 44. a read-only table: recursive RLock with no writer anywhere
type Frozen struct {
	mu sync.RWMutex
	m  map[string]string
}

func NewFrozen(m map[string]string) *Frozen { return &Frozen{m: m} }

func (f *Frozen) Get(k string) string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.m[k]
}

func (f *Frozen) GetOr(k, def string) string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if v := f.Get(k); v != "" {
		return v
	}
	return def
}

// 45. sharded map: lock one shard by hash; lock all shards in index order
type shard struct {
	mu sync.Mutex
	m  map[string]int
}

type Sharded struct {
	shards [16]shard
}

func (s *Sharded) sh(k string) *shard {
	h := fnv.New32a()
	h.Write([]byte(k))
	return &s.shards[h.Sum32()%16]
}

func (s *Sharded) Put(k string, v int) {
	sh := s.sh(k)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.m == nil {
		sh.m = map[string]int{}
	}
	sh.m[k] = v
}

func (s *Sharded) Len() int {
	for i := range s.shards {
		s.shards[i].mu.Lock()
	}
	n := 0
	for i := range s.shards {
		n += len(s.shards[i].m)
	}
	for i := range s.shards {
		s.shards[i].mu.Unlock()
	}
	return n
}

// 46. Begin/Commit: a lock taken in one method, released in another
type Tx struct {
	mu    sync.Mutex
	dirty []string
}

func (t *Tx) Begin() { t.mu.Lock() }

func (t *Tx) Write(s string) { t.dirty = append(t.dirty, s) }

func (t *Tx) Commit() {
	t.dirty = nil
	t.mu.Unlock()
}

// 47. conditional locking
type Maybe struct {
	mu sync.Mutex
	v  int
}

func (m *Maybe) add(d int, lock bool) {
	if lock {
		m.mu.Lock()
		defer m.mu.Unlock()
	}
	m.v += d
}

func (m *Maybe) Add(d int) { m.add(d, true) }

func (m *Maybe) AddTwice(d int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.add(d, false)
	m.add(d, false)
}

// 48. dial under the lock with a timeout
type Redialer struct {
	mu   sync.Mutex
	conn net.Conn
	addr string
}

func (r *Redialer) get() (net.Conn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn != nil {
		return r.conn, nil
	}
	c, err := net.DialTimeout("tcp", r.addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	r.conn = c
	return c, nil
}

func (r *Redialer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		return nil
	}
	err := r.conn.Close()
	r.conn = nil
	return err
}

// 48b. dial under the lock with a Dialer that has a timeout
func (r *Redialer) getDialer() (net.Conn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := net.Dialer{Timeout: 3 * time.Second}
	c, err := d.DialContext(context.Background(), "tcp", r.addr)
	if err != nil {
		return nil, err
	}
	r.conn = c
	return c, nil
}

// 49. HTTP under a lock with a client that has a timeout
type Refresher struct {
	mu    sync.Mutex
	hc    *http.Client
	url   string
	token string
}

func NewRefresher(url string) *Refresher {
	return &Refresher{hc: &http.Client{Timeout: 10 * time.Second}, url: url}
}

func (r *Refresher) Token() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.token != "" {
		return r.token, nil
	}
	resp, err := r.hc.Get(r.url)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	r.token = resp.Status
	return r.token, nil
}

func (r *Refresher) Reset() {
	r.mu.Lock()
	r.token = ""
	r.mu.Unlock()
}

// 50. a command under a lock with a context deadline
type Runner struct {
	mu  sync.Mutex
	out []byte
}

func (r *Runner) Run(name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name).Output()
	r.out = out
	return err
}

func (r *Runner) Out() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out
}

// 51. generic synchronized map
type SyncMap[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

func (s *SyncMap[K, V]) Load(k K) (V, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.m[k]
	return v, ok
}

func (s *SyncMap[K, V]) Store(k K, v V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[K]V{}
	}
	s.m[k] = v
}

func (s *SyncMap[K, V]) LoadOrStore(k K, v V) (V, bool) {
	if got, ok := s.Load(k); ok {
		return got, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if got, ok := s.m[k]; ok {
		return got, true
	}
	if s.m == nil {
		s.m = map[K]V{}
	}
	s.m[k] = v
	return v, false
}

// 52. a sync.Locker helper called under a different lock
func withLock(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

type Outer struct {
	mu    sync.Mutex
	inner *Inner
}

type Inner struct {
	mu sync.Mutex
	n  int
}

func (o *Outer) Bump() {
	o.mu.Lock()
	defer o.mu.Unlock()
	withLock(&o.inner.mu, func() { o.inner.n++ })
}

// 53. a Cond over the read side of an RWMutex
type Version struct {
	mu   sync.RWMutex
	cond *sync.Cond
	v    int
}

func NewVersion() *Version {
	x := &Version{}
	x.cond = sync.NewCond(x.mu.RLocker())
	return x
}

func (x *Version) WaitFor(v int) {
	x.mu.RLock()
	for x.v < v {
		x.cond.Wait()
	}
	x.mu.RUnlock()
}

func (x *Version) Bump() {
	x.mu.Lock()
	x.v++
	x.mu.Unlock()
	x.cond.Broadcast()
}

// 54. a lock taken here and released by a goroutine it starts
type Handoff struct {
	mu sync.Mutex
	v  int
}

func (h *Handoff) Async(f func() int) {
	h.mu.Lock()
	go func() {
		defer h.mu.Unlock()
		h.v = f()
	}()
}

// 55. a wait with ctx under the lock: a select with ctx.Done
type Slot struct {
	mu   sync.Mutex
	ch   chan int
	last int
}

func NewSlot() *Slot {
	s := &Slot{ch: make(chan int)}
	go func() {
		for v := range s.ch {
			s.mu.Lock()
			s.last = v
			s.mu.Unlock()
		}
	}()
	return s
}

func (s *Slot) Send(ctx context.Context, v int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case s.ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 56. a pointer-embedded mutex shared by two structs (one lock, one order)
type sharedState struct {
	*sync.Mutex
	n int
}

func NewShared() (*sharedState, *sharedState) {
	mu := new(sync.Mutex)
	return &sharedState{Mutex: mu}, &sharedState{Mutex: mu}
}

func (s *sharedState) Inc() {
	s.Lock()
	s.n++
	s.Unlock()
}

// 57. a deferred closure that unlocks conditionally
type Cond2 struct {
	mu sync.Mutex
	v  int
}

func (c *Cond2) Update(f func(int) (int, bool)) {
	c.mu.Lock()
	locked := true
	defer func() {
		if locked {
			c.mu.Unlock()
		}
	}()
	nv, slow := f(c.v)
	c.v = nv
	if slow {
		c.mu.Unlock()
		locked = false
		time.Sleep(time.Millisecond)
	}
}

// 58. lock two instances of one type ordered by pointer-derived id
// (a method on one calling a method on the other, which locks)
type Peer struct {
	mu    sync.Mutex
	id    uint64
	links map[uint64]*Peer
}

func (p *Peer) linkLocked(o *Peer) {
	if p.links == nil {
		p.links = map[uint64]*Peer{}
	}
	p.links[o.id] = o
}

func Link(a, b *Peer) {
	if a.id > b.id {
		a, b = b, a
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	a.linkLocked(b)
	b.linkLocked(a)
}
