// Package blocking answers the first question every conclint pass asks:
// can this instruction, or a call to this function, wait without bound?
//
// It classifies SSA instructions (channel operations, select statements,
// sync and time primitives, network, HTTP, database and process calls) and
// summarizes each function of the package as blocking or not, exporting a
// BlocksFact so that callers in other packages see through the call. The
// Analyzer computes the summaries; passes Require it and use its *Info.
//
// It must not decide whether a wait is a bug: that depends on what is held
// (lockblock), on who waits on the other end (goroutineleak) or on the
// context in scope (ctxdone). It only says what the wait is and whether it
// has a bounded or cancellable way out.
package blocking

import (
	"fmt"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// Kind says what sort of wait an operation is.
type Kind int

const (
	NotBlocking Kind = iota
	ChanSend
	ChanRecv
	Select
	WaitGroupWait
	CondWait
	MutexLock
	Sleep
	NetIO
	// ConnIO is a read, write or accept on an established connection or
	// listener: it waits for the peer, bounded only by deadlines set on
	// the connection, which this package does not track.
	ConnIO
	HTTP
	SQL
	Exec
	// Call is a call to a function summarized as blocking.
	Call
)

var kindNames = [...]string{"not blocking", "channel send", "channel receive", "select", "wait group wait", "condition wait", "mutex lock", "sleep", "network I/O", "connection I/O", "HTTP request", "database call", "process wait", "blocking call"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Op describes one operation that can wait.
type Op struct {
	Kind  Kind
	Instr ssa.Instruction
	// What names the operation for a message: "send on channel s.ch",
	// "call to (*sync.WaitGroup).Wait", "call to (*Store).flush, which
	// sends on channel s.events".
	What string
	// Chan is the channel of a ChanSend or ChanRecv.
	Chan ssa.Value
	// Bounded means the wait ends by itself: a select with a timer case,
	// a receive from a timer channel.
	Bounded bool
	// Cancellable means a context's Done channel can end the wait.
	Cancellable bool
	// Callee is the function called, for Kind Call and the call kinds.
	Callee *types.Func
	// Leaf describes the primitive wait at the end of a chain of calls
	// ("send on channel s.events"), and LeafKind is its kind; for a
	// primitive they equal What and Kind.
	Leaf     string
	LeafKind Kind
	// ChanParam is 1 + the index of the parameter of the enclosing
	// function that the leaf's channel is, or 0. A caller that passes nil
	// there makes the operation unreachable (if ch != nil { ch <- v }).
	ChanParam int
	// LeafChan is, for a call whose callee waits on a channel it is handed
	// (the leaf's channel is the callee's parameter), the channel the call
	// passes there: a worker that calls dump(jobs), which ranges over its
	// parameter, waits on jobs.
	LeafChan ssa.Value
	// Depth is the number of calls between this operation and the
	// primitive wait: 0 for a primitive.
	Depth int
	// Related names, for a call through a function value, an interface
	// or a library callback, the candidates it can run (callees.Agree):
	// a pass reporting through the call attaches them to its diagnostic.
	Related []analysis.RelatedInformation
}

// maxSummaryDepth bounds how far a wait propagates up the call graph: a
// function is summarized as blocking when it waits itself or within this
// many nested calls. Longer chains lead into other components' internals,
// often on paths guarded by state the analysis cannot see (a debug or
// strict mode), and a finding there would be hard to check and rarely real.
const maxSummaryDepth = 2

// Unbounded reports whether the wait can last forever with nothing in
// the operation itself to end it.
func (op Op) Unbounded() bool { return op.Kind != NotBlocking && !op.Bounded && !op.Cancellable }

// BlocksFact marks a function that can wait without bound when called.
// It is small and deterministic: the kind and a description of the first
// such operation in source order.
type BlocksFact struct {
	Kind      Kind
	What      string
	ChanParam int // as Op.ChanParam
	Depth     int // as Op.Depth
}

func (*BlocksFact) AFact() {}

func (f *BlocksFact) String() string { return fmt.Sprintf("blocks(%s)", f.What) }

// Analyzer summarizes which functions of a package can block.
var Analyzer = &analysis.Analyzer{
	Name:       "blockingfacts",
	Doc:        "summarizes which functions can wait without bound (conclint core)",
	URL:        "https://github.com/conclint/conclint/blob/main/docs/architecture.md",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, callees.Analyzer},
	Run:        passutil.Guard("blockingfacts", run),
	ResultType: reflect.TypeFor[*Info](),
	FactTypes:  []analysis.Fact{new(BlocksFact)},
}

// Info classifies the operations of one package. It memoizes as it goes
// and is not safe for concurrent use: passes that require the Analyzer may
// run at the same time on one package, so each takes its own with Fork.
type Info struct {
	funcs   []*ssa.Function
	pass    *analysis.Pass
	source  *ssax.Source
	calls   *callees.Resolver
	chans   *chans.Summary
	exits   *waitexit.Checker
	summary map[*ssa.Function]*Op // nil value: computed, not blocking
	visit   map[*ssa.Function]bool
	// inProducer holds the receives ownProducer is judging (a cut for
	// producers that receive from their own producers)
	inProducer map[*ssa.UnOp]bool
	producer   map[*ssa.UnOp]bool // ownProducer's answers
	extra      extraFuncs         // configured blocking and network functions (extra.go)
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	info := newInfo(ssainfo.SrcFuncs, pass.ResultOf[callees.Analyzer].(*callees.Resolver))
	info.pass = pass
	info.source = ssax.SourceOf(pass.Files)
	info.extra = extraOf(pass.Analyzer)
	if passutil.InGOROOT(pass) {
		// The standard library's waits are the knownBlocking table; its
		// internals (runtime, scheduler) would only add noise.
		return info, nil
	}
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		op := info.FuncBlocks(fn)
		obj, ok := passutil.FactTarget(pass, fn)
		if op == nil || !ok {
			return
		}
		pass.ExportObjectFact(obj, &BlocksFact{Kind: op.LeafKind, What: op.Leaf, ChanParam: op.ChanParam, Depth: op.Depth})
	})
	return info, nil
}

// NewInfo returns an Info over the given functions of one package (their
// channels are indexed together). Outside an analysis run, as in tests,
// imported facts are unavailable.
func NewInfo(funcs []*ssa.Function) *Info {
	return newInfo(funcs, callees.New(nil, funcs))
}

// newInfo returns an Info that resolves calls with the shared calls.
func newInfo(funcs []*ssa.Function, calls *callees.Resolver) *Info {
	idx := chans.Index(ssax.WithInit(nil, funcs)) // a channel made by a package-level variable's initializer, too
	return &Info{funcs: funcs, chans: idx, exits: waitexit.New(idx), calls: calls, summary: map[*ssa.Function]*Op{}, visit: map[*ssa.Function]bool{}, inProducer: map[*ssa.UnOp]bool{}, producer: map[*ssa.UnOp]bool{}}
}

// Fork returns a fresh Info over the same package, with its own memo
// tables, for one pass's exclusive use. The channel index and the
// resolver are shared: neither changes once built.
func (info *Info) Fork() *Info {
	f := &Info{funcs: info.funcs, chans: info.chans, exits: waitexit.New(info.chans), calls: info.calls, summary: map[*ssa.Function]*Op{}, visit: map[*ssa.Function]bool{}, inProducer: map[*ssa.UnOp]bool{}, producer: map[*ssa.UnOp]bool{}}
	f.pass = info.pass
	f.extra = info.extra
	if info.pass != nil {
		f.source = ssax.SourceOf(info.pass.Files)
	}
	return f
}

// Chans is the channel index of the package, shared with the passes.
func (info *Info) Chans() *chans.Summary { return info.chans }

// Exits answers "is there a way out of this wait" for the package.
func (info *Info) Exits() *waitexit.Checker { return info.exits }

// FuncBlocks reports the first operation in fn, in block order, that can
// wait without bound when fn is called, on every path through fn, or nil. Calls are followed into
// functions of this package and, through facts, of its dependencies.
// Recursion is cut: a cycle is assumed not to block.
func (info *Info) FuncBlocks(fn *ssa.Function) *Op {
	if op, done := info.summary[fn]; done {
		return op
	}
	if info.visit[fn] || fn.Blocks == nil {
		return nil
	}
	info.visit[fn] = true
	var found *Op
	var pd *cfg.PostDom
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			op, ok := info.Classify(instr)
			if !ok || !op.Unbounded() || op.Kind == MutexLock || op.Depth > maxSummaryDepth {
				continue
			}
			if pd == nil {
				pd = cfg.PostDominators(fn)
			}
			if !onEveryPath(pd, fn, b) && !onEveryNonNilPath(fn, b, op) {
				// ok: a wait on some paths only (a debug or strict mode, an
				// error branch) does not make every call of fn wait; the
				// caller cannot see which path it takes.
				continue
			}
			found = new(Op) // a copy: &op would move every op of the loop to the heap
			*found = op
			break
		}
		if found != nil {
			break
		}
	}
	info.summary[fn] = found
	return found
}

// onEveryPath reports whether every path from fn's entry to a return
// passes through b; a function that cannot return at all waits wherever
// it waits.
func onEveryPath(pd *cfg.PostDom, fn *ssa.Function, b *ssa.BasicBlock) bool {
	entry := fn.Blocks[0]
	if !pd.PostDominates(entry, entry) {
		return true // entry cannot reach a return: fn never returns
	}
	return pd.PostDominates(b, entry)
}

// onEveryNonNilPath reports whether every path from fn's entry to a
// return passes through b, the block of the channel operation op, except
// paths that skip it because its channel is nil (if s.stop != nil {
// s.stop <- v }): a nil channel has no partner to wait for, and with a
// channel set the function always waits, so a caller that holds what the
// channel's partner needs deadlocks whenever there is a partner at all.
func onEveryNonNilPath(fn *ssa.Function, b *ssa.BasicBlock, op Op) bool {
	if (op.Kind != ChanSend && op.Kind != ChanRecv) || op.Chan == nil {
		return false
	}
	guarded := false
	seen := map[*ssa.BasicBlock]bool{b: true}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		blk := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[blk] {
			continue
		}
		seen[blk] = true
		succs := blk.Succs
		if nilSide, ok := nilChanBranch(blk, op.Chan); ok {
			guarded = true
			succs = []*ssa.BasicBlock{blk.Succs[1-nilSide]}
		}
		if len(succs) == 0 {
			if _, ret := blk.Instrs[len(blk.Instrs)-1].(*ssa.Return); ret {
				return false // a return reached with the channel set, without the wait
			}
		}
		stack = append(stack, succs...)
	}
	return guarded
}

// nilChanBranch reports whether blk ends in a test of ch against nil
// (ch == nil, ch != nil, on the same value or field path), and which of
// its two successors is taken when ch is nil.
func nilChanBranch(blk *ssa.BasicBlock, ch ssa.Value) (nilSide int, ok bool) {
	if len(blk.Instrs) == 0 {
		return 0, false
	}
	br, isIf := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
	if !isIf {
		return 0, false
	}
	other, eql, isNilTest := ssax.NilTest(br.Cond)
	if !isNilTest || !ssax.SameFieldPath(other, ch) {
		return 0, false
	}
	if eql {
		return 0, true // if ch == nil: the true successor
	}
	return 1, true
}

// Classify reports whether instr can wait, and how. A select with a
// default case, a send on a channel known to be buffered, and calls that
// do not wait report false.
func (info *Info) Classify(instr ssa.Instruction) (Op, bool) {
	switch x := instr.(type) {
	case *ssa.Send:
		if info.chans.Buffered(x.Chan) {
			return Op{}, false
		}
		return primitive(Op{Kind: ChanSend, Instr: instr, Chan: x.Chan, What: "send on channel " + info.chanName(instr, x.Chan), ChanParam: paramIndex(x.Chan)}), true
	case *ssa.UnOp:
		if x.Op != token.ARROW {
			return Op{}, false
		}
		op := Op{Kind: ChanRecv, Instr: instr, Chan: x.X, What: "receive from channel " + info.chanName(instr, x.X), ChanParam: paramIndex(x.X)}
		if info.chans.Token(x) {
			// A token taken from a channel used as a lock, given back by
			// the same function: an acquisition, like Mutex.Lock.
			return primitive(Op{Kind: MutexLock, Instr: instr, Chan: x.X, What: "receive of a token from channel " + info.chanName(instr, x.X)}), true
		}
		// A receive that ends only when a channel is closed still waits
		// for whoever closes it; only timers and contexts bound it.
		exit, _ := info.exits.CanEnd(x.X)
		op.Bounded = exit == waitexit.Timer || info.ownProducer(x)
		op.Cancellable = exit == waitexit.CtxDone
		return primitive(op), true
	case *ssa.Select:
		if !x.Blocking {
			return Op{}, false
		}
		op := Op{Kind: Select, Instr: instr, What: "select with no default case"}
		for _, exit := range info.exits.Cases(x) {
			switch exit {
			case waitexit.Timer:
				op.Bounded = true
			case waitexit.CtxDone, waitexit.ClosedChannel, waitexit.NamedDone:
				// A case that fires on cancellation or shutdown. A channel
				// that merely escapes is not one: it may carry data only.
				op.Cancellable = true
			}
		}
		return primitive(op), true
	case *ssa.Call:
		return info.classifyCall(instr, &x.Call)
	}
	return Op{}, false
}

func (info *Info) classifyCall(instr ssa.Instruction, call *ssa.CallCommon) (Op, bool) {
	if callee := ssax.Callee(call); callee != nil {
		name := ssax.FullName(callee)
		if kind, ok := info.primitiveKind(callee, name); ok {
			return primitive(Op{Kind: kind, Instr: instr, Callee: callee, What: "call to " + name}), true
		}
		switch name {
		case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).RLock":
			return primitive(Op{Kind: MutexLock, Instr: instr, Callee: callee, What: "call to " + name}), true
		}
	}
	res := info.calls.Resolve(call)
	if !res.Dynamic {
		// ok: a function literal called in place is followed by the
		// passes through its own body, not as a callee.
		if callee, named := calleeObj(res.Single()); named {
			if w, ok := info.summaryWait(res.Single(), callee); ok {
				return viaCall(instr, call, callee, w.kind, w.leaf, w.chanParam, w.depth+1)
			}
		}
	} else if op, ok := info.viaDynamic(instr, call, res); ok {
		return op, true
	}
	for _, lib := range info.calls.Implicit(call) {
		if lib.Go {
			continue // ok: the callback runs in a goroutine of its own
		}
		if op, ok := info.viaDynamic(instr, call, lib); ok {
			return op, true
		}
	}
	return Op{}, false
}

// wait is what a callee's summary says of its wait: comparable, so that
// the candidates of a dynamic call can be asked to agree.
type wait struct {
	kind      Kind
	leaf      string
	chanParam int
	depth     int
}

// calleeWait reports how a call of fn waits: by the table of known
// waits, by fn's summary (this package) or by its BlocksFact.
func (info *Info) calleeWait(fn *ssa.Function) (wait, bool) {
	obj, named := calleeObj(fn)
	if named {
		name := ssax.FullName(obj)
		if kind, ok := info.primitiveKind(obj, name); ok {
			return wait{kind: kind, leaf: "call to " + name, depth: -1}, true
		}
	}
	return info.summaryWait(fn, obj)
}

// summaryWait reports how a call of fn (declared as obj, nil for a
// function literal) waits by its summary or BlocksFact.
func (info *Info) summaryWait(fn *ssa.Function, obj *types.Func) (wait, bool) {
	if fn.Blocks != nil {
		if inner := info.FuncBlocks(fn); inner != nil {
			return wait{inner.LeafKind, inner.Leaf, inner.ChanParam, inner.Depth}, true
		}
		return wait{}, false
	}
	if obj != nil && info.pass != nil && obj.Pkg() != nil && obj.Pkg() != info.pass.Pkg {
		var fact BlocksFact
		if info.pass.ImportObjectFact(obj, &fact) {
			return wait{fact.Kind, fact.What, fact.ChanParam, fact.Depth}, true
		}
	}
	return wait{}, false
}

// viaDynamic describes a dynamic call (a function value, an interface
// method, a library callback) that waits. The policy of callees.Agree:
// every candidate must wait, on no channel its caller passes (the
// parameters of candidates do not line up with the call's arguments).
func (info *Info) viaDynamic(instr ssa.Instruction, call *ssa.CallCommon, res callees.Resolution) (Op, bool) {
	first := wait{}
	blocks, ok := callees.Agree(res, func(fn *ssa.Function) bool {
		w, ok := info.calleeWait(fn)
		if ok && first.leaf == "" {
			first = w
		}
		return ok && w.chanParam == 0 && w.depth+1 <= maxSummaryDepth
	})
	if !ok || !blocks {
		return Op{}, false
	}
	callee, _ := calleeObj(res.Single())
	return Op{Kind: Call, Instr: instr, Callee: callee, Leaf: first.leaf, LeafKind: first.kind, Depth: first.depth + 1,
		What:    fmt.Sprintf("call to %s, which blocks on %s,", res.Describe(), first.leaf),
		Related: res.Related()}, true
}

// primitiveKind reports whether f (whose full name is name) is a wait of
// the standard library's table or of the configured extra functions.
func (info *Info) primitiveKind(f *types.Func, name string) (Kind, bool) {
	if kind, ok := knownBlocking[name]; ok {
		return kind, true
	}
	return info.extra.classify(f)
}

// calleeObj returns the declared function or method fn is (its generic
// origin for an instance); named is false for a function literal.
func calleeObj(fn *ssa.Function) (obj *types.Func, named bool) {
	if fn == nil {
		return nil, false
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, named = fn.Object().(*types.Func)
	return obj, named
}

func primitive(op Op) Op {
	op.Leaf, op.LeafKind = op.What, op.Kind
	return op
}

// viaCall describes a call to a function whose summary blocks. When the
// callee blocks on its chanParam-th parameter and the call passes nil
// there, the wait cannot happen: it reports false.
func viaCall(instr ssa.Instruction, call *ssa.CallCommon, callee *types.Func, leafKind Kind, leaf string, chanParam, depth int) (Op, bool) {
	op := Op{Kind: Call, Instr: instr, Callee: callee, Leaf: leaf, LeafKind: leafKind, Depth: depth,
		What: fmt.Sprintf("call to %s, which blocks on %s,", ssax.ShortFuncName(callee), leaf)}
	if chanParam > 0 && chanParam <= len(call.Args) {
		arg := ssax.Unwrap(call.Args[chanParam-1])
		if c, ok := arg.(*ssa.Const); ok && c.IsNil() {
			return Op{}, false // ok: a nil channel disables the callee's wait
		}
		op.ChanParam = paramIndex(arg)
		op.LeafChan = arg
	}
	return op, true
}

// paramIndex returns 1 + the index of the parameter v is, or 0.
func paramIndex(v ssa.Value) int {
	p, ok := ssax.Unwrap(v).(*ssa.Parameter)
	if !ok || p.Parent() == nil {
		return 0
	}
	for i, q := range p.Parent().Params {
		if q == p {
			return i + 1
		}
	}
	return 0
}

// chanName names the channel of a send or receive as the source writes it,
// falling back to the SSA rendering.
func (info *Info) chanName(instr ssa.Instruction, ch ssa.Value) string {
	if name, ok := info.source.ChanOperand(instr.Pos()); ok {
		return name
	}
	return ssax.Name(ch)
}
