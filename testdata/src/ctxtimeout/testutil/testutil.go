// Package testutil is a helper package that only tests import.
package testutil

import "net/http"

// Fetch uses http.DefaultClient: reported in a production package (see
// ../client.go), not in a test helper talking to a test server.
func Fetch(url string) (*http.Response, error) {
	return http.Get(url) // ok: test-only package
}
