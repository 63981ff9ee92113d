package chans_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
)

const tokenSrc = `package p

type L struct{ slots chan struct{} }

func New(n int) *L { return &L{slots: make(chan struct{}, n)} }

func (l *L) release() { <-l.slots }

func closure(l *L)  { l.slots <- struct{}{}; defer func() { <-l.slots }() }
func deferred(l *L) { l.slots <- struct{}{}; defer l.release() }
func never(l *L)    { l.slots <- struct{}{} }
func data(n int)    { q := make(chan int, n); q <- n; <-q }
func queue(n int)   { q := make(chan bool, n); q <- true; close(q); for range q {} }
func sync()         { c := make(chan bool); go func() { c <- true }(); <-c; c <- true }
func used(n int) int {
	s := make(chan int, n)
	s <- 1
	return <-s
}
`

func TestSendToken(t *testing.T) {
	pkg := ssatest.Build(t, tokenSrc)
	idx := chans.Index(ssatest.Funcs(pkg))
	for fn, want := range map[string]bool{
		"closure":  true,  // given back by a deferred closure
		"deferred": true,  // given back by a deferred method
		"never":    false, // nothing here gives it back
		"data":     false, // a value, not a token
		"queue":    false, // closed: a queue
		"sync":     false, // unbuffered
		"used":     false, // the value received is used: data
	} {
		var send *ssa.Send
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Send); ok && send == nil {
					send = s
				}
			}
		}
		if send == nil {
			t.Fatalf("%s: no send", fn)
		}
		if got := idx.SendToken(send); got != want {
			t.Errorf("%s: SendToken = %v, want %v", fn, got, want)
		}
	}
}
