//go:build tools

package corpusheld113

import (
	_ "github.com/influxdata/kapacitor/tick"
	_ "github.com/influxdata/kapacitor/udf/agent"
	_ "github.com/wavetermdev/waveterm/pkg/wcore"
)
