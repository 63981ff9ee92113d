package driver

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestTakeFloorFlag(t *testing.T) {
	fs, _ := newFlagSet(Config{Name: "conclint"})
	for _, tc := range []struct {
		args, rest []string
		floor      bool
	}{
		{[]string{"./..."}, []string{"./..."}, false},
		{[]string{"-floor", "./..."}, []string{"./..."}, true},
		{[]string{"--floor=true", "-tests=false", "std"}, []string{"-tests=false", "std"}, true},
		{[]string{"-C", "dir", "-floor", "p"}, []string{"-C", "dir", "p"}, true},
		{[]string{"-enable", "lockblock", "-floor=false", "p"}, []string{"-enable", "lockblock", "p"}, false},
		{[]string{"-json", "p", "-floor"}, []string{"-json", "p", "-floor"}, false}, // after the patterns: a pattern
		{[]string{"--", "-floor"}, []string{"--", "-floor"}, false},
	} {
		rest, floor := takeFloorFlag(fs, tc.args)
		if floor != tc.floor || !slices.Equal(rest, tc.rest) {
			t.Errorf("takeFloorFlag(%q) = %q, %v; want %q, %v", tc.args, rest, floor, tc.rest, tc.floor)
		}
	}
	if fs.Lookup(floorFlag) != nil {
		t.Errorf("-%s is in the flag set: it would show in the usage text", floorFlag)
	}
}

func TestFloorAnalyzerValid(t *testing.T) {
	if err := analysis.Validate(floorAnalyzers()); err != nil {
		t.Fatal(err)
	}
	if len(floorAnalyzer.FactTypes) == 0 {
		t.Fatal("floorAnalyzer declares no fact type: the runner would not build SSA for dependencies, and the floor would be too low")
	}
}
