package dep

import (
	"context"
	"os"
	"os/signal"
)

// SignalContext returns a context cancelled on the process's interrupt
// signal (knative's signals.NewContext).
func SignalContext() context.Context {
	return notifyInterrupt(context.Background())
}

func notifyInterrupt(ctx context.Context) context.Context {
	ctx, _ = signal.NotifyContext(ctx, os.Interrupt)
	return ctx
}
