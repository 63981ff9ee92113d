//go:build tools

package corpusheld35

import (
	_ "github.com/bufbuild/buf/private/pkg/storage"
	_ "github.com/goreleaser/goreleaser/v2/pkg/context"
	_ "github.com/sqlc-dev/sqlc/pkg/cli"
	_ "golang.org/x/pkgsite"
	_ "golang.org/x/vuln/scan"
	_ "oras.land/oras/cmd/oras/root"
	_ "sigs.k8s.io/kind/pkg/cluster"
)
