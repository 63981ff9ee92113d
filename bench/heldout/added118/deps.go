//go:build tools

package corpusheld118

import (
	_ "github.com/argoproj/argo-cd/v3/cmd"
)
