// Command benchkit-backend is a benchmark driver program (neo4j-go-driver's
// benchkit-backend): a main package under a path element that names a
// benchmark is run by the module's developers against the code under
// test, and is not deployed.
package main

import "net/http"

func main() {
	go serve()
	select {}
}

func serve() {
	http.ListenAndServe(":9000", nil) // ok: a benchmark driver is not deployed
}
