//go:build tools

package corpusheld3

import (
	_ "github.com/ThreeDotsLabs/watermill"
	_ "github.com/centrifugal/centrifuge"
	_ "github.com/hashicorp/go-plugin"
	_ "github.com/hashicorp/yamux"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/panjf2000/ants/v2"
	_ "github.com/rabbitmq/amqp091-go"
	_ "github.com/redis/rueidis"
)
