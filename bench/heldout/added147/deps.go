//go:build tools

package corpusheld147

import (
	_ "go.chromium.org/luci/cv/api/v1"
)
