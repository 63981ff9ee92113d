package ctxdone

import (
	"context"
	"crypto/tls"
	"net"
)

// A client of a daemon reached over a Unix socket or TCP, as docker's
// client is (proto "unix", "tcp"; in an embedded struct, as there).
type daemonConfig struct {
	proto, addr string
}

type daemonClient struct {
	daemonConfig
	tls *tls.Config
}

// Good in the unix case: connecting a Unix socket does not wait on the
// peer (the kernel queues the connection or refuses it), so ctx has
// nothing to cancel. Bad elsewhere: a TCP connect or a TLS handshake
// (over any network) waits on the peer.
func (c *daemonClient) Open(ctx context.Context) (net.Conn, error) {
	switch c.proto {
	case "unix":
		return net.Dial(c.proto, c.addr) // ok: a Unix socket
	case "unix+tls":
		return tls.Dial("unix", c.addr, c.tls) // want `call to tls.Dial ignores ctx`
	default:
		return net.Dial(c.proto, c.addr) // want `call to net.Dial ignores ctx`
	}
}

// Good: a constant Unix network (and no fact: it cannot wait).
func AgentConn(ctx context.Context, path string) (net.Conn, error) {
	return net.Dial("unix", path) // ok: a Unix socket
}

// The same in a closure, as docker's client builds its dialer: c is
// loaded from the captured variable for the comparison and for the dial.
func (c *daemonClient) Dialer() func(context.Context) (net.Conn, error) {
	return func(ctx context.Context) (net.Conn, error) {
		switch c.proto {
		case "unix":
			return net.Dial(c.proto, c.addr) // ok: a Unix socket
		default:
			return net.Dial(c.proto, c.addr) // want `call to net.Dial ignores ctx`
		}
	}
}

// Good: a UDP "connect" sends nothing: it cannot wait on the peer.
func StatsdConn(ctx context.Context, addr string) (net.Conn, error) {
	return net.Dial("udp", addr) // ok: connectionless
}

// Good: a TCP connect to this machine (an empty host: kwok's port
// forward) completes or is refused at once.
func forwardLocal(ctx context.Context, port string) (net.Conn, error) {
	return net.Dial("tcp", ":"+port) // ok: the local system
}

// Bad: the near miss: a remote host.
func forwardRemote(ctx context.Context, host, port string) (net.Conn, error) {
	return net.Dial("tcp", host+":"+port) // want `call to net.Dial ignores ctx`
}
