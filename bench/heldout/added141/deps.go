//go:build tools

package corpusheld141

import (
	_ "github.com/anacrolix/dht/v2"
	_ "github.com/containers/gvisor-tap-vsock/pkg/virtualnetwork"
	_ "github.com/k3d-io/k3d/v5/pkg/client"
)
