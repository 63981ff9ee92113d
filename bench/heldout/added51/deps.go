//go:build tools

package corpusheld51

import (
	_ "github.com/awslabs/soci-snapshotter/fs"
	_ "github.com/awslabs/soci-snapshotter/soci"
	_ "helm.sh/helm/v4/pkg/action"
	_ "istio.io/istio/pilot/pkg/xds"
	_ "istio.io/istio/pkg/kube/krt"
	_ "k8s.io/apiserver/pkg/server"
	_ "k8s.io/apiserver/pkg/storage/cacher"
	_ "sigs.k8s.io/cri-tools/pkg/framework"
	_ "sigs.k8s.io/metrics-server/pkg/storage"
)
