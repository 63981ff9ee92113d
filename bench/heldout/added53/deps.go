//go:build tools

package corpusheld53

import (
	_ "charm.land/bubbletea/v2"
	_ "charm.land/wish/v2"
	_ "github.com/argoproj/argo-workflows/v4/workflow/controller"
	_ "github.com/cloudnativelabs/kube-router/v2/pkg/controllers/netpol"
	_ "github.com/ray-project/kuberay/ray-operator/controllers/ray"
)
