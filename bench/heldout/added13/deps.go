//go:build tools

package corpusheld13

import (
	_ "github.com/bluele/gcache"
	_ "github.com/bradfitz/gomemcache/memcache"
	_ "github.com/coocood/freecache"
	_ "github.com/couchbase/gocbcore/v10"
	_ "github.com/go-kratos/kratos/v2/transport/grpc"
	_ "github.com/go-pg/pg/v10"
	_ "github.com/go-redis/cache/v9"
	_ "github.com/nats-io/jsm.go"
	_ "github.com/rabbitmq/rabbitmq-stream-go-client/pkg/stream"
	_ "github.com/uber/jaeger-client-go"
	_ "go.etcd.io/raft/v3"
)
