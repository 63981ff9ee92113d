//go:build tools

package corpusheld185

import (
	_ "connectrpc.com/vanguard"
	_ "github.com/warpstreamlabs/bento/public/service"
)
