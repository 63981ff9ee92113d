//go:build tools

package corpusheld159

import (
	_ "github.com/ThreeDotsLabs/watermill-nats/v2/pkg/nats"
	_ "github.com/saracen/fastzip"
	_ "github.com/transparency-dev/serverless-log/client"
	_ "github.com/xiaokangwang/VLite/workers/server"
)
