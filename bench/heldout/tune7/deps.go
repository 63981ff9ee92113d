//go:build tools

package corpustune7

import (
	_ "github.com/allegro/bigcache/v3"
	_ "github.com/hashicorp/consul/api"
	_ "github.com/hashicorp/nomad/api"
	_ "github.com/libp2p/go-libp2p-kad-dht"
	_ "github.com/livekit/protocol/livekit"
	_ "github.com/tidwall/evio"
	_ "github.com/tidwall/redcon"
	_ "go.uber.org/fx"
)
