// Command performance only contains the word perf: it is an ordinary
// command whose server is deployed.
package main

import "net/http"

func main() {
	http.ListenAndServe(":8000", nil) // want `http.ListenAndServe serves with a Server that has no ReadHeaderTimeout`
}
