package idioms

import (
	"sync"
	"time"
)

// 94. waiters list closed on broadcast
type Event struct {
	mu      sync.Mutex
	waiters []chan struct{}
	fired   bool
}

func (e *Event) Wait() <-chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	ch := make(chan struct{})
	if e.fired {
		close(ch)
		return ch
	}
	e.waiters = append(e.waiters, ch)
	return ch
}

func (e *Event) Fire() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fired = true
	for _, w := range e.waiters {
		close(w)
	}
	e.waiters = nil
}

func OnFire(e *Event, f func()) {
	go func() {
		<-e.Wait()
		f()
	}()
}

// 95. unbuffered reply channel carried in a request
type getReq struct {
	key   string
	reply chan int
}

type Counter struct {
	reqs chan getReq
	incs chan string
	quit chan struct{}
}

func NewCounter() *Counter {
	c := &Counter{reqs: make(chan getReq), incs: make(chan string), quit: make(chan struct{})}
	go c.loop()
	return c
}

func (c *Counter) loop() {
	m := map[string]int{}
	for {
		select {
		case k := <-c.incs:
			m[k]++
		case r := <-c.reqs:
			r.reply <- m[r.key]
		case <-c.quit:
			return
		}
	}
}

func (c *Counter) Inc(k string) { c.incs <- k }

func (c *Counter) Get(k string) int {
	r := getReq{key: k, reply: make(chan int)}
	c.reqs <- r
	return <-r.reply
}

func (c *Counter) Close() { close(c.quit) }

// 96. Stop sends on the stop channel and waits for the ack
type Sampler struct {
	stop chan chan struct{}
}

func NewSampler(f func()) *Sampler {
	s := &Sampler{stop: make(chan chan struct{})}
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				f()
			case ack := <-s.stop:
				close(ack)
				return
			}
		}
	}()
	return s
}

func (s *Sampler) Stop() {
	ack := make(chan struct{})
	s.stop <- ack
	<-ack
}

// 97. local alias of the field closed
type Reaper struct {
	done chan struct{}
}

func NewReaper(f func()) *Reaper {
	r := &Reaper{done: make(chan struct{})}
	go func() {
		for {
			select {
			case <-time.After(time.Minute):
				f()
			case <-r.done:
				return
			}
		}
	}()
	return r
}

func (r *Reaper) Close() {
	done := r.done
	close(done)
}

// 98. loop over a channel returned by an accessor, closed by Close
type Watcher struct {
	events chan string
	once   sync.Once
}

func NewWatcher() *Watcher { return &Watcher{events: make(chan string, 1)} }

func (w *Watcher) Events() <-chan string { return w.events }

func (w *Watcher) Close() { w.once.Do(func() { close(w.events) }) }

func (w *Watcher) emit(s string) { w.events <- s }

func Follow(w *Watcher, f func(string)) {
	go func() {
		for e := range w.Events() {
			f(e)
		}
	}()
}

// 99. stop via sentinel nil value
type Logger struct {
	q    chan *string
	done chan struct{}
}

func NewLogger(f func(string)) *Logger {
	l := &Logger{q: make(chan *string, 128), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		for m := range l.q {
			if m == nil {
				return
			}
			f(*m)
		}
	}()
	return l
}

func (l *Logger) Log(s string) { l.q <- &s }

func (l *Logger) Close() { l.q <- nil; <-l.done }

// 100. interface-provided channel
type Source interface {
	C() <-chan int
	Close() error
}

type tickSource struct {
	c    chan int
	quit chan struct{}
}

func NewTickSource() Source {
	s := &tickSource{c: make(chan int), quit: make(chan struct{})}
	go func() {
		defer close(s.c)
		for i := 0; ; i++ {
			select {
			case s.c <- i:
			case <-s.quit:
				return
			}
		}
	}()
	return s
}

func (s *tickSource) C() <-chan int { return s.c }
func (s *tickSource) Close() error  { close(s.quit); return nil }

func Drain(src Source, f func(int)) {
	go func() {
		for v := range src.C() {
			f(v)
		}
	}()
}
