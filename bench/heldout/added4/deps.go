//go:build tools

package corpusheld4

import (
	_ "github.com/eclipse/paho.mqtt.golang"
	_ "github.com/gorilla/websocket"
	_ "github.com/libp2p/go-libp2p-pubsub"
	_ "github.com/quic-go/quic-go"
	_ "github.com/sourcegraph/conc"
	_ "github.com/twmb/franz-go/pkg/kgo"
	_ "go.mongodb.org/mongo-driver/v2/mongo"
)
