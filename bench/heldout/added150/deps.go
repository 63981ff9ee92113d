//go:build tools

package corpusheld150

import (
	_ "github.com/open-telemetry/opamp-go/client"
	_ "github.com/stacklok/toolhive/pkg/vmcp/server"
)
