package ctxtimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// dialTimeoutFix rewrites net.Dial(network, addr) into
// net.DialTimeout(network, addr, 30*time.Second). It is offered only when
// it is purely mechanical: the call is written pkg.Dial(a, b) with pkg the
// net package, and the name time resolves to the time package at the call
// (no import to add, nothing shadowed).
func (c *checker) dialTimeoutFix(call *ssa.Call) []analysis.SuggestedFix {
	file := c.fileOf(call.Pos())
	if file == nil {
		return nil
	}
	var ce *ast.CallExpr
	ast.Inspect(file, func(n ast.Node) bool {
		if ce != nil {
			return false
		}
		if x, ok := n.(*ast.CallExpr); ok && x.Lparen == call.Pos() {
			ce = x
		}
		return ce == nil
	})
	if ce == nil || len(ce.Args) != 2 || ce.Ellipsis.IsValid() {
		return nil
	}
	sel, ok := ce.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	if pn, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); !ok || pn.Imported().Path() != "net" {
		return nil
	}
	scope := c.pass.TypesInfo.Scopes[file]
	if scope == nil {
		return nil
	}
	if inner := scope.Innermost(ce.Pos()); inner != nil {
		scope = inner
	}
	_, obj := scope.LookupParent("time", ce.Pos())
	if pn, ok := obj.(*types.PkgName); !ok || pn.Imported().Path() != "time" {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message: "use net.DialTimeout with a 30s timeout",
		TextEdits: []analysis.TextEdit{
			{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("DialTimeout")},
			{Pos: ce.Rparen, End: ce.Rparen, NewText: []byte(", 30*time.Second")},
		},
	}}
}

// fileOf returns the syntax tree of the file holding pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
