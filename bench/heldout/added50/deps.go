//go:build tools

package corpusheld50

import (
	_ "github.com/VictoriaMetrics/VictoriaLogs/lib/logstorage"
	_ "github.com/pulumi/pulumi/pkg/v3/engine"
	_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	_ "golang.org/x/telemetry"
	_ "golang.org/x/tools/gopls/internal/protocol"
	_ "sigs.k8s.io/kueue/pkg/cache/hierarchy"
)
