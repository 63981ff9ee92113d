package chans_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/ssax"
)

const bufferedSrc = `package p

import "sync"

type result struct{ v int }

type S struct {
	queue   chan int
	sync    chan int
	waiters []chan result
	plain   []chan string
}

func New() *S {
	return &S{queue: make(chan int, 8), sync: make(chan int)}
}

func (s *S) wait() { s.waiters = append(s.waiters, make(chan result, 1)) }
func (s *S) more() { s.plain = append(s.plain, make(chan string, 1), make(chan string)) }

func local()          { c := make(chan int, 1); c <- 1 }
func sized(n int)     { c := make(chan int, n); c <- 1 }
func unbuffered()     { c := make(chan int); go func() { <-c }(); c <- 1 }
func field(s *S)      { s.queue <- 1 }
func syncField(s *S)  { s.sync <- 1 }
func fromSlice(s *S)  { for _, w := range s.waiters { w <- result{} } }
func mixedSlice(s *S) { for _, w := range s.plain { w <- "" } }
func param(c chan int) { c <- 1 }

type reply struct{ done chan error }

var replies = sync.Pool{New: func() any { return &reply{done: make(chan error, 1)} }}

type client struct{ pending map[int]*reply }

func pooled(c *client) { for _, r := range c.pending { r.done <- nil } }
`

func TestBuffered(t *testing.T) {
	pkg := ssatest.Build(t, bufferedSrc)
	idx := chans.Index(ssax.WithInit(pkg, ssatest.Funcs(pkg))) // as internal/blocking indexes a package
	for fn, want := range map[string]bool{
		"local":      true,
		"sized":      true, // a run-time capacity means a queue was meant
		"unbuffered": false,
		"field":      true,  // the make stored into the field is buffered
		"syncField":  false, // this field's make is not
		"fromSlice":  true,  // every make of chan result is buffered
		"mixedSlice": false, // chan string is made both ways
		"param":      false, // nothing known
		"pooled":     true,  // the pool's New makes every reply channel buffered
	} {
		var send *ssa.Send
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Send); ok {
					send = s
				}
			}
		}
		if send == nil {
			t.Fatalf("%s: no send", fn)
		}
		if got := idx.Buffered(send.Chan); got != want {
			t.Errorf("%s: Buffered = %v, want %v", fn, got, want)
		}
	}
}
