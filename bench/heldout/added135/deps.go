//go:build tools

package corpusheld135

import (
	_ "github.com/btcsuite/btcwallet/wallet"
	_ "github.com/btcsuite/btcwallet/walletdb"
	_ "github.com/btcsuite/btcwallet/wtxmgr"
	_ "github.com/decred/dcrd/addrmgr/v3"
	_ "github.com/decred/dcrd/connmgr/v3"
	_ "github.com/decred/dcrd/database/v3"
	_ "github.com/decred/dcrd/mixing/mixclient"
	_ "github.com/decred/dcrd/peer/v3"
	_ "github.com/decred/dcrd/rpcclient/v8"
	_ "github.com/decred/dcrd/sampleconfig"
	_ "github.com/lightninglabs/neutrino"
	_ "github.com/lightninglabs/neutrino/cache"
)
