// Command simple is an example program, as client_golang's
// examples/*/main.go are: documentation, not deployed code.
package main

import "net/http"

func main() {
	http.Handle("/metrics", http.NotFoundHandler())
	go serve()
	_ = http.ListenAndServe(":8080", nil) // ok: an example program (passutil.ExampleCode)
}

func serve() {
	srv := &http.Server{Addr: ":8081"}
	_ = srv.ListenAndServe() // ok: an example program
}

// fetch is a client of an example program.
func fetch(url string) error {
	c := &http.Client{}
	resp, err := c.Get(url) // ok: an example program
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var _ = fetch
