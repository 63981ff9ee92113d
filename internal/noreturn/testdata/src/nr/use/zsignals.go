package use

import (
	"context"

	"nr/require"
)

// Main installs the process's signal handlers through another package's
// function that carries the fact.
func Main(run func(context.Context) error) error { // want Main:"handlesSignals"
	return run(require.SignalContext())
}

// Run takes its context from the caller: no handler of its own.
func Run(ctx context.Context, run func(context.Context) error) error {
	return run(ctx)
}
