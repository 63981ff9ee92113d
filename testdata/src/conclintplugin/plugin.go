// Package conclintplugin is the fixture of the golangci-lint plugin's
// test: the analyzers the plugin hands to golangci-lint report as the
// command line's do, with the pass name left for golangci-lint to add and
// the related position folded into the message.
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
	q.out <- v // want `^send on channel q.out while q.mu is held: every goroutine that needs q.mu waits until it completes, which may be never \(line 16: q.mu locked here\)$`
}

func (q *Queue) PushOutside(v int) {
	q.mu.Lock()
	q.n++
	q.mu.Unlock()
	q.out <- v // ok: q.mu is released before the send
}
