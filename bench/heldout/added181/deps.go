//go:build tools

package corpusheld181

import (
	_ "cloud.google.com/go/alloydbconn"
	_ "cloud.google.com/go/pubsublite/pscompat"
	_ "cloud.google.com/go/spanner"
	_ "github.com/anchore/stereoscope"
	_ "github.com/hashicorp/cap/oidc"
	_ "go.k6.io/k6/lib/executor"
)
