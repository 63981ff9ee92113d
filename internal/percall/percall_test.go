package percall

import "testing"

func TestSettle(t *testing.T) {
	var c Calls
	for _, rec := range []string{
		CallRecord("lib.Once", Once, nil),
		CallRecord("lib.Twice", Once, nil),
		CallRecord("lib.Twice", Many, nil),
		CallRecord("lib.ViaOnce", Via, []string{"mid.Start"}),
		CallRecord("mid.Start", Once, nil),
		CallRecord("lib.ViaMany", Via, []string{"mid.Serve"}),
		CallRecord("mid.Serve", Many, nil),
		CallRecord("lib.ViaUncalled", Via, []string{"mid.Uncalled"}),
		CallRecord("lib.Cycle", Via, []string{"mid.Cycle"}),
		CallRecord("mid.Cycle", Via, []string{"lib.Cycle"}),
	} {
		if !c.Add(rec) {
			t.Fatalf("Add(%q) = false", rec)
		}
	}
	for _, bad := range []string{"", "lib.F", "lib.F sometimes", "lib.F via", "lib.F once extra"} {
		if c.Add(bad) {
			t.Errorf("Add(%q) = true, want a malformed record refused", bad)
		}
	}
	for _, tc := range []struct {
		entries []string
		want    bool
	}{
		{[]string{"lib.Once"}, true},
		{[]string{"lib.Twice"}, false},               // one call in a loop
		{[]string{"lib.Uncalled"}, false},            // a library's API: nothing in the run calls it
		{[]string{"lib.Once", "lib.Uncalled"}, true}, // the program's one use decides
		{[]string{"lib.Once", "lib.Twice"}, false},   // any call more than once keeps it
		{[]string{"lib.ViaOnce"}, true},              // through another package's entry main calls once
		{[]string{"lib.ViaMany"}, false},             // through one a handler calls
		{[]string{"lib.ViaUncalled"}, false},         // through one nothing calls
		{[]string{"lib.Cycle"}, false},               // entries calling each other only
		{nil, false},
	} {
		entries, _, _ := ParseFindingRecord(FindingRecord(tc.entries, "msg"))
		if got := c.Settle(entries); got != tc.want {
			t.Errorf("Settle(%v) = %v, want %v", tc.entries, got, tc.want)
		}
	}
}

func TestIsRecord(t *testing.T) {
	for cat, want := range map[string]bool{
		"goroutineleak/~finding":         true,
		"goroutineleak/~call":            true,
		"~call":                          true,
		"goroutineleak/abandoned-sender": false,
		"goroutineleak":                  false,
	} {
		if got := IsRecord(cat); got != want {
			t.Errorf("IsRecord(%q) = %v, want %v", cat, got, want)
		}
	}
}

func TestFindingRecordKeepsTheMessage(t *testing.T) {
	entries, msg, ok := ParseFindingRecord(FindingRecord([]string{"b.F", "a.G"}, "the finding: a\\nb"))
	if !ok || entries != "a.G b.F" || msg != "the finding: a\\nb" {
		t.Errorf("got %q, %q, %v", entries, msg, ok)
	}
}
