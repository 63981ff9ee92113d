//go:build tools

package corpustune10

import (
	_ "github.com/ClickHouse/clickhouse-go/v2"
	_ "github.com/elastic/go-elasticsearch/v8/esutil"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/google/go-containerregistry/pkg/v1/remote"
	_ "github.com/lib/pq"
	_ "github.com/sony/gobreaker/v2"
	_ "go.etcd.io/bbolt"
	_ "go.opentelemetry.io/otel/sdk/metric"
	_ "go.opentelemetry.io/otel/sdk/trace"
)
