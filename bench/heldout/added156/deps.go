//go:build tools

package corpusheld156

import (
	_ "github.com/transparency-dev/witness/omniwitness"
	_ "github.com/v2fly/hysteria/core/v2/server"
	_ "github.com/zishang520/socket.io/clients/socket/v3"
)
