//go:build tools

package corpusheld28

import (
	_ "github.com/ThreeDotsLabs/watermill-amqp/v2/pkg/amqp"
	_ "github.com/jackc/pglogrepl"
	_ "github.com/nats-io/natscli/cli"
	_ "github.com/riverqueue/river/riverdriver/riverdatabasesql"
	_ "github.com/synadia-io/orbit.go/counters"
	_ "github.com/synadia-io/orbit.go/kvcodec"
	_ "github.com/synadia-io/orbit.go/natsext"
	_ "github.com/syncthing/syncthing/lib/model"
	_ "maunium.net/go/mautrix"
	_ "zombiezen.com/go/sqlite/sqlitex"
)
