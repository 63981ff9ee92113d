package ctxtimeout

import (
	"net"
	"net/http"
	"time"
)

func serveDefault(h http.Handler) error {
	return http.ListenAndServe(":8080", h) // want `http\.ListenAndServe serves with a Server that has no ReadHeaderTimeout and no way to set one`
}

func servePprof() error {
	return http.ListenAndServe("localhost:6060", nil) // ok: loopback only
}

func serveListener(l net.Listener, h http.Handler) error {
	return http.Serve(l, h) // want `http\.Serve serves with a Server that has no ReadHeaderTimeout`
}

func serverNoTimeout(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h}
	return srv.ListenAndServe() // want `\(\*http\.Server\)\.ListenAndServe with no ReadHeaderTimeout nor ReadTimeout set`
}

func serverReadHeaderTimeout(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe() // ok: ReadHeaderTimeout
}

func serverTimeoutSetLater(h http.Handler, l net.Listener) error {
	srv := &http.Server{Handler: h}
	srv.ReadTimeout = time.Minute
	return srv.Serve(l) // ok: ReadTimeout stored after the literal
}

type app struct {
	srv *http.Server
}

func newApp(h http.Handler) *app {
	return &app{srv: &http.Server{Addr: ":9090", Handler: h}}
}

func (a *app) run() error {
	return a.srv.ListenAndServe() // want `\(\*http\.Server\)\.ListenAndServe with no ReadHeaderTimeout`
}

type goodApp struct {
	srv *http.Server
}

func newGoodApp(h http.Handler) *goodApp {
	a := &goodApp{srv: &http.Server{Addr: ":9090", Handler: h}}
	a.srv.ReadHeaderTimeout = 5 * time.Second
	return a
}

func (a *goodApp) run() error {
	return a.srv.ListenAndServe() // ok: ReadHeaderTimeout set through the field
}

func servePprofPort(port string) error {
	return http.ListenAndServe("localhost:"+port, nil) // ok: loopback only, whatever the port
}
