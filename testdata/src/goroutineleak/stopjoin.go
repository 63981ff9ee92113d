package goroutineleak

import "sync"

// A loop that stops on request and then waits for the goroutine feeding
// it, while that goroutine may be holding a value it cannot hand over
// (telebot's Bot.Start and Stop: the poller sends each update with a
// plain send and checks its stop channel only between rounds; here, only
// when a round finds nothing).

type pollUpdate struct{ id int }

type pollBot struct {
	quit   chan chan struct{}
	fetch  func() []pollUpdate
	handle func(pollUpdate)
}

func newPollBot(fetch func() []pollUpdate) *pollBot {
	return &pollBot{quit: make(chan chan struct{}), fetch: fetch, handle: func(pollUpdate) {}}
}

// poll checks stop when a fetch finds nothing new.
func (b *pollBot) poll(dest chan pollUpdate, stop chan struct{}) {
	for {
		us := b.fetch()
		if len(us) == 0 {
			select {
			case <-stop:
				return
			default:
			}
			continue
		}
		for _, u := range us {
			dest <- u
		}
	}
}

// Stop asks the running loop to stop and waits until it has.
func (b *pollBot) Stop() {
	confirm := make(chan struct{})
	b.quit <- confirm
	<-confirm
}

// Bad: once asked to stop, Start waits for the poller, which is blocked
// sending an update that Start no longer receives.
func (b *pollBot) Start() {
	updates := make(chan pollUpdate)
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		b.poll(updates, stop)
		close(stopped)
	}()
	for {
		select {
		case u := <-updates:
			b.handle(u)
		case confirm := <-b.quit:
			close(stop)
			<-stopped // want `the receive from stopped can block forever: it waits for a goroutine to end that sends on the unbuffered updates in a loop, and \(\*pollBot\).Start has stopped receiving from updates \(deadlock\)`
			close(confirm)
			return
		}
	}
}

// Bad: the same with a WaitGroup.
func (b *pollBot) StartJoined() {
	updates := make(chan pollUpdate)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.poll(updates, stop)
	}()
	for {
		select {
		case u := <-updates:
			b.handle(u)
		case confirm := <-b.quit:
			close(stop)
			wg.Wait() // want `wg.Wait can block forever: it waits for a goroutine to end that sends on the unbuffered updates in a loop`
			close(confirm)
			return
		}
	}
}

// pollSelecting sends each update in a select on its stop channel.
func (b *pollBot) pollSelecting(dest chan pollUpdate, stop chan struct{}) {
	for {
		us := b.fetch()
		if len(us) == 0 {
			select {
			case <-stop:
				return
			default:
			}
			continue
		}
		for _, u := range us {
			select {
			case dest <- u:
			case <-stop:
				return
			}
		}
	}
}

// Good: the poller's send also waits for stop.
func (b *pollBot) StartSelecting() {
	updates := make(chan pollUpdate)
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		b.pollSelecting(updates, stop)
		close(stopped)
	}()
	for {
		select {
		case u := <-updates:
			b.handle(u)
		case confirm := <-b.quit:
			close(stop)
			<-stopped
			close(confirm)
			return
		}
	}
}

// Good: Start drains the updates while it waits for the poller.
func (b *pollBot) StartDraining() {
	updates := make(chan pollUpdate)
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		b.poll(updates, stop)
		close(stopped)
	}()
	for {
		select {
		case u := <-updates:
			b.handle(u)
		case confirm := <-b.quit:
			close(stop)
			for waiting := true; waiting; {
				select {
				case <-updates:
				case <-stopped:
					waiting = false
				}
			}
			close(confirm)
			return
		}
	}
}

// Good: the worker answers one request at a time; once the owner has
// taken its last answer, the worker waits for the next request, not in a
// send. Nor does the owner's receive wait for an answer the worker skips
// by returning (skipped-send): the worker's range ends only on the close
// of reqs, which the owner makes once it no longer waits.
func squareAllUntil(xs []int, limit int) []int {
	reqs := make(chan int)
	resps := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for x := range reqs {
			resps <- x * x
		}
	}()
	var out []int
	for _, x := range xs {
		reqs <- x
		sq := <-resps
		if sq > limit {
			break
		}
		out = append(out, sq)
	}
	close(reqs)
	wg.Wait()
	return out
}

// Good: the owner receives exactly as many values as the goroutine sends
// before it waits (and for skipped-send: the goroutine's counted loop
// sends on every round, so it cannot return without sending).
func squareCounted() []int {
	out := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 3; i++ {
			out <- i * i
		}
	}()
	var got []int
	for i := 0; i < 3; i++ {
		got = append(got, <-out)
	}
	wg.Wait()
	return got
}

// Bad: the goroutine sends on some rounds only, and the owner waits for
// one value per round (skipped-send; the near miss above sends on every
// round of its counted loop).
func squareEvens() []int {
	out := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			if i%2 == 0 {
				out <- i * i
			}
		}
	}()
	var got []int
	for i := 0; i < 3; i++ {
		got = append(got, <-out) // want `receive from out blocks forever when the goroutine returns without sending`
	}
	return got
}
