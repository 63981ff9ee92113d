package wake_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const replySrc = `package p

type reply struct{ ch chan<- int }

type R struct {
	pending map[int]reply
	ptrs    map[int]*reply
	subs    map[int]chan<- int
}

func (r *R) answer(id, v int) {
	if p, ok := r.pending[id]; ok {
		p.ch <- v
		delete(r.pending, id)
	}
}

func (r *R) answerAll() {
	for id, p := range r.pending {
		p.ch <- 0
		delete(r.pending, id)
	}
}

func (r *R) answerPtr(id, v int) {
	p := r.ptrs[id]
	p.ch <- v
	delete(r.ptrs, id)
}

func (r *R) keep(id, v int) {
	if p, ok := r.pending[id]; ok {
		p.ch <- v
	}
}

func (r *R) publish(v int) {
	for _, ch := range r.subs {
		ch <- v
	}
}

func (r *R) sometimes(id, v int, drop bool) {
	ch := r.subs[id]
	ch <- v
	if drop {
		delete(r.subs, id)
	}
}

func (r *R) other(id, v int) {
	ch := r.subs[id]
	ch <- v
	delete(r.subs, id+1)
}
`

func TestAnsweredOnce(t *testing.T) {
	pkg := ssatest.Build(t, replySrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"(*R).answer", true},     // lookup, send, delete the entry
		{"(*R).answerAll", true},  // range, send, delete the entry
		{"(*R).answerPtr", true},  // through a pointer to the entry's value
		{"(*R).keep", false},      // the entry stays: the next answer may come
		{"(*R).publish", false},   // a subscription
		{"(*R).sometimes", false}, // deleted on one path only
		{"(*R).other", false},     // another entry deleted
	} {
		var send *ssa.Send
		for _, b := range ssatest.Func(t, pkg, tc.fn).Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Send); ok {
					send = s
				}
			}
		}
		if send == nil {
			t.Fatalf("%s: no send", tc.fn)
		}
		if got := wake.AnsweredOnce(send); got != tc.want {
			t.Errorf("AnsweredOnce(send in %s) = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
