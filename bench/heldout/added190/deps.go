//go:build tools

package corpusheld190

import (
	_ "github.com/fluxcd/pkg/artifact/server"
	_ "github.com/fluxcd/pkg/gittestserver"
	_ "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	_ "k8s.io/cli-runtime/pkg/resource"
	_ "k8s.io/component-helpers/apimachinery/lease"
	_ "k8s.io/cri-client/pkg"
	_ "k8s.io/streaming/pkg/httpstream/spdy"
	_ "sigs.k8s.io/release-utils/http"
)
