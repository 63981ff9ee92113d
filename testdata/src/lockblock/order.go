package lockblock

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
}

type Ledger struct {
	mu      sync.Mutex
	entries []int
}

// Bad (with Audit): Account.mu then Ledger.mu here...
func Transfer(a *Account, l *Ledger, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	l.mu.Lock() // want `lock order inversion: l.mu is locked while a.mu is held here, but elsewhere`
	l.entries = append(l.entries, n)
	l.mu.Unlock()
	a.balance -= n
}

// ...and Ledger.mu then Account.mu here.
func Audit(a *Account, l *Ledger) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance + len(l.entries)
}

type Left struct{ mu sync.Mutex }
type Right struct{ mu sync.Mutex }

// Good: a consistent order, Left before Right, everywhere.
func Both(l *Left, r *Right) {
	l.mu.Lock()
	r.mu.Lock()
	r.mu.Unlock()
	l.mu.Unlock()
}

func BothAgain(l *Left, r *Right) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
}

type conn struct {
	mu    sync.Mutex
	owner *pool
	state int
}

type pool struct {
	mu    sync.Mutex
	conns []*conn
}

// Good: the callee releases c.mu before it takes c.owner.mu, so no path
// holds conn.mu while taking pool.mu.
func (c *conn) connect() {
	c.mu.Lock()
	if c.state != 0 {
		c.mu.Unlock()
		return
	}
	c.resetAndUnlock() // ok: releases c.mu first
}

func (c *conn) resetAndUnlock() {
	c.state = 1
	c.mu.Unlock()
	c.owner.mu.Lock()
	c.owner.conns = append(c.owner.conns, c)
	c.owner.mu.Unlock()
}

func (p *pool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.mu.Lock()
		c.state = 2
		c.mu.Unlock()
	}
}

// Good: both orders are taken under one gate lock, which serializes them.
type gate struct {
	mu   sync.Mutex
	src  *Account
	dst  *Ledger
	sums int
}

func (g *gate) forward() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.src.mu.Lock()
	g.dst.mu.Lock() // ok: g.mu is held by both orders
	g.dst.mu.Unlock()
	g.src.mu.Unlock()
}

func (g *gate) backward() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.dst.mu.Lock()
	g.src.mu.Lock() // ok: g.mu is held by both orders
	g.src.mu.Unlock()
	g.dst.mu.Unlock()
}

// Read/read: an inversion where one mutex is only ever read-locked
// cannot close a cycle; with a writer it can (Go queues new readers
// behind a waiting writer).
type index struct{ mu sync.RWMutex }
type shard struct{ mu sync.Mutex }

func lookupThenShard(i *index, s *shard) {
	i.mu.RLock()
	defer i.mu.RUnlock()
	s.mu.Lock() // ok: index.mu is only read-locked, in both orders
	s.mu.Unlock()
}

func shardThenLookup(i *index, s *shard) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i.mu.RLock()
	i.mu.RUnlock()
}

type catalog struct{ mu sync.RWMutex }
type slot struct{ mu sync.Mutex }

func readCatalogThenSlot(c *catalog, s *slot) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s.mu.Lock() // want `lock order inversion: s.mu is locked while c.mu is held here, .*a writer closes the cycle`
	s.mu.Unlock()
}

func slotThenReadCatalog(c *catalog, s *slot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.mu.RLock()
	c.mu.RUnlock()
}

func (c *catalog) replace() {
	c.mu.Lock()
	c.mu.Unlock()
}

// Good: an object made here and not yet published cannot be locked by
// anyone else, so it orders nothing.
type journal struct {
	mu    sync.Mutex
	lines []string
}

type book struct {
	mu   sync.Mutex
	j    *journal
	size int
}

func (b *book) append(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.j.mu.Lock()
	b.j.lines = append(b.j.lines, line)
	b.j.mu.Unlock()
}

func newJournal(b *book) {
	j := &journal{}
	j.mu.Lock()
	defer j.mu.Unlock()
	b.mu.Lock() // ok: j is not visible to any other goroutine yet
	b.size++
	b.mu.Unlock()
	j.lines = nil
}

// Bad: the same, once the object is published before it is locked.
type page struct {
	mu  sync.Mutex
	bk  *catalogEntry
	seq int
}

type catalogEntry struct {
	mu    sync.Mutex
	pages []*page
	last  *page
}

func (e *catalogEntry) touch() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, p := range e.pages {
		p.mu.Lock() // want `lock order inversion: p.mu is locked while e.mu is held here, but elsewhere e.mu is locked while p.mu is held`
		p.seq++
		p.mu.Unlock()
	}
}

func newPage(e *catalogEntry) {
	p := &page{}
	e.last = p
	p.mu.Lock()
	defer p.mu.Unlock()
	e.mu.Lock() // the other half: p was published (e.last) before it was locked
	e.pages = append(e.pages, p)
	e.mu.Unlock()
}

// Good: the gate lock is taken by every caller of the functions that
// take the two orders.
type vaultA struct{ mu sync.Mutex }
type vaultB struct{ mu sync.Mutex }

type vault struct {
	gate sync.Mutex
	a    *vaultA
	b    *vaultB
}

func (v *vault) ab() {
	v.a.mu.Lock()
	v.b.mu.Lock() // ok: every caller holds v.gate
	v.b.mu.Unlock()
	v.a.mu.Unlock()
}

func (v *vault) ba() {
	v.b.mu.Lock()
	v.a.mu.Lock() // ok: every caller holds v.gate
	v.a.mu.Unlock()
	v.b.mu.Unlock()
}

func (v *vault) Forward() {
	v.gate.Lock()
	defer v.gate.Unlock()
	v.ab()
}

func (v *vault) Backward() {
	v.gate.Lock()
	v.ba()
	v.gate.Unlock()
}

// A constructor that holds the configuration's lock while it sets up the
// client it has just made: no other goroutine can hold the client's lock
// yet, so that order cannot meet Reload's (vault's NewClient).
type clientConfig struct {
	mu      sync.Mutex
	retries int
}

type Client struct {
	mu      sync.Mutex
	config  *clientConfig
	headers map[string]string
}

func (c *Client) AddHeader(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.headers[k] = v
}

func (c *Client) Reload() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.config.mu.Lock()
	c.config.retries++
	c.config.mu.Unlock()
}

func NewClient(cfg *clientConfig) *Client {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	c := &Client{config: cfg, headers: map[string]string{}}
	c.AddHeader("User-Agent", "x") // ok: c is not published yet
	return c
}

type clientConfig2 struct {
	mu      sync.Mutex
	retries int
}

type Client2 struct {
	mu      sync.Mutex
	config  *clientConfig2
	headers map[string]string
}

func (c *Client2) AddHeader(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.headers[k] = v
}

func (c *Client2) Reload() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.config.mu.Lock() // want `lock order inversion: c.config.mu is locked while c.mu is held here, but elsewhere c.mu is locked while cfg.mu is held`
	c.config.retries++
	c.config.mu.Unlock()
}

var clients []*Client2

// Bad: the client is registered (published) before the header is added
// under the configuration's lock: another goroutine may Reload it.
func NewRegisteredClient(cfg *clientConfig2) *Client2 {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	c := &Client2{config: cfg, headers: map[string]string{}}
	clients = append(clients, c)
	c.AddHeader("User-Agent", "x")
	return c
}
