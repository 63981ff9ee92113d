// Command cmdtool shows how commands are treated: main.main runs once in
// the foreground, other functions may run in a daemon's loops.
package main

import (
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get(os.Args[1]) // ok: main.main of a command the user can interrupt
	if err == nil {
		resp.Body.Close()
	}
	go poll(os.Args[2])
	http.ListenAndServe(":8080", nil) // want `http\.ListenAndServe serves with a Server that has no ReadHeaderTimeout`
}

func poll(url string) {
	for {
		resp, err := http.Get(url) // want `http\.Get uses http\.DefaultClient`
		if err == nil {
			resp.Body.Close()
		}
	}
}
