//go:build tools

package corpusheld8

import (
	_ "github.com/aerospike/aerospike-client-go/v8"
	_ "github.com/alitto/pond/v2"
	_ "github.com/apache/pulsar-client-go/pulsar"
	_ "github.com/cloudwego/netpoll"
	_ "github.com/gammazero/workerpool"
	_ "github.com/go-redsync/redsync/v4"
	_ "github.com/go-zookeeper/zk"
	_ "github.com/mediocregopher/radix/v4"
	_ "github.com/nsqio/go-nsq"
	_ "github.com/prometheus/alertmanager/dispatch"
)
