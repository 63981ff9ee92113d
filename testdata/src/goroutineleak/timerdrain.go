package goroutineleak

import "time"

// A timer sends one value per arming. Once a select case took it, the
// drain idiom `if !t.Stop() { <-t.C }` waits for a second value that never
// comes: Stop returns false (the timer already fired) and the receive
// blocks forever.

func debounce(events <-chan string, flush func()) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C: // related: value taken here
			flush()
		case _, ok := <-events:
			if !ok {
				return
			}
		}
		if !t.Stop() {
			<-t.C // want `receive from t.C blocks forever: on a path from the receive that already took t's value, with no t.Reset in between`
		}
		t.Reset(time.Second)
	}
}

// resetTimer is the usual helper; calling it after the timer's case fired
// hangs in its drain.
func resetTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		<-t.C
	}
	t.Reset(d)
}

func heartbeat(in <-chan int, beat func()) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			beat()
		case v, ok := <-in:
			if !ok {
				return
			}
			_ = v
		}
		resetTimer(t, time.Second) // want `resetTimer drains t.C: it blocks forever`
	}
}

type flusher struct {
	in    chan []byte
	timer *time.Timer
	buf   [][]byte
}

func newFlusher() *flusher {
	return &flusher{in: make(chan []byte), timer: time.NewTimer(time.Second)}
}

func (f *flusher) flushLoop(stop <-chan struct{}) {
	for {
		select {
		case <-f.timer.C:
			f.buf = nil
		case b := <-f.in:
			f.buf = append(f.buf, b)
		case <-stop:
			return
		}
		if !f.timer.Stop() {
			<-f.timer.C // want `receive from f.timer.C blocks forever`
		}
		f.timer.Reset(time.Second)
	}
}

// A one-shot timer used as if it ticked: the second round waits forever.
func pollEvery(check func() bool) {
	t := time.NewTimer(time.Second)
	for {
		<-t.C // want `receive from t.C blocks forever`
		if check() {
			return
		}
	}
}

// Near misses: each stays silent.

// The timer's case re-arms it; only the other case drains.
func debounceCaseReset(events <-chan string, flush func()) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			flush()
			t.Reset(time.Second)
		case _, ok := <-events:
			if !ok {
				return
			}
			if !t.Stop() {
				<-t.C
			}
			t.Reset(time.Second)
		}
	}
}

// A flag records that the value was taken; the drain is skipped then.
func debounceFlag(events <-chan string, flush func()) {
	t := time.NewTimer(time.Second)
	for {
		fired := false
		select {
		case <-t.C:
			fired = true
			flush()
		case _, ok := <-events:
			if !ok {
				return
			}
		}
		if !fired && !t.Stop() {
			<-t.C
		}
		t.Reset(time.Second)
	}
}

// A drain that does not wait.
func debounceNonBlocking(events <-chan string, flush func()) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			flush()
		case _, ok := <-events:
			if !ok {
				return
			}
		}
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(time.Second)
	}
}

// Re-armed on every round before the next receive.
func pollEveryReset(check func() bool) {
	t := time.NewTimer(time.Second)
	for {
		<-t.C
		if check() {
			return
		}
		t.Reset(time.Second)
	}
}

// kicker's timer is reset by another method, maybe from another
// goroutine: the drain can be woken.
type kicker struct {
	timer *time.Timer
	in    chan int
}

func (k *kicker) Kick() { k.timer.Reset(0) }

func (k *kicker) kickLoop(stop <-chan struct{}) {
	for {
		select {
		case <-k.timer.C:
		case <-k.in:
		case <-stop:
			return
		}
		if !k.timer.Stop() {
			<-k.timer.C
		}
		k.timer.Reset(time.Second)
	}
}

// A timer handed to code that may reset it is not followed.
func debounceHanded(events <-chan string, arm func(*time.Timer)) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			arm(t)
		case _, ok := <-events:
			if !ok {
				return
			}
		}
		if !t.Stop() {
			<-t.C
		}
		t.Reset(time.Second)
	}
}

// A new timer on every round: the value taken in one round says nothing
// about the next round's timer.
func dialRounds(dial func() bool, ready <-chan int) {
	for i := 0; i < 5; i++ {
		tooSlow := time.NewTimer(time.Second)
		if !dial() {
			<-tooSlow.C
			continue
		}
		select {
		case <-tooSlow.C:
			continue
		case <-ready:
			tooSlow.Stop()
			return
		}
	}
}

// stopTimerIfFired drains only a value that is waiting: it never blocks.
func stopTimerIfFired(t *time.Timer) {
	if !t.Stop() && len(t.C) > 0 {
		<-t.C
	}
}

// batcher is a write queue: the timer's case takes its value, and a flush
// after it stops the timer with a drain that a len test guards.
func batcher(items <-chan int, flushes <-chan struct{}, write func()) {
	t := time.NewTimer(0)
	<-t.C
	for {
		select {
		case _, ok := <-items:
			if !ok {
				stopTimerIfFired(t)
				return
			}
			t.Reset(time.Second)
		case <-t.C:
			write()
		case <-flushes:
			stopTimerIfFired(t) // ok: the drain takes a value only when one is waiting
			write()
		}
	}
}

// batcherInline guards the drain in place.
func batcherInline(items <-chan int, write func()) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-items:
			if !t.Stop() && len(t.C) != 0 {
				<-t.C // ok: a value is waiting
			}
			t.Reset(time.Second)
		case <-t.C:
			write()
		}
	}
}
