// Package manager is a stub of sigs.k8s.io/controller-runtime/pkg/manager
// for the fixtures: a manager starts each Runnable handed to Add once,
// when it starts, and cancels their context when it stops.
package manager

import "context"

type Runnable interface {
	Start(ctx context.Context) error
}

type Manager interface {
	Add(Runnable) error
	Start(ctx context.Context) error
}
