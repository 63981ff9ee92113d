//go:build tools

package corpusheld109

import (
	_ "github.com/argoproj/argo-rollouts/rollout"
	_ "github.com/gogf/gf/v2/net/ghttp"
)
