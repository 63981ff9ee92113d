package ssax_test

import (
	"go/types"
	"slices"
	"testing"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/ssax"
)

func TestCallerFields(t *testing.T) {
	pkg := ssatest.Build(t, `package p

type Options struct {
	Endpoint string
	Nested   Nested
	Ptr      *Deep
	hidden   int
}

type Nested struct{ Value int }

type Deep struct{ Value int }

type Internal struct{ Value int }

type unexported struct{ Value int }

func New(o Options) {}

func NewPtr(o *Pointed, u unexported) {}

type Pointed struct{ Value int }

func build(i Internal) {}
`)
	got := ssax.CallerFields(pkg.Pkg, ssatest.Funcs(pkg))
	var names []string
	for f := range got {
		names = append(names, fieldOwner(pkg.Pkg, f)+"."+f.Name())
	}
	slices.Sort(names)
	// Internal is taken only by an unexported function, Deep only through
	// a pointer field (its values are not written in the caller's
	// literal), unexported and hidden are not the caller's to write.
	want := []string{"Nested.Value", "Options.Endpoint", "Options.Nested", "Options.Ptr", "Pointed.Value"}
	if !slices.Equal(names, want) {
		t.Errorf("CallerFields = %v, want %v", names, want)
	}
}

// fieldOwner names the struct type of pkg that declares f.
func fieldOwner(pkg *types.Package, f *types.Var) string {
	for _, name := range pkg.Scope().Names() {
		tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for i := 0; i < st.NumFields(); i++ {
				if st.Field(i) == f {
					return name
				}
			}
		}
	}
	return "?"
}
