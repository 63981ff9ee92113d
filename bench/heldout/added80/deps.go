//go:build tools

package corpusheld80

import (
	_ "github.com/dolthub/dolt/go/store/nbs"
)
