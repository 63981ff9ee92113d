//go:build tools

package corpusheld119

import (
	_ "github.com/filecoin-project/go-f3"
	_ "github.com/filecoin-project/go-jsonrpc"
	_ "github.com/filecoin-project/lotus/api"
)
