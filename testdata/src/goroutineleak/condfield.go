package goroutineleak

import "sync"

// A Cond held in a field is woken through whatever name its creator
// keeps: here the local the fields were filled from.
type pacedCall struct {
	called int
	wait   *sync.Cond
}

func (p *pacedCall) run() {
	if p.wait != nil {
		p.wait.L.Lock()
		p.called++
		p.wait.Wait() // ok: runAllPaced broadcasts the Cond it stored here
		p.wait.L.Unlock()
	}
}

// Good: the Cond is broadcast through the local it was stored from.
func runAllPaced(n int) int {
	wait := sync.NewCond(new(sync.Mutex))
	calls := make([]*pacedCall, n)
	var wg sync.WaitGroup
	for i := range calls {
		p := &pacedCall{wait: wait}
		calls[i] = p
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.run()
		}()
	}
	for {
		wait.L.Lock()
		called := 0
		for _, p := range calls {
			called += p.called
		}
		wait.L.Unlock()
		if called == n {
			break
		}
	}
	wait.Broadcast()
	wg.Wait()
	return n
}

// A Cond field that nothing in the package sets is nil: the branch that
// waits on it never runs (Wait on a nil Cond would panic, not block).
type unpacedCall struct {
	called int
	gate   *sync.Cond
}

func (p *unpacedCall) run() {
	if p.gate != nil {
		p.gate.L.Lock()
		p.gate.Wait() // ok: gate is never set in this package
		p.gate.L.Unlock()
	}
	p.called++
}

func runUnpaced() int {
	p := &unpacedCall{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.run()
	}()
	<-done
	return p.called
}
