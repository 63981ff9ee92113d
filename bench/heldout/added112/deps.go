//go:build tools

package corpusheld112

import (
	_ "github.com/fullstorydev/grpcurl"
	_ "github.com/prometheus/node_exporter/collector"
)
