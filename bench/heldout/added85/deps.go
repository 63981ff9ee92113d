//go:build tools

package corpusheld85

import (
	_ "github.com/nsqio/nsq/nsqd"
)
