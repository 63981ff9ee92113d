package wake

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

// A DroppedRequest is a client's wait for the answer to a request that
// the server can drop (UnansweredRequest).
type DroppedRequest struct {
	Field   *types.Var      // the request's field that holds the reply channel
	Make    *ssa.MakeChan   // the client's make of the reply channel
	Server  *ssa.Function   // the one function that answers on Field
	Receive token.Pos       // where the server receives the request
	Answer  token.Pos       // an answer of the server, on other paths
	Drop    ssa.Instruction // the request's receive reached again (the next request), or a *ssa.Return
}

// UnansweredRequest reports a client's wait for the answer to a request
// it sent to a server loop, when the loop can drop the request: the client
// fn makes a reply channel, puts it in a field of the request, sends the
// request and receives from the reply channel with wait (a plain
// receive); the only sends and closes of that field's channels are in
// one function (the server), on the request it received from a channel
// the client sends its request on, and a path from that receive comes
// back to it (the next request) or returns without answering, through no
// instruction for which ends holds (a call that never returns).
//
//	for r := range s.reqs {
//		v, ok := s.m[r.key]
//		if !ok {
//			continue // r.reply is never answered
//		}
//		r.reply <- v
//	}
//
// The server must not hand the request (or its reply channel) to anything
// (a call, a goroutine, a store, another channel): whoever it reaches may
// answer. A return counts only on a path that decides its branches
// consistently (cfg.ConsistentPath).
func (m *Model) UnansweredRequest(fn *ssa.Function, wait *ssa.UnOp, ends func(ssa.Instruction) bool) (DroppedRequest, bool) {
	var none DroppedRequest
	chs := m.chans.Channels(wait.X)
	if len(chs) != 1 {
		return none, false
	}
	var field *types.Var
	var mk *ssa.MakeChan
	for _, id := range chs[0].IDs {
		switch id.Kind {
		case chans.Field:
			if field != nil {
				return none, false
			}
			field = id.Field
		case chans.Make:
			if id.Make.Parent() == fn {
				mk = id.Make
			}
		default:
			return none, false // ok: a channel the index cannot tell from another one
		}
	}
	if field == nil || mk == nil {
		return none, false
	}
	w := m.ChanWakes(wait.X, false)
	if !w.Known || len(w.Sites) == 0 {
		return none, false // no answer at all is a one-sided channel
	}
	var server *ssa.Function
	var request requestRecv // the server's receive of the request
	answers := map[ssa.Instruction]bool{}
	for _, s := range w.Sites {
		if s.Instr == nil || s.AtExit || server != nil && s.Instr.Parent() != server {
			return none, false // ok: more than one function answers
		}
		server = s.Instr.Parent()
		r, ok := answeredRequest(s.Instr, field)
		if !ok || request.instr != nil && r != request {
			return none, false
		}
		request = r
		answers[s.Instr] = true
	}
	if server == fn || server.Pkg != fn.Pkg {
		return none, false
	}
	if !m.sendsRequestTo(fn, request.chanValue(), field) {
		return none, false // ok: the client's request goes elsewhere (another server of the same request type)
	}
	start, ok := requestTaken(request)
	if !ok {
		return none, false
	}
	stop := func(instr ssa.Instruction) bool { return answers[instr] || ends(instr) }
	drop := dropAfter(start, request.instr, stop)
	if drop == nil {
		return none, false
	}
	if ret, ok := drop.(*ssa.Return); ok {
		passesStop := func(_, to *ssa.BasicBlock) bool { return slices.ContainsFunc(to.Instrs, stop) }
		if !cfg.ConsistentPath(request.instr, ret, passesStop) {
			return none, false // ok: only paths that contradict themselves return without answering
		}
	}
	return DroppedRequest{
		Field:   field,
		Make:    mk,
		Server:  server,
		Receive: request.pos(),
		Answer:  w.Sites[0].Instr.Pos(),
		Drop:    drop,
	}, true
}

// sendsRequestTo reports whether the client fn sends a request (a value
// whose type has field f) on a channel that the server's receive recv
// receives from.
func (m *Model) sendsRequestTo(fn *ssa.Function, from ssa.Value, f *types.Var) bool {
	served := map[*chans.Channel]bool{}
	for _, ch := range m.chans.Channels(from) {
		served[ch] = true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok || !hasField(send.X.Type(), f) {
				continue
			}
			for _, ch := range m.chans.Channels(send.Chan) {
				if served[ch] {
					return true
				}
			}
		}
	}
	return false
}

// hasField reports whether t, a struct or a pointer to one, has field f.
func hasField(t types.Type, f *types.Var) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i) == f {
			return true
		}
	}
	return false
}

// answeredRequest returns the receive that yielded the request whose
// field f holds the channel that answer (a send, a select's send, a close)
// sends on or closes: answer's channel is req.f, req a value received from
// a channel that is used for nothing but reading its fields, and whose
// field f is used for nothing but answering.
func answeredRequest(answer ssa.Instruction, f *types.Var) (requestRecv, bool) {
	var ch ssa.Value
	switch x := answer.(type) {
	case *ssa.Send:
		ch = x.Chan
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(x.Call.Args) == 1 {
			ch = x.Call.Args[0]
		}
	}
	if ch == nil {
		return requestRecv{}, false // a select's send, or something else: not followed
	}
	var req ssa.Value
	switch x := ch.(type) {
	case *ssa.Field:
		if ssax.Field(x.X.Type(), x.Field) != f {
			return requestRecv{}, false
		}
		req = x.X
	case *ssa.UnOp:
		fa, ok := x.X.(*ssa.FieldAddr)
		if x.Op != token.MUL || !ok || ssax.Field(fa.X.Type(), fa.Field) != f {
			return requestRecv{}, false
		}
		req = fa.X
	default:
		return requestRecv{}, false
	}
	held := req // what the server reads the fields through
	if v, ok := ssax.StoredOnce(req); ok {
		req = v // a local variable that holds the request (r := <-reqs; r.reply)
	}
	recv := receivedBy(req)
	if recv.instr == nil || !onlyFieldsRead(held, f) {
		return requestRecv{}, false
	}
	if held != req && !onlyStoredTo(req, held) {
		return requestRecv{}, false
	}
	return recv, true
}

// requestRecv is the server's receive of a request: a plain receive, a
// range's (comma-ok) receive, or case state of a select.
type requestRecv struct {
	instr ssa.Instruction
	state int // the select's case; -1 otherwise
}

// chanValue is the channel the request is received from.
func (r requestRecv) chanValue() ssa.Value {
	switch x := r.instr.(type) {
	case *ssa.UnOp:
		return x.X
	case *ssa.Select:
		return x.States[r.state].Chan
	}
	return nil
}

func (r requestRecv) pos() token.Pos {
	if sel, ok := r.instr.(*ssa.Select); ok {
		return sel.States[r.state].Pos
	}
	return ssax.Pos(r.instr)
}

// receivedBy returns the receive that yields v: a plain receive, a
// range's (or comma-ok) receive, or a select's case.
func receivedBy(v ssa.Value) requestRecv {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW && !x.CommaOk {
			return requestRecv{x, -1}
		}
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.UnOp:
			if t.Op == token.ARROW && t.CommaOk && x.Index == 0 {
				return requestRecv{t, -1}
			}
		case *ssa.Select:
			// The tuple is (index, recvOk, r_0, ..., r_n-1), one r per
			// receive case in order.
			k := x.Index - 2
			for i, st := range t.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if k == 0 {
					return requestRecv{t, i}
				}
				k--
			}
		}
	}
	return requestRecv{}
}

// onlyFieldsRead reports whether the request req is used only to read its
// fields, and its field f only as the channel of sends and closes.
func onlyFieldsRead(req ssa.Value, f *types.Var) bool {
	refs := req.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if x.Addr != req {
				return false // the request stored elsewhere
			}
		case *ssa.Field:
			if ssax.Field(req.Type(), x.Field) == f && !onlyAnswered(x) {
				return false
			}
		case *ssa.FieldAddr:
			if x.Referrers() == nil {
				return false
			}
			for _, u := range *x.Referrers() {
				load, ok := u.(*ssa.UnOp)
				if !ok || load.Op != token.MUL {
					return false // written, or its address handed on
				}
				if ssax.Field(req.Type(), x.Field) == f && !onlyAnswered(load) {
					return false
				}
			}
		default:
			return false // handed to a call, stored, captured, sent on
		}
	}
	return true
}

// onlyStoredTo reports whether the received request v is used only by
// being stored into the local variable local (and debug references).
func onlyStoredTo(v, local ssa.Value) bool {
	for _, r := range *v.Referrers() {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if x.Addr != local || x.Val != v {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// onlyAnswered reports whether the reply channel v is only sent on or
// closed.
func onlyAnswered(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Send:
			if x.Chan != v {
				return false
			}
		case *ssa.Call:
			b, ok := x.Call.Value.(*ssa.Builtin)
			if !ok || b.Name() != "close" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// requestTaken returns the block where the server holds the request
// received by recv: after a plain receive, its own block (nil); after a
// range's receive, the successor of the test that the channel was open;
// after a select, the block of the request's case.
func requestTaken(recv requestRecv) (*ssa.BasicBlock, bool) {
	switch x := recv.instr.(type) {
	case *ssa.UnOp:
		if !x.CommaOk {
			return nil, true // from the receive itself
		}
		for _, r := range *x.Referrers() {
			ex, ok := r.(*ssa.Extract)
			if !ok || ex.Index != 1 || ex.Referrers() == nil {
				continue
			}
			for _, u := range *ex.Referrers() {
				if iff, ok := u.(*ssa.If); ok && iff.Cond == ex {
					return iff.Block().Succs[0], true
				}
			}
		}
	case *ssa.Select:
		if b := spawn.CaseBlocks(x)[recv.state]; b != nil {
			return b, true
		}
	}
	return nil, false
}

// dropAfter returns where the server lets the request go unanswered: the
// request's receive reached again (the next request) or a return, on a
// path from start (the block where the request is held; recv's own block
// after it when start is nil) that runs no instruction for which stop
// holds; nil when every path answers.
func dropAfter(start *ssa.BasicBlock, recv ssa.Instruction, stop func(ssa.Instruction) bool) ssa.Instruction {
	seen := map[*ssa.BasicBlock]bool{}
	var work []*ssa.BasicBlock
	scan := func(b *ssa.BasicBlock, from int) ssa.Instruction {
		for _, instr := range b.Instrs[from:] {
			if instr == recv {
				return recv
			}
			if stop(instr) {
				return nil
			}
			if _, ok := instr.(*ssa.Return); ok {
				return instr
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
		return nil
	}
	if start == nil {
		b := recv.Block()
		if found := scan(b, cfg.Index(recv)+1); found != nil {
			return found
		}
	} else {
		seen[start] = true
		work = append(work, start)
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if found := scan(b, 0); found != nil {
			return found
		}
	}
	return nil
}
