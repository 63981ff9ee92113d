//go:build tools

package corpusheld132

import (
	_ "github.com/polarismesh/polaris-go"
)
