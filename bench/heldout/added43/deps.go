//go:build tools

package corpusheld43

import (
	_ "github.com/anchore/go-sync"
	_ "github.com/anchore/syft/syft"
	_ "github.com/aquasecurity/trivy/pkg/parallel"
	_ "github.com/containerd/stargz-snapshotter/estargz"
	_ "github.com/containers/image/v5/docker"
	_ "github.com/distribution/distribution/v3/registry/storage"
	_ "github.com/facebookincubator/nvdtools/cvefeed"
	_ "github.com/gohugoio/hugo/deps"
	_ "github.com/klauspost/pgzip"
	_ "github.com/nektos/act/pkg/runner"
)
