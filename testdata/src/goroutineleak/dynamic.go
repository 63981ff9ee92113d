package goroutineleak

import "context"

// Goroutine bodies called through function values, resolved by the core
// (internal/callees).

func produceOne(out chan int) {
	out <- 1 // want `goroutine can block forever in send on ch: \(\*pipeline\).first can return without receiving`
}

func produceCtx(ctx context.Context, out chan int) {
	select {
	case out <- 1:
	case <-ctx.Done():
	}
}

type pipeline struct {
	produce func(chan int)
}

func newPipeline() *pipeline { return &pipeline{produce: produceOne} }

// Bad: the producer the field holds sends once; the caller may return
// on ctx.Done first.
func (p *pipeline) first(ctx context.Context) (int, error) {
	ch := make(chan int)
	go p.produce(ch) // the field holds only produceOne
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

type choice struct {
	produce func(chan int)
}

func newChoice(ctx context.Context, guarded bool) *choice {
	if guarded {
		return &choice{produce: func(out chan int) { produceCtx(ctx, out) }}
	}
	return &choice{produce: produceOne}
}

// Good: the field holds one of two producers and they disagree (one
// gives up on ctx.Done): nothing is reported through the call.
func (c *choice) first(ctx context.Context) (int, error) {
	ch := make(chan int)
	go c.produce(ch) // ok: the candidates disagree
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
