//go:build tools

package corpusheld203

import (
	_ "github.com/DataDog/datadog-agent/pkg/logs/client"
	_ "github.com/DataDog/datadog-agent/pkg/logs/sender/http"
	_ "github.com/DataDog/datadog-agent/pkg/metrics"
	_ "github.com/DataDog/datadog-agent/pkg/remoteconfig/state"
	_ "github.com/DataDog/datadog-agent/pkg/serializer/marshaler"
	_ "gopkg.in/DataDog/dd-trace-go.v1/ddtrace/tracer"
)
