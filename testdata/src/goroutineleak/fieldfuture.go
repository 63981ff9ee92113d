package goroutineleak

import (
	"context"
	"errors"
	"sync"
	"time"
)

// A job's result kept in a field: one method starts the goroutine that
// sends it, another waits for it.

var errJobTimeout = errors.New("job timed out")

type compaction struct {
	compact func() error
	resultc chan error
}

// begin starts the compaction in the background.
func (c *compaction) begin() {
	c.resultc = make(chan error)
	go c.run()
}

func (c *compaction) run() {
	c.resultc <- c.compact() // want `goroutine can block forever in send on c.resultc: every receive from field resultc is in a function that can return without it \(\(\*compaction\).await\) and the channel has capacity 0`
}

// Bad: await gives up on ctx and nothing takes the result later.
func (c *compaction) await(ctx context.Context) error {
	select {
	case err := <-c.resultc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Compact runs one compaction and waits for it.
func Compact(ctx context.Context, compact func() error) error {
	c := &compaction{compact: compact}
	c.begin()
	return c.await(ctx)
}

type job struct {
	run  func() (string, error)
	done chan string
}

func newJob(run func() (string, error)) *job {
	return &job{run: run, done: make(chan string)}
}

func (j *job) start() {
	go func() {
		out, _ := j.run()
		j.done <- out // ok: wait takes it on every path
	}()
}

// Good: the near miss: wait blocks until the result comes.
func (j *job) wait() string { return <-j.done }

// RunJob runs one job and waits for it.
func RunJob(run func() (string, error)) string {
	j := newJob(run)
	j.start()
	return j.wait()
}

type bufferedJob struct {
	run  func() string
	done chan string
}

func (j *bufferedJob) start() {
	j.done = make(chan string, 1)
	go func() {
		j.done <- j.run() // ok: one slot holds it
	}()
}

// Good: the near miss: the result fits in the buffer.
func (j *bufferedJob) wait(d time.Duration) (string, error) {
	select {
	case out := <-j.done:
		return out, nil
	case <-time.After(d):
		return "", errJobTimeout
	}
}

// RunBufferedJob runs one job and waits for it a while.
func RunBufferedJob(run func() string, d time.Duration) (string, error) {
	j := &bufferedJob{run: run}
	j.start()
	return j.wait(d)
}

type profiler struct {
	mu        sync.Mutex
	running   bool
	done      chan bool
	writeLoop func()
}

func (p *profiler) start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done == nil {
		p.done = make(chan bool)
	}
	if p.running {
		return
	}
	p.running = true
	go func() {
		p.writeLoop()
		p.done <- true // ok: stop receives whenever a writer runs
	}()
}

// Good: the near miss: the early return is taken only when no writer was
// started (the runtime/pprof shape).
func (p *profiler) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.running {
		return
	}
	p.running = false
	<-p.done
}

// Profile starts and stops a profiler.
func Profile(writeLoop func()) {
	p := &profiler{writeLoop: writeLoop}
	p.start()
	p.stop()
}

// A dispatcher loop that hands each reply to the request waiting for it,
// through a channel kept in the request's field (go-nostr's relay read
// loop and its COUNT replies): a waiter that gives up on ctx leaves the
// loop blocked in its send for good, and with it every later reply.

type pendingCall struct{ reply chan string }

type callReply struct {
	id   int
	body string
}

type dispatcher struct {
	mu      sync.Mutex
	pending map[int]*pendingCall
	in      chan callReply
}

func newDispatcher() *dispatcher {
	d := &dispatcher{pending: map[int]*pendingCall{}, in: make(chan callReply)}
	go d.loop()
	return d
}

func (d *dispatcher) loop() {
	for r := range d.in {
		d.mu.Lock()
		p := d.pending[r.id]
		d.mu.Unlock()
		if p != nil {
			p.reply <- r.body // want `goroutine can block forever in send on reply: every receive from field reply is in a function that can return without it \(\(\*dispatcher\).call\) and the channel has capacity 0; the goroutine's loop stops there for good`
		}
	}
}

func (d *dispatcher) deliver(id int, body string) { d.in <- callReply{id, body} }

func (d *dispatcher) close() { close(d.in) }

// Bad: call gives up on ctx and leaves its request registered.
func (d *dispatcher) call(ctx context.Context, id int) (string, error) {
	p := &pendingCall{reply: make(chan string)}
	d.mu.Lock()
	d.pending[id] = p
	d.mu.Unlock()
	select {
	case s := <-p.reply:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// The near miss: each request's reply channel holds the one reply.

type pendingCallBuffered struct{ reply chan string }

type dispatcherBuffered struct {
	mu      sync.Mutex
	pending map[int]*pendingCallBuffered
	in      chan callReply
}

func newDispatcherBuffered() *dispatcherBuffered {
	d := &dispatcherBuffered{pending: map[int]*pendingCallBuffered{}, in: make(chan callReply)}
	go d.loop()
	return d
}

func (d *dispatcherBuffered) loop() {
	for r := range d.in {
		d.mu.Lock()
		p := d.pending[r.id]
		d.mu.Unlock()
		if p != nil {
			p.reply <- r.body // ok: the buffer holds it
		}
	}
}

func (d *dispatcherBuffered) deliver(id int, body string) { d.in <- callReply{id, body} }

func (d *dispatcherBuffered) close() { close(d.in) }

func (d *dispatcherBuffered) call(ctx context.Context, id int) (string, error) {
	p := &pendingCallBuffered{reply: make(chan string, 1)}
	d.mu.Lock()
	d.pending[id] = p
	d.mu.Unlock()
	select {
	case s := <-p.reply:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
