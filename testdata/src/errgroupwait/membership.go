package errgroupwait

import "sync"

// Good: a WaitGroup made in each iteration: the next iteration's Add is
// on a new WaitGroup, not the one the last iteration's waiter waits on.
func perIteration(items []string, f func(string)) {
	for _, it := range items {
		var wg sync.WaitGroup
		wg.Add(1) // ok: a new wg in each iteration
		done := make(chan struct{})
		go func() {
			wg.Wait()
			close(done)
		}()
		go func() {
			defer wg.Done()
			f(it)
		}()
		<-done
	}
}

// Bad: the near miss: one WaitGroup for the whole loop, and its waiter
// started in the loop, before the next iteration's Add.
func acrossIterations(items []string, f func(string)) <-chan struct{} {
	var wg sync.WaitGroup
	done := make(chan struct{})
	for i, it := range items {
		wg.Add(1) // want `wg.Add may run after a goroutine waiting on wg was started`
		if i == 0 {
			go func() {
				wg.Wait()
				close(done)
			}()
		}
		go func() {
			defer wg.Done()
			f(it)
		}()
	}
	return done
}

type acceptor struct {
	wg    sync.WaitGroup
	limit int
	n     int
}

func (s *acceptor) ok() bool { return s.n < s.limit }

// Good: the goroutine's Done only undoes its own Add: it is not a member
// of the group its starter counted.
func (s *acceptor) accept(keys <-chan string) {
	go func() {
		key := <-keys
		s.wg.Add(1)
		if !s.ok() {
			s.wg.Done() // ok: rolls back the Add above
			return
		}
		go func() {
			defer s.wg.Done()
			load(key)
		}()
	}()
}

// Bad: the near miss: the Done is the one the starter's Add is owed, and
// the early return skips it.
func (s *acceptor) serve(key string) {
	s.wg.Add(1)
	go func() {
		if !s.ok() {
			return // want `goroutine returns here without calling s.wg.Done`
		}
		load(key)
		s.wg.Done()
	}()
}

// device keeps a reference on its queue's WaitGroup until Close releases
// it, once: the queue's drainer waits for every reference.
type device struct {
	mu     sync.Mutex
	closed bool
	queue  sync.WaitGroup
	tun    <-chan []byte
}

func newDevice(tun <-chan []byte) *device {
	d := &device{tun: tun}
	d.queue.Add(1) // the device's own reference, released by Close
	go func() {
		d.queue.Wait()
	}()
	return d
}

// Close releases the device's reference once; a second call returns early.
func (d *device) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return // ok: the first Close released the reference
	}
	d.closed = true
	d.queue.Done()
}

// Good: a reader that closes the device on a read error, in a goroutine
// of its own: nothing counted that goroutine in, and Close's Done is its
// contract with every caller.
func (d *device) readLoop() {
	for pkt := range d.tun {
		if pkt == nil {
			go d.Close()
			return
		}
	}
}

// Bad: the near miss: the same body started by a function that counts
// the goroutine in: the early return skips the Done it is owed.
type job struct {
	wg   sync.WaitGroup
	done bool
}

func (j *job) finish() {
	if j.done {
		return // want `goroutine returns here without calling j.wg.Done`
	}
	j.done = true
	j.wg.Done()
}

func (j *job) run() {
	j.wg.Add(1)
	go j.finish()
	j.finish()
	j.wg.Wait()
}
