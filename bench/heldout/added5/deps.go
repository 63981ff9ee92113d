//go:build tools

package corpusheld5

import (
	_ "github.com/coder/websocket"
	_ "github.com/dgraph-io/ristretto/v2"
	_ "github.com/eclipse/paho.golang/autopaho"
	_ "github.com/go-co-op/gocron/v2"
	_ "github.com/hashicorp/go-memdb"
	_ "github.com/hibiken/asynq"
	_ "github.com/jackc/puddle/v2"
	_ "github.com/livekit/psrpc"
	_ "github.com/robfig/cron/v3"
)
