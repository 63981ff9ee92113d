//go:build tools

package corpusheld195

import (
	_ "github.com/fluxcd/pkg/kustomize"
	_ "github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/await/condition"
	_ "k8s.io/controller-manager/app"
	_ "sigs.k8s.io/controller-tools/pkg/loader"
	_ "sigs.k8s.io/kubebuilder/v4/pkg/cli"
	_ "sigs.k8s.io/kustomize/api/krusty"
)
