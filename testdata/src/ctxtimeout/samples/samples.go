// Package samples holds sample code of a client library, as a samples
// directory does: documentation written as code, not deployed.
package samples

import (
	"context"
	"net/http"
)

// ListStreams shows how to call the API.
func ListStreams(url string) error {
	c := &http.Client{}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req) // ok: sample code (passutil.ExampleCode)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
