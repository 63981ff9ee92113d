package ctxtimeout

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

func getDefault(url string) {
	resp, err := http.Get(url) // want `http\.Get uses http\.DefaultClient, which has no timeout: a server that stops responding blocks this call forever`
	if err == nil {
		resp.Body.Close()
	}
}

func getDefaultClientDo(url string) {
	req, _ := http.NewRequest("GET", url, nil)
	resp, err := http.DefaultClient.Do(req) // want `\(\*http\.Client\)\.Do uses http\.DefaultClient`
	if err == nil {
		resp.Body.Close()
	}
}

func getDefaultWithDeadline(url string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req) // ok: the request's context has a deadline
	if err == nil {
		resp.Body.Close()
	}
}

func GetCallerCtx(ctx context.Context, url string) { // want GetCallerCtx:`netio\(param 0: \(\*http\.Client\)\.Do\)`
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req) // ok: the caller's context
	if err == nil {
		resp.Body.Close()
	}
}

func getBackgroundCtx(url string) {
	req, _ := http.NewRequestWithContext(context.Background(), "GET", url, nil)
	resp, err := http.DefaultClient.Do(req) // want `\(\*http\.Client\)\.Do is given a context with no deadline \(context\.Background\(\)\)`
	if err == nil {
		resp.Body.Close()
	}
}

func freshClient(url string) {
	c := &http.Client{}
	resp, err := c.Get(url) // want `\(\*http\.Client\)\.Get with a client that has no Timeout and a request with no deadline`
	if err == nil {
		resp.Body.Close()
	}
	resp, err = c.Get(url) // ok: reported once per client
	if err == nil {
		resp.Body.Close()
	}
}

func freshClientValue(url string) {
	var c http.Client
	resp, err := c.Post(url, "text/plain", nil) // want `\(\*http\.Client\)\.Post with a client that has no Timeout`
	if err == nil {
		resp.Body.Close()
	}
}

func clientWithTimeout(url string) {
	c := &http.Client{Timeout: 30 * time.Second}
	resp, err := c.Get(url) // ok: Client.Timeout
	if err == nil {
		resp.Body.Close()
	}
}

func clientZeroTimeout(url string) {
	c := &http.Client{Timeout: 0}
	resp, err := c.Get(url) // want `with a client that has no Timeout`
	if err == nil {
		resp.Body.Close()
	}
}

func clientTimeoutSetLater(url string, d time.Duration) {
	c := &http.Client{}
	c.Timeout = d
	resp, err := c.Get(url) // ok: Timeout stored after the literal
	if err == nil {
		resp.Body.Close()
	}
}

func clientWithTransport(url string) {
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 10 * time.Second}}
	resp, err := c.Get(url) // ok: the Transport bounds the wait for the response
	if err == nil {
		resp.Body.Close()
	}
}

func clientConfigured(url string) {
	c := &http.Client{}
	configure(c)
	resp, err := c.Get(url) // ok: configure may set a Timeout
	if err == nil {
		resp.Body.Close()
	}
}

func configure(c *http.Client) { c.Timeout = time.Minute }

func userClient(c *http.Client, url string) {
	resp, err := c.Get(url) // ok: a library uses the client its user gives it
	if err == nil {
		resp.Body.Close()
	}
}

// api keeps one client for its lifetime; New forgets the Timeout.
type api struct {
	hc   *http.Client
	base string
}

func newAPI(base string) *api {
	return &api{hc: &http.Client{}, base: base}
}

func (a *api) fetch(path string) ([]byte, error) {
	resp, err := a.hc.Get(a.base + path) // want `\(\*http\.Client\)\.Get with a client that has no Timeout`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// sharedAPI is the near miss: one shared client with a Timeout.
type sharedAPI struct {
	hc *http.Client
}

func newSharedAPI() *sharedAPI {
	return &sharedAPI{hc: &http.Client{Timeout: 30 * time.Second}}
}

func (a *sharedAPI) fetch(url string) error {
	resp, err := a.hc.Get(url) // ok: every client stored in hc has a Timeout
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// lateAPI sets the Timeout through the field in another function.
type lateAPI struct {
	hc *http.Client
}

func newLateAPI() *lateAPI {
	a := &lateAPI{hc: &http.Client{}}
	a.hc.Timeout = time.Minute
	return a
}

func (a *lateAPI) fetch(url string) error {
	resp, err := a.hc.Get(url) // ok: hc.Timeout is set through the field
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var sharedClient = &http.Client{Timeout: 20 * time.Second}

func globalClient(url string) error {
	resp, err := sharedClient.Get(url) // ok: the shared client has a Timeout
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var bareClient = &http.Client{}

func globalBareClient(url string) error {
	resp, err := bareClient.Get(url) // want `with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// CodecOptions is handed in by the caller, who writes Client in its own
// literal (temporal's RemotePayloadCodecOptions): the client is the
// caller's, and so is its Timeout.
type CodecOptions struct {
	Endpoint string
	HTTP     HTTPOptions
	Client   http.Client
}

// HTTPOptions is nested in CodecOptions: the caller writes it in the same
// literal.
type HTTPOptions struct {
	Client http.Client
}

type Codec struct{ options CodecOptions }

func NewCodec(options CodecOptions) *Codec { return &Codec{options} }

func (c *Codec) encode() error {
	req, err := http.NewRequest(http.MethodPost, c.options.Endpoint, nil)
	if err != nil {
		return err
	}
	resp, err := c.options.Client.Do(req) // ok: the caller's client
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (c *Codec) decode() error {
	resp, err := c.options.HTTP.Client.Get(c.options.Endpoint) // ok: the caller's client, one struct deeper
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// FetchWith reads the client from a parameter's field.
func FetchWith(o CodecOptions) error {
	resp, err := o.Client.Get(o.Endpoint) // ok: the caller's client
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Settings has an exported client field, but no API of the package takes
// a Settings: every value of it is built here, zero client included.
type Settings struct {
	Client http.Client
}

var settings Settings

func fetchSettings(url string) error {
	resp, err := settings.Client.Get(url) // want `with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// codecInternal is built by this package only: its zero client is one this
// code made.
type codecInternal struct{ client http.Client }

func (c *codecInternal) encode(url string) error {
	resp, err := c.client.Get(url) // want `with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// ClientOptions carries a client by pointer: what the package stores into
// the field is judged, as for any pointer slot.
type ClientOptions struct{ Client *http.Client }

type Fetcher struct{ opts ClientOptions }

func NewFetcher(opts ClientOptions) *Fetcher {
	f := &Fetcher{opts}
	f.opts.Client = &http.Client{} // a default this package builds, with no Timeout
	return f
}

func (f *Fetcher) fetch(url string) error {
	resp, err := f.opts.Client.Get(url) // want `with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Good: a readiness poll of a server on this machine (the program's own,
// or its test's mock): a loopback URL is not a remote peer a network can
// black-hole.
func waitForLocal(port string) bool {
	req, err := http.NewRequest("GET", fmt.Sprintf("http://localhost:%s/ready", port), nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req) // ok: loopback
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Good: the same through http.Get on 127.0.0.1.
func pingLocal(port string) {
	resp, err := http.Get("http://127.0.0.1:" + port + "/ping") // ok: loopback
	if err == nil {
		resp.Body.Close()
	}
}

// Bad: the near miss: the same poll of a host the caller names.
func waitForHost(host, port string) bool {
	req, err := http.NewRequest("GET", fmt.Sprintf("http://%s:%s/ready", host, port), nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req) // want `\(\*http\.Client\)\.Do uses http\.DefaultClient`
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
