//go:build tools

package corpusheld186

import (
	_ "github.com/nspcc-dev/neo-go/pkg/network"
	_ "github.com/polarismesh/polaris/service"
	_ "github.com/restic/rest-server"
	_ "sigs.k8s.io/karpenter/pkg/operator"
)
