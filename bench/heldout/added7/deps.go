//go:build tools

package corpusheld7

import (
	_ "github.com/apache/rocketmq-client-go/v2"
	_ "github.com/axllent/mailpit/server"
	_ "github.com/centrifugal/centrifuge-go"
	_ "github.com/gocql/gocql"
	_ "github.com/influxdata/influxdb-client-go/v2"
	_ "github.com/johannesboyne/gofakes3"
	_ "github.com/kurrent-io/KurrentDB-Client-Go/kurrentdb"
	_ "github.com/meilisearch/meilisearch-go"
)
