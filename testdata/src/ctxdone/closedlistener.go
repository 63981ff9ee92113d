package ctxdone

import (
	"context"
	"net"
	"net/http"
)

// An ACME HTTP-01 challenge server, as certmagic's httpSolver: Present
// starts it, CleanUp (which the ACME client always calls) closes its
// listener, and ctx is only the base context of its requests.
type challengeServer struct {
	ln      net.Listener
	handler http.Handler
}

// Good: CleanUp closes s.ln, which ends Serve.
func (s *challengeServer) Present(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	go s.serve(ctx) // ok: CleanUp closes the listener
	return nil
}

func (s *challengeServer) serve(ctx context.Context) {
	srv := &http.Server{
		Handler:     s.handler,
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	_ = srv.Serve(s.ln)
}

func (s *challengeServer) CleanUp() error { return s.ln.Close() }

// A server whose only Close of its listener is in the serving goroutine.
type selfClosingServer struct {
	ln      net.Listener
	handler http.Handler
}

// Bad: the listener is closed only once Serve has returned, by the
// goroutine itself: nothing ends the wait but the process.
func (s *selfClosingServer) Start(ctx context.Context) {
	go s.run(ctx) // want `goroutine started with ctx never observes it: it may wait forever on call to \(\*net/http.Server\).Serve`
}

func (s *selfClosingServer) run(ctx context.Context) {
	defer s.ln.Close()
	srv := &http.Server{
		Handler:     s.handler,
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	_ = srv.Serve(s.ln)
}

// A server with a listener of its own and another one closed elsewhere.
type twoListeners struct {
	public, admin net.Listener
}

func (s *twoListeners) Close() error { return s.admin.Close() }

// Bad: Close closes the admin listener, not the one served here.
func (s *twoListeners) Start(ctx context.Context, h http.Handler) {
	go func() { // want `goroutine started with ctx never observes it`
		srv := &http.Server{Handler: h, BaseContext: func(net.Listener) context.Context { return ctx }}
		_ = srv.Serve(s.public)
	}()
}
