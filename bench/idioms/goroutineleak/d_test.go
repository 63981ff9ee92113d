package idioms

import (
	"net"
	"testing"
	"time"
)

// 40. test helper with t.Cleanup: server goroutine stopped by closing the listener
func startEcho(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Serve(ln)
	}()
	t.Cleanup(func() {
		s.Close()
		<-done
	})
	return ln.Addr().String()
}

func TestEcho(t *testing.T) {
	addr := startEcho(t)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
}

// 41. test with result channel and timeout
func TestWithTimeout(t *testing.T) {
	done := make(chan int, 1)
	go func() { done <- 42 }()
	select {
	case v := <-done:
		if v != 42 {
			t.Fatal(v)
		}
	case <-time.After(time.Second):
		t.Fatal("timeout")
	}
}

// 42. test ticker cleanup
func TestTicker(t *testing.T) {
	tk := NewTicker(time.Millisecond)
	t.Cleanup(tk.Close)
	r := NewRefresher(func() {})
	defer r.Stop()
	b := NewBroker()
	ch, unsub := b.Subscribe()
	defer unsub()
	b.Publish("x")
	<-ch
}
