package ctxflow

import (
	"go/importer"
	"go/token"
	"go/types"
	"testing"
)

func TestSibling(t *testing.T) {
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	lookup := func(path, typ, name string) *types.Func {
		t.Helper()
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatal(err)
		}
		if typ == "" {
			return pkg.Scope().Lookup(name).(*types.Func)
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(pkg.Scope().Lookup(typ).Type()), true, pkg, name)
		return obj.(*types.Func)
	}
	for _, tc := range []struct {
		path, typ, name, want string
	}{
		{"database/sql", "DB", "Query", "QueryContext"},
		{"database/sql", "Tx", "Exec", "ExecContext"},
		{"database/sql", "DB", "Ping", "PingContext"},
		{"os/exec", "", "Command", "CommandContext"},
		{"net/http", "", "NewRequest", "NewRequestWithContext"},
		{"net", "Dialer", "Dial", "DialContext"},
		{"database/sql", "DB", "QueryContext", ""}, // takes a context already
		{"database/sql", "DB", "Begin", ""},        // BeginTx is not Begin with a context first
		{"net/http", "", "Get", ""},                // no sibling
	} {
		sib, ok := Sibling(lookup(tc.path, tc.typ, tc.name))
		got := ""
		if ok {
			got = sib.Name()
		}
		if got != tc.want {
			t.Errorf("Sibling(%s.%s.%s) = %q, want %q", tc.path, tc.typ, tc.name, got, tc.want)
		}
	}
	if v, ok := ContextVariant("net.Dial"); !ok || v == "" {
		t.Errorf("ContextVariant(net.Dial) = %q, %v", v, ok)
	}
}
