package ctxidioms

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"
)

// 109. A websocket-like client: read and write pumps started with ctx,
// the connection closed when ctx ends, outgoing messages queued.
type WSConn struct {
	conn    net.Conn
	send    chan []byte
	recv    chan []byte
	closeMu sync.Once
	done    chan struct{}
}

func DialWS(ctx context.Context, addr string) (*WSConn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &WSConn{conn: conn, send: make(chan []byte, 16), recv: make(chan []byte, 16), done: make(chan struct{})}
	go c.readPump(ctx)
	go c.writePump(ctx)
	return c, nil
}

func (c *WSConn) close() {
	c.closeMu.Do(func() {
		close(c.done)
		c.conn.Close()
	})
}

func (c *WSConn) readPump(ctx context.Context) {
	defer c.close()
	for {
		buf := make([]byte, 4096)
		c.conn.SetReadDeadline(time.Now().Add(time.Minute))
		n, err := c.conn.Read(buf)
		if err != nil {
			return
		}
		select {
		case c.recv <- buf[:n]:
		case <-c.done:
			return
		case <-ctx.Done():
			return
		}
	}
}

func (c *WSConn) writePump(ctx context.Context) {
	defer c.close()
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case msg := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := c.conn.Write(msg); err != nil {
				return
			}
		case <-ping.C:
			c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := c.conn.Write([]byte("ping")); err != nil {
				return
			}
		case <-c.done:
			return
		case <-ctx.Done():
			return
		}
	}
}

func (c *WSConn) Send(ctx context.Context, msg []byte) error {
	select {
	case c.send <- msg:
		return nil
	case <-c.done:
		return errors.New("closed")
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *WSConn) Recv(ctx context.Context) ([]byte, error) {
	select {
	case m := <-c.recv:
		return m, nil
	case <-c.done:
		return nil, errors.New("closed")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// 110. A queue with a blocking Pop(ctx) built on a notify channel.
type Queue struct {
	mu     sync.Mutex
	items  []int
	notify chan struct{}
}

func NewQueue() *Queue { return &Queue{notify: make(chan struct{}, 1)} }

func (q *Queue) Push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

func (q *Queue) Pop(ctx context.Context) (int, error) {
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			v := q.items[0]
			q.items = q.items[1:]
			q.mu.Unlock()
			return v, nil
		}
		q.mu.Unlock()
		select {
		case <-q.notify:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// 111. A token bucket Wait(ctx).
type Bucket struct {
	mu     sync.Mutex
	tokens float64
	rate   float64
	last   time.Time
}

func (b *Bucket) Wait(ctx context.Context) error {
	for {
		b.mu.Lock()
		now := time.Now()
		b.tokens = min(b.tokens+now.Sub(b.last).Seconds()*b.rate, 10)
		b.last = now
		if b.tokens >= 1 {
			b.tokens--
			b.mu.Unlock()
			return nil
		}
		wait := time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
		b.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// 112. A goroutine per subscription that forwards until ctx or the source
// ends; the caller owns the output channel and drains it.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
