package goroutineleak

import (
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

// Good: the near miss: a sweeper started by a function that never
// returns: (*http.Server).Serve returns only with an error, and every
// error exits the process, so the sweeper lives exactly as long as the
// process (rolesanywhere-credential-helper's Serve, added205).
func ServeUntilExit(l net.Listener, sweep func()) {
	ticker := time.NewTicker(5 * time.Second)
	go func() {
		for range ticker.C {
			sweep()
		}
	}()
	srv := &http.Server{ReadHeaderTimeout: time.Second}
	if err := srv.Serve(l); err != nil {
		log.Println(err)
		os.Exit(1)
	}
}

// Bad: the same sweeper, started by a function that returns the
// server's error to its caller: each call leaves one more.
func ServeReturning(l net.Listener, sweep func()) error {
	ticker := time.NewTicker(5 * time.Second)
	go func() {
		for range ticker.C { // want `goroutine started by goroutineleak.ServeReturning never ends: it waits in range over ticker.C forever`
			sweep()
		}
	}()
	srv := &http.Server{ReadHeaderTimeout: time.Second}
	return srv.Serve(l)
}
