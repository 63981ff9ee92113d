//go:build tools

package corpusheld180

import (
	_ "github.com/nbd-wtf/go-nostr"
	_ "github.com/statsig-io/go-sdk"
	_ "github.com/viccon/sturdyc"
)
