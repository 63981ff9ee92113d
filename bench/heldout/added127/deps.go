//go:build tools

package corpusheld127

import (
	_ "github.com/cerbos/cerbos/cmd/cerbos"
)
