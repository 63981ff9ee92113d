//go:build tools

package corpusheld86

import (
	_ "github.com/cri-o/cri-o/server/useragent"
	_ "github.com/influxdata/telegraf/agent"
)
