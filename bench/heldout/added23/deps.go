//go:build tools

package corpusheld23

import (
	_ "github.com/ThreeDotsLabs/watermill-amqp/v3/pkg/amqp"
	_ "github.com/ThreeDotsLabs/watermill-sql/v4/pkg/sql"
	_ "github.com/foxcpp/maddy"
	_ "github.com/internetarchive/gowarc"
	_ "github.com/livekit/server-sdk-go/v2"
	_ "github.com/nlnwa/gowarc/v3"
	_ "github.com/synadia-io/orbit.go/jetstreamext"
	_ "github.com/twmb/franz-go/pkg/kadm"
	_ "go.opentelemetry.io/collector/processor/batchprocessor"
	_ "go.opentelemetry.io/collector/receiver/otlpreceiver"
	_ "gocloud.dev/blob"
	_ "gocloud.dev/pubsub"
)
