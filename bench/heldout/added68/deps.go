//go:build tools

package corpusheld68

import (
	_ "github.com/opencontainers/umoci"
	_ "github.com/slok/sloth/pkg/common/model"
	_ "go.podman.io/storage"
	_ "helm.sh/helm/v3/pkg/action"
	_ "sigs.k8s.io/sig-storage-lib-external-provisioner/v11/controller"
)
