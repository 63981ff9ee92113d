package idioms

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// 72. httptest handler hands each request to the test through a buffered channel
func TestHandlerChan(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- string(b)
	}))
	defer srv.Close()
	resp, err := http.Post(srv.URL, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	select {
	case <-got:
	case <-time.After(time.Second):
		t.Fatal("no request")
	}
}

// 73. release channel closed by a deferred close
func TestRelease(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var wg sync.WaitGroup
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		close(started)
		<-release
	}()
	<-started
}

// 74. stop closed in t.Cleanup
func TestCleanupStop(t *testing.T) {
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		tk := time.NewTicker(time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-stop:
				return
			}
		}
	}()
}

// 75. server error channel read at the end, t.Fatal on early paths
func TestServeErr(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	errc := make(chan error)
	go func() { errc <- srv.Serve(ln) }()
	resp, err := http.Get("http://" + ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	srv.Shutdown(context.Background())
	if err := <-errc; err != http.ErrServerClosed {
		t.Error(err)
	}
}

// 76. parallel subtests with a shared done
func TestParallel(t *testing.T) {
	for _, n := range []int{1, 2, 3} {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			ch := make(chan int)
			go func() { ch <- n * 2 }()
			if v := <-ch; v != n*2 {
				t.Fatal(v)
			}
		})
	}
}

// 77. benchmark with RunParallel
func BenchmarkPool(b *testing.B) {
	p := NewWorkerPool(4)
	defer p.Shutdown()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			done := make(chan struct{})
			p.Submit(func() { close(done) })
			<-done
		}
	})
}

// 78. test reading a conn in a goroutine, conn closed at the end
func TestPipe(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	got := make(chan []byte, 1)
	go func() {
		buf, _ := io.ReadAll(b)
		got <- buf
	}()
	a.Write([]byte("hi"))
	a.Close()
	if string(<-got) != "hi" {
		t.Fatal("bad")
	}
}

// 79. waitgroup with timeout helper
func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestWaitTimeout(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	if !waitTimeout(&wg, time.Second) {
		t.Fatal("timeout")
	}
}
