package wake_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const rootsSrc = `package p

type T struct {
	n    int
	hook func()
}

func (t *T) Public() { t.inner() }

func (t *T) inner() { t.leaf() }

func (t *T) leaf() { t.n++ }

func (t *T) Start() { go t.loop() }

func (t *T) loop() { t.spawned() }

func (t *T) spawned() { t.n-- }

func (t *T) Now() { runNow(func() { t.viaNow() }) }

func runNow(f func()) { f() }

func (t *T) viaNow() {}

func (t *T) Later() { runLater(func() { t.viaLater() }) }

func runLater(f func()) { go f() }

func (t *T) viaLater() {}

func (t *T) Stored() { t.hook = func() { t.viaHook() } }

func (t *T) viaHook() {}


func orphan() {}

type runner interface{ run() }

type impl struct{}

func (*impl) run() { onlyByInterface() }

func onlyByInterface() {}

func Drive(r runner) { r.run() }

// lone's run does not implement runner: Drive cannot run it.
type lone struct{}

func (*lone) run(int) {}
`

func TestGoroutineRoots(t *testing.T) {
	pkg := ssatest.Build(t, rootsSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		fn          string
		onlyCallers bool
		spawned     bool
		unknown     bool
	}{
		{"(*T).leaf", true, false, false},       // Public → inner → leaf
		{"(*T).spawned", false, true, false},    // go t.loop()
		{"(*T).viaNow", true, false, false},     // a literal runNow runs in place
		{"(*T).viaLater", false, true, false},   // a literal runLater starts
		{"(*T).viaHook", false, false, true},    // a literal stored in a field
		{"orphan", false, false, true},          // no caller
		{"onlyByInterface", true, false, false}, // impl.run through runner.run in Drive
	} {
		r := m.GoroutineRoots(ssatest.Func(t, pkg, tc.fn))
		if r.OnlyCallers() != tc.onlyCallers || (len(r.Spawns) > 0) != tc.spawned || r.Unknown != tc.unknown {
			t.Errorf("GoroutineRoots(%s) = %+v: OnlyCallers %v, spawned %v, unknown %v; want %v, %v, %v",
				tc.fn, r, r.OnlyCallers(), len(r.Spawns) > 0, r.Unknown, tc.onlyCallers, tc.spawned, tc.unknown)
		}
	}
}
