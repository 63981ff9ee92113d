package fakeonly

import "testing"

func expectEqual(t *testing.T, a, b int) {
	if a != b {
		t.Errorf("%d != %d", a, b)
	}
}
