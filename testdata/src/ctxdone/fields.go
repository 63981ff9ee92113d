package ctxdone

import "context"

// A long-lived worker that carries its context in a field.
type Pump struct {
	ctx  context.Context
	in   chan int
	out  chan int
	init func(context.Context)
}

// Bad: run reads p.ctx, then waits on p.in and p.out with no p.ctx.Done().
func (p *Pump) run() {
	p.init(p.ctx)
	for {
		select { // want `select has no case for p.ctx.Done\(\)`
		case v := <-p.in:
			p.out <- v
		case p.out <- 0:
		}
	}
}

// Good: the same loop with p.ctx.Done().
func (p *Pump) runCtx() {
	for {
		select { // ok: p.ctx.Done()
		case v := <-p.in:
			p.out <- v
		case <-p.ctx.Done():
			return
		}
	}
}

// Good: a method that never reads the context field has none in scope.
func (p *Pump) once() int {
	select { // ok: no context at hand
	case v := <-p.in:
		return v
	case p.out <- 0:
		return 0
	}
}
