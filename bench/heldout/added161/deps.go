//go:build tools

package corpusheld161

import (
	_ "github.com/nictuku/dht"
	_ "github.com/praetorian-inc/fingerprintx/pkg/scan"
	_ "github.com/tedsuo/ifrit"
)
