package goroutineleak

import (
	"context"
	"errors"
	"net"
	"net/http"
)

// serveUntilDone shuts its server down before it returns: Serve then
// returns http.ErrServerClosed, which the goroutine does not send, so it
// ends.
func serveUntilDone(ctx context.Context, l net.Listener) error {
	srv := &http.Server{}
	errC := make(chan error)
	go func() {
		if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
			errC <- err
		}
	}()
	select {
	case err := <-errC:
		return err
	case <-ctx.Done():
	}
	return srv.Shutdown(context.Background())
}

// serveUntilDoneClosing closes its server as it returns (deferred).
func serveUntilDoneClosing(ctx context.Context, l net.Listener) error {
	srv := &http.Server{}
	defer srv.Close()
	errC := make(chan error)
	go func() {
		err := srv.Serve(l)
		if err != nil && err != http.ErrServerClosed {
			errC <- err
		}
	}()
	select {
	case err := <-errC:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// serveEitherUntilDone serves with or without TLS, then shuts down.
func serveEitherUntilDone(ctx context.Context, l net.Listener, tls bool) error {
	srv := &http.Server{}
	errC := make(chan error)
	go func() {
		var err error
		if tls {
			err = srv.ServeTLS(l, "cert.pem", "key.pem")
		} else {
			err = srv.Serve(l)
		}
		if !errors.Is(err, http.ErrServerClosed) {
			errC <- err
		}
	}()
	select {
	case err := <-errC:
		return err
	case <-ctx.Done():
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		return err
	}
	return nil
}

// serveUntilDoneOpen returns without shutting its server down: the
// server goes on serving, and when it fails the goroutine blocks forever
// in its send.
func serveUntilDoneOpen(ctx context.Context, l net.Listener) error {
	srv := &http.Server{}
	errC := make(chan error)
	go func() {
		if err := srv.Serve(l); err != http.ErrServerClosed {
			errC <- err // want `goroutine can block forever in send on errC`
		}
	}()
	select {
	case err := <-errC:
		return err
	case <-ctx.Done():
	}
	return nil
}

// serveUntilDoneOther shuts down another server than the one the
// goroutine serves.
func serveUntilDoneOther(ctx context.Context, l net.Listener, admin *http.Server) error {
	srv := &http.Server{}
	errC := make(chan error)
	go func() {
		if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
			errC <- err // want `goroutine can block forever in send on errC`
		}
	}()
	select {
	case err := <-errC:
		return err
	case <-ctx.Done():
	}
	return admin.Shutdown(context.Background())
}
