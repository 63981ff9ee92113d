package noreturn

import (
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// has finds every name the fact lists, and no other, wherever the
// binary search's probes fall in the lines (one line, names of every
// length, a name that is a prefix of another).
func TestInputOnlyFactHas(t *testing.T) {
	pkg := types.NewPackage("p", "p")
	fn := func(name string) *types.Func {
		return types.NewFunc(token.NoPos, pkg, name, types.NewSignatureType(nil, nil, nil, nil, nil, false))
	}
	method := func(recv, name string, pointer bool) *types.Func {
		named := types.NewNamed(types.NewTypeName(token.NoPos, pkg, recv, nil), types.NewStruct(nil, nil), nil)
		var rt types.Type = named
		if pointer {
			rt = types.NewPointer(named)
		}
		sig := types.NewSignatureType(types.NewVar(token.NoPos, pkg, "r", rt), nil, nil, nil, nil, false)
		return types.NewFunc(token.NoPos, pkg, name, sig)
	}
	for _, names := range [][]string{
		{"A"},
		{"A", "AB", "ABC", "B", "Tag.Valid", "Zeta", "x.Get"},
		{"Get", "GetA", "GetAB", "GetB", "Msg.GetName", "Msg.Validate", "Msg.ValidateAll", "Other.Validate"},
	} {
		fact := &InputOnlyFact{Funcs: strings.Join(names, "\n") + "\n"}
		listed := map[string]bool{}
		for _, n := range names {
			listed[n] = true
			var f *types.Func
			if recv, name, ok := strings.Cut(n, "."); ok {
				f = method(recv, name, len(n)%2 == 0)
			} else {
				f = fn(n)
			}
			if !fact.has(f) {
				t.Errorf("%q: %s not found", fact.Funcs, n)
			}
		}
		for _, n := range []string{"", "0", "AA", "AC", "C", "Get0", "GetC", "Msg.Get", "Tag.Validate", "Zz", "Tag"} {
			if listed[n] {
				continue
			}
			if fact.has(fn(n)) {
				t.Errorf("%q: %s found", fact.Funcs, n)
			}
		}
	}
	// A method is named by its receiver's base type, pointer or not.
	fact := &InputOnlyFact{Funcs: "Ref.Check\n"}
	if !fact.has(method("Ref", "Check", true)) || !fact.has(method("Ref", "Check", false)) {
		t.Error("Ref.Check not found by its method")
	}
	if fact.has(fn("Check")) {
		t.Error("the function Check found as the method Ref.Check")
	}
}
