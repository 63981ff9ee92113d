//go:build tools

package corpusheld137

import (
	_ "cloud.google.com/go/cloudsqlconn"
	_ "github.com/a-h/templ"
	_ "github.com/mgechev/revive/lint"
	_ "k8s.io/cloud-provider"
)
