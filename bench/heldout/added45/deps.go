//go:build tools

package corpusheld45

import (
	_ "github.com/cactus/go-statsd-client/v5/statsd"
	_ "github.com/failsafe-go/failsafe-go"
	_ "github.com/nexus-rpc/sdk-go/nexus"
	_ "github.com/temporalio/ringpop-go"
	_ "github.com/temporalio/tchannel-go"
	_ "go.temporal.io/server/common/persistence"
	_ "go.temporal.io/server/service/matching"
	_ "tailscale.com/derp"
	_ "tailscale.com/net/netcheck"
	_ "vitess.io/vitess/go/pools"
	_ "vitess.io/vitess/go/vt/discovery"
)
