//go:build tools

package corpusheld56

import (
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/kafkaexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/prometheusremotewriteexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/pkg/stanza/adapter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/processor/deltatocumulativeprocessor"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/filelogreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/jaegerreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/kafkareceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/prometheusreceiver"
)
