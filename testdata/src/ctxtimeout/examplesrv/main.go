// Command examplesrv is the same server in a package whose path has no
// element example, examples or _examples ("examplesrv" is a word of its
// own): deployed code, reported.
package main

import "net/http"

func main() {
	http.Handle("/metrics", http.NotFoundHandler())
	go serve()
	_ = http.ListenAndServe(":8080", nil) // want `http.ListenAndServe serves with a Server that has no ReadHeaderTimeout`
}

func serve() {
	srv := &http.Server{Addr: ":8081"}
	_ = srv.ListenAndServe() // want `\(\*http.Server\).ListenAndServe with no ReadHeaderTimeout nor ReadTimeout set`
}

// fetch is a client of a deployed program.
func fetch(url string) error {
	c := &http.Client{}
	resp, err := c.Get(url) // want `\(\*http.Client\).Get with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var _ = fetch
