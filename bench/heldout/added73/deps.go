//go:build tools

package corpusheld73

import (
	_ "github.com/dapr/kit/events/queue"
	_ "github.com/moby/swarmkit/v2/manager"
	_ "github.com/slackhq/nebula/udp"
)
