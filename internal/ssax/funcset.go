package ssax

import (
	"fmt"
	"go/types"
	"regexp"
	"slices"
	"strings"
)

// FuncSet is a set of functions named as FullName prints them:
// "example.com/x.Wait", "(*example.com/db.Client).Call",
// "(example.com/db.Querier).Query". It is a flag.Value holding a
// comma-separated list, so that user configuration (extra blocking or
// network functions) reaches an analyzer through its Flags, as go/analysis
// drivers (go vet, nogo, golangci-lint) pass configuration. Set replaces
// the whole list.
type FuncSet struct {
	names []string // sorted, deduplicated
}

var funcNameRE = regexp.MustCompile(`^(\(\*?[^\s()*,]+\.[\pL_][\pL\pN_]*\)\.[\pL_][\pL\pN_]*|[^\s()*,]+\.[\pL_][\pL\pN_]*)$`)

// CheckFuncName reports whether name is a well-formed qualified function
// or method name, with an error saying what is expected when it is not.
func CheckFuncName(name string) error {
	if !funcNameRE.MatchString(name) {
		return fmt.Errorf("%q is not a qualified function name: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", name)
	}
	return nil
}

// Set replaces the set by the comma-separated names in s.
func (s *FuncSet) Set(list string) error {
	var names []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if err := CheckFuncName(n); err != nil {
			return err
		}
		names = append(names, n)
	}
	slices.Sort(names)
	s.names = slices.Compact(names)
	return nil
}

func (s *FuncSet) String() string {
	if s == nil {
		return ""
	}
	return strings.Join(s.names, ",")
}

// Get returns the names, sorted (flag.Getter).
func (s *FuncSet) Get() any { return slices.Clone(s.names) }

// Len is the number of names.
func (s *FuncSet) Len() int {
	if s == nil {
		return 0
	}
	return len(s.names)
}

// Has reports whether f (or its generic origin; type parameters of the
// receiver are ignored) is in the set.
func (s *FuncSet) Has(f *types.Func) bool {
	if s.Len() == 0 || f == nil {
		return false
	}
	_, found := slices.BinarySearch(s.names, stripTypeParams(FullName(f)))
	return found
}

// stripTypeParams turns "(*p.T[K]).M" into "(*p.T).M".
func stripTypeParams(name string) string {
	i := strings.IndexByte(name, '[')
	if i < 0 || !strings.HasPrefix(name, "(") {
		return name
	}
	j := strings.IndexByte(name[i:], ')')
	if j < 0 {
		return name
	}
	// The receiver's closing parenthesis follows the closing bracket.
	k := strings.LastIndexByte(name[:i+j], ']')
	if k < i {
		return name
	}
	return name[:i] + name[k+1:]
}
