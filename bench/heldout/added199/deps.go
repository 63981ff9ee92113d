//go:build tools

package corpusheld199

import (
	_ "github.com/DataDog/datadog-agent/pkg/opentelemetry-mapping-go/inframetadata"
	_ "github.com/DataDog/datadog-agent/pkg/status/health"
	_ "github.com/DataDog/datadog-agent/pkg/util/cgroups"
	_ "github.com/cilium/cilium/pkg/hubble/relay/observer"
	_ "github.com/opentofu/opentofu/internal/tofu"
)
