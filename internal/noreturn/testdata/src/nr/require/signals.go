package require

import (
	"context"
	"os"
	"os/signal"
)

// SignalContext installs an interrupt handler through a helper of its
// package.
func SignalContext() context.Context { // want SignalContext:"handlesSignals"
	return notify(context.Background())
}

func notify(ctx context.Context) context.Context {
	ctx, _ = signal.NotifyContext(ctx, os.Interrupt)
	return ctx
}

// Notified hands the channel to a goroutine that installs the handler:
// not the function's own setup.
func Notified(c chan os.Signal) {
	go signal.Notify(c, os.Interrupt)
}
