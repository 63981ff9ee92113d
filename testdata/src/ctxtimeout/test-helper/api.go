// Package testhelper (test-helper: testhelper with a separator) calls the
// management API of the broker a test started.
package testhelper

import "net/http"

// Queues lists the broker's queues for a test's assertions.
func Queues(base string) (int, error) {
	resp, err := http.Get(base + "/api/queues") // ok: a test helper
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
