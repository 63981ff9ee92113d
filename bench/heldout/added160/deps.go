//go:build tools

package corpusheld160

import (
	_ "github.com/celestiaorg/celestia-node/share/shwap/p2p/shrex/shrex_getter"
)
