// Package cobracmd is a command tree declared outside package main, as
// cobra programs usually are (package cmd): each command's Run is called
// once, for the command the process was invoked with.
package cobracmd

import (
	"errors"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

var rootCmd = &cobra.Command{Use: "tool"}

func init() {
	rootCmd.AddCommand(
		&cobra.Command{Use: "serve", RunE: runServe},
		&cobra.Command{Use: "soak", Run: runSoak},
		&cobra.Command{Use: "fetch", RunE: func(cmd *cobra.Command, args []string) error {
			return fetchAll(args, httpGet)
		}},
	)
}

func Execute() error { return rootCmd.Execute() }

// runServe starts the server's metrics pump once for the process, and
// returns early (leaving the pump and the listener's goroutine) when the
// listener fails: the process exits with the error.
func runServe(cmd *cobra.Command, args []string) error {
	startMetrics(time.Second)
	errs := make(chan error)
	go func() {
		errs <- http.ListenAndServe(":8080", nil) // ok: once per process, from the command's action
	}()
	if len(args) == 0 {
		return errors.New("no config")
	}
	return <-errs
}

// startMetrics's ticker goroutine is the process's one metrics pump.
func startMetrics(every time.Duration) {
	t := time.NewTicker(every)
	go func() {
		for range t.C { // ok: started once per process, from the command's action
			record()
		}
	}()
}

func record() {}

// runSoak starts a new monitor in each round of one invocation: they pile
// up while the command runs.
func runSoak(cmd *cobra.Command, args []string) {
	for range args {
		startMonitor(func() {})
	}
}

func startMonitor(check func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // want `goroutine started by cobracmd.startMonitor never ends`
			check()
		}
	}()
}

// fetchAll's action calls fetch once per argument: each call that returns
// on the timeout leaves its goroutine blocked on the send.
func fetchAll(urls []string, get func(string) error) error {
	for _, u := range urls {
		if err := fetch(u, get); err != nil {
			return err
		}
	}
	return nil
}

func fetch(url string, get func(string) error) error {
	res := make(chan error)
	go func() {
		res <- get(url) // want `goroutine can block forever in send on res`
	}()
	select {
	case err := <-res:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

func httpGet(url string) error {
	_, err := http.Get(url)
	return err
}

// handle serves a request of the server the command starts: per request,
// not per process, whatever package it is in.
func handle(w http.ResponseWriter, r *http.Request) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // want `goroutine started by cobracmd.handle never ends`
			_ = r.URL
		}
	}()
}

func init() { http.HandleFunc("/", handle) }
