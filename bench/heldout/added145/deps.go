//go:build tools

package corpusheld145

import (
	_ "github.com/gotd/td/telegram"
)
