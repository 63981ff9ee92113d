package dumptmp

import (
	"os"
	"testing"

	"github.com/conclint/conclint/internal/ssatest"
	"golang.org/x/tools/go/ssa"
)

func TestDump(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("SRC"))
	pkg := ssatest.Build(t, string(src))
	for _, m := range pkg.Members {
		if f, ok := m.(*ssa.Function); ok {
			f.WriteTo(os.Stdout)
		}
	}
}
