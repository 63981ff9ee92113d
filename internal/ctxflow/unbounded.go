package ctxflow

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Unbounded reports whether the outbound call c (a dial, an HTTP request, a
// database round trip, a process wait) provably has no deadline, and why:
// its context is rooted in Background or TODO with no deadline on any chain,
// or the API has none (net.Dial, http.Get on the default client, a command
// from exec.Command). A call whose deadline may come from a caller, a
// client's or dialer's configuration or a connection is not: absence of
// evidence is not evidence here.
func Unbounded(c *ssa.CallCommon) (why string, ok bool) {
	for _, a := range c.Args {
		if IsContext(a.Type()) {
			if AlwaysLacksDeadline(a, DeadlineQuery{}) {
				return "its context has no deadline", true
			}
			return "", false
		}
	}
	name := ssax.FullName(ssax.Callee(c))
	switch name {
	case "net.Dial", "crypto/tls.Dial":
		return name + " has no timeout", true
	case "net/http.Get", "net/http.Head", "net/http.Post", "net/http.PostForm":
		return "http.DefaultClient has no timeout", true
	case "(*net/http.Client).Get", "(*net/http.Client).Head", "(*net/http.Client).Post", "(*net/http.Client).PostForm":
		if g, ok := ssax.Unwrap(loadedGlobal(c.Args[0])).(*ssa.Global); ok && IsDefaultClient(g) {
			return "http.DefaultClient has no timeout", true
		}
	case "(*os/exec.Cmd).Run", "(*os/exec.Cmd).Wait", "(*os/exec.Cmd).Output", "(*os/exec.Cmd).CombinedOutput":
		if call, ok := ssax.Unwrap(c.Args[0]).(*ssa.Call); ok && ssax.FullName(ssax.Callee(&call.Call)) == "os/exec.Command" {
			return "a command made by exec.Command cannot be cancelled or timed out", true
		}
	}
	return "", false
}

// IsDefaultClient reports whether g is net/http's DefaultClient, which has
// no Timeout.
func IsDefaultClient(g *ssa.Global) bool {
	return g.Pkg != nil && g.Pkg.Pkg.Path() == "net/http" && g.Name() == "DefaultClient"
}

// loadedGlobal returns the global that v is loaded from, or v.
func loadedGlobal(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok {
		if g, ok := u.X.(*ssa.Global); ok {
			return g
		}
	}
	return v
}
