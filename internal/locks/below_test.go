package locks

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssatest"
)

const belowSrc = `package p

import "sync"

type C struct {
	mu sync.RWMutex
	n  int
}

func (c *C) Len() int { c.mu.RLock(); defer c.mu.RUnlock(); return c.n }
func (c *C) count() int { return c.Len() }
func (c *C) drop()      { for c.count() > 0 { c.n-- } }
func (c *C) direct()    { c.mu.RLock(); c.mu.RUnlock() }

func (c *C) Deep()   { c.drop() }
func (c *C) Direct() { c.direct() }
`

// TestAcquiredBelow checks that the search below a call names the
// function that takes the mutex itself and the shortest chain of calls
// to it (callee first), and a chain of one when the callee locks directly.
func TestAcquiredBelow(t *testing.T) {
	pkg := ssatest.Build(t, belowSrc)
	info := newInfo(nil)
	info.calls = callees.New(pkg, ssatest.Funcs(pkg))
	for name, want := range map[string]string{
		"(*C).Deep":   "drop count Len",
		"(*C).Direct": "direct",
	} {
		fn := ssatest.Func(t, pkg, name)
		var got string
		fl := info.Analyze(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				for _, ev := range fl.Events(call) {
					if (ev.Kind != Acquire && ev.Kind != Take) || ev.Via == nil {
						continue
					}
					chain, site := info.AcquiredBelow(call, ev)
					var names []string
					for _, f := range chain {
						names = append(names, f.Name())
					}
					got = strings.Join(names, " ")
					if site == nil || site.Parent() != chain[len(chain)-1] {
						t.Errorf("%s: lock site %v is not in %s", name, site, got)
					}
				}
			}
		}
		if got != want {
			t.Errorf("%s: chain %q, want %q", name, got, want)
		}
	}
}
