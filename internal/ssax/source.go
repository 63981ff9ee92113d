package ssax

import (
	"go/ast"
	"go/token"
	"go/types"
	"runtime"
	"sync"
	"weak"
)

// Source renders SSA operands as they are written in the source. SSA built
// without debug information has no names for locals (a channel is "t7"),
// so Source indexes the package's syntax by the positions SSA instructions
// carry: the arrow of a send or receive, the range keyword, the '(' of a
// call.
type Source struct {
	files    []*ast.File
	once     sync.Once
	operands map[token.Pos]ast.Expr // channel operand by arrow / range position
	recvs    map[token.Pos]ast.Expr // method-call receiver by '(' position
}

// NewSource returns a Source over files; the index is built on first use,
// once, and is then safe for concurrent use.
func NewSource(files []*ast.File) *Source { return &Source{files: files} }

// sources shares one Source per package among the core's summaries and
// the passes (each used to build its own index of the same files: on a
// large package, one of the larger things in memory while it was
// analyzed). Weak at both ends, as callees' registry: it keeps neither
// the syntax nor the Source alive.
var sources sync.Map // weak.Pointer[ast.File] -> weak.Pointer[Source]

// SourceOf returns the package's shared Source over files (a pass's
// Files), making it on first use.
func SourceOf(files []*ast.File) *Source {
	if len(files) == 0 {
		return NewSource(files)
	}
	key := weak.Make(files[0])
	if v, ok := sources.Load(key); ok {
		if s := v.(weak.Pointer[Source]).Value(); s != nil && len(s.files) == len(files) {
			return s
		}
	}
	s := NewSource(files)
	sources.Store(key, weak.Make(s))
	runtime.AddCleanup(s, func(key weak.Pointer[ast.File]) { sources.Delete(key) }, key)
	return s
}

func (s *Source) index() { s.once.Do(s.build) }

func (s *Source) build() {
	s.operands = map[token.Pos]ast.Expr{}
	s.recvs = map[token.Pos]ast.Expr{}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SendStmt:
				s.operands[n.Arrow] = n.Chan
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					s.operands[n.OpPos] = n.X
				}
			case *ast.RangeStmt:
				s.operands[n.For] = n.X
				s.operands[n.TokPos] = n.X
			case *ast.CallExpr:
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					s.recvs[n.Lparen] = sel.X
				}
			}
			return true
		})
	}
}

// ChanOperand returns the channel expression of the send, receive or range
// at pos, as written.
func (s *Source) ChanOperand(pos token.Pos) (string, bool) {
	if s == nil || !pos.IsValid() {
		return "", false
	}
	s.index()
	e, ok := s.operands[pos]
	if !ok {
		return "", false
	}
	return types.ExprString(e), true
}

// Receiver returns the receiver expression of the method call whose '(' is
// at lparen ("s.mu" in s.mu.Lock()), as written.
func (s *Source) Receiver(lparen token.Pos) (string, bool) {
	if s == nil || !lparen.IsValid() {
		return "", false
	}
	s.index()
	e, ok := s.recvs[lparen]
	if !ok {
		return "", false
	}
	return types.ExprString(e), true
}
