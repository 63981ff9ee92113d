package ctxflow

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssax"
)

// LocalNetwork reports whether v, a network name used by the instruction
// at, is a Unix-domain network whatever it holds there: a constant
// ("unix"), each of a loop over []string{"unixgram", "unix"}, or a
// variable or field that a branch dominating at compared with one
// (switch c.proto { case "unix": net.Dial(c.proto, c.addr) }).
func LocalNetwork(v ssa.Value, at ssa.Instruction) bool {
	return LocalNetworkFrom(v, at, nil)
}

// LocalNetworkFrom is LocalNetwork that also follows a parameter of a
// function the package only calls directly to what every call passes
// (networkNames).
func LocalNetworkFrom(v ssa.Value, at ssa.Instruction, sites *callees.Sites) bool {
	names, ok := networkNames(v, at, sites)
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
	return ConnectionlessNetworkFrom(v, at, nil)
}

// ConnectionlessNetworkFrom is ConnectionlessNetwork that also follows a
// parameter of a function the package only calls directly (networkNames).
func ConnectionlessNetworkFrom(v ssa.Value, at ssa.Instruction, sites *callees.Sites) bool {
	if call, ok := ssax.Unwrap(v).(*ssa.Call); ok {
		switch ssax.FullName(ssax.Callee(&call.Call)) {
		case "(*net.UDPAddr).Network", "(*net.IPAddr).Network":
			return true
		}
	}
	names, ok := networkNames(v, at, sites)
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
func LocalConnect(call ssa.CallInstruction) bool { return LocalConnectFrom(call, nil) }

// LocalConnectFrom is LocalConnect following the network through a
// parameter to the constants every call of its function passes
// (networkNames; sites may be nil).
func LocalConnectFrom(call ssa.CallInstruction, sites *callees.Sites) bool {
	network, ok := dialNetwork(call.Common())
	if !ok {
		return false
	}
	if addr, ok := dialAddress(call.Common()); ok && LocalDialAddr(addr) {
		return true // a server on this machine: the connect completes or is refused at once
	}
	return LocalNetworkFrom(network, call, sites) || ConnectionlessNetworkFrom(network, call, sites)
}

// dialAddress returns the address argument of a call of net.Dial,
// net.DialTimeout or (*net.Dialer).Dial.
func dialAddress(com *ssa.CallCommon) (ssa.Value, bool) {
	network, ok := dialNetwork(com)
	if !ok {
		return nil, false
	}
	for i, a := range com.Args {
		if a == network && i+1 < len(com.Args) {
			return com.Args[i+1], true
		}
	}
	return nil, false
}

// LoopbackAddr reports whether v is an address on the loopback
// interface (a listen or dial address): a constant, or a constant host
// prefix plus a port ("localhost:" + port, fmt.Sprintf("127.0.0.1:%d", p)).
func LoopbackAddr(v ssa.Value) bool {
	return ConstPrefixes(v, func(h string) bool {
		return strings.HasPrefix(h, "localhost:") || strings.HasPrefix(h, "127.") || strings.HasPrefix(h, "[::1]:")
	})
}

// LocalDialAddr reports whether v, the address of a dial, is on this
// machine: a loopback address, or one with an empty host (":8080",
// fmt.Sprintf(":%d", port)), which Dial takes as the local system. (As
// a listen address an empty host means every interface: not this.)
func LocalDialAddr(v ssa.Value) bool {
	return LoopbackAddr(v) || ConstPrefixes(v, func(h string) bool { return strings.HasPrefix(h, ":") })
}

// ConstPrefixes reports whether every constant v may hold, or the
// constant that starts it (the left operand of a concatenation, the format
// of fmt.Sprintf), satisfies ok.
func ConstPrefixes(v ssa.Value, ok func(string) bool) bool {
	for {
		b, isAdd := v.(*ssa.BinOp)
		if !isAdd || b.Op != token.ADD {
			break
		}
		v = b.X // "localhost:" + port: the host is the constant prefix
	}
	if call, isCall := v.(*ssa.Call); isCall && ssax.FullName(ssax.Callee(&call.Call)) == "fmt.Sprintf" && len(call.Call.Args) > 0 {
		v = call.Call.Args[0]
	}
	consts, known := ssax.ConstStrings(v)
	if !known || len(consts) == 0 {
		return false
	}
	for _, c := range consts {
		if !ok(c) {
			return false
		}
	}
	return true
}

// dialNetwork returns the network argument of a call of net.Dial,
// net.DialTimeout or (*net.Dialer).Dial (after the receiver).
func dialNetwork(com *ssa.CallCommon) (ssa.Value, bool) {
	netArg := 0
	switch ssax.FullName(ssax.Callee(com)) {
	case "net.Dial", "net.DialTimeout":
	case "(*net.Dialer).Dial":
		netArg = 1
	default:
		return nil, false
	}
	if netArg >= len(com.Args) {
		return nil, false
	}
	return com.Args[netArg], true
}

// LocalConnectVia reports whether dial, made inside the function that
// call calls directly, is a local or connectionless connect given the
// network call passes for it (r.dial("udp", addr) of func (r) dial(network,
// addr string) { net.Dial(network, addr) }), or whatever any call passes
// (LocalConnectFrom).
func LocalConnectVia(dial, call ssa.CallInstruction, sites *callees.Sites) bool {
	if LocalConnectFrom(dial, sites) {
		return true
	}
	network, ok := dialNetwork(dial.Common())
	if !ok || call == nil || call.Common().StaticCallee() != dial.Parent() {
		return false
	}
	p, ok := ssax.Unwrap(network).(*ssa.Parameter)
	if !ok {
		return false
	}
	for i, q := range dial.Parent().Params {
		if q == p && i < len(call.Common().Args) {
			arg := call.Common().Args[i]
			return LocalNetwork(arg, call) || ConnectionlessNetwork(arg, call)
		}
	}
	return false
}

// networkNames returns the constant strings v may hold at at
// (ssax.ConstStringsAt), or, when v is a parameter of a function that is
// not exported API, that the package never uses as a value, and that it
// calls at least once, the constants every call passes for it (const
// network = "udp"; sender.connect(network, url)).
func networkNames(v ssa.Value, at ssa.Instruction, sites *callees.Sites) ([]string, bool) {
	if names, ok := ssax.ConstStringsAt(v, at); ok {
		return names, true
	}
	p, ok := ssax.Unwrap(v).(*ssa.Parameter)
	if !ok || sites == nil || p.Parent() == nil {
		return nil, false
	}
	fn := p.Parent()
	if ssax.ExportedAPI(fn) || sites.Taken(fn) {
		return nil, false
	}
	index := -1
	for i, q := range fn.Params {
		if q == p {
			index = i
		}
	}
	calls := sites.Calls(fn)
	if index < 0 || len(calls) == 0 {
		return nil, false
	}
	var out []string
	for _, c := range calls {
		args := c.Common().Args
		if c.Common().IsInvoke() || index >= len(args) {
			return nil, false
		}
		names, ok := ssax.ConstStringsAt(args[index], c)
		if !ok {
			return nil, false
		}
		out = append(out, names...)
	}
	return out, true
}
