//go:build tools

package corpusheld11

import (
	_ "github.com/VictoriaMetrics/fastcache"
	_ "github.com/VictoriaMetrics/metrics"
	_ "github.com/Workiva/go-datastructures/queue"
	_ "github.com/apache/thrift/lib/go/thrift"
	_ "github.com/asynkron/protoactor-go/actor"
	_ "github.com/cschleiden/go-workflows/worker"
	_ "github.com/go-resty/resty/v2"
	_ "github.com/olahol/melody"
	_ "github.com/patrickmn/go-cache"
	_ "github.com/syndtr/goleveldb/leveldb"
	_ "golang.zx2c4.com/wireguard/device"
)
