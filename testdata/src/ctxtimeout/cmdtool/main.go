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
	fetchRelease(os.Args[3])
	go func() {
		watch(os.Args[4])
	}()
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

// fetchRelease runs only in main's foreground, like main's own calls.
func fetchRelease(url string) {
	resp, err := http.Get(url) // ok: called only from main.main, in the foreground
	if err == nil {
		resp.Body.Close()
	}
}

// watch runs in a goroutine main starts: a hang there is nobody's to see.
func watch(url string) {
	resp, err := http.Get(url) // want `http\.Get uses http\.DefaultClient`
	if err == nil {
		resp.Body.Close()
	}
}
