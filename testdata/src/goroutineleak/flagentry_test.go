package goroutineleak

import "testing"

func TestShimTicker(t *testing.T) {
	startShimTicker(func(bool) {})
}
