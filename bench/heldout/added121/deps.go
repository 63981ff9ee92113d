//go:build tools

package corpusheld121

import (
	_ "github.com/v2fly/v2ray-core/v5/main/distro/all"
	_ "go-micro.dev/v4"
)
