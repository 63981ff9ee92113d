//go:build tools

package corpusheld125

import (
	_ "github.com/antlabs/timer"
	_ "github.com/liftbridge-io/liftbridge/server"
	_ "github.com/liftbridge-io/nats-on-a-log"
	_ "github.com/lni/dragonboat/v3"
	_ "github.com/nutsdb/nutsdb"
	_ "github.com/rosedblabs/rosedb/v2"
	_ "github.com/rosedblabs/wal"
)
