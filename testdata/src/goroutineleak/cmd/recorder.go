package main

import (
	"context"
	"log"
	"time"
)

// An exported producer of a main package is no API: no other package
// imports it, so its consumers are the ones in view (vhs's Record).

// Recorder records frames until its context ends.
type Recorder struct{ frames int }

// Record sends an error for each frame it fails to capture, and closes the
// channel when ctx ends. Its only consumer drains it to the close.
func (r *Recorder) Record(ctx context.Context, capture func() error) <-chan error {
	ch := make(chan error)
	go func() {
		for {
			select {
			case <-ctx.Done():
				close(ch)
				return
			case <-time.After(time.Millisecond):
				if err := capture(); err != nil {
					ch <- err // ok: the only consumer in view drains to the close
					continue
				}
				r.frames++
			}
		}
	}()
	return ch
}

func recordAll(ctx context.Context, r *Recorder, capture func() error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for err := range r.Record(ctx, capture) {
		log.Print(err)
	}
}

// Capture is the near miss: its consumer in view stops at the first
// error while the producer goes on.
func (r *Recorder) Capture(ctx context.Context, capture func() error) <-chan error {
	ch := make(chan error)
	go func() {
		for {
			select {
			case <-ctx.Done():
				close(ch)
				return
			case <-time.After(time.Millisecond):
				if err := capture(); err != nil {
					ch <- err // want `producer goroutine can block forever in send on ch`
				}
			}
		}
	}()
	return ch
}

func firstCaptureError(r *Recorder, capture func() error) error {
	for err := range r.Capture(context.Background(), capture) {
		return err
	}
	return nil
}

var _ = recordAll
var _ = firstCaptureError

// RunRecorders runs both consumers: a consumer is evidence only where
// something shows that it runs (wake.Evidence).
func RunRecorders(r *Recorder, capture func() error) {
	recordAll(context.Background(), r, capture)
	_ = firstCaptureError(r, capture)
}
