// Command perf is a client library's load generator (pulsar-client-go's
// perf, pulsar-perf-go): a main package under a path element that names
// one is run by the module's developers to measure the client, and its
// metrics endpoint is not a server users deploy.
package main

import "net/http"

func main() {
	go serve()
	select {}
}

func serve() {
	http.ListenAndServe(":8000", nil) // ok: a load generator is not deployed
}
