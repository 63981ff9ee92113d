package helperfile

import "testing"

func compareMetadata(t *testing.T, got, want map[string]string) {
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
