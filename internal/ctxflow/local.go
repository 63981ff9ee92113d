package ctxflow

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// LocalNetwork reports whether v, a network name used by the instruction
// at, is a Unix-domain network whatever it holds there: a constant
// ("unix"), each of a loop over []string{"unixgram", "unix"}, or a
// variable or field that a branch dominating at compared with one
// (switch c.proto { case "unix": net.Dial(c.proto, c.addr) }).
func LocalNetwork(v ssa.Value, at ssa.Instruction) bool {
	names, ok := ssax.ConstStringsAt(v, at)
	if !ok {
		return false
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "unix") {
			return false
		}
	}
	return true
}

// ConnectionlessNetwork reports whether v, a network name used by the
// instruction at, names a network whose dial sends nothing to the peer:
// UDP or raw IP ("udp", "udp4", "ip4:icmp", ...: a constant, each of a
// loop's constants, a variable a dominating branch compared with one, or
// the Network() of a *net.UDPAddr or *net.IPAddr). Dialing one only sets
// the socket's default peer; it cannot wait on an unresponsive host.
func ConnectionlessNetwork(v ssa.Value, at ssa.Instruction) bool {
	if call, ok := ssax.Unwrap(v).(*ssa.Call); ok {
		switch ssax.FullName(ssax.Callee(&call.Call)) {
		case "(*net.UDPAddr).Network", "(*net.IPAddr).Network":
			return true
		}
	}
	names, ok := ssax.ConstStringsAt(v, at)
	if !ok {
		return false
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "udp") && !strings.HasPrefix(n, "ip") {
			return false
		}
	}
	return true
}

// LocalConnect reports whether call connects a Unix-domain socket
// (net.Dial, net.DialTimeout or (*net.Dialer).Dial on a LocalNetwork), or
// a connectionless one (ConnectionlessNetwork): the kernel queues the
// connection or refuses it at once, or sends nothing, so the call does not
// wait on a peer, and a context has nothing to cancel. A TLS dial is not
// one: its handshake waits for the peer.
func LocalConnect(call ssa.CallInstruction) bool {
	com := call.Common()
	f := ssax.Callee(com)
	if f == nil {
		return false
	}
	netArg := 0
	switch ssax.FullName(f) {
	case "net.Dial", "net.DialTimeout":
	case "(*net.Dialer).Dial":
		netArg = 1 // after the receiver
	default:
		return false
	}
	return netArg < len(com.Args) && (LocalNetwork(com.Args[netArg], call) || ConnectionlessNetwork(com.Args[netArg], call))
}
