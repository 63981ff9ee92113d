package goroutineleak

import (
	"context"
	"errors"
)

// A server loop answers requests that carry their own reply channel; a
// path that drops a request leaves its client waiting forever.

type lookupReq struct {
	key   string
	reply chan int
}

type keyReq struct {
	key   string
	reply chan int
}

type lookupServer struct {
	reqs chan keyReq
	m    map[string]int
}

func newLookupServer() *lookupServer {
	s := &lookupServer{reqs: make(chan keyReq), m: map[string]int{}}
	go s.serve()
	return s
}

// serve drops a request for a missing key.
func (s *lookupServer) serve() {
	for r := range s.reqs {
		v, ok := s.m[r.key]
		if !ok {
			continue
		}
		r.reply <- v
	}
}

// Bad: a missing key is never answered.
func (s *lookupServer) Get(key string) int {
	r := keyReq{key: key, reply: make(chan int)}
	s.reqs <- r
	return <-r.reply // want `receive of the answer \(field reply of the request\) blocks forever when \(\*lookupServer\).serve drops the request: only it answers on that field's channel, and a path from its receive of the request comes back for the next request without sending on or closing it`
}

type fetchReq struct {
	key   string
	reply chan error
}

type fetchServer struct {
	reqs  chan *fetchReq
	fetch func(string) error
	open  func() error
}

// serve returns on a failed open with the request in hand.
func (s *fetchServer) serve() {
	for {
		r := <-s.reqs
		if err := s.open(); err != nil {
			return
		}
		r.reply <- s.fetch(r.key)
	}
}

// Bad: when the server's open fails, the request it took is never
// answered.
func (s *fetchServer) Fetch(key string) error {
	r := &fetchReq{key: key, reply: make(chan error)}
	s.reqs <- r
	return <-r.reply // want `receive of the answer \(field reply of the request\) blocks forever when \(\*fetchServer\).serve drops the request: only it answers on that field's channel, and a path from its receive of the request returns without sending on or closing it`
}

type answeringServer struct {
	reqs chan lookupReq
	m    map[string]int
}

// serveAll answers every request, a missing key with -1.
func (s *answeringServer) serveAll() {
	for r := range s.reqs {
		v, ok := s.m[r.key]
		if !ok {
			r.reply <- -1
			continue
		}
		r.reply <- v
	}
}

// Good: the near miss: every request is answered.
func (s *answeringServer) Get(key string) int {
	r := lookupReq{key: key, reply: make(chan int)}
	s.reqs <- r
	return <-r.reply
}

type handReq struct {
	key   string
	reply chan error
}

type handingServer struct {
	reqs   chan handReq
	handle func(handReq) // set by the package's users: it answers
}

// serveHanded answers an empty key itself and hands every other request
// to the handler.
func (s *handingServer) serveHanded() {
	for r := range s.reqs {
		if r.key == "" {
			r.reply <- errors.New("empty key")
			continue
		}
		s.handle(r)
	}
}

// Good: the near miss: the server hands the request on; the handler the
// users set may answer.
func (s *handingServer) Fetch(key string) error {
	r := handReq{key: key, reply: make(chan error)}
	s.reqs <- r
	return <-r.reply
}

type waitingServer struct {
	reqs chan lookupReq
	m    map[string]int
}

func (s *waitingServer) serve() {
	for r := range s.reqs {
		if v, ok := s.m[r.key]; ok {
			r.reply <- v
		}
	}
}

// Good: the near miss: the client gives up with its context.
func (s *waitingServer) Get(ctx context.Context, key string) (int, error) {
	r := lookupReq{key: key, reply: make(chan int, 1)}
	s.reqs <- r
	select {
	case v := <-r.reply:
		return v, nil
	case <-ctx.Done():
		return 0, errors.New("no answer")
	}
}

type statReq struct {
	name  string
	reply chan int
}

type statServer struct {
	reqs  chan statReq
	quit  chan struct{}
	stats map[string]int
}

// run's break leaves the select, not the loop: an unknown name is
// dropped.
func (s *statServer) run() {
	for {
		select {
		case r := <-s.reqs:
			n, ok := s.stats[r.name]
			if !ok {
				break
			}
			r.reply <- n
		case <-s.quit:
			return
		}
	}
}

// Bad: an unknown name is never answered.
func (s *statServer) Stat(name string) int {
	r := statReq{name: name, reply: make(chan int)}
	s.reqs <- r
	return <-r.reply // want `receive of the answer \(field reply of the request\) blocks forever when \(\*statServer\).run drops the request`
}

type countReq struct {
	name  string
	reply chan int
}

type countServer struct {
	reqs   chan countReq
	quit   chan struct{}
	counts map[string]int
}

// run answers every request it takes; it returns only on quit.
func (s *countServer) run() {
	for {
		select {
		case r := <-s.reqs:
			n, ok := s.counts[r.name]
			if !ok {
				n = -1
			}
			r.reply <- n
		case <-s.quit:
			return
		}
	}
}

// Good: the near miss: every request taken is answered.
func (s *countServer) Count(name string) int {
	r := countReq{name: name, reply: make(chan int)}
	s.reqs <- r
	return <-r.reply
}
