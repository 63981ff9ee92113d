// Command jwtclient is an example program (its import path has an
// element examples): a demo that sends one request and exits, not
// deployed code. Its requests are not reported; the same request in a
// library (Spawn in siblings.go) is.
package main

import (
	"context"
	"net/http"
	"time"
)

func fetch(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil) // ok: an example program
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = fetch(ctx, "https://localhost:8443/")
}
