//go:build tools

package corpusheld33

import (
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/storage/filestorage"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/pkg/batchpersignal"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/processor/groupbytraceprocessor"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/fluentforwardreceiver"
	_ "go.opentelemetry.io/collector/processor/memorylimiterprocessor"
	_ "go.opentelemetry.io/collector/receiver/receiverhelper"
)
