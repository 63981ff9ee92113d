//go:build tools

package corpusheld153

import (
	_ "github.com/AlexxIT/go2rtc/internal/streams"
	_ "github.com/aceld/zinx/znet"
)
