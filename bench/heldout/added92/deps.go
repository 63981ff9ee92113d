//go:build tools

package corpusheld92

import (
	_ "github.com/Jeffail/tunny"
	_ "github.com/adjust/rmq/v5"
	_ "github.com/eapache/go-resiliency/breaker"
	_ "github.com/eko/gocache/lib/v4/cache"
	_ "github.com/mailgun/groupcache/v2"
	_ "github.com/tektoncd/pipeline/pkg/reconciler/pipelinerun"
	_ "knative.dev/eventing/pkg/broker/ingress"
)
