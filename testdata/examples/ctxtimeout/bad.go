// Package ctxtimeout shows the pitfall ctxtimeout reports (bad.go) beside
// the correct pattern (good.go).
package ctxtimeout

import (
	"io"
	"net/http"
)

// Status asks a server with the default client, which has no timeout: a
// server that never answers blocks the caller forever.
func Status(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}
