//go:build tools

package corpusheld57

import (
	_ "github.com/docker/docker/container"
	_ "github.com/kyverno/chainsaw/pkg/engine"
	_ "k8s.io/cloud-provider-aws/pkg/providers/v1"
	_ "k8s.io/dynamic-resource-allocation/resourceslice"
	_ "tailscale.com/client/tailscale/v2"
)
