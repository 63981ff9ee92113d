//go:build tools

package corpusheld88

import (
	_ "github.com/lni/dragonboat/v4"
	_ "github.com/smallnest/rpcx/server"
	_ "go.uber.org/cadence/worker"
)
