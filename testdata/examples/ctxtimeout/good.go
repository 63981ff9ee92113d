package ctxtimeout

import (
	"io"
	"net/http"
	"time"
)

// client is shared and bounded.
var client = &http.Client{Timeout: 10 * time.Second}

// StatusSafe uses a client with a timeout.
func StatusSafe(url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}
