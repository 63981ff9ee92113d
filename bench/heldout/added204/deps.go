//go:build tools

package corpusheld204

import (
	_ "github.com/DataDog/datadog-agent/comp/forwarder/defaultforwarder"
	_ "github.com/DataDog/datadog-agent/pkg/logs/pipeline"
	_ "github.com/DataDog/datadog-agent/pkg/util/grpc"
	_ "github.com/DataDog/datadog-agent/pkg/util/http"
	_ "github.com/lightstep/lightstep-tracer-go"
	_ "sigs.k8s.io/cluster-api-provider-aws/v2/controllers"
)
