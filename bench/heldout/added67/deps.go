//go:build tools

package corpusheld67

import (
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/prometheusexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/stefexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/healthcheckextension"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/otelarrowreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/stefreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/zipkinreceiver"
)
