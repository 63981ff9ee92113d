//go:build tools

package corpusheld66

import (
	_ "github.com/CorentinB/warc"
	_ "github.com/EventStore/EventStore-Client-Go/esdb"
	_ "github.com/klauspost/reedsolomon"
	_ "github.com/protomaps/go-pmtiles/pmtiles"
	_ "github.com/tonistiigi/go-actions-cache"
	_ "github.com/zishang520/socket.io/clients/engine/v3"
	_ "github.com/zishang520/socket.io/v3/pkg/types"
	_ "go.mau.fi/util/exsync"
)
