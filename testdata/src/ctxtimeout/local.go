package ctxtimeout

import (
	"crypto/tls"
	"net"
	"net/http"
)

// A debug server on a loopback listener: only local clients reach it.
func serveDebugListener(h http.Handler) error {
	ln, err := net.Listen("tcp", "127.0.0.1:6060")
	if err != nil {
		return err
	}
	return http.Serve(ln, h) // ok: loopback only
}

// An API on a unix socket, served by a Server with no timeouts.
func serveUnix(path string, h http.Handler) error {
	ln, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h}
	return srv.Serve(ln) // ok: a unix socket has no remote clients
}

// The same over TLS on loopback.
func serveLocalTLS(cfg *tls.Config, h http.Handler) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(nil, "tcp", "localhost:8443")
	if err != nil {
		return err
	}
	return http.Serve(tls.NewListener(ln, cfg), h) // ok: loopback only
}

// Bad: a listener on every interface.
func servePublicListener(h http.Handler) error {
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		return err
	}
	return http.Serve(ln, h) // want `http\.Serve serves with a Server that has no ReadHeaderTimeout`
}

// Bad: a Server with no timeouts on a listener whose address the caller
// picks.
func serveAt(addr string, cfg *tls.Config, h http.Handler) error {
	ln, err := tls.Listen("tcp", addr, cfg)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h}
	return srv.Serve(ln) // want `\(\*http\.Server\)\.Serve with no ReadHeaderTimeout nor ReadTimeout set`
}

// A job API on a unix socket, served from a goroutine.
type jobSocket struct {
	handler http.Handler
}

// Good: the goroutine serves the unix listener its starter made.
func (s *jobSocket) Start(path string) error {
	ln, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	go func() {
		_ = http.Serve(ln, s.handler) // ok: a unix socket has no remote clients
	}()
	return nil
}

// Bad: the near miss on TCP.
func (s *jobSocket) StartTCP(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		_ = http.Serve(ln, s.handler) // want `http\.Serve serves with a Server that has no ReadHeaderTimeout`
	}()
	return nil
}
