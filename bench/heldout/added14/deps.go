//go:build tools

package corpusheld14

import (
	_ "github.com/cloudflare/tableflip"
	_ "github.com/containerd/fifo"
	_ "github.com/docker/go-events"
	_ "github.com/lxzan/gws"
	_ "github.com/nats-io/nats-streaming-server/server"
	_ "github.com/nxadm/tail"
	_ "github.com/rcrowley/go-metrics"
	_ "github.com/redpanda-data/benthos/v4/public/service"
	_ "github.com/sethvargo/go-retry"
)
