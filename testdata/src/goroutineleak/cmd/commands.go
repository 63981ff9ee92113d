package main

import (
	"net/http"
	"time"
)

// A command-line program runs one command per process: a goroutine that
// its Run function starts once lives as long as the process, as one
// started from main does. Started per iteration or per request, it is a
// leak.

// command is a command table entry: the library that dispatches commands
// calls Run back once for the process.
type command struct {
	Name string
	Run  func(args []string)
}

var commands = []*command{
	{Name: "bench", Run: runBench},
	{Name: "soak", Run: runSoak},
}

// runBench starts one rate limiter for the run.
func runBench(args []string) {
	lim := newLimiter(time.Second)
	for range args {
		<-lim
	}
}

// newLimiter's refill goroutine ranges over a ticker for the process's
// one run.
func newLimiter(every time.Duration) chan struct{} {
	tokens := make(chan struct{}, 1)
	t := time.NewTicker(every)
	go func() {
		for range t.C { // ok: started once per process, from the command's Run
			select {
			case tokens <- struct{}{}:
			default:
			}
		}
	}()
	return tokens
}

// runSoak starts a new monitor in each round: the monitors pile up.
func runSoak(args []string) {
	for range args {
		startMonitor(func() {})
	}
}

func startMonitor(check func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // want `goroutine started by main.startMonitor never ends`
			check()
		}
	}()
}

// serveStatus starts a ticker goroutine for each request it serves.
func serveStatus(w http.ResponseWriter, r *http.Request) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // want `goroutine started by main.serveStatus never ends`
			_ = r.URL
		}
	}()
}

func init() { http.HandleFunc("/status", serveStatus) }
