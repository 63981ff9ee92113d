package errgroupwait_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/errgroupwait"
	"github.com/conclint/conclint/internal/driver"
	"github.com/conclint/conclint/internal/drivertest"
)

// TestOnlyTestsReachTheFake runs the pass through the driver, on the test
// variant of a package as go vet does: a helper kept in a non-test file
// that only the package's tests call is test scaffolding, while the same
// code that production calls stays reported. analysistest cannot show
// this: it also analyzes the package without its tests, where the helper
// is merely dead code.
func TestOnlyTestsReachTheFake(t *testing.T) {
	files := map[string]string{
		"p/helpers.go": `package p

import (
	"errors"
	"sync"
)

func load(k string) error {
	if k == "" {
		return errors.New("empty")
	}
	return nil
}

func loadForTest(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			if load(k) != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

func loadAll(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			if load(k) != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Load is production code: it calls loadAll.
func Load(keys []string) { loadAll(keys) }
`,
		"p/p_test.go": `package p

import "testing"

func TestLoad(t *testing.T) {
	loadForTest([]string{"a"})
}
`,
	}
	out, errOut, code := drivertest.Run(t, []*analysis.Analyzer{errgroupwait.Analyzer}, files)
	if code != driver.ExitFindings || !strings.Contains(out, "p/helpers.go:35:5: errgroupwait: goroutine returns here without calling wg.Done") {
		t.Errorf("exit %d; want loadAll's skipped Done reported, got stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if strings.Contains(out, "helpers.go:21:") {
		t.Errorf("the helper that only the tests call is reported:\n%s", out)
	}
}
