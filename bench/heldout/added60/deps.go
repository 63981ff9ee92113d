//go:build tools

package corpusheld60

import (
	_ "github.com/anchore/grype/grype"
	_ "github.com/bufbuild/protocompile"
	_ "github.com/fluxcd/pkg/ssa"
	_ "github.com/go-git/go-git/v6"
	_ "go.podman.io/image/v5/oci/layout"
)
