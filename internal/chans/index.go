package chans

import (
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssax"
)

// Channel is what the index knows about one channel: every operation on any
// of its IDs.
type Channel struct {
	IDs     []ID // the identities merged into this channel, first seen first
	Sends   []Use
	Recvs   []Use // includes range loops: a CommaOk *ssa.UnOp receive
	Closes  []Use
	Passed  []Passed
	Escapes []Escape
}

// Use is one operation on a channel: a *ssa.Send, a receive *ssa.UnOp, a
// close call, or case number Case of a *ssa.Select (Case is -1 otherwise).
type Use struct {
	Instr ssa.Instruction
	Case  int
}

// Pos returns the operation's position (the case's, for a select).
func (u Use) Pos() token.Pos {
	if sel, ok := u.Instr.(*ssa.Select); ok && u.Case >= 0 && u.Case < len(sel.States) {
		return sel.States[u.Case].Pos
	}
	return u.Instr.Pos()
}

// Passed records that a channel is argument number Arg of a call to Callee,
// an indexed function whose parameter is merged with the channel.
type Passed struct {
	Call   ssa.CallInstruction
	Callee *ssa.Function
	Arg    int
}

// Reason says how a channel escapes the indexed code.
type Reason int

const (
	FromOutside     Reason = iota // its identity is reachable from other packages: an external value, an exported field or global, a parameter of an exported or address-taken function
	PassedOut                     // passed to a function that is not indexed, a dynamic or interface call, or a builtin such as append
	Returned                      // returned by its function
	SentOnChannel                 // sent as a value on another channel
	StoredElsewhere               // stored into a slice, array, map or through an unknown pointer
	Converted                     // converted to an interface, where the index loses it
)

// Escape is one way a channel escapes; Instr is nil for FromOutside.
type Escape struct {
	Reason Reason
	Instr  ssa.Instruction
}

// Summary indexes the channels of a set of functions. Queries memoize, so
// a Summary is not safe for concurrent use.
type Summary struct {
	parent   map[ID]ID
	channels map[ID]*Channel // by representative ID
	origins  map[ssa.Value][]ID
	indexed  map[*ssa.Function]bool
	sites    *callees.Sites // who calls the indexed functions, which are used as values
	funcs    []*ssa.Function
	calls    *callees.Resolver // built on the first call that needs it
	// makesByType classifies the package's makes by channel type, built
	// on first use (see Buffered).
	makesByType map[string]makeKinds
	makesOnce   sync.Once
	// frozen is set once Index has recorded every operation: from then on
	// the Summary is only read, and the passes of one package share it
	// (they run at the same time).
	frozen bool
}

// Index scans funcs and their closures and records, for each channel, its
// operations and escapes. Passing a channel to an indexed function merges it
// with that parameter; storing it into a struct field or a global merges it
// with that field or global, which escapes only if exported.
func Index(funcs []*ssa.Function) *Summary {
	s := &Summary{
		parent:   make(map[ID]ID),
		channels: make(map[ID]*Channel),
		origins:  make(map[ssa.Value][]ID),
		indexed:  make(map[*ssa.Function]bool),
		sites:    callees.NewSites(),
		funcs:    funcs,
	}
	all := ssax.WithClosures(funcs)
	for _, fn := range all {
		s.indexed[fn] = true
	}
	for _, fn := range all {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				s.sites.Scan(instr)
			}
		}
	}
	for _, fn := range all {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				s.record(instr)
			}
		}
	}
	s.freeze()
	return s
}

// freeze ends the recording: every ID points straight at its
// representative, and the resolver is looked up, so that what the passes
// ask afterwards writes nothing.
func (s *Summary) freeze() {
	for id := range s.parent {
		s.parent[id] = s.find(id)
	}
	s.calls = callees.Of(s.funcs)
	s.frozen = true
}

// Channel returns what the index knows about id's channel, or nil when the
// indexed code never touches it.
func (s *Summary) Channel(id ID) *Channel {
	if _, ok := s.parent[id]; !ok {
		return nil
	}
	return s.channels[s.find(id)]
}

// Channels returns the channels v may be, one per distinct channel.
func (s *Summary) Channels(v ssa.Value) []*Channel {
	var chs []*Channel
	for _, id := range s.originsOf(v) {
		if ch := s.Channel(id); ch != nil && !containsChan(chs, ch) {
			chs = append(chs, ch)
		}
	}
	return chs
}

func containsChan(chs []*Channel, ch *Channel) bool {
	for _, c := range chs {
		if c == ch {
			return true
		}
	}
	return false
}

// Resolver returns the call resolver of the indexed package.
func (s *Summary) Resolver() *callees.Resolver {
	if s.calls == nil { // while recording
		s.calls = callees.Of(s.funcs)
	}
	return s.calls
}

// Sites returns who calls the indexed functions directly, and which are
// used as values.
func (s *Summary) Sites() *callees.Sites { return s.sites }

// record notes what instr does with the channels among its operands.
func (s *Summary) record(instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.Send:
		s.use(instr.Chan, func(c *Channel) { c.Sends = append(c.Sends, Use{instr, -1}) })
		s.escape(instr.X, SentOnChannel, instr)
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			s.use(instr.X, func(c *Channel) { c.Recvs = append(c.Recvs, Use{instr, -1}) })
		}
		if id, ok := mapElem(instr); ok && !onlyIndexedMap(instr) {
			// the map itself handed on: its elements may be
			// closed or sent on where the index cannot see
			s.escapeID(id, StoredElsewhere, instr)
		}
	case *ssa.Field:
		if id, ok := mapElem(instr); ok && !onlyIndexedMap(instr) {
			// the map itself handed on: its elements may be
			// closed or sent on where the index cannot see
			s.escapeID(id, StoredElsewhere, instr)
		}
	case *ssa.Select:
		for i, st := range instr.States {
			if st.Dir == types.SendOnly {
				s.use(st.Chan, func(c *Channel) { c.Sends = append(c.Sends, Use{instr, i}) })
				s.escape(st.Send, SentOnChannel, instr)
			} else {
				s.use(st.Chan, func(c *Channel) { c.Recvs = append(c.Recvs, Use{instr, i}) })
			}
		}
	case *ssa.Store:
		switch addr := instr.Addr.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			// A local or captured variable: its loads lead back here.
		case *ssa.FieldAddr:
			if f := ssax.Field(addr.X.Type(), addr.Field); f != nil {
				s.merge(instr.Val, ID{Kind: Field, Field: f})
				if isChanMap(instr.Val.Type()) && !freshMap(instr.Val) {
					s.escapeID(ID{Kind: Elem, Field: f}, StoredElsewhere, instr)
				}
			} else {
				s.escape(instr.Val, StoredElsewhere, instr)
			}
		case *ssa.Global:
			s.merge(instr.Val, ID{Kind: Global, Global: addr})
			if isChanMap(instr.Val.Type()) && !freshMap(instr.Val) {
				s.escapeID(ID{Kind: Elem, Global: addr}, StoredElsewhere, instr)
			}
		default:
			s.escape(instr.Val, StoredElsewhere, instr)
		}
	case *ssa.MapUpdate:
		if id, ok := mapElem(instr.Map); ok {
			// m[k] = ch on a map held in a field or global: the
			// channel is one of the map's elements, which every
			// lookup and range of it yields (originsOf).
			s.merge(instr.Key, id)
			s.merge(instr.Value, id)
			break
		}
		s.escape(instr.Key, StoredElsewhere, instr)
		s.escape(instr.Value, StoredElsewhere, instr)
	case *ssa.Return:
		fn := instr.Parent()
		_, known := s.sites.AllCalls(fn)
		for i, r := range instr.Results {
			if known && isChan(r.Type()) {
				// Every call of fn is indexed: the channel is what
				// the calls' results are (originsOf), not an escape.
				s.merge(r, ID{Kind: Result, Func: fn, Index: i})
				continue
			}
			s.escape(r, Returned, instr)
		}
	case *ssa.MakeInterface:
		s.escape(instr.X, Converted, instr)
	case ssa.CallInstruction:
		s.call(instr)
	}
}

// call records a close, or what a call does with its channel arguments.
func (s *Summary) call(instr ssa.CallInstruction) {
	common := instr.Common()
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			if len(common.Args) == 1 {
				s.use(common.Args[0], func(c *Channel) { c.Closes = append(c.Closes, Use{instr, -1}) })
			}
		case "len", "cap":
		default:
			for _, a := range common.Args {
				s.escape(a, PassedOut, instr)
			}
		}
		return
	}
	var callee *ssa.Function
	resolved := false
	for i, a := range common.Args {
		if !isChan(a.Type()) {
			continue
		}
		if !resolved {
			callee, resolved = s.Resolver().Callee(common), true
		}
		p := callees.Param(common, callee, i)
		if !s.indexed[callee] || p == nil {
			s.escape(a, PassedOut, instr)
			continue
		}
		s.merge(a, ID{Kind: Param, Param: p})
		s.use(a, func(c *Channel) { c.Passed = append(c.Passed, Passed{instr, callee, i}) })
	}
}

// use applies f to each channel v may be.
func (s *Summary) use(v ssa.Value, f func(*Channel)) {
	for _, id := range s.originsOf(v) {
		f(s.channel(id))
	}
}

// escape records that the channels v may be escape through instr; v that
// is not a channel is ignored.
func (s *Summary) escape(v ssa.Value, r Reason, instr ssa.Instruction) {
	if v == nil || !isChan(v.Type()) {
		return
	}
	s.use(v, func(c *Channel) { c.Escapes = append(c.Escapes, Escape{r, instr}) })
}

// escapeID records that id's channel escapes through instr.
func (s *Summary) escapeID(id ID, r Reason, instr ssa.Instruction) {
	c := s.channel(id)
	c.Escapes = append(c.Escapes, Escape{r, instr})
}

// merge makes every channel v may be one channel with id.
func (s *Summary) merge(v ssa.Value, id ID) {
	if !isChan(v.Type()) {
		return
	}
	for _, other := range s.originsOf(v) {
		s.union(id, other)
	}
}

func (s *Summary) originsOf(v ssa.Value) []ID {
	ids, ok := s.origins[v]
	if !ok {
		ids = Origins(v)
		for i, id := range ids {
			if id.Kind == External {
				if r, ok := s.resultOf(id.Value); ok {
					ids[i] = r
				} else if e, ok := elemOf(id.Value); ok {
					ids[i] = e
				} else if f, ok := s.getterOf(id.Value); ok {
					ids[i] = f
				}
			}
		}
		if !s.frozen {
			s.origins[v] = ids
		}
	}
	return ids
}

// resultOf returns the Result identity of v when v is a result of a
// static call of an indexed function whose every call the index sees: the
// channels its returns merge into.
func (s *Summary) resultOf(v ssa.Value) (ID, bool) {
	call, index, ok := CallResult(v)
	if !ok {
		return ID{}, false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || !s.indexed[callee] {
		return ID{}, false
	}
	if _, known := s.sites.AllCalls(callee); !known {
		return ID{}, false
	}
	return ID{Kind: Result, Func: callee, Index: index}, true
}

// getterOf returns the identity of v when v is the result of a static
// call of an indexed function that returns the same struct field (or
// package-level variable) on every return: a getter (func (b *buf) get()
// <-chan T { return b.c }). The field is the channel's identity whoever
// calls the getter, so the caller's channel is that field even when the
// getter is exported; what outsiders may do with it is the Returned
// escape recorded at the getter's return.
func (s *Summary) getterOf(v ssa.Value) (ID, bool) {
	call, index, ok := CallResult(v)
	if !ok {
		return ID{}, false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || !s.indexed[callee] || callee.Blocks == nil {
		return ID{}, false
	}
	var found ID
	n := 0
	for _, ret := range ssax.Returns(callee) {
		if index >= len(ret.Results) {
			return ID{}, false
		}
		ids := Origins(ret.Results[index])
		if len(ids) != 1 || (ids[0].Kind != Field && ids[0].Kind != Global) {
			return ID{}, false
		}
		if n > 0 && ids[0] != found {
			return ID{}, false
		}
		found, n = ids[0], n+1
	}
	return found, n > 0
}

// channel returns id's channel, creating it (with the escape its kind
// implies) on first sight.
func (s *Summary) channel(id ID) *Channel {
	if _, ok := s.parent[id]; ok {
		return s.channels[s.find(id)]
	}
	s.parent[id] = id
	c := &Channel{IDs: []ID{id}}
	if s.fromOutside(id) {
		c.Escapes = append(c.Escapes, Escape{Reason: FromOutside})
	}
	s.channels[id] = c
	return c
}

// fromOutside reports whether code outside the index may hold id's channel.
func (s *Summary) fromOutside(id ID) bool {
	switch id.Kind {
	case Make:
		return false
	case Field:
		return s.visible(id.Field)
	case Global:
		return id.Global.Object() != nil && s.visible(id.Global.Object())
	case Param:
		fn := id.Param.Parent()
		return fn == nil || !s.indexed[fn] || s.sites.Taken(fn) || (fn.Object() != nil && s.visible(fn.Object()))
	case Result:
		return false // resultOf: every call is indexed
	case Elem:
		if id.Field != nil {
			return id.Field.Exported()
		}
		return id.Global.Object() != nil && id.Global.Object().Exported()
	}
	return true
}

// visible reports whether another package can name obj: exported, and
// not declared in a _test.go file that no external test package can
// import (ssax.HiddenTestDecl).
func (s *Summary) visible(obj types.Object) bool {
	if !obj.Exported() {
		return false
	}
	if len(s.funcs) == 0 || s.funcs[0].Prog == nil {
		return true
	}
	return !ssax.HiddenTestDecl(s.funcs[0].Prog.Fset, obj)
}

func (s *Summary) find(id ID) ID {
	if s.frozen {
		return s.parent[id] // every ID points at its representative
	}
	for s.parent[id] != id {
		s.parent[id] = s.parent[s.parent[id]]
		id = s.parent[id]
	}
	return id
}

// union merges the channels of a and b, keeping a's representative.
func (s *Summary) union(a, b ID) {
	ca, cb := s.channel(a), s.channel(b)
	ra, rb := s.find(a), s.find(b)
	if ra == rb {
		return
	}
	s.parent[rb] = ra
	ca.IDs = append(ca.IDs, cb.IDs...)
	ca.Sends = append(ca.Sends, cb.Sends...)
	ca.Recvs = append(ca.Recvs, cb.Recvs...)
	ca.Closes = append(ca.Closes, cb.Closes...)
	ca.Passed = append(ca.Passed, cb.Passed...)
	ca.Escapes = append(ca.Escapes, cb.Escapes...)
	delete(s.channels, rb)
}

// mapElem returns the Elem identity of the map v is, when v loads a map
// of channels (keys or values) from a struct field or a package-level
// variable: b.subs in b.subs[id] = ch.
func mapElem(v ssa.Value) (ID, bool) {
	if fv, ok := v.(*ssa.Field); ok && isChanMap(fv.Type()) {
		if f := ssax.Field(fv.X.Type(), fv.Field); f != nil {
			return ID{Kind: Elem, Field: f}, true // a copy of the struct holds the same map
		}
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || !isChanMap(load.Type()) {
		return ID{}, false
	}
	switch addr := load.X.(type) {
	case *ssa.FieldAddr:
		if f := ssax.Field(addr.X.Type(), addr.Field); f != nil {
			return ID{Kind: Elem, Field: f}, true
		}
	case *ssa.Global:
		return ID{Kind: Elem, Global: addr}, true
	}
	return ID{}, false
}

// elemOf returns the Elem identity of v when v is a key or value of a map
// of channels held in a field or global: a lookup (ch := b.subs[id], ch,
// ok := b.subs[id]) or a range's key or value (for _, ch := range b.subs).
func elemOf(v ssa.Value) (ID, bool) {
	switch x := v.(type) {
	case *ssa.Lookup:
		if _, isMap := x.X.Type().Underlying().(*types.Map); isMap && !x.CommaOk {
			return mapElem(x.X)
		}
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.Lookup:
			if x.Index == 0 {
				return mapElem(t.X)
			}
		case *ssa.Next:
			if r, ok := t.Iter.(*ssa.Range); ok && !t.IsString && (x.Index == 1 || x.Index == 2) {
				return mapElem(r.X)
			}
		}
	}
	return ID{}, false
}

// isChanMap reports whether t is a map whose keys or values are channels.
func isChanMap(t types.Type) bool {
	m, ok := t.Underlying().(*types.Map)
	return ok && (isChan(m.Key()) || isChan(m.Elem()))
}

// freshMap reports whether v is a new map (make, a literal) or nil: what
// it holds comes from the stores into it that the index sees.
func freshMap(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.MakeMap, *ssa.Const:
		return true
	}
	return false
}

// onlyIndexedMap reports whether the map load yields is only looked up,
// ranged over, stored into, deleted from, measured or compared: nothing
// else can reach its channels.
func onlyIndexedMap(load ssa.Value) bool {
	refs := load.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.Lookup, *ssa.Range, *ssa.DebugRef:
		case *ssa.MapUpdate:
			if x.Map != ssa.Value(load) {
				return false // the map stored as a key or value of another
			}
		case *ssa.BinOp:
			// m == nil
		case *ssa.Call:
			b, ok := x.Call.Value.(*ssa.Builtin)
			if !ok || (b.Name() != "len" && b.Name() != "delete") {
				return false
			}
		default:
			return false
		}
	}
	return true
}
