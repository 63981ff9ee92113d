package ctxtimeout

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAgainstHTTPTest(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	resp, err := http.Get(ts.URL) // ok: tests are bounded by go test -timeout
	if err == nil {
		resp.Body.Close()
	}
}
