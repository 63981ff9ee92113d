// Command autobahn is a WebSocket library's harness for the Autobahn
// conformance test suite (gobwas/ws's, nbio's reporter): it serves the
// suite's report for a developer to browse, and is not a server users
// deploy.
package main

import (
	"flag"
	"net/http"
)

var web = flag.String("http", "", "serve the report here")

func main() {
	flag.Parse()
	if *web != "" {
		http.Handle("/report/", http.FileServer(http.Dir(".")))
		http.ListenAndServe(*web, nil) // ok: a conformance suite's report viewer
	}
}
