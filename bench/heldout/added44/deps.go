//go:build tools

package corpusheld44

import (
	_ "github.com/cortexproject/cortex/pkg/distributor"
	_ "github.com/cortexproject/cortex/pkg/querier"
	_ "github.com/cortexproject/cortex/pkg/ring"
	_ "github.com/thanos-io/thanos/pkg/compact"
	_ "github.com/thanos-io/thanos/pkg/query"
	_ "github.com/thanos-io/thanos/pkg/receive"
	_ "github.com/thanos-io/thanos/pkg/store"
	_ "go.opentelemetry.io/collector/config/configgrpc"
	_ "go.opentelemetry.io/collector/config/confighttp"
	_ "go.opentelemetry.io/collector/exporter/exporterhelper"
	_ "go.opentelemetry.io/collector/exporter/otlpexporter"
	_ "go.opentelemetry.io/collector/exporter/otlphttpexporter"
	_ "go.opentelemetry.io/collector/otelcol"
	_ "go.opentelemetry.io/collector/service"
)
