package blocking_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/ssatest"
)

const src = `package p

import (
	"context"
	"net/http"
	"sync"
	"time"
)

type S struct {
	ch chan int
	wg sync.WaitGroup
	mu sync.Mutex
}

func send(s *S)          { s.ch <- 1 }
func recv(s *S) int      { return <-s.ch }
func buffered()          { c := make(chan int, 1); c <- 1 }
func selectDefault(s *S) { select { case s.ch <- 1: ; default: } }
func selectTimer(s *S)   { select { case <-s.ch: ; case <-time.After(time.Second): } }
func selectCtx(ctx context.Context, s *S) { select { case <-s.ch: ; case <-ctx.Done(): } }
func selectBare(s *S, c chan int) { select { case <-s.ch: ; case <-c: } }
func wait(s *S)          { s.wg.Wait() }
func sleep()             { time.Sleep(time.Second) }
func get() error         { _, err := http.Get("http://x"); return err }
func lock(s *S)          { s.mu.Lock() }
func indirect(s *S)      { helper(s) }
func helper(s *S)        { send(s) }
func pure(s *S) int      { return len(s.ch) }
func goes(s *S)          { go send(s) }
func recursive(n int) int { if n == 0 { return 0 }; return recursive(n-1) }
func notify(c chan int)  { c <- 1 }
func guarded(c chan int) { if c != nil { c <- 1 } }
func guardedSome(s *S)   { guarded(s.ch) }
func guardedNil()        { guarded(nil) }
func guardedOther(s *S, c chan int) { if s.ch != nil { c <- 1 } }
func guardedOtherSome(s *S, c chan int) { guardedOther(s, c) }
func sometimesSome(s *S, x bool) { sometimes(s, x) }
func deep1(s *S)         { helper(s) }   // helper → send: depth 2
func sometimes(s *S, x bool) { if x { s.ch <- 1 } }
func token(sem chan struct{}) { <-sem; defer func() { sem <- struct{}{} }() }
func useToken() { token(make(chan struct{}, 1)) }
func forever(s *S)       { for { <-s.ch } }
func deep2(s *S)         { deep1(s) }    // depth 3: beyond the summary bound
func notifyNil()         { notify(nil) }
func notifySome(s *S)    { notify(s.ch) }
`

func firstOp(t *testing.T, fn *ssa.Function) (blocking.Op, bool) {
	t.Helper()
	info := blocking.NewInfo(ssatest.Funcs(fn.Pkg))
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if op, ok := info.Classify(instr); ok {
				return op, true
			}
		}
	}
	return blocking.Op{}, false
}

func TestClassify(t *testing.T) {
	pkg := ssatest.Build(t, src)
	for _, tc := range []struct {
		fn                   string
		kind                 blocking.Kind // NotBlocking: Classify must report nothing
		bounded, cancellable bool
		what                 string
	}{
		{fn: "send", kind: blocking.ChanSend, what: "send on channel s.ch"},
		{fn: "recv", kind: blocking.ChanRecv, what: "receive from channel s.ch"},
		{fn: "buffered", kind: blocking.NotBlocking},
		{fn: "selectDefault", kind: blocking.NotBlocking},
		{fn: "selectTimer", kind: blocking.Select, bounded: true},
		{fn: "selectCtx", kind: blocking.Select, cancellable: true},
		{fn: "selectBare", kind: blocking.Select, what: "select with no default case"},
		{fn: "wait", kind: blocking.WaitGroupWait, what: "call to (*sync.WaitGroup).Wait"},
		{fn: "sleep", kind: blocking.Sleep, what: "call to time.Sleep"},
		{fn: "get", kind: blocking.HTTP, what: "call to net/http.Get"},
		{fn: "lock", kind: blocking.MutexLock},
		{fn: "indirect", kind: blocking.Call, what: "call to p.helper, which blocks on send on channel s.ch,"},
		{fn: "pure", kind: blocking.NotBlocking},
		{fn: "goes", kind: blocking.NotBlocking},
		{fn: "notifyNil", kind: blocking.NotBlocking}, // nil disables the callee's send
		// The callee skips its send only when the channel is nil: with a
		// channel set it always waits.
		{fn: "guardedSome", kind: blocking.Call, what: "call to p.guarded, which blocks on send on channel c,"},
		{fn: "guardedNil", kind: blocking.NotBlocking},       // nil disables the callee's send
		{fn: "guardedOtherSome", kind: blocking.NotBlocking}, // the callee's nil test is on another channel
		{fn: "sometimesSome", kind: blocking.NotBlocking},    // the callee sends on one path only
		{fn: "token", kind: blocking.MutexLock},              // a token taken and given back: a lock
		{fn: "notifySome", kind: blocking.Call, what: "call to p.notify, which blocks on send on channel c,"},
	} {
		t.Run(tc.fn, func(t *testing.T) {
			op, ok := firstOp(t, ssatest.Func(t, pkg, tc.fn))
			if tc.kind == blocking.NotBlocking {
				if ok {
					t.Fatalf("Classify reported %v (%s), want nothing", op.Kind, op.What)
				}
				return
			}
			if !ok || op.Kind != tc.kind {
				t.Fatalf("Classify = %v %v, want %v", op.Kind, ok, tc.kind)
			}
			if op.Bounded != tc.bounded || op.Cancellable != tc.cancellable {
				t.Errorf("Bounded, Cancellable = %v, %v; want %v, %v", op.Bounded, op.Cancellable, tc.bounded, tc.cancellable)
			}
			if tc.what != "" && op.What != tc.what {
				t.Errorf("What = %q, want %q", op.What, tc.what)
			}
		})
	}
}

func TestFuncBlocks(t *testing.T) {
	pkg := ssatest.Build(t, src)
	info := blocking.NewInfo(ssatest.Funcs(pkg))
	for name, want := range map[string]string{
		"indirect":    "send on channel s.ch",
		"wait":        "call to (*sync.WaitGroup).Wait",
		"selectTimer": "", // bounded
		"selectCtx":   "", // cancellable
		"lock":        "", // a lock is a lock-order question, not a summary
		"pure":        "",
		"goes":        "", // the spawned goroutine blocks, not the caller
		"recursive":   "",
		"deep1":       "send on channel s.ch",
		"deep2":       "",                          // the wait is three calls away
		"sometimes":   "",                          // waits on one path only
		"forever":     "receive from channel s.ch", // never returns
	} {
		op := info.FuncBlocks(ssatest.Func(t, pkg, name))
		switch {
		case want == "" && op != nil:
			t.Errorf("FuncBlocks(%s) = %q, want not blocking", name, op.Leaf)
		case want != "" && (op == nil || !strings.Contains(op.Leaf, want)):
			t.Errorf("FuncBlocks(%s) = %v, want leaf %q", name, op, want)
		}
	}
}

const producerSrc = `package p

type lexer struct {
	input string
	pos   int
	items chan string
}

type stateFn func(*lexer) stateFn

// parse receives the tokens of a lexer it starts: the lexer only
// computes, sends on items and closes it when done.
func parse(s string) []string {
	l := &lexer{input: s, items: make(chan string)}
	go l.run()
	var out []string
	for it := range l.items {
		out = append(out, it)
	}
	return out
}

func (l *lexer) run() {
	for state := lexWord; state != nil; {
		state = state(l)
	}
	close(l.items)
}

func lexWord(l *lexer) stateFn {
	if l.pos >= len(l.input) {
		return nil
	}
	l.emit(l.input[l.pos : l.pos+1])
	l.pos++
	return lexWord
}

func (l *lexer) emit(s string) {
	if s == "" {
		return
	}
	l.items <- s
}

// relay's goroutine waits for input from its caller: not a computation.
func relay(in chan string) []string {
	out := make(chan string)
	go func() {
		for s := range in {
			out <- s
		}
		close(out)
	}()
	var got []string
	for s := range out {
		got = append(got, s)
	}
	return got
}

// unclosed's goroutine closes its channel on one path only.
func unclosed(n int) int {
	out := make(chan int)
	go func() {
		out <- n
		if n > 0 {
			close(out)
		}
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

// shared's channel is also fed by another function of the package.
type feed struct{ ch chan int }

func shared() int {
	f := &feed{ch: make(chan int)}
	go func() {
		f.ch <- 1
		close(f.ch)
	}()
	return <-f.ch
}

func (f *feed) push() { f.ch <- 2 }
`

// TestOwnProducer: a receive always woken by a goroutine its function
// starts that only computes (the lexer's handoff) is bounded, so its
// function does not block; near misses block.
func TestOwnProducer(t *testing.T) {
	pkg := ssatest.Build(t, producerSrc)
	info := blocking.NewInfo(ssatest.Funcs(pkg))
	for name, blocks := range map[string]bool{
		"parse":    false,
		"relay":    true, // the producer waits on in
		"unclosed": true, // a second receive may find it neither sending nor closed
		"shared":   true, // push sends on the channel too
	} {
		op := info.FuncBlocks(ssatest.Func(t, pkg, name))
		if (op != nil) != blocks {
			t.Errorf("FuncBlocks(%s) = %v, want blocking %v", name, op, blocks)
		}
	}
}
