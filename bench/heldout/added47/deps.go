//go:build tools

package corpusheld47

import (
	_ "github.com/lightningnetwork/lnd/actor"
	_ "github.com/lightningnetwork/lnd/htlcswitch"
	_ "github.com/lightningnetwork/lnd/queue"
	_ "github.com/lightningnetwork/lnd/ticker"
	_ "github.com/seaweedfs/seaweedfs/weed/wdclient"
	_ "github.com/xtls/xray-core/app/dispatcher"
)
