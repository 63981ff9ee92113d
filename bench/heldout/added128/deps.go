//go:build tools

package corpusheld128

import (
	_ "github.com/RoaringBitmap/roaring/v2"
	_ "github.com/hashicorp/vault/sdk/plugin"
	_ "github.com/influxdata/influx-cli/v2/clients/write"
	_ "github.com/influxdata/influxdb/v2/pkg/durablequeue"
)
