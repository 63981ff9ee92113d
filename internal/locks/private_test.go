package locks

import (
	"go/types"
	"testing"
)

func TestPackagePrivate(t *testing.T) {
	pkg := types.NewPackage("example.com/a", "a")
	for _, tc := range []struct {
		class string
		want  bool
	}{
		{"(example.com/a.T).mu", true},
		{"(*example.com/a.T).mu", false}, // not a class the model makes
		{"(example.com/a.T).Mu", false},
		{"(example.com/a.T).RWMutex", false}, // embedded: Lock is promoted
		{"(example.com/a.T).inner.mu", true},
		{"(example.com/a.T).Inner.mu", false},
		{"(example.com/a.Map[K, V]).mu", true},
		{"(example.com/a/b.T).mu", false}, // another package under a's path
		{"(example.com/ab.T).mu", false},
		{"example.com/a.mu", true},
		{"example.com/a.Mu", false},
		{"example.com/ab.mu", false},
		{"", false},
	} {
		if got := PackagePrivate(tc.class, pkg); got != tc.want {
			t.Errorf("PackagePrivate(%q) = %v, want %v", tc.class, got, tc.want)
		}
	}
}
