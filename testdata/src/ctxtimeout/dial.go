package ctxtimeout

import (
	"crypto/tls"
	"fmt"
	"net"
	"time"
)

func dialPlain(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // want `net\.Dial has no timeout and no deadline is set on the connection`
}

func dialTimeout(addr string) (net.Conn, error) {
	return net.DialTimeout("tcp", addr, 5*time.Second) // ok: DialTimeout
}

func dialThenDeadline(addr string) error {
	c, err := net.Dial("tcp", addr) // ok: the connection gets a deadline
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	_, err = c.Write([]byte("ping"))
	return err
}

func dialTLS(addr string) (*tls.Conn, error) {
	return tls.Dial("tcp", addr, nil) // want `tls\.Dial has no timeout`
}

func dialTLSWithDialer(addr string) (*tls.Conn, error) {
	return tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, nil) // ok: Dialer.Timeout
}

func dialZeroDialer(addr string) (net.Conn, error) {
	d := &net.Dialer{}
	return d.Dial("tcp", addr) // want `\(\*net\.Dialer\)\.Dial with a Dialer that has no Timeout`
}

func dialBoundedDialer(addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return d.Dial("tcp", addr) // ok: Dialer.Timeout
}

func dialUnixSocket() (net.Conn, error) {
	return net.Dial("unix", "/run/app.sock") // ok: a local Unix socket, not a remote peer
}

// Good: every network tried is a Unix-domain socket on this machine.
func dialLocalSyslog(path string) (net.Conn, error) {
	var err error
	for _, network := range []string{"unixgram", "unix"} {
		var c net.Conn
		c, err = net.Dial(network, path) // ok: local sockets only
		if err == nil {
			return c, nil
		}
	}
	return nil, err
}

// Good: a UDP "connect" sends nothing and waits on no host: it only sets
// the socket's default peer.
func dialStatsd(addr string) (net.Conn, error) {
	return net.Dial("udp", addr) // ok: connectionless
}

// Good: the same through the network of a resolved UDP address.
func dialResolvedUDP(addr string) (net.Conn, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, err
	}
	return net.Dial(ua.Network(), ua.String()) // ok: a *net.UDPAddr's network is "udp"
}

// Bad: the near miss: a TCP dial of the same address waits on the host.
func dialStatsdTCP(addr string) (net.Conn, error) {
	network := "tcp"
	return net.Dial(network, addr) // want `net\.Dial has no timeout`
}

// Good: a server on this machine: a loopback address.
func dialLocalAgent(port string) (net.Conn, error) {
	return net.Dial("tcp", "127.0.0.1:"+port) // ok: loopback
}

// Good: an empty host dials the local system (kwok's port forward to
// fmt.Sprintf(":%d", port)): a server on this machine.
func dialLocalPort(port int) (net.Conn, error) {
	return net.Dial("tcp", fmt.Sprintf(":%d", port)) // ok: the local system
}

// Bad: the near miss: a host the caller names may be remote.
func dialHostPort(host string, port int) (net.Conn, error) {
	return net.Dial("tcp", fmt.Sprintf("%s:%d", host, port)) // want `net\.Dial has no timeout`
}

// Bad: one of the networks tried reaches other hosts.
func dialAny(addr string) (net.Conn, error) {
	var err error
	for _, network := range []string{"unix", "tcp"} {
		var c net.Conn
		c, err = net.Dial(network, addr) // want `net\.Dial has no timeout`
		if err == nil {
			return c, nil
		}
	}
	return nil, err
}

// Client wraps a connection.
type Client struct{ conn net.Conn }

func newClient(c net.Conn) *Client { return &Client{conn: c} }

// DialClient is a constructor in the style of rpc.Dial: the connection is
// handed to the caller, who owns its deadlines.
func DialClient(addr string) (*Client, error) {
	c, err := net.Dial("tcp", addr) // ok: returned to the caller inside Client
	if err != nil {
		return nil, err
	}
	return newClient(c), nil
}

// DialRaw returns the connection itself.
func DialRaw(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // ok: the caller owns the connection
}

type statsSender struct{ conn net.Conn }

func (s *statsSender) connect(network, addr string) error {
	conn, err := net.Dial(network, addr) // ok: every call passes "udp"
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

// Good: the only call of connect binds its network to "udp".
func (s *statsSender) Enable(addr string) error {
	const network = "udp"
	return s.connect(network, addr)
}

type logSender struct{ conn net.Conn }

func (s *logSender) connect(network, addr string) error {
	conn, err := net.Dial(network, addr) // want `net\.Dial has no timeout`
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

// Bad: the near miss: one call binds the network to "tcp".
func (s *logSender) Enable(addr string, reliable bool) error {
	if reliable {
		return s.connect("tcp", addr)
	}
	return s.connect("udp", addr)
}
