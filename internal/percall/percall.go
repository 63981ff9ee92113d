// Package percall settles, over a whole run, findings whose harm depends
// on how often their function is called.
//
// A goroutine that a function abandons, or starts and never stops, is one
// more goroutine per call: a leak when the function runs per request, per
// connection or per object, and one goroutine for the life of the process
// when the program calls it once, at start-up. Within a package the
// passes tell the two apart (wake.Model.ProcessLifetime); when every path
// to the function comes from the package's exported functions or methods,
// only the packages that call them can tell, and go/analysis facts flow
// from a package to its importers, never back.
//
// The standalone driver sees every package of the run, so it settles such
// a finding after the run from two kinds of records that a pass emits when
// its WholeRunFlag is set (the driver sets it; go vet and golangci-lint
// never do, and print the finding as before):
//
//   - a finding record, at the finding's position: the exported entries
//     through which every path to the finding's function comes
//     (FindingRecord), alongside the finding itself;
//   - a call record, at each call of such an entry in an importer (the
//     pass knows the entry by an object fact): whether that call runs
//     once per process (from main, init, a command's action, outside
//     loops), more often (in a loop, per request, from code whose
//     callers are unknown), or once per call of the importer's own
//     exported entries, which are judged in turn by their callers
//     (CallRecord). A call through an interface is recorded for each
//     method with the fact that the interface's dynamic type may be.
//
// A finding is of one of two kinds (Kind). A goroutine left blocked is
// waste however it came to be; a worker that never ends (a ticker loop, an
// accept loop) is a component that does its work for as long as it runs.
// Start-up code that starts one per element of its configuration (one
// listener per configured address: a call in a range over a slice or map
// that hands the element to the call) starts a bounded number of them,
// once: that settles a worker (Each), and never a blocked goroutine.
//
// The driver drops the finding when the entries' calls in the run settle
// it as once per process (Settle): at least one call is known, every call
// is once per process, directly or through entries that are. An entry
// that nothing in the run calls (a library's API) settles nothing, and
// the finding stays: a library analyzed alone keeps its findings, and a
// program analyzed with its main packages (./...) loses those that its
// main calls once.
package percall

import (
	"fmt"
	"sort"
	"strings"
)

// WholeRunFlag is the name of the boolean analyzer flag that makes a pass
// emit its records. Only a driver that settles them sets it.
const WholeRunFlag = "whole-run"

// The categories of the records, under the pass's name
// ("goroutineleak/~finding"); a driver that settles records never prints
// them.
const (
	FindingCategory = "~finding"
	CallCategory    = "~call"
)

// IsRecord reports whether a diagnostic category (with or without the
// pass's name in front) is a record's.
func IsRecord(category string) bool {
	_, c, ok := strings.Cut(category, "/")
	if !ok {
		c = category
	}
	return c == FindingCategory || c == CallCategory
}

// Verdict is how often a call of an entry runs.
type Verdict string

const (
	Once Verdict = "once" // once per process
	Many Verdict = "many" // in a loop, per request, or from unknown callers
	Via  Verdict = "via"  // once per call of the caller's own entries
	// Each: once per element of a collection that code running once per
	// process ranges over, the element handed to the call; EachVia: the
	// same in code run once per call of the caller's own entries.
	Each    Verdict = "each"
	EachVia Verdict = "eachvia"
)

// Kind is what a finding leaves behind per call.
type Kind string

const (
	Blocked Kind = "blocked" // a goroutine blocked for good
	Worker  Kind = "worker"  // a goroutine that keeps working and never ends
)

// FindingRecord is the message of the finding record of the finding whose
// message is finding: its kind, the entries, by types.Func.FullName,
// sorted, then a newline and the finding's message (two findings may share
// a position).
func FindingRecord(kind Kind, entries []string, finding string) string {
	return string(kind) + " " + keys(entries) + "\n" + finding
}

// ParseFindingRecord splits a finding record's message into the entries'
// record and the finding's message.
func ParseFindingRecord(msg string) (entries, finding string, ok bool) {
	return strings.Cut(msg, "\n")
}

func keys(entries []string) string {
	e := append([]string(nil), entries...)
	sort.Strings(e)
	return strings.Join(e, " ")
}

// CallRecord is the message of a call record of callee (a
// types.Func.FullName) with verdict v; via are the caller's entries when v
// is Via.
func CallRecord(callee string, v Verdict, via []string) string {
	msg := fmt.Sprintf("%s %s", callee, v)
	if v == Via || v == EachVia {
		msg += " " + keys(via)
	}
	return msg
}

// call is a decoded call record.
type call struct {
	verdict Verdict
	via     []string
}

// Calls gathers the call records of a run.
type Calls struct {
	byCallee map[string][]call
	memo     map[memoKey]Verdict
}

type memoKey struct {
	entry string
	kind  Kind
}

// Add decodes a call record's message; it reports whether it was one.
func (c *Calls) Add(msg string) bool {
	fields := strings.Fields(msg)
	if len(fields) < 2 {
		return false
	}
	v := Verdict(fields[1])
	switch {
	case v == Once || v == Many || v == Each:
		if len(fields) != 2 {
			return false
		}
	case v == Via || v == EachVia:
		if len(fields) < 3 {
			return false
		}
	default:
		return false
	}
	if c.byCallee == nil {
		c.byCallee = map[string][]call{}
	}
	c.byCallee[fields[0]] = append(c.byCallee[fields[0]], call{v, fields[2:]})
	c.memo = nil
	return true
}

// none is the verdict of an entry that nothing in the run calls.
const none Verdict = ""

// combine joins two verdicts of calls of one entry: any call that runs
// more than once makes it many; a known once beats no call.
func combine(a, b Verdict) Verdict {
	switch {
	case a == Many || b == Many:
		return Many
	case a == Once || b == Once:
		return Once
	}
	return none
}

// verdict returns how often entry runs over the run's calls, for a
// finding of kind: a call per element of start-up configuration counts
// once for a worker and many for a blocked goroutine.
func (c *Calls) verdict(entry string, kind Kind, visiting map[string]bool) Verdict {
	if v, ok := c.memo[memoKey{entry, kind}]; ok {
		return v
	}
	if visiting[entry] {
		return none // a cycle of entries: nothing from outside it
	}
	visiting[entry] = true
	defer delete(visiting, entry)
	v := none
	for _, cl := range c.byCallee[entry] {
		w := cl.verdict
		switch {
		case (w == Each || w == EachVia) && kind != Worker:
			w = Many
		case w == Each:
			w = Once
		case w == Via || w == EachVia:
			w = c.over(cl.via, kind, visiting)
		}
		v = combine(v, w)
	}
	if len(visiting) == 1 {
		if c.memo == nil {
			c.memo = map[memoKey]Verdict{}
		}
		c.memo[memoKey{entry, kind}] = v
	}
	return v
}

// over combines the verdicts of entries.
func (c *Calls) over(entries []string, kind Kind, visiting map[string]bool) Verdict {
	v := none
	for _, e := range entries {
		v = combine(v, c.verdict(e, kind, visiting))
	}
	return v
}

// Settle reports whether a finding whose entries are those of a finding
// record (ParseFindingRecord) is settled as once per process by the run's
// calls: its entries are called in the run, and every call runs once per
// process.
func (c *Calls) Settle(entryRecord string) bool {
	fields := strings.Fields(entryRecord)
	if len(fields) < 2 {
		return false
	}
	kind, entries := Kind(fields[0]), fields[1:]
	if kind != Blocked && kind != Worker {
		return false
	}
	return c.over(entries, kind, map[string]bool{}) == Once
}
