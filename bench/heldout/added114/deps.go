//go:build tools

package corpusheld114

import (
	_ "github.com/buger/goreplay/proto"
	_ "github.com/fhmq/hmq/broker"
	_ "github.com/hdt3213/godis/database"
	_ "github.com/ledisdb/ledisdb/server"
	_ "github.com/oliver006/redis_exporter/exporter"
	_ "github.com/openfga/openfga/pkg/server"
	_ "github.com/prometheus/blackbox_exporter/prober"
	_ "github.com/prometheus/pushgateway/storage"
)
