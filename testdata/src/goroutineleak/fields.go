package goroutineleak

import (
	"context"
	"time"
)

// fetcher keeps its result channel in a field.
type fetcher struct {
	results chan int
	work    func() int
}

// produce is a goroutine body that sends once on the field.
func (f *fetcher) produce() {
	f.results <- f.work() // want `goroutine can block forever in send on f.results: \(\*fetcher\).fetchLeaky can return without receiving`
}

// Bad: the method makes the field's channel, starts the producer and may
// leave on ctx.Done before receiving.
func (f *fetcher) fetchLeaky(ctx context.Context) (int, error) {
	f.results = make(chan int)
	go f.produce()
	select {
	case v := <-f.results:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// loader is fetcher's twin with a buffered result field.
type loader struct {
	results chan int
	work    func() int
}

func (l *loader) produce() {
	l.results <- l.work() // ok: the field's channel has room for the one send
}

// Good: the same shape with a buffer of one.
func (l *loader) fetch(ctx context.Context) (int, error) {
	l.results = make(chan int, 1)
	go l.produce()
	select {
	case v := <-l.results:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// poller keeps a channel in a field that a closure sends on.
type poller struct {
	ch chan int
}

// Bad: a closure sends on the field; the timeout leaves it blocked.
func (p *poller) pollLeaky(work func() int) (int, bool) {
	p.ch = make(chan int)
	go func() {
		p.ch <- work() // want `goroutine can block forever in send on p.ch: \(\*poller\).pollLeaky can return without receiving`
	}()
	select {
	case v := <-p.ch:
		return v, true
	case <-time.After(time.Second):
		return 0, false
	}
}

// drainer keeps a channel in a field that another method also drains.
type drainer struct {
	ch chan int
}

func (d *drainer) drain() {
	for range d.ch {
	}
}

// Good: another method receives from the field: the owner is not the
// only receiver, so the pass stays silent.
func (d *drainer) poll(work func() int) (int, bool) {
	d.ch = make(chan int)
	go func() {
		d.ch <- work() // ok: drain may receive it
	}()
	select {
	case v := <-d.ch:
		return v, true
	case <-time.After(time.Second):
		return 0, false
	}
}

// jobsQueue keeps a work queue in a field that a worker ranges over.
type jobsQueue struct {
	jobs chan int
}

func (q *jobsQueue) work(handle func(int)) {
	for j := range q.jobs { // want `goroutine can block forever in range over q.jobs: \(\*jobsQueue\).runLeaky can return without closing it`
		handle(j)
	}
}

// Bad: the early return skips close(q.jobs).
func (q *jobsQueue) runLeaky(items []int, handle func(int), check func(int) error) error {
	q.jobs = make(chan int)
	go q.work(handle)
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		q.jobs <- it
	}
	close(q.jobs)
	return nil
}

// jobsQueue2 is jobsQueue with the close deferred.
type jobsQueue2 struct {
	jobs chan int
}

func (q *jobsQueue2) work(handle func(int)) {
	for j := range q.jobs { // ok: closed by the defer on every return
		handle(j)
	}
}

// Good: close in a defer.
func (q *jobsQueue2) run(items []int, handle func(int), check func(int) error) error {
	q.jobs = make(chan int)
	defer close(q.jobs)
	go q.work(handle)
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		q.jobs <- it
	}
	return nil
}

// Results is exported: code outside the package may receive from it.
type exported struct {
	Results chan int
}

// Good: an exported field is reachable from outside the package.
func (e *exported) start(work func() int, ctx context.Context) int {
	e.Results = make(chan int)
	go func() {
		e.Results <- work() // ok: the exported field may be drained elsewhere
	}()
	select {
	case v := <-e.Results:
		return v
	case <-ctx.Done():
		return 0
	}
}

// fsckTree keeps its queue in a field set by a composite literal, as
// tessera's fsck does.
type fsckTree struct {
	expected chan int
}

func (t *fsckTree) consume(handle func(int)) {
	for r := range t.expected { // want `goroutine can block forever in range over t.expected: goroutineleak.checkLeaky can return without closing it`
		handle(r)
	}
}

// Bad: the workers range over t.expected, and the early return skips
// its close.
func checkLeaky(items []int, workers int, handle func(int), check func(int) error) error {
	t := &fsckTree{expected: make(chan int, workers)}
	for range workers {
		go t.consume(handle)
	}
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		t.expected <- it
	}
	close(t.expected)
	return nil
}

// fsckTreeClosed is fsckTree with the close deferred.
type fsckTreeClosed struct {
	expected chan int
}

func (t *fsckTreeClosed) consume(handle func(int)) {
	for r := range t.expected { // ok: closed by the defer on every return
		handle(r)
	}
}

// Good: close in a defer, registered before the workers start.
func checkClosed(items []int, workers int, handle func(int), check func(int) error) error {
	t := &fsckTreeClosed{expected: make(chan int, workers)}
	defer close(t.expected)
	for range workers {
		go t.consume(handle)
	}
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		t.expected <- it
	}
	return nil
}

// scanQueue feeds its workers through a helper method (add), as
// tessera's fsck does through AppendBundle.
type scanQueue struct {
	pending chan int
}

func (q *scanQueue) add(v int) { q.pending <- v }

func (q *scanQueue) drain(handle func(int)) {
	for v := range q.pending { // want `goroutine can block forever in range over q.pending: goroutineleak.scanLeaky can return without closing it`
		handle(v)
	}
}

// Bad: the helper sends, the owner closes at the end, and the early
// return skips the close.
func scanLeaky(items []int, workers int, handle func(int), check func(int) error) error {
	q := &scanQueue{pending: make(chan int, workers)}
	for range workers {
		go q.drain(handle)
	}
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		q.add(it)
	}
	close(q.pending)
	return nil
}

// scanQueueClosed closes through a helper, deferred before the workers
// start.
type scanQueueClosed struct {
	pending chan int
}

func (q *scanQueueClosed) add(v int) { q.pending <- v }
func (q *scanQueueClosed) finish()   { close(q.pending) }

func (q *scanQueueClosed) drain(handle func(int)) {
	for v := range q.pending { // ok: the deferred finish closes it on every return
		handle(v)
	}
}

// Good: defer q.finish() closes the queue on every return.
func scanClosed(items []int, workers int, handle func(int), check func(int) error) error {
	q := &scanQueueClosed{pending: make(chan int, workers)}
	defer q.finish()
	for range workers {
		go q.drain(handle)
	}
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		q.add(it)
	}
	return nil
}

// scanQueueShared's close helper is called by an exported method too:
// other code may close the queue, so nothing is reported.
type scanQueueShared struct {
	pending chan int
}

func (q *scanQueueShared) finish() { close(q.pending) }

// Stop closes the queue.
func (q *scanQueueShared) Stop() { q.finish() }

func (q *scanQueueShared) drain(handle func(int)) {
	for v := range q.pending { // ok: Stop, which any holder of q may call, closes it
		handle(v)
	}
}

func newScanShared(items []int, handle func(int), check func(int) error) (*scanQueueShared, error) {
	q := &scanQueueShared{pending: make(chan int, 1)}
	go q.drain(handle)
	for _, it := range items {
		if err := check(it); err != nil {
			return q, err
		}
		q.pending <- it
	}
	q.finish()
	return q, nil
}
