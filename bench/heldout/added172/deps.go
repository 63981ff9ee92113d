//go:build tools

package corpusheld172

import (
	_ "github.com/radovskyb/watcher"
	_ "github.com/smartystreets/goconvey/convey"
	_ "github.com/vmihailenco/taskq/v3"
	_ "github.com/xitongsys/parquet-go/writer"
)
