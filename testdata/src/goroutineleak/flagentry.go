package goroutineleak

import (
	"flag"
	"os"
	"syscall"
	"time"
)

var shimDebug = flag.Bool("shim-debug", false, "log every tick")

func parseShimFlags() { flag.Parse() }

// Good: RunShim parses the process's own flags, as only a program's entry
// does (a library's main in all but name): its ticker lives as long as
// the process.
func RunShim(tick func(bool)) {
	parseShimFlags()
	startShimTicker(tick)
}

// startShimTicker is called by RunShim, and by the package's own test
// (flagentry_test.go), whose call is scaffolding.
func startShimTicker(tick func(bool)) {
	go func() {
		for range time.Tick(time.Minute) { // ok: started by the program's entry (and a test)
			tick(*shimDebug)
		}
	}()
}

// Silent by design (wake.Discarded): the same loop from an ordinary
// library call, one more goroutine per call, but nothing shows a second
// call: a service its caller starts for the life of the process.
func RunTicker(tick func(bool)) {
	go func() {
		for range time.Tick(time.Minute) { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			tick(false)
		}
	}()
}

// Good: RunChild re-executes the program with its own arguments
// (os.Args[1:], rootlesskit's Child and Parent): it is the program's
// entry in all but name, run once per process, and the driver goroutine
// an early return leaves blocked is one goroutine until the process exits
// on that error.
func RunChild(driver func() error, start func(args []string) error) error {
	driverErr := make(chan error)
	go func() {
		driverErr <- driver() // ok: the program's entry, once per process
	}()
	if err := start(os.Args[1:]); err != nil {
		return err
	}
	return <-driverErr
}

// Bad: the near miss: only the program's name is read (a log prefix), as
// any library call may: nothing says this runs once per process.
func RunNamed(driver func() error, start func(name string) error) error {
	driverErr := make(chan error)
	go func() {
		driverErr <- driver() // want `goroutine can block forever in send on driverErr`
	}()
	if err := start(os.Args[0]); err != nil {
		return err
	}
	return <-driverErr
}

// Good: StartAgent may replace the process with the agent (foreground
// mode, syscall.Exec): only a program's own logic does that, so it runs
// once per process, and the watcher the first result leaves blocked is
// one goroutine until the command exits.
func StartAgent(foreground bool, path string, args []string, watch, wait func() error) error {
	if foreground {
		return execAgent(path, args)
	}
	watchErr := make(chan error)
	go func() {
		watchErr <- watch() // ok: the program's own logic, once per process
	}()
	waitErr := make(chan error)
	go func() {
		waitErr <- wait() // ok: the program's own logic, once per process
	}()
	select {
	case err := <-watchErr:
		return err
	case err := <-waitErr:
		return err
	}
}

func execAgent(path string, args []string) error { return syscall.Exec(path, args, os.Environ()) }

// Bad: the near miss: the same first-result race from a function that
// starts the agent as a child and may be called by a long-running
// process, once per agent.
func StartChildAgent(watch, wait func() error) error {
	watchErr := make(chan error)
	go func() {
		watchErr <- watch() // want `goroutine can block forever in send on watchErr`
	}()
	waitErr := make(chan error)
	go func() {
		waitErr <- wait() // want `goroutine can block forever in send on waitErr`
	}()
	select {
	case err := <-watchErr:
		return err
	case err := <-waitErr:
		return err
	}
}
