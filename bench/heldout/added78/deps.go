//go:build tools

package corpusheld78

import (
	_ "github.com/GoogleContainerTools/skaffold/v2/pkg/skaffold/runner"
)
