//go:build tools

package corpusheld158

import (
	_ "github.com/Jigsaw-Code/outline-sdk/x/smart"
	_ "github.com/Jigsaw-Code/outline-ss-server/service"
	_ "github.com/mackerelio/mackerel-agent/agent"
	_ "github.com/mudler/edgevpn/pkg/node"
)
