//go:build tools

package corpusheld97

import (
	_ "github.com/docker/buildx/build"
	_ "github.com/fluxcd/flux2/v2/pkg/bootstrap"
	_ "sigs.k8s.io/cluster-api/controllers/clustercache"
)
