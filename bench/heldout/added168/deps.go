//go:build tools

package corpusheld168

import (
	_ "github.com/projectdiscovery/fastdialer/fastdialer"
	_ "github.com/rancher/lasso/pkg/controller"
	_ "github.com/sigstore/timestamp-authority/pkg/server"
	_ "github.com/thanos-io/promql-engine/engine"
)
