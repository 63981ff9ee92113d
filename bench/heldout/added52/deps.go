//go:build tools

package corpusheld52

import (
	_ "github.com/dapr/components-contrib/common/component/kafka"
	_ "github.com/dapr/components-contrib/pubsub/rabbitmq"
	_ "github.com/derailed/k9s/internal/dao"
	_ "github.com/influxdata/influxdb/pkg/limiter"
	_ "github.com/metallb/frr-k8s/internal/controller"
	_ "github.com/weaveworks/eksctl/pkg/actions/nodegroup"
)
