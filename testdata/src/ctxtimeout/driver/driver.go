// Package driver is a load driver for the echo test service: it imports
// the test service's package outside its tests, so it is test code.
package driver

import (
	"net/http"

	"example.com/echo/echo_testing"
)

// Hammer uses http.DefaultClient: reported in a production package (see
// ../client.go), not in a test driver.
func Hammer(url string) (echo_testing.Echo, error) {
	resp, err := http.Get(url) // ok: a test driver program
	if err != nil {
		return echo_testing.Echo{}, err
	}
	return echo_testing.Echo{Msg: resp.Status}, resp.Body.Close()
}
