package callees

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// callbacks are the library functions that call a function argument:
// the index of the argument and whether it runs in a new goroutine.
var callbacks = map[string]struct {
	arg       int
	goroutine bool
}{
	"(*sync.Once).Do":                           {1, false},
	"time.AfterFunc":                            {1, true},
	"context.AfterFunc":                         {1, true},
	"(*golang.org/x/sync/errgroup.Group).Go":    {1, true},
	"(*golang.org/x/sync/errgroup.Group).TryGo": {1, true},
	"(*sync.WaitGroup).Go":                      {1, true},
}

// libraries are the packages of callbacks, printers and the other
// functions Implicit knows: a cheap first test for every call.
var libraries = map[string]bool{
	"sync": true, "time": true, "context": true, "golang.org/x/sync/errgroup": true,
	"fmt": true, "log": true, "sort": true, "encoding/json": true,
}

// printers are fmt's printing functions (and log's, which print through
// them): the index of the format argument, or -1 when every operand is
// printed with %v.
var printers = map[string]int{
	"fmt.Sprintf": 0, "fmt.Printf": 0, "fmt.Errorf": 0, "fmt.Fprintf": 1, "fmt.Appendf": 1,
	"fmt.Sprint": -1, "fmt.Sprintln": -1, "fmt.Print": -1, "fmt.Println": -1,
	"fmt.Fprint": -1, "fmt.Fprintln": -1, "fmt.Append": -1, "fmt.Appendln": -1,
	"log.Printf": 0, "log.Fatalf": 0, "log.Panicf": 0, "log.Print": -1, "log.Println": -1,
	"log.Fatal": -1, "log.Fatalln": -1, "log.Panic": -1, "log.Panicln": -1,
	"(*log.Logger).Printf": 0, "(*log.Logger).Fatalf": 0, "(*log.Logger).Panicf": 0,
	"(*log.Logger).Print": -1, "(*log.Logger).Println": -1,
}

// Implicit returns what the library function called at call runs for the
// caller: the f of Once.Do(f) (and, in a new goroutine, of AfterFunc and
// errgroup's Go), the String, Error or Format method of an operand that
// fmt prints with a verb that calls it, the Len, Less and Swap methods
// sort.Sort calls, the MarshalJSON method of json.Marshal's argument.
// Each Resolution has How Library and Via naming the library function.
func (r *Resolver) Implicit(call *ssa.CallCommon) []Resolution {
	if r == nil || r.static || staticOnly || call.IsInvoke() {
		return nil
	}
	callee := ssax.Callee(call)
	if callee == nil || callee.Pkg() == nil {
		return nil
	}
	if !libraries[callee.Pkg().Path()] {
		return r.paramCallbacks(call, callee)
	}
	name := ssax.FullName(callee)
	if cb, ok := callbacks[name]; ok {
		if cb.arg >= len(call.Args) {
			return nil
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		res := r.values(call, call.Args[cb.arg], Library)
		res.How, res.Dynamic, res.Go, res.Via, res.Arg = Library, true, cb.goroutine, name, call.Args[cb.arg]
		return []Resolution{res}
	}
	var methods []methodArg
	if format, ok := printers[name]; ok {
		methods = printed(call, format)
	} else {
		switch name {
		case "sort.Sort", "sort.Stable":
			if len(call.Args) == 1 {
				methods = []methodArg{{call.Args[0], "Len"}, {call.Args[0], "Less"}, {call.Args[0], "Swap"}}
			}
		case "encoding/json.Marshal", "encoding/json.MarshalIndent":
			if len(call.Args) >= 1 {
				methods = []methodArg{{call.Args[0], "MarshalJSON"}}
			}
		}
	}
	if len(methods) == 0 || r.prog == nil {
		return nil
	}
	var out []Resolution
	for _, m := range methods {
		mi, ok := m.arg.(*ssa.MakeInterface)
		if !ok {
			continue // the dynamic type is not known here
		}
		sel := r.prog.MethodSets.MethodSet(mi.X.Type()).Lookup(nil, m.name)
		if sel == nil {
			continue
		}
		fn := r.prog.MethodValue(sel)
		if fn == nil {
			continue
		}
		out = append(out, Resolution{Site: call, How: Library, Dynamic: true, Complete: true, Callees: []*ssa.Function{fn}, Via: name, Arg: mi.X})
	}
	return out
}

type methodArg struct {
	arg  ssa.Value
	name string
}

// printed returns the methods fmt calls on the operands of a printing
// call: Format for any verb but %T and %p, else Error, else String for
// %v %s %q %x %X (fmt's handleMethods). format is the index of the
// format argument (-1: every operand is printed with %v); a format that
// is not a constant, or uses explicit argument indexes, gives nothing.
func printed(call *ssa.CallCommon, format int) []methodArg {
	if len(call.Args) == 0 {
		return nil
	}
	operands := ssax.Variadic(call.Args[len(call.Args)-1])
	var verbs []rune
	if format < 0 {
		verbs = make([]rune, len(operands))
		for i := range verbs {
			verbs[i] = 'v'
		}
	} else {
		if format >= len(call.Args)-1 {
			return nil
		}
		c, ok := call.Args[format].(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.String {
			return nil
		}
		verbs, ok = formatVerbs(constant.StringVal(c.Value))
		if !ok {
			return nil
		}
	}
	var out []methodArg
	for i, v := range operands {
		if i >= len(verbs) || v == nil {
			break
		}
		verb := verbs[i]
		if verb == 'T' || verb == 'p' || verb == '*' {
			continue
		}
		mi, ok := v.(*ssa.MakeInterface)
		if !ok {
			continue
		}
		ms := mi.Parent().Prog.MethodSets.MethodSet(mi.X.Type())
		switch {
		case hasMethod(ms, "Format", 2, 0):
			out = append(out, methodArg{v, "Format"})
		case strings.ContainsRune("vsqxXw", verb) && hasMethod(ms, "Error", 0, 1):
			out = append(out, methodArg{v, "Error"})
		case strings.ContainsRune("vsqxXw", verb) && hasMethod(ms, "String", 0, 1):
			out = append(out, methodArg{v, "String"})
		}
	}
	return out
}

func hasMethod(ms *types.MethodSet, name string, params, results int) bool {
	sel := ms.Lookup(nil, name)
	if sel == nil {
		return false
	}
	sig := sel.Type().(*types.Signature)
	return sig.Params().Len() == params && sig.Results().Len() == results
}

// formatVerbs returns the verb that prints each operand of format, '*'
// for an operand taken by a * width or precision; ok is false for explicit
// argument indexes.
func formatVerbs(format string) (verbs []rune, ok bool) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) {
			c := format[i]
			switch {
			case c == '[':
				return nil, false
			case c == '*':
				verbs = append(verbs, '*')
			case strings.IndexByte("+-# 0.", c) >= 0 || (c >= '0' && c <= '9'):
			default:
				if c != '%' {
					verbs = append(verbs, rune(c))
				}
				goto next
			}
			i++
		}
	next:
	}
	return verbs, true
}

// Names lists the candidates of r for a message: "(*T).flush" or
// "(*A).run, (*B).run".
func (r Resolution) Names() string {
	var b strings.Builder
	for i, fn := range r.Callees {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(funcName(fn))
	}
	return b.String()
}

// Describe names where a dynamic call leads, for a message: the
// candidate when there is one ("(*T).flush"), else the call and its
// candidates ("s.onEvent (each of (*A).run, (*B).run)"); a library
// callback is "(*sync.Once).Do, which calls (*T).init". It is empty for
// a static call. Related names the call at each candidate.
func (r Resolution) Describe() string {
	switch {
	case r.How == Static:
		return ""
	case r.How == Library:
		return fmt.Sprintf("%s, which calls %s", shortName(r.Via), r.Names())
	case len(r.Callees) == 1:
		return r.Names()
	}
	return fmt.Sprintf("%s (each of %s)", r.callName(), r.Names())
}

// callName names the dynamic call as written: "s.onEvent", "w.out.flush".
func (r Resolution) callName() string {
	if r.Site.IsInvoke() {
		return ssax.Name(r.Site.Value) + "." + r.Site.Method.Name()
	}
	return ssax.Name(r.Site.Value)
}

// Related returns the candidates' positions for a diagnostic's related
// information, each naming the call that reaches it (empty for a static
// call).
func (r Resolution) Related() []analysis.RelatedInformation {
	if r.How == Static {
		return nil
	}
	via := r.callName()
	if r.How == Library {
		via = shortName(r.Via)
	}
	var out []analysis.RelatedInformation
	for _, fn := range r.Callees {
		if pos := fn.Pos(); pos != token.NoPos {
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: fmt.Sprintf("%s can run %s", via, funcName(fn))})
		}
	}
	return out
}

func funcName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic == "" {
		return ssax.ShortFuncName(obj)
	}
	if fn.Parent() != nil {
		return "the function literal in " + funcName(fn.Parent())
	}
	return fn.Name()
}

func shortName(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		// "(*golang.org/x/sync/errgroup.Group).Go" → "(*errgroup.Group).Go"
		prefix := ""
		if strings.HasPrefix(full, "(*") {
			prefix = "(*"
		} else if strings.HasPrefix(full, "(") {
			prefix = "("
		}
		return prefix + full[i+1:]
	}
	return full
}

// paramCallbacks resolves the function arguments that a function of
// another package calls itself (its CallsParamFact): what the call runs
// for the caller, as for the library callbacks above.
func (r *Resolver) paramCallbacks(call *ssa.CallCommon, callee *types.Func) []Resolution {
	if r.paramCalls == nil || callee.Pkg() == r.pkg {
		return nil
	}
	calls := r.paramCalls(callee)
	if len(calls) == 0 {
		return nil
	}
	shift := 0
	if sig, ok := callee.Type().(*types.Signature); ok && sig.Recv() != nil {
		shift = 1 // a static method call passes its receiver first
	}
	name := ssax.FullName(callee)
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Resolution
	for _, pc := range calls {
		i := pc.Index + shift
		if i >= len(call.Args) {
			continue
		}
		res := r.values(call, call.Args[i], Library)
		res.How, res.Dynamic, res.Go, res.Via = Library, true, pc.Go, name
		out = append(out, res)
	}
	return out
}

// Started returns what the function handed to a goroutine-starting call
// may be (errgroup's Go and TryGo, WaitGroup.Go: a function value, a
// closure, a method value), as Implicit resolves the library callback;
// for a resolver that resolves static calls only (outside an analysis
// run, the standard library), the function or closure written there.
func (r *Resolver) Started(c *ssa.CallCommon) Resolution {
	for _, res := range r.Implicit(c) {
		if res.How == Library {
			return res
		}
	}
	if len(c.Args) == 2 {
		if fn := ssax.FuncValue(c.Args[1]); fn != nil {
			return Resolution{Site: c, Callees: []*ssa.Function{fn}, Complete: true}
		}
	}
	return Resolution{Site: c}
}
