package ctxtimeout

import (
	"crypto/tls"
	"errors"
	"net"
)

// A client of a daemon reached over a Unix socket or TCP, as docker's
// client is (proto "unix", "tcp").
type daemonClient struct {
	proto, addr string
	tls         *tls.Config
}

func (c *daemonClient) reset() { c.proto = "tcp" }

// Good: the case is taken only when the network is a Unix socket; the
// default case may reach another host.
func (c *daemonClient) dial() (net.Conn, error) {
	switch c.proto {
	case "unix":
		return net.Dial(c.proto, c.addr) // ok: case "unix": a local socket
	default:
		if c.tls != nil {
			return tls.Dial(c.proto, c.addr, c.tls) // want `tls\.Dial has no timeout`
		}
		return net.Dial(c.proto, c.addr) // want `net\.Dial has no timeout`
	}
}

// Bad: a call between the comparison and the dial may change the field.
func (c *daemonClient) dialAfterReset() (net.Conn, error) {
	if c.proto == "unix" {
		c.reset()
		return net.Dial(c.proto, c.addr) // want `net\.Dial has no timeout`
	}
	return nil, errors.New("not local")
}

var errNotLocal = errors.New("not a local socket")

// Good: a variable that every path to the dial has compared with "unix".
func dialLocalOnly(network, path string) (net.Conn, error) {
	if network != "unix" {
		return nil, errNotLocal
	}
	return net.Dial(network, path) // ok: network == "unix" here
}

// Bad: the comparison with "unix" does not guard the dial.
func dialEitherWay(network, path string) (net.Conn, error) {
	if network == "unix" {
		path = "/run/" + path
	}
	return net.Dial(network, path) // want `net\.Dial has no timeout`
}

// Good: docker's dialer shape, in a closure: c is loaded from the captured
// variable for the comparison and again for the dial.
func (c *daemonClient) dialer() func() (net.Conn, error) {
	return func() (net.Conn, error) {
		switch c.proto {
		case "unix":
			return net.Dial(c.proto, c.addr) // ok: case "unix": a local socket
		default:
			return net.Dial(c.proto, c.addr) // want `net\.Dial has no timeout`
		}
	}
}
