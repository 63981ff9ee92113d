package ctxflow

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Short local names for the shared capture helpers in ssax.
func storedValues(addr ssa.Value) []ssa.Value { return ssax.StoredValues(addr) }
func binding(fv *ssa.FreeVar) ssa.Value       { return ssax.Binding(fv) }
