package ssax

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestFullNameMatchesTypes(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedDeps | packages.NeedImports | packages.NeedName}, "net/http", "golang.org/x/tools/go/ssa", "sync", "context")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types == nil {
			return
		}
		sc := p.Types.Scope()
		check := func(f *types.Func) {
			n++
			want := f.FullName()
			if o := f.Origin(); o != nil {
				want = o.FullName()
			}
			if got := FullName(f); got != want {
				t.Errorf("FullName(%v) = %q, want %q", f, got, want)
			}
		}
		for _, name := range sc.Names() {
			switch o := sc.Lookup(name).(type) {
			case *types.Func:
				check(o)
			case *types.TypeName:
				if nt, ok := o.Type().(*types.Named); ok {
					for i := 0; i < nt.NumMethods(); i++ {
						check(nt.Method(i))
					}
					if it, ok := nt.Underlying().(*types.Interface); ok {
						for i := 0; i < it.NumMethods(); i++ {
							check(it.Method(i))
						}
					}
				}
			}
		}
	})
	t.Logf("%d functions", n)
}
