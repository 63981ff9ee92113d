package ctxidioms

import (
	"bufio"
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// 20. Passes ctx to every blocking call: HTTP request.
func FetchStatus(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// 21. Database with QueryContext / ExecContext / BeginTx.
func CountUsers(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func Transfer(ctx context.Context, db *sql.DB, from, to int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE a SET v=v-1 WHERE id=?", from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE a SET v=v+1 WHERE id=?", to); err != nil {
		return err
	}
	return tx.Commit()
}

// 22. net.Dialer.DialContext with a dialer timeout.
func Dial(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return d.DialContext(ctx, "tcp", addr)
}

// 23. A TLS dial with ctx.
func DialTLS(ctx context.Context, addr string, cfg *tls.Config) (net.Conn, error) {
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: 5 * time.Second}, Config: cfg}
	return d.DialContext(ctx, "tcp", addr)
}

// 24. net.Conn with SetDeadline derived from ctx.
func Exchange(ctx context.Context, conn net.Conn, msg string) (string, error) {
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	} else {
		conn.SetDeadline(time.Now().Add(10 * time.Second))
	}
	if _, err := io.WriteString(conn, msg+"\n"); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(line), err
}

// 25. A connection whose reads are unblocked by closing it on ctx cancel.
func ReadLines(ctx context.Context, conn net.Conn, handle func(string)) error {
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	sc := bufio.NewScanner(conn)
	for sc.Scan() {
		handle(sc.Text())
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return sc.Err()
}

// 26. http.Client with Timeout.
var apiClient = &http.Client{Timeout: 10 * time.Second}

func Ping(url string) error {
	resp, err := apiClient.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// 27. A Transport with DialContext timeouts.
func NewClient() *http.Client {
	tr := &http.Transport{
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// 28. A server with ReadHeaderTimeout, shut down with ctx.
func Serve(ctx context.Context, addr string, h http.Handler) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// 29. An HTTP handler that uses r.Context() for its outbound call.
func Proxy(c *http.Client, upstream string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, upstream+r.URL.Path, r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp, err := c.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}
}

// 30. A handler that streams events until the client goes away.
func Events(src <-chan string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		flusher, _ := w.(http.Flusher)
		for {
			select {
			case ev, ok := <-src:
				if !ok {
					return
				}
				fmt.Fprintf(w, "data: %s\n\n", ev)
				if flusher != nil {
					flusher.Flush()
				}
			case <-r.Context().Done():
				return
			}
		}
	}
}

// 31. errgroup.WithContext: goroutines get the group ctx.
func FetchAll(ctx context.Context, c *http.Client, urls []string) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	codes := make([]int, len(urls))
	for i, u := range urls {
		g.Go(func() error {
			code, err := FetchStatus(ctx, c, u)
			codes[i] = code
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return codes, nil
}

// 32. errgroup with a limit and a producer/consumer pair.
func Process(ctx context.Context, in []string, f func(context.Context, string) (string, error)) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	out := make(chan string)
	var res []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for s := range out {
			res = append(res, s)
		}
	}()
	for _, s := range in {
		g.Go(func() error {
			v, err := f(ctx, s)
			if err != nil {
				return err
			}
			select {
			case out <- v:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	err := g.Wait()
	close(out)
	<-done
	return res, err
}

// 33. exec.CommandContext.
func Run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = 5 * time.Second
	return cmd.Output()
}

// 34. A Close that waits for workers stopped through a quit channel.
type Server struct {
	ln   net.Listener
	quit chan struct{}
	wg   sync.WaitGroup
}

func (s *Server) Serve(ctx context.Context, handle func(context.Context, net.Conn)) error {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			select {
			case <-s.quit:
				return nil
			default:
				return err
			}
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			handle(ctx, conn)
		}()
	}
}

func (s *Server) Close() error {
	close(s.quit)
	err := s.ln.Close()
	s.wg.Wait()
	return err
}

// 35. A grpc-like server stream: Recv/Send on a stream whose Context ends
// with the RPC.
type Stream interface {
	Context() context.Context
	Recv() (string, error)
	Send(string) error
}

func Echo(stream Stream) error {
	for {
		msg, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := stream.Send(strings.ToUpper(msg)); err != nil {
			return err
		}
	}
}

// 36. A grpc-like stream consumer that forwards to a channel selecting on
// the stream's context.
func Forward(stream Stream, out chan<- string) error {
	ctx := stream.Context()
	for {
		msg, err := stream.Recv()
		if err != nil {
			return err
		}
		select {
		case out <- msg:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// 37. Derive a timeout for one call.
func LookupWithTimeout(ctx context.Context, r *net.Resolver, host string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return r.LookupHost(ctx, host)
}

// 38. A request/reply over a channel where both sides select on ctx.
type call struct {
	arg   int
	reply chan int
}

type Actor struct{ calls chan call }

func (a *Actor) Loop(ctx context.Context) {
	state := 0
	for {
		select {
		case c := <-a.calls:
			state += c.arg
			c.reply <- state // buffered 1
		case <-ctx.Done():
			return
		}
	}
}

func (a *Actor) Add(ctx context.Context, n int) (int, error) {
	c := call{arg: n, reply: make(chan int, 1)}
	select {
	case a.calls <- c:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	select {
	case v := <-c.reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 39. Listen with a ListenConfig and ctx; Accept loop ended by closing the
// listener on ctx cancel.
func AcceptLoop(ctx context.Context, addr string, handle func(net.Conn)) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		go handle(conn)
	}
}

// 40. A select-based batcher: flushes on size, on ticker, and on ctx.
func Batch(ctx context.Context, in <-chan string, flush func([]string)) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	var buf []string
	for {
		select {
		case s, ok := <-in:
			if !ok {
				flush(buf)
				return
			}
			buf = append(buf, s)
			if len(buf) >= 100 {
				flush(buf)
				buf = nil
			}
		case <-t.C:
			if len(buf) > 0 {
				flush(buf)
				buf = nil
			}
		case <-ctx.Done():
			flush(buf)
			return
		}
	}
}

// 41. sync.Cond-free wait for a result with a deadline context.
func WaitResult(ctx context.Context, res <-chan int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case v := <-res:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 42. A lock held across a map copy only, then I/O with ctx outside it.
type Registry struct {
	mu    sync.RWMutex
	peers map[string]string
}

func (r *Registry) Broadcast(ctx context.Context, c *http.Client) error {
	r.mu.RLock()
	urls := make([]string, 0, len(r.peers))
	for _, u := range r.peers {
		urls = append(urls, u)
	}
	r.mu.RUnlock()
	_, err := FetchAll(ctx, c, urls)
	return err
}
