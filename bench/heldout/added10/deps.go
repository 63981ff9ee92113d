//go:build tools

package corpusheld10

import (
	_ "fortio.org/fortio/fhttp"
	_ "github.com/Shopify/toxiproxy/v2"
	_ "github.com/jellydator/ttlcache/v3"
	_ "github.com/prometheus/prometheus/tsdb"
	_ "github.com/reugn/go-quartz/quartz"
	_ "github.com/tsenart/vegeta/v12/lib"
	_ "github.com/xtaci/kcp-go/v5"
	_ "github.com/xtaci/smux"
)
