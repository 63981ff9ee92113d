//go:build tools

package corpusheld49

import (
	_ "github.com/hashicorp/consul/agent/consul"
	_ "github.com/sagernet/sing"
	_ "github.com/sagernet/sing-box/route"
	_ "github.com/sagernet/sing-mux"
	_ "github.com/sagernet/sing-quic"
)
