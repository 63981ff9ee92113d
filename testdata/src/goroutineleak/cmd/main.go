// Command cmd shows that goroutines owned by main live as long as the
// process and are not reported.
package main

import (
	"errors"
	"net/http"
	"os"
	"time"

	"goroutineleak/internal/pump"
)

func main() {
	pump.Start(time.Second, func() {}) // ok: once per process, from main
	pump.Run(time.Minute)              // ok: once per process, from main
	http.HandleFunc("/flush", flush)
	if len(os.Args) > 2 {
		pushLate(make(chan struct{}))
		pushLost()
	}
	if err := loadConfig(func() error { return nil }); err != nil {
		return
	}
	ticks := make(chan int)
	go func() {
		for t := range ticks { // ok: main-owned, lives as long as the process
			_ = t
		}
	}()
	ticks <- 1
	time.Sleep(time.Millisecond)
}

// startMetrics is called only from main: its ticker goroutine lives as
// long as the process.
func startMetrics(f func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // ok: process lifetime
			f()
		}
	}()
}

func init() { startMetrics(func() {}) }

// loadConfig runs once, from main: when it gives up waiting, the loader's
// goroutine stays blocked on its send, one goroutine for the rest of the
// run, not one more per call.
func loadConfig(load func() error) error {
	errs := make(chan error)
	go func() {
		errs <- load() // ok: the process runs loadConfig once
	}()
	select {
	case err := <-errs:
		return err
	case <-time.After(time.Second):
		return errors.New("config: timeout")
	}
}

// loadPlugins runs once, from main, but loads each plugin through
// loadPlugin: every plugin that times out leaves one more goroutine
// blocked.
func loadPlugins(loads []func() error) {
	for _, load := range loads {
		_ = loadPlugin(load)
	}
}

func loadPlugin(load func() error) error {
	errs := make(chan error)
	go func() {
		errs <- load() // want `goroutine can block forever in send on errs`
	}()
	select {
	case err := <-errs:
		return err
	case <-time.After(time.Second):
		return errors.New("plugin: timeout")
	}
}

func init() { loadPlugins(nil) }

// flush starts the internal package's flusher for every request.
func flush(w http.ResponseWriter, r *http.Request) {
	pump.Run(time.Minute) // want `call of pump.Run starts a goroutine \(by pump.startFlusher\) that never ends: it waits in range over NewTicker\(\).C forever at pump.go:23:3; each call of main.flush leaves one more goroutine running`
}
