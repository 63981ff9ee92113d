//go:build tools

package corpusheld152

import (
	_ "github.com/replicatedhq/troubleshoot/pkg/supportbundle"
)
