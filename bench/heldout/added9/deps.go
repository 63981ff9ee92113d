//go:build tools

package corpusheld9

import (
	_ "github.com/bsm/redislock"
	_ "github.com/go-kit/kit/sd"
	_ "github.com/grafana/dskit/ring"
	_ "github.com/looplab/fsm"
	_ "github.com/olivere/elastic/v7"
	_ "github.com/sourcegraph/jsonrpc2"
	_ "github.com/thejerf/suture/v4"
	_ "github.com/zeromicro/go-zero/core/mr"
	_ "go.uber.org/ratelimit"
)
