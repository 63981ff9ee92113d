//go:build tools

package corpusheld151

import (
	_ "cloud.google.com/go/bigtable"
	_ "github.com/filecoin-project/go-state-types/migration"
	_ "k8s.io/kube-aggregator/pkg/apiserver"
	_ "k8s.io/kubectl/pkg/drain"
)
