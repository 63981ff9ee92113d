//go:build tools

// The collector's cmd/builder has only main and internal packages, and
// contrib's internal/healthcheck is internal to contrib (healthcheckv2extension
// imports it): neither is importable here, and go.mod's first require
// block keeps both.
package corpusheld122

import (
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/cmd/telemetrygen/pkg/traces"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/healthcheckv2extension"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/hostmetricsreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/statsdreceiver"
	_ "go.opentelemetry.io/collector/exporter/debugexporter"
	_ "go.opentelemetry.io/collector/extension/zpagesextension"
)
