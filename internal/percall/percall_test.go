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
		CallRecord("lib.PerListener", Each, nil),
		CallRecord("lib.PerListenerVia", EachVia, []string{"mid.Start"}),
		CallRecord("lib.PerListenerViaMany", EachVia, []string{"mid.Serve"}),
	} {
		if !c.Add(rec) {
			t.Fatalf("Add(%q) = false", rec)
		}
	}
	for _, bad := range []string{"", "lib.F", "lib.F sometimes", "lib.F via", "lib.F once extra", "lib.F eachvia", "lib.F each extra"} {
		if c.Add(bad) {
			t.Errorf("Add(%q) = true, want a malformed record refused", bad)
		}
	}
	for _, tc := range []struct {
		entries []string
		want    bool
		worker  bool
	}{
		{[]string{"lib.Once"}, true, false},
		{[]string{"lib.Twice"}, false, false},               // one call in a loop
		{[]string{"lib.Uncalled"}, false, false},            // a library's API: nothing in the run calls it
		{[]string{"lib.Once", "lib.Uncalled"}, true, false}, // the program's one use decides
		{[]string{"lib.Once", "lib.Twice"}, false, false},   // any call more than once keeps it
		{[]string{"lib.ViaOnce"}, true, false},              // through another package's entry main calls once
		{[]string{"lib.ViaMany"}, false, false},             // through one a handler calls
		{[]string{"lib.ViaUncalled"}, false, false},         // through one nothing calls
		{[]string{"lib.Cycle"}, false, false},               // entries calling each other only
		{nil, false, false},
		// one per configured element of start-up code: bounded for a
		// worker, still one blocked goroutine per element otherwise
		{[]string{"lib.PerListener"}, true, true},
		{[]string{"lib.PerListener"}, false, false},
		{[]string{"lib.PerListenerVia"}, true, true},
		{[]string{"lib.PerListenerVia"}, false, false},
		{[]string{"lib.PerListenerViaMany"}, false, true}, // the start-up code itself runs per request
		{[]string{"lib.Once"}, true, true},
		{[]string{"lib.Twice"}, false, true},
	} {
		kind := Blocked
		if tc.worker {
			kind = Worker
		}
		entries, _, _ := ParseFindingRecord(FindingRecord(kind, tc.entries, "msg"))
		if got := c.Settle(entries); got != tc.want {
			t.Errorf("Settle(%v, %s) = %v, want %v", tc.entries, kind, got, tc.want)
		}
	}
	if c.Settle("lib.Once") || c.Settle("sometimes lib.Once") {
		t.Errorf("Settle of a record without a known kind = true, want false")
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
	entries, msg, ok := ParseFindingRecord(FindingRecord(Worker, []string{"b.F", "a.G"}, "the finding: a\\nb"))
	if !ok || entries != "worker a.G b.F" || msg != "the finding: a\\nb" {
		t.Errorf("got %q, %q, %v", entries, msg, ok)
	}
}
