//go:build tools

package corpusheld70

import (
	_ "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer"
	_ "github.com/aerospike/aerospike-client-go"
	_ "go.opencensus.io/stats/view"
	_ "go.opentelemetry.io/otel/sdk/log"
	_ "storj.io/uplink"
)
