package ctxdone

import (
	"context"
	"math/rand/v2"
	"time"
)

// Good: a jittered pause that is always under 100ms delays cancellation
// no more than a short constant would.
func JitteredPause(ctx context.Context, try func() bool) error {
	for !try() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Duration(rand.IntN(100)) * time.Millisecond) // ok: at most 99ms late
	}
	return nil
}

// Bad: the same jitter in seconds.
func JitteredLongPause(ctx context.Context, try func() bool) {
	for !try() {
		time.Sleep(time.Duration(rand.IntN(100)) * time.Second) // want `time.Sleep ignores ctx`
	}
}

// Good: a back-off capped at 2s, in a loop that checks ctx every round.
func CappedBackOff(ctx context.Context, try func() bool) error {
	d := 10 * time.Millisecond
	for !try() {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(d) // ok: d never exceeds 2s
		d = min(d*2, 2*time.Second)
	}
	return nil
}

// Bad: the back-off grows without a cap.
func UncappedBackOff(ctx context.Context, try func() bool) error {
	d := 10 * time.Millisecond
	for !try() {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(d) // want `time.Sleep ignores ctx`
		d *= 2
	}
	return nil
}

// Bad: max keeps a floor, not a ceiling.
func FlooredPause(ctx context.Context, d time.Duration, try func() bool) {
	for !try() {
		time.Sleep(max(d, 10*time.Millisecond)) // want `time.Sleep ignores ctx`
	}
}

// Good: a float jitter of at most 200ms.
func FloatJitteredPause(ctx context.Context, try func() bool) {
	for !try() {
		time.Sleep(time.Duration(rand.Float64() * float64(200*time.Millisecond))) // ok: at most 200ms late
	}
}

// Bad: a float jitter of a pause the caller picks.
func FloatScaledPause(ctx context.Context, d time.Duration, try func() bool) {
	for !try() {
		time.Sleep(time.Duration(rand.Float64() * float64(d))) // want `time.Sleep ignores ctx`
	}
}

// A poll loop whose every round looks at ctx first (a select with a
// default case) and queries with it: the pause, whatever the caller
// configures, delays noticing a cancellation by one round at most.
func AwaitResult(ctx context.Context, poll time.Duration, query func(context.Context) (bool, error)) error {
	if poll <= 0 {
		poll = time.Second
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		done, err := query(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		time.Sleep(poll) // ok: every round checks ctx before the next pause
	}
}

// Good: a retry loop of at most 12 rounds whose pause grows by 10ms a
// round (amazon-vpc-cni-k8s's DescribeAllENIs): the pause never passes
// 120ms, and each call it retries takes ctx.
func RetryCounted(ctx context.Context, call func(context.Context) error) error {
	var err error
	for retry := 0; retry < 12; retry++ {
		if err = call(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(retry*10) * time.Millisecond) // ok: at most 120ms late
	}
	return err
}

// Bad: the same growth over 1000 rounds: a pause of up to 10s.
func RetryCountedLong(ctx context.Context, call func(context.Context) error) error {
	var err error
	for retry := 0; retry < 1000; retry++ {
		if err = call(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(retry*10) * time.Millisecond) // want `time.Sleep ignores ctx`
	}
	return err
}
