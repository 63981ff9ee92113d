//go:build tools

package corpusheld126

import (
	_ "github.com/TwiN/g8/v2"
	_ "github.com/TwiN/gatus/v5/watchdog"
	_ "github.com/TwiN/gocache/v2"
	_ "github.com/mjl-/adns"
	_ "github.com/mjl-/bstore"
	_ "github.com/mjl-/mox/queue"
	_ "github.com/prometheus-community/pro-bing"
)
