//go:build tools

package corpusheld100

import (
	_ "github.com/AthenZ/athenz/libs/go/sia/agent"
	_ "github.com/notaryproject/notation-go"
	_ "github.com/open-policy-agent/gatekeeper/v3/pkg/audit"
	_ "github.com/u-root/u-root/pkg/dhclient"
	_ "sigs.k8s.io/gateway-api/pkg/features"
)
