//go:build tools

package corpusheld12

import (
	_ "github.com/Azure/go-amqp"
	_ "github.com/DataDog/datadog-go/v5/statsd"
	_ "github.com/avast/retry-go/v4"
	_ "github.com/gobwas/ws"
	_ "github.com/hashicorp/go-getter"
	_ "github.com/lestrrat-go/jwx/v3/jwk"
	_ "github.com/nats-io/stan.go"
	_ "github.com/pkg/sftp"
	_ "github.com/rqlite/gorqlite"
	_ "github.com/uber-go/tally/v4"
	_ "sigs.k8s.io/controller-runtime/pkg/manager"
)
