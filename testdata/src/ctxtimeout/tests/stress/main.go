// Command stress is a test driver program: a main package under a tests
// directory runs the module's stress or regression tests, and is not
// deployed.
package main

import (
	"net/http"
	_ "net/http/pprof"
)

func main() {
	poll("http://localhost:6060/debug/pprof/")
	http.ListenAndServe(":6060", nil) // ok: a test program is not deployed
}

func poll(url string) {
	for i := 0; i < 10; i++ {
		resp, err := http.Get(url) // ok: test driver
		if err == nil {
			resp.Body.Close()
		}
	}
}
