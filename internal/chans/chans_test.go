package chans

import (
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const src = `package p

import (
	"fmt"
	"os"
	"os/signal"
	"time"
)

func phi(b bool, n int) {
	ch := make(chan int, 3)
	if b {
		ch = make(chan int)
	}
	<-ch
	_ = make(chan int, n)
}

func readOnly() {
	ch := make(chan int)
	var r <-chan int = ch
	<-r
}

func captured() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	<-ch
}

type worker struct {
	quit chan struct{}
	Out  chan int
}

func newWorker() *worker { return &worker{quit: make(chan struct{}), Out: make(chan int)} }
func (w *worker) loop()  { <-w.quit; w.Out <- 1 }
func (w *worker) stop()  { close(w.quit) }

var done chan struct{}
var Public chan int

func globals() { <-done; <-Public }

func producer(out chan int) {
	out <- 1
	close(out)
}

func consumer() {
	ch := make(chan int)
	go producer(ch)
	for range ch {
	}
}

func Exported(ch chan int) { <-ch }

func taken(ch chan int) { <-ch }

func dynamic(f func(chan int)) {
	ch := make(chan int)
	f(ch)
}

func resolved() {
	ch := make(chan int)
	run(taken, ch)
}

type getter interface{ get(chan int) }

type chanGetter struct{}

func (*chanGetter) get(ch chan int) { <-ch }

func invoked(g getter) {
	ch := make(chan int)
	g.get(ch)
	ch <- 1
}

func run(f func(chan int), ch chan int) { f(ch) }

func Returned() <-chan int {
	ch := make(chan int)
	return ch
}

func returned() <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func receiveReturned() int { return <-returned() }

func sent(reqs chan chan int) {
	reply := make(chan int)
	reqs <- reply
}

func stored(m map[int]chan int, s []chan int) {
	a := make(chan int)
	b := make(chan int)
	m[0] = a
	s[0] = b
}

func external() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
}

func converted() {
	ch := make(chan int)
	fmt.Println(ch)
}

func selects(a, b chan int) {
	select {
	case <-a:
	case b <- 1:
	default:
	}
}

func timer() { <-time.After(time.Second) }

func nilOnly() {
	var ch chan int
	<-ch
}

type broker struct {
	subs   map[int]chan string
	leaked map[int]chan string
}

func newBroker() *broker {
	return &broker{subs: map[int]chan string{}, leaked: map[int]chan string{}}
}

func (b *broker) subscribe(id int) {
	ch := make(chan string, 1)
	b.subs[id] = ch
	b.leaked[id] = make(chan string)
	go func() {
		for range ch {
		}
	}()
}

func (b *broker) publish(m string) {
	for _, ch := range b.subs {
		ch <- m
	}
}

func (b *broker) unsubscribe(id int) {
	if ch, ok := b.subs[id]; ok {
		close(ch)
		delete(b.subs, id)
	}
}

func (b *broker) handOut() map[int]chan string { return b.leaked }
`

// build builds src as buildssa would and returns its source functions.
func build(t *testing.T) (*ssa.Package, []*ssa.Function) {
	t.Helper()
	pkg := ssatest.Build(t, src)
	return pkg, ssatest.Funcs(pkg)
}

func instrs[T ssa.Instruction](fn *ssa.Function) []T {
	var found []T
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(T); ok {
				found = append(found, x)
			}
		}
	}
	return found
}

func recvs(fn *ssa.Function) []*ssa.UnOp {
	var found []*ssa.UnOp
	for _, u := range instrs[*ssa.UnOp](fn) {
		if u.Op == token.ARROW {
			found = append(found, u)
		}
	}
	return found
}

func method(pkg *ssa.Package, name string) *ssa.Function {
	T := pkg.Type("worker").Type()
	return pkg.Prog.LookupMethod(types.NewPointer(T), pkg.Pkg, name)
}

func TestOrigins(t *testing.T) {
	pkg, _ := build(t)

	fn := pkg.Func("phi")
	makes := instrs[*ssa.MakeChan](fn)
	ids := Origins(recvs(fn)[0].X)
	if len(ids) != 2 || ids[0].Kind != Make || ids[1].Kind != Make || ids[0].Make == ids[1].Make {
		t.Errorf("phi: Origins = %v, want two make sites", ids)
	}
	if _, ok := Origin(recvs(fn)[0].X); ok {
		t.Errorf("phi: Origin is unique, want ambiguous")
	}
	for i, want := range []struct {
		n     int64
		known bool
	}{{3, true}, {0, true}, {0, false}} {
		if n, known := Capacity(makes[i]); n != want.n || known != want.known {
			t.Errorf("Capacity(%v) = %d, %v; want %d, %v", makes[i], n, known, want.n, want.known)
		}
	}

	fn = pkg.Func("readOnly")
	if id, ok := Origin(recvs(fn)[0].X); !ok || id.Make != instrs[*ssa.MakeChan](fn)[0] {
		t.Errorf("readOnly: Origin = %v, %v; want the make site through ChangeType", id, ok)
	}

	fn = pkg.Func("captured")
	send := instrs[*ssa.Send](fn.AnonFuncs[0])[0]
	if id, ok := Origin(send.Chan); !ok || id.Make != instrs[*ssa.MakeChan](fn)[0] {
		t.Errorf("captured: Origin = %v, %v; want the enclosing make site", id, ok)
	}

	if id, ok := Origin(recvs(method(pkg, "loop"))[0].X); !ok || id.Kind != Field || id.Field.Name() != "quit" {
		t.Errorf("field: Origin = %v, %v; want field quit", id, ok)
	}
	if id, ok := Origin(recvs(pkg.Func("globals"))[0].X); !ok || id.Kind != Global || id.Global.Name() != "done" {
		t.Errorf("global: Origin = %v, %v; want global done", id, ok)
	}
	fn = pkg.Func("selects")
	if id, ok := Origin(instrs[*ssa.Select](fn)[0].States[0].Chan); !ok || id.Kind != Param || id.Param != fn.Params[0] {
		t.Errorf("param: Origin = %v, %v; want param a", id, ok)
	}
	if id, ok := Origin(recvs(pkg.Func("timer"))[0].X); !ok || id.Kind != External {
		t.Errorf("call result: Origin = %v, %v; want external", id, ok)
	}
	if ids := Origins(recvs(pkg.Func("nilOnly"))[0].X); len(ids) != 0 {
		t.Errorf("nil channel: Origins = %v, want none", ids)
	}
}

// reasons returns the escape reasons of the channel made first in fn.
func reasons(s *Summary, fn *ssa.Function, i int) []Reason {
	ch := s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](fn)[i]})
	if ch == nil {
		return []Reason{-1}
	}
	var rs []Reason
	for _, e := range ch.Escapes {
		rs = append(rs, e.Reason)
	}
	return rs
}

func TestIndex(t *testing.T) {
	pkg, funcs := build(t)
	s := Index(funcs)

	// A closure's send and the enclosing receive are on one channel.
	ch := s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](pkg.Func("captured"))[0]})
	if ch == nil || len(ch.Sends) != 1 || len(ch.Recvs) != 1 || len(ch.Closes) != 0 || len(ch.Escapes) != 0 {
		t.Errorf("captured: %+v, want 1 send, 1 recv, no close, no escape", ch)
	}

	// A make stored into an unexported field is that field's channel.
	quit := s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](pkg.Func("newWorker"))[0]})
	field, _ := Origin(recvs(method(pkg, "loop"))[0].X)
	if quit == nil || quit != s.Channel(field) || len(quit.Closes) != 1 || len(quit.Recvs) != 1 || len(quit.Escapes) != 0 {
		t.Errorf("quit: %+v, want the field's channel, closed once, received once, not escaping", quit)
	}
	if r := reasons(s, pkg.Func("newWorker"), 1); len(r) != 1 || r[0] != FromOutside {
		t.Errorf("exported field: escapes %v, want [FromOutside]", r)
	}

	// Passing to an indexed, unexported function merges with its parameter.
	fn := pkg.Func("consumer")
	ch = s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](fn)[0]})
	if ch == nil || len(ch.Closes) != 1 || len(ch.Sends) != 1 || len(ch.Recvs) != 1 || len(ch.Passed) != 1 || len(ch.Escapes) != 0 {
		t.Fatalf("consumer: %+v, want producer's send and close, the range receive, no escape", ch)
	}
	if r := recvs(fn)[0]; !r.CommaOk || ch.Recvs[0].Instr != r {
		t.Errorf("consumer: range receive not recorded")
	}
	if p := ch.Passed[0]; p.Callee != pkg.Func("producer") || p.Arg != 0 {
		t.Errorf("consumer: passed %+v, want producer arg 0", p)
	}

	// An interface call with one implementation in the package binds the
	// channel to that method's parameter (past the receiver).
	fn = pkg.Func("invoked")
	ch = s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](fn)[0]})
	if ch == nil || len(ch.Recvs) != 1 || len(ch.Sends) != 1 || len(ch.Passed) != 1 || len(ch.Escapes) != 0 {
		t.Errorf("invoked: %+v, want chanGetter.get's receive, the send, no escape", ch)
	} else if p := ch.Passed[0]; p.Callee.Name() != "get" || p.Arg != 0 {
		t.Errorf("invoked: passed %+v, want get arg 0", p)
	}

	for _, tc := range []struct {
		fn   string
		make int
		want Reason
	}{
		{"dynamic", 0, PassedOut},
		{"resolved", 0, FromOutside}, // run's f is taken: taken's parameter comes from outside too
		{"Returned", 0, Returned},    // exported: other packages' calls get it
		{"sent", 0, SentOnChannel},
		{"stored", 0, StoredElsewhere},
		{"stored", 1, StoredElsewhere},
		{"external", 0, PassedOut},
		{"converted", 0, Converted},
	} {
		if r := reasons(s, pkg.Func(tc.fn), tc.make); len(r) != 1 || r[0] != tc.want {
			t.Errorf("%s: escapes %v, want [%v]", tc.fn, r, tc.want)
		}
	}

	// A channel an unexported function returns is what its calls'
	// results are: the caller's receive is on the goroutine's channel.
	ret := s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](pkg.Func("returned"))[0]})
	if ret == nil || len(ret.Sends) != 1 || len(ret.Recvs) != 1 || len(ret.Escapes) != 0 {
		t.Errorf("returned: %+v, want the goroutine's send, receiveReturned's receive, no escape", ret)
	} else if got := s.Channels(recvs(pkg.Func("receiveReturned"))[0].X); len(got) != 1 || got[0] != ret {
		t.Errorf("receiveReturned: the call's result is %v, want returned's channel", got)
	}

	param := func(fn string) []Reason {
		ch := s.Channel(ID{Kind: Param, Param: pkg.Func(fn).Params[0]})
		var rs []Reason
		for _, e := range ch.Escapes {
			rs = append(rs, e.Reason)
		}
		return rs
	}
	if r := param("Exported"); len(r) != 1 || r[0] != FromOutside {
		t.Errorf("exported function's param: escapes %v, want [FromOutside]", r)
	}
	if r := param("taken"); len(r) != 1 || r[0] != FromOutside {
		t.Errorf("address-taken function's param: escapes %v, want [FromOutside]", r)
	}
	if r := param("producer"); len(r) != 0 {
		t.Errorf("producer's param: escapes %v, want none", r)
	}

	globals := pkg.Func("globals")
	if g := s.Channels(recvs(globals)[0].X); len(g) != 1 || len(g[0].Escapes) != 0 {
		t.Errorf("unexported global: %v, want one channel, not escaping", g)
	}
	if g := s.Channels(recvs(globals)[1].X); len(g) != 1 || len(g[0].Escapes) != 1 {
		t.Errorf("exported global: %v, want one escaping channel", g)
	}

	// A channel stored in a map held in a field is one of the map's
	// elements: the range's send and the lookup's close reach it. A map
	// that is handed out lets its elements escape.
	brokerMethod := func(name string) *ssa.Function {
		return pkg.Prog.LookupMethod(types.NewPointer(pkg.Type("broker").Type()), pkg.Pkg, name)
	}
	subs := s.Channel(ID{Kind: Make, Make: instrs[*ssa.MakeChan](brokerMethod("subscribe"))[0]})
	if subs == nil || len(subs.Sends) != 1 || len(subs.Recvs) != 1 || len(subs.Closes) != 1 || len(subs.Escapes) != 0 {
		t.Errorf("map element: %+v, want publish's send, the range receive, unsubscribe's close, no escape", subs)
	}
	if r := reasons(s, brokerMethod("subscribe"), 1); len(r) != 1 || r[0] != StoredElsewhere {
		t.Errorf("element of a map handed out: escapes %v, want [StoredElsewhere]", r)
	}

	sel := instrs[*ssa.Select](pkg.Func("selects"))[0]
	a, b := s.Channels(sel.States[0].Chan), s.Channels(sel.States[1].Chan)
	if len(a) != 1 || len(a[0].Recvs) != 1 || a[0].Recvs[0].Case != 0 || !a[0].Recvs[0].Pos().IsValid() {
		t.Errorf("select receive case not recorded: %v", a)
	}
	if len(b) != 1 || len(b[0].Sends) != 1 || b[0].Sends[0].Case != 1 {
		t.Errorf("select send case not recorded: %v", b)
	}
}
