// Command workbench only contains the word bench: it is a product command
// like any other.
package main

import "net/http"

func main() {
	go serve()
	select {}
}

func serve() {
	http.ListenAndServe(":9000", nil) // want `http\.ListenAndServe serves with a Server that has no ReadHeaderTimeout`
}
