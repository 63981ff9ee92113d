// Package conclintplugin is the fixture of the golangci-lint plugin's
// test: the analyzers the plugin hands to golangci-lint report as the
// command line's do, with the pass name left for golangci-lint to add and
// the related positions folded into the message.
package conclintplugin

import "sync"

type Queue struct {
	mu  sync.Mutex
	out chan int
	n   int
}

func (q *Queue) Push(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.out <- v // want `^deadlock: send on channel q.out while q.mu is held, but the only receive that could end it, in \(\*Queue\).drain, must first lock q.mu: neither goroutine can proceed \(line 16: q.mu locked here; line 34: receive that would end the wait, in \(\*Queue\).drain; line 31: which first locks q.mu here\)$`
}

func (q *Queue) PushOutside(v int) {
	q.mu.Lock()
	q.n++
	q.mu.Unlock()
	q.out <- v // ok: q.mu is released before the send
}

// drain is the only receiver of q.out; it locks q.mu before each receive.
func (q *Queue) drain() {
	for {
		q.mu.Lock()
		q.n--
		q.mu.Unlock()
		<-q.out
	}
}
