package goroutineleak_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/goroutineleak"
	"github.com/conclint/conclint/internal/driver"
	"github.com/conclint/conclint/internal/drivertest"
)

// TestOnlyTestsReachTheFake runs the pass through the driver, on the test
// variant of a package as go vet does: a fake kept in a non-test file that
// only the package's tests make (otter's fakeSource) is test scaffolding,
// while the same loop on a type production code makes stays reported.
// analysistest cannot show this: it also analyzes the package without its
// tests, where the fake is merely dead code.
func TestOnlyTestsReachTheFake(t *testing.T) {
	files := map[string]string{
		"p/fake.go": `package p

type fakeSource struct{ ticks chan int }

func (f *fakeSource) init() {
	go func() {
		for range f.ticks {
		}
	}()
}

type realSource struct{ ticks chan int }

func (r *realSource) init() {
	go func() {
		for range r.ticks {
		}
	}()
}

// Pick only type-asserts a fake that a test made and handed in: that
// makes none.
func Pick(c any) any {
	if f, ok := c.(*fakeSource); ok {
		return f
	}
	return nil
}

// New is production code: it makes a realSource.
func New() any {
	r := &realSource{ticks: make(chan int)}
	r.init()
	return r
}
`,
		"p/p_test.go": `package p

import "testing"

func TestFake(t *testing.T) {
	f := &fakeSource{ticks: make(chan int)}
	f.init()
}
`,
	}
	out, errOut, code := drivertest.Run(t, []*analysis.Analyzer{goroutineleak.Analyzer}, files)
	if code != driver.ExitFindings || !strings.Contains(out, "p/fake.go:16:3: goroutineleak: range over r.ticks blocks forever") {
		t.Errorf("exit %d; want the realSource loop reported, got stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if strings.Contains(out, "f.ticks") {
		t.Errorf("the fake that only the tests make is reported:\n%s", out)
	}
}
