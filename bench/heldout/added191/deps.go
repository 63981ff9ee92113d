//go:build tools

package corpusheld191

import (
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/clickhouseexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/bearertokenauthextension"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/observer/ecsobserver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/oidcauthextension"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/processor/cumulativetodeltaprocessor"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/awsecscontainermetricsreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/collectdreceiver"
	_ "go.opentelemetry.io/collector/receiver/receivertest"
)
