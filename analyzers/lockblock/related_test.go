package lockblock_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/lockblock"
)

// TestRecursiveReadWriterRelated checks that a recursive read lock names
// a writer of the mutex that can come between the two read locks, as a
// related position (pubsub's pingStream, whose writer is recvMessages):
// without it the maintainer has to find the other half alone.
func TestRecursiveReadWriterRelated(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(t, testdata, lockblock.Analyzer, "lockblock")
	found := map[string]string{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, "recursive read locking") {
				continue
			}
			at := r.Pass.Fset.Position(d.Pos)
			for _, rel := range d.Related {
				if strings.HasPrefix(rel.Message, "a writer: ") {
					p := r.Pass.Fset.Position(rel.Pos)
					found[filepath.Base(at.Filename)+":"+strconv.Itoa(at.Line)] = filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line) + " " + rel.Message
				}
			}
		}
	}
	// relock.go's Get2 read-locks c.mu twice; Add write-locks it.
	if got := found["relock.go:58"]; got != "relock.go:23 a writer: (*Cache).Add locks c.mu here" {
		t.Errorf("relock.go:58: writer %q", got)
	}
	// embeddedwriter.go's GetValue: the writer is the list's own Append,
	// not the other embedder's Set, which locks another object.
	if got := found["embeddedwriter.go:39"]; got != "embeddedwriter.go:46 a writer: (*listBinding).Append locks l.lock here" {
		t.Errorf("embeddedwriter.go:39: writer %q", got)
	}
	// readonly.go's SharedTable: nothing in the package write-locks it
	// (its class is exported, so it is still reported), and no writer is
	// named.
	if got, ok := found["readonly.go:49"]; ok {
		t.Errorf("readonly.go:49: a writer named where the package has none: %q", got)
	}
}
