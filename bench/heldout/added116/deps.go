//go:build tools

// kustomize-controller has only main and internal packages, none
// importable here (its api/... is a module of its own): go.mod's first
// require block keeps it.
package corpusheld116

import (
	_ "github.com/flannel-io/flannel/pkg/subnet/kube"
	_ "github.com/fluxcd/source-controller/tests/proxy"
	_ "github.com/getsops/sops/v3"
	_ "github.com/sigstore/fulcio/pkg/ca"
	_ "go.universe.tf/metallb/api/v1beta1"
)
