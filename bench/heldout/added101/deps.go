//go:build tools

package corpusheld101

import (
	_ "github.com/argoproj/argo-workflows/v3/workflow/executor"
	_ "github.com/dapr/dapr/pkg/runtime/pubsub"
	_ "github.com/ory/kratos/selfservice/sessiontokenexchange"
)
