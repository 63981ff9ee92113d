//go:build tools

package corpusheld165

import (
	_ "cuelang.org/go/mod/modregistry"
	_ "decred.org/cspp/v2/coinjoin"
	_ "github.com/douyu/jupiter/pkg/core/application"
)
