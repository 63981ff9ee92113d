//go:build tools

package corpusheld157

import (
	_ "github.com/attestantio/vouch"
)
