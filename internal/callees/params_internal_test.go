package callees

import (
	"testing"

	"github.com/conclint/conclint/internal/ssatest"
)

const paramSrc = `package p

func Direct(f func()) { f() }

func Start(f func()) { go f() }

// NotPanics hands f to a helper of the package that calls it.
func NotPanics(t int, f func()) bool { return didPanic(f) }

func didPanic(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}

// Later hands f to a helper it starts: f runs in a new goroutine.
func Later(f func()) { go run(f) }

func run(f func()) { f() }

// Kept stores f: nothing says it is called.
func Kept(f func()) { keep(f) }

var hook func()

func keep(f func()) { hook = f }
`

func TestParamCallsOf(t *testing.T) {
	pkg := ssatest.Build(t, paramSrc)
	for _, tc := range []struct {
		fn   string
		want []ParamCall
	}{
		{"Direct", []ParamCall{{Index: 0}}},
		{"Start", []ParamCall{{Index: 0, Go: true}}},
		{"NotPanics", []ParamCall{{Index: 1}}},
		{"Later", []ParamCall{{Index: 0, Go: true}}},
		{"Kept", nil},
	} {
		got := paramCallsOf(ssatest.Func(t, pkg, tc.fn))
		if len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("paramCallsOf(%s) = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
