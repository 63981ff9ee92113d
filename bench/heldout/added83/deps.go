//go:build tools

package corpusheld83

import (
	_ "github.com/uber/cadence/common/task"
	_ "github.com/uber/cadence/service/history"
	_ "github.com/uber/cadence/service/matching"
	_ "go-micro.dev/v5/server"
)
