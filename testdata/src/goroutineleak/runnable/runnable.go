// Package runnable: the Start of a Runnable that the package hands to a
// controller-runtime manager runs once in the manager's life; the goroutine
// it abandons when the manager's context is done is one, at shutdown.
package runnable

import (
	"context"

	"sigs.k8s.io/controller-runtime/pkg/manager"
)

type upgrader struct{ upgrade func(context.Context) error }

// AddToManager hands the upgrader to the manager, once.
func AddToManager(mgr manager.Manager, upgrade func(context.Context) error) error {
	return mgr.Add(&upgrader{upgrade: upgrade})
}

// Good: the manager starts it once and cancels ctx only as it stops.
func (u *upgrader) Start(ctx context.Context) error {
	errCh := make(chan error)
	go func() { errCh <- u.upgrade(ctx) }() // ok: a Runnable's Start runs once per manager
	select {
	case <-ctx.Done():
		return nil
	case err := <-errCh:
		if err != nil {
			return err
		}
	}
	<-ctx.Done()
	return nil
}

type syncer struct{ sync func(context.Context) error }

// AddSyncers hands one syncer per source to the manager.
func AddSyncers(mgr manager.Manager, sources []func(context.Context) error) error {
	for _, s := range sources {
		if err := mgr.Add(&syncer{sync: s}); err != nil {
			return err
		}
	}
	return nil
}

// Bad: one syncer per source, each Start abandoning its sender.
func (s *syncer) Start(ctx context.Context) error {
	errCh := make(chan error)
	go func() { errCh <- s.sync(ctx) }() // want `goroutine can block forever in send on errCh`
	select {
	case <-ctx.Done():
		return nil
	case err := <-errCh:
		return err
	}
}

type poller struct{ poll func(context.Context) error }

// NewPoller is called per request: its Start is a plain method.
func NewPoller(poll func(context.Context) error) *poller { return &poller{poll: poll} }

// Bad: not handed to a manager; whoever calls Start may call it per request.
func (p *poller) Start(ctx context.Context) error {
	errCh := make(chan error)
	go func() { errCh <- p.poll(ctx) }() // want `goroutine can block forever in send on errCh`
	select {
	case <-ctx.Done():
		return nil
	case err := <-errCh:
		return err
	}
}
