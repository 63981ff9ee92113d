package lockblock

import (
	"sync"
	"testing"
	"time"
)

type slowConn struct {
	mu sync.Mutex
	n  int
}

func (c *slowConn) Write() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Good: a test sleeps under the lock to simulate a slow holder.
func TestSlowHolder(t *testing.T) {
	c := &slowConn{}
	c.mu.Lock()
	time.Sleep(time.Millisecond) // ok: deliberate in a test
	c.mu.Unlock()
	c.Write()
}
