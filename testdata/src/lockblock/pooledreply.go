package lockblock

import "sync"

// A reply channel kept in a pooled struct, made with a buffer of one by
// the pool's New: the dispatcher's send under the lock does not wait for
// the receiver, whichever locks the receiver takes first.
type pooledReply struct {
	err  error
	done chan error
}

var pooledReplies = sync.Pool{
	New: func() any { return &pooledReply{done: make(chan error, 1)} },
}

type pooledClient struct {
	mu      sync.Mutex
	pending map[int]*pooledReply
}

func (c *pooledClient) failAll(err error) {
	c.mu.Lock()
	for _, r := range c.pending {
		r.done <- err // ok: the pool makes every reply channel with a buffer
	}
	c.pending = map[int]*pooledReply{}
	c.mu.Unlock()
}

func (c *pooledClient) call(tag int) error {
	r := pooledReplies.Get().(*pooledReply)
	defer pooledReplies.Put(r)
	c.mu.Lock()
	c.pending[tag] = r
	c.mu.Unlock()
	return <-r.done
}
