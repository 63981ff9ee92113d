package locks_test

import (
	"strings"
	"testing"

	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/ssatest"
)

const keyedSrc = `package p

import "sync"

type K struct {
	m map[string]*sync.Mutex
}

func (k *K) lock(key string)   { k.m[key].Lock() }
func (k *K) unlock(key string) {
	if mu, ok := k.m[key]; ok {
		mu.Unlock()
	}
}
func (k *K) fixed()            { k.m["a"].Lock() }
func (k *K) computed(key string) { k.m[key+"x"].Lock() }
func (k *K) viaHelper(key string) { k.lock(key) }
func (k *K) viaConst()         { k.lock("b") }
func (k *K) viaComputed(key string) { k.lock(key + "x") }
`

// TestKeyedLocks: the element of a map of mutex pointers under a
// constant key or a parameter is a mutex the summary names, and a caller
// maps the parameter's element to its own argument.
func TestKeyedLocks(t *testing.T) {
	pkg := ssatest.Build(t, keyedSrc)
	info := locks.NewInfo()
	str := func(es []locks.Effect) string {
		var s []string
		for _, e := range es {
			s = append(s, e.String())
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		fn, acquires, releases string
	}{
		{"(*K).lock", "p0/m.*.[@p1]", ""},
		{"(*K).unlock", "", "p0/m.*.[@p1]"},    // the comma-ok lookup's element
		{"(*K).fixed", `p0/m.*.["a"]`, ""},     // a constant key
		{"(*K).computed", "", ""},              // a computed key: unknown
		{"(*K).viaHelper", "p0/m.*.[@p1]", ""}, // the helper's key is the caller's parameter
		{"(*K).viaConst", `p0/m.*.["b"]`, ""},  // or its constant argument
		{"(*K).viaComputed", "", ""},           // a computed argument: unknown
	} {
		s := info.Summarize(ssatest.Func(t, pkg, tc.fn))
		if got := str(s.Acquires); got != tc.acquires {
			t.Errorf("%s acquires %q, want %q", tc.fn, got, tc.acquires)
		}
		if got := str(s.Releases); got != tc.releases {
			t.Errorf("%s releases %q, want %q", tc.fn, got, tc.releases)
		}
	}
}
