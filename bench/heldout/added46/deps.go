//go:build tools

package corpusheld46

import (
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/grafana/gomemcache/memcache"
	_ "github.com/grafana/mimir/pkg/ingester"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/twmb/franz-go/pkg/kfake"
)
